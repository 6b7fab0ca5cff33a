using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Eap
{
    /// <summary>PEAPv0's Crypto-Binding TLV ([MS-PEAP] §2.2.8.2.2, §3.1.5.5 and
    /// draft-josefsson-pppext-eap-tls-eap-10 §2.5; numbers as hostapd and wpa_supplicant 2.10
    /// compute them, which interoperate with Windows): it binds the inner method to the TLS
    /// tunnel, so a man in the middle who relays the inner MS-CHAPv2 exchange into another
    /// tunnel is caught.
    /// TK = the first 40 octets of the tunnel key (TLS PRF, label "client EAP encryption", i.e.
    /// the RFC 5705 exporter without context); ISK = the inner method's MSK, zero-padded to 32;
    /// IPMK ‖ CMK = PRF+(TK, "Inner Methods Compound Keys" ‖ ISK, 60) with PEAPv0's PRF+ (T_n =
    /// HMAC-SHA1(K, T_(n-1) ‖ S ‖ n ‖ 0x00 ‖ 0x00)); Compound_MAC = HMAC-SHA1(CMK, the 60-octet
    /// TLV with its MAC field zero ‖ the EAP Type 25). When the binding is used, the MSK is the
    /// first 64 octets of PRF+(IPMK, "Session Key Generating Function" ‖ 0x00, 128).
    /// Needs the TLS exporter from the platform (ITlsTunnel.ExportKeyingMaterial); stateless.</summary>
    public static class PeapCryptoBinding
    {
        public const int TlvLength = 60;          // Type, Length (56), then 56 octets
        public const int SubTypeRequest = 0;
        public const int SubTypeResponse = 1;
        public const string TunnelKeyLabel = "client EAP encryption";

        /// <summary>PEAPv0's PRF+ (hostapd's peap_prfplus, version 0).</summary>
        public static byte[] PrfPlus(byte[] key, int keyLength, string label, byte[] seed, int length)
        {
            byte[] l = Util.Ascii.GetBytes(label);
            byte[] output = new byte[length];
            byte[] t = new byte[0];
            Hmac h = new Hmac(new Sha1(), Slice(key, 0, keyLength));
            int pos = 0;
            for (int n = 1; pos < length; n++)
            {
                h.Reset();
                h.Update(t, 0, t.Length);
                h.Update(l, 0, l.Length);
                h.Update(seed, 0, seed.Length);
                h.Update(new byte[] { (byte)n, 0, 0 }, 0, 3);
                t = h.Final();
                int take = length - pos < t.Length ? length - pos : t.Length;
                System.Array.Copy(t, 0, output, pos, take);
                pos += take;
            }
            return output;
        }

        /// <summary>IPMK (40) ‖ CMK (20) from the tunnel key (at least 40 octets) and the inner MSK.</summary>
        public static byte[] Imck(byte[] tunnelKey, byte[] innerMsk)
        {
            if (tunnelKey == null || tunnelKey.Length < 40) throw new System.ArgumentException("tunnel key of at least 40 octets needed");
            byte[] isk = new byte[32];
            if (innerMsk != null) System.Array.Copy(innerMsk, 0, isk, 0, innerMsk.Length < 32 ? innerMsk.Length : 32);
            return PrfPlus(tunnelKey, 40, "Inner Methods Compound Keys", isk, 60);
        }

        public static byte[] Cmk(byte[] imck) { return Slice(imck, 40, 20); }
        public static byte[] Ipmk(byte[] imck) { return Slice(imck, 0, 40); }

        /// <summary>HMAC-SHA1(CMK, tlv[offset..offset+60) with the MAC octets zero ‖ 25).</summary>
        public static byte[] CompoundMac(byte[] cmk, byte[] tlv, int offset)
        {
            byte[] b = new byte[TlvLength + 1];
            System.Array.Copy(tlv, offset, b, 0, TlvLength);
            for (int i = 40; i < 60; i++) b[i] = 0;
            b[TlvLength] = EapType.Peap;
            return new Hmac(new Sha1(), cmk).Compute(b);
        }

        /// <summary>Checks the server's TLV (tlv[offset..offset+60), Type 12 and Length 56
        /// included): SubType Request, our version, and its Compound_MAC. Null when good, else why.</summary>
        public static string CheckRequest(byte[] cmk, byte[] tlv, int offset, int version)
        {
            if (tlv == null || offset < 0 || offset > tlv.Length - TlvLength) return "Crypto-Binding TLV shorter than 60 octets";
            if ((Util.BigEndian.ReadUInt16(tlv, offset) & 0x3FFF) != PeapMethod.TlvCryptoBinding || Util.BigEndian.ReadUInt16(tlv, offset + 2) != 56)
                return "Crypto-Binding TLV with a Length other than 56";
            if (tlv[offset + 5] != version) return "Crypto-Binding TLV for PEAP version " + tlv[offset + 5].ToString();
            if (tlv[offset + 7] != SubTypeRequest) return "Crypto-Binding TLV SubType " + tlv[offset + 7].ToString() + " in a request";
            byte[] mac = CompoundMac(cmk, tlv, offset);
            int diff = 0;
            for (int i = 0; i < 20; i++) diff |= mac[i] ^ tlv[offset + 40 + i];
            return diff == 0 ? null : "the server's Crypto-Binding Compound_MAC is wrong";
        }

        /// <summary>Our 60-octet response TLV: the server's Nonce echoed, SubType Response, the MAC.</summary>
        public static byte[] Response(byte[] cmk, byte[] request, int offset, int version)
        {
            byte[] r = new byte[TlvLength];
            Util.BigEndian.WriteUInt16(r, 0, PeapMethod.TlvCryptoBinding);
            Util.BigEndian.WriteUInt16(r, 2, 56);
            r[4] = 0;                       // Reserved
            r[5] = (byte)version;           // Version
            r[6] = (byte)version;           // RecvVersion
            r[7] = SubTypeResponse;
            System.Array.Copy(request, offset + 8, r, 8, 32);   // Nonce
            byte[] mac = CompoundMac(cmk, r, 0);
            System.Array.Copy(mac, 0, r, 40, 20);
            return r;
        }

        /// <summary>The MSK when the binding is used: 64 octets of PRF+(IPMK, "Session Key
        /// Generating Function" ‖ 0x00, 128) (the null octet as Windows and hostapd use it).</summary>
        public static byte[] Msk(byte[] ipmk)
        {
            byte[] csk = PrfPlus(ipmk, 40, "Session Key Generating Function", new byte[] { 0 }, 128);
            return Slice(csk, 0, 64);
        }

        private static byte[] Slice(byte[] b, int offset, int count)
        {
            byte[] r = new byte[count];
            System.Array.Copy(b, offset, r, 0, count);
            return r;
        }
    }
}
