using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.Scep
{
    /// <summary>DER pieces shared by the PKCS#10 request and the certificates SCEP needs to make:
    /// an RSA SubjectPublicKeyInfo (RFC 3279 §2.3.1), Extension (RFC 5280 §4.1) and the values of
    /// keyUsage (§4.2.1.3), subjectAltName (§4.2.1.6), basicConstraints (§4.2.1.9) and
    /// extKeyUsage (§4.2.1.12). Caller mistakes throw ArgumentException.</summary>
    public static class X509Encoding
    {
        public const string OidRsaEncryption = "1.2.840.113549.1.1.1";
        public const string OidClientAuth = "1.3.6.1.5.5.7.3.2";

        /// <summary>SubjectPublicKeyInfo { rsaEncryption NULL, BIT STRING { RSAPublicKey { n, e } } }.</summary>
        public static void WriteRsaPublicKeyInfo(DerWriter w, byte[] modulus, byte[] exponent)
        {
            if (modulus == null || exponent == null) throw new System.ArgumentNullException(modulus == null ? "modulus" : "exponent");
            w.BeginSequence();
            w.BeginSequence();
            w.WriteOid(OidRsaEncryption);
            w.WriteNull();
            w.End();
            w.BeginBitString();
            w.BeginSequence();
            w.WriteIntegerUnsigned(modulus);
            w.WriteIntegerUnsigned(exponent);
            w.End();
            w.End();
            w.End();
        }

        /// <summary>The RSAPublicKey DER alone (the subjectPublicKey BIT STRING's contents): what a
        /// SCEP transactionID is a hash of (RFC 8894 §3.2.1.1) and what key identifiers hash.</summary>
        public static byte[] RsaPublicKey(byte[] modulus, byte[] exponent)
        {
            DerWriter w = new DerWriter(4096);
            w.BeginSequence();
            w.WriteIntegerUnsigned(modulus);
            w.WriteIntegerUnsigned(exponent);
            w.End();
            return w.ToArray();
        }

        /// <summary>Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue OCTET STRING }.</summary>
        public static void WriteExtension(DerWriter w, string oid, bool critical, byte[] value)
        {
            w.BeginSequence();
            w.WriteOid(oid);
            if (critical) w.WriteBoolean(true);   // DER omits the DEFAULT (X.690 §11.5)
            w.WriteOctetString(value);
            w.End();
        }

        /// <summary>keyUsage BIT STRING from X509Certificate.Ku* flags (bit n = 1 &lt;&lt; n),
        /// trailing zero bits removed as DER requires of a named bit list (X.690 §11.2.2).</summary>
        public static byte[] KeyUsage(int flags)
        {
            if (flags <= 0 || flags > 0x1FF) throw new System.ArgumentException("keyUsage needs at least one of bits 0..8");
            int highest = 0;
            for (int i = 0; i < 9; i++) if ((flags & (1 << i)) != 0) highest = i;
            byte[] bits = new byte[highest / 8 + 1];
            for (int i = 0; i <= highest; i++) if ((flags & (1 << i)) != 0) bits[i >> 3] |= (byte)(0x80 >> (i & 7));
            DerWriter w = new DerWriter(16);
            w.WriteBitString(bits, 7 - (highest & 7));
            return w.ToArray();
        }

        /// <summary>GeneralNames with rfc822Name [1], dNSName [2], uniformResourceIdentifier [6] and
        /// iPAddress [7] (IPv4, network order) entries; any array may be null.</summary>
        public static byte[] SubjectAltName(string[] dnsNames, uint[] ipv4, string[] uris, string[] emails)
        {
            DerWriter w = new DerWriter(8192);
            w.BeginSequence();
            int n = 0;
            n += Names(w, emails, 1);
            n += Names(w, dnsNames, 2);
            n += Names(w, uris, 6);
            if (ipv4 != null)
            {
                for (int i = 0; i < ipv4.Length; i++)
                {
                    byte[] a = new byte[4];
                    Net.Ip4.Write(a, 0, ipv4[i]);
                    w.WriteOctetString(a, Asn1Tag.ContextPrimitive(7));
                    n++;
                }
            }
            w.End();
            if (n == 0) throw new System.ArgumentException("subjectAltName needs at least one name (RFC 5280 §4.2.1.6)");
            return w.ToArray();
        }

        /// <summary>BasicConstraints { cA } without a path length.</summary>
        public static byte[] BasicConstraints(bool ca)
        {
            DerWriter w = new DerWriter(16);
            w.BeginSequence();
            if (ca) w.WriteBoolean(true);
            w.End();
            return w.ToArray();
        }

        /// <summary>ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId.</summary>
        public static byte[] ExtendedKeyUsage(string[] oids)
        {
            if (oids == null || oids.Length == 0) throw new System.ArgumentException("extKeyUsage needs at least one purpose");
            DerWriter w = new DerWriter(1024);
            w.BeginSequence();
            for (int i = 0; i < oids.Length; i++) w.WriteOid(oids[i]);
            w.End();
            return w.ToArray();
        }

        /// <summary>The device URN of a MAC address (RFC 9039 §3.2, "mac" subtype: hex digits in
        /// lowercase, no separators), e.g. "urn:dev:mac:00163e5a0102", for a subjectAltName URI
        /// that names the phone's hardware.</summary>
        public static string MacUrn(byte[] mac)
        {
            if (mac == null || mac.Length != 6) throw new System.ArgumentException("a MAC address is 6 bytes");
            return "urn:dev:mac:" + Util.Ascii.Lower(Util.Hex.Bytes(mac));
        }

        private static int Names(DerWriter w, string[] names, int tagNumber)
        {
            if (names == null) return 0;
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == null || names[i].Length == 0) throw new System.ArgumentException("empty name in subjectAltName");
                w.WriteIa5String(names[i], Asn1Tag.ContextPrimitive(tagNumber));
            }
            return names.Length;
        }
    }
}
