namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>Encodes the NTLM AUTHENTICATE_MESSAGE (MS-NLMP §2.2.1.3): the fixed header
    /// (Signature, MessageType 3, six security buffers, NegotiateFlags, Version when
    /// negotiated) and the payload in the order Windows writes it (DomainName, UserName,
    /// Workstation, LmChallengeResponse, NtChallengeResponse, EncryptedRandomSessionKey).
    /// No MIC field: this phone does not send one (see the README).</summary>
    public static class NtlmAuthenticateMessage
    {
        public static byte[] Encode(uint flags, byte[] lmResponse, byte[] ntResponse, string domain, string user,
            string workstation, byte[] encryptedRandomSessionKey, byte[] version)
        {
            if (!NtlmFlags.Has(flags, NtlmFlags.Unicode)) throw new System.ArgumentException("only Unicode AUTHENTICATE messages are built");
            bool hasVersion = NtlmFlags.Has(flags, NtlmFlags.Version);
            if (hasVersion && (version == null || version.Length != 8)) throw new System.ArgumentException("Version must be 8 bytes when negotiated");
            byte[] dom = NtlmV2.Unicode(domain ?? "");
            byte[] usr = NtlmV2.Unicode(user ?? "");
            byte[] wks = NtlmV2.Unicode(workstation ?? "");
            byte[] lm = lmResponse ?? new byte[0];
            byte[] nt = ntResponse ?? new byte[0];
            byte[] key = encryptedRandomSessionKey ?? new byte[0];
            int header = hasVersion ? 72 : 64;
            int total = header + dom.Length + usr.Length + wks.Length + lm.Length + nt.Length + key.Length;
            if (dom.Length > 0xFFFF || usr.Length > 0xFFFF || wks.Length > 0xFFFF || lm.Length > 0xFFFF || nt.Length > 0xFFFF || key.Length > 0xFFFF)
                throw new System.ArgumentException("an AUTHENTICATE field is longer than 65535 bytes");
            byte[] m = new byte[total];
            byte[] sig = new byte[] { 0x4E, 0x54, 0x4C, 0x4D, 0x53, 0x53, 0x50, 0x00 };
            System.Array.Copy(sig, m, 8);
            NtlmV2.WriteUInt32(m, 8, 3);
            int payload = header;
            payload = Put(m, 28, dom, payload);     // DomainNameFields
            payload = Put(m, 36, usr, payload);     // UserNameFields
            payload = Put(m, 44, wks, payload);     // WorkstationFields
            payload = Put(m, 12, lm, payload);      // LmChallengeResponseFields
            payload = Put(m, 20, nt, payload);      // NtChallengeResponseFields
            Put(m, 52, key, payload);               // EncryptedRandomSessionKeyFields
            NtlmV2.WriteUInt32(m, 60, flags);
            if (hasVersion) System.Array.Copy(version, 0, m, 64, 8);
            return m;
        }

        // Writes a security buffer (Len, MaxLen, BufferOffset) at field and the bytes at offset.
        private static int Put(byte[] m, int field, byte[] data, int offset)
        {
            m[field] = (byte)data.Length;
            m[field + 1] = (byte)(data.Length >> 8);
            m[field + 2] = (byte)data.Length;
            m[field + 3] = (byte)(data.Length >> 8);
            NtlmV2.WriteUInt32(m, field + 4, (uint)offset);
            System.Array.Copy(data, 0, m, offset, data.Length);
            return offset + data.Length;
        }
    }
}
