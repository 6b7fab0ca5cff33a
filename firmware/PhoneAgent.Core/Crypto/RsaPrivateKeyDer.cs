using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.Crypto
{
    /// <summary>The PKCS#1 RSAPrivateKey encoding (RFC 8017 Appendix A.1.2), how the phone stores
    /// the LSC's key in its credential set, and the PKCS#8 PrivateKeyInfo wrapper around it
    /// (RFC 5208 §5) on reading. Two-prime keys only (version 0). The parts are unsigned
    /// big-endian bytes; the decoder copies them out of the DER and callers wipe what they no
    /// longer need. Never throws on bad input; nothing secret goes into an error text.</summary>
    public static class RsaPrivateKeyDer
    {
        public const int MaxDerLength = 8192;

        /// <summary>RSAPrivateKey { version 0, n, e, d, p, q, dP, dQ, qInv } in DER.</summary>
        public static byte[] Encode(byte[] modulus, byte[] exponent, byte[] d, byte[] p, byte[] q, byte[] dp, byte[] dq, byte[] qInv)
        {
            byte[][] parts = new byte[][] { modulus, exponent, d, p, q, dp, dq, qInv };
            for (int i = 0; i < parts.Length; i++) if (parts[i] == null) throw new System.ArgumentNullException("RSA key part " + i.ToString());
            DerWriter w = new DerWriter(MaxDerLength);
            w.BeginSequence();
            w.WriteInteger(0);
            for (int i = 0; i < parts.Length; i++) w.WriteIntegerUnsigned(parts[i]);
            w.End();
            return w.ToArray();
        }

        /// <summary>The eight parts n, e, d, p, q, dP, dQ, qInv of a PKCS#1 RSAPrivateKey, or of one
        /// inside a PKCS#8 PrivateKeyInfo with rsaEncryption; null with the reason.</summary>
        public static byte[][] TryDecode(byte[] der, out string error)
        {
            error = null;
            if (der == null || der.Length == 0) { error = "no key data"; return null; }
            if (der.Length > MaxDerLength) { error = "key data larger than " + MaxDerLength.ToString() + " bytes"; return null; }
            DerReader top = new DerReader(der);
            DerReader s = top.ReadNested(Asn1Tag.Sequence);
            int version;
            if (s == null || top.HasMore || !s.TryReadInt(out version)) { error = "not an RSAPrivateKey or PrivateKeyInfo"; return null; }
            if (s.PeekTag() == Asn1Tag.Sequence)
            {
                // PrivateKeyInfo { version 0, privateKeyAlgorithm, privateKey OCTET STRING, [0] attributes }
                DerReader alg = s.ReadNested(Asn1Tag.Sequence);
                string oid = alg == null ? null : alg.ReadOid();
                if (oid != "1.2.840.113549.1.1.1") { error = "PrivateKeyInfo for algorithm " + (oid ?? "?") + ", not rsaEncryption"; return null; }
                byte[] inner = s.ReadOctetString();
                if (inner == null) { error = "PrivateKeyInfo without its privateKey"; return null; }
                byte[][] r = TryDecode(inner, out error);
                System.Array.Clear(inner, 0, inner.Length);
                return r;
            }
            if (version != 0) { error = "RSAPrivateKey version " + version.ToString() + " (multi-prime keys are not supported)"; return null; }
            byte[][] parts = new byte[8][];
            for (int i = 0; i < 8; i++)
            {
                parts[i] = s.ReadUnsignedInteger();
                if (parts[i] == null) { Wipe(parts); error = "RSAPrivateKey field " + (i + 1).ToString() + " is not a non-negative INTEGER"; return null; }
            }
            if (s.HasMore) { Wipe(parts); error = "RSAPrivateKey has fields after the coefficient"; return null; }
            return parts;
        }

        /// <summary>Overwrites every part with zeros.</summary>
        public static void Wipe(byte[][] parts)
        {
            if (parts == null) return;
            for (int i = 0; i < parts.Length; i++) if (parts[i] != null) System.Array.Clear(parts[i], 0, parts[i].Length);
        }
    }
}
