using System.Collections;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Scep
{
    /// <summary>Builds and signs an X.509 v3 certificate (RFC 5280 §4.1) for an RSA subject key:
    /// the self-signed certificate a SCEP client signs its first request with (RFC 8894 §2.3),
    /// and, in tests, what an emulated CA issues. Extensions: basicConstraints (critical),
    /// keyUsage (critical), extKeyUsage, subjectAltName, subjectKeyIdentifier (RFC 5280
    /// §4.2.1.2 method 1: SHA-1 of the subjectPublicKey). Caller mistakes throw ArgumentException.</summary>
    public sealed class CertificateBuilder
    {
        /// <summary>Unsigned big-endian serial number (RFC 5280 §4.1.2.2: positive, at most 20 octets).</summary>
        public byte[] SerialNumber;
        public byte[] IssuerDer;
        public byte[] SubjectDer;
        public long NotBefore;
        public long NotAfter;
        public byte[] Modulus;
        public byte[] Exponent;
        /// <summary>Writes basicConstraints; true marks a CA.</summary>
        public bool BasicConstraints;
        public bool IsCa;
        /// <summary>X509Certificate.Ku* flags; 0 for none.</summary>
        public int KeyUsage;
        public string[] ExtendedKeyUsages;
        public string[] DnsNames;
        public uint[] IpAddresses;
        public string[] Uris;
        public string[] Emails;
        public bool SubjectKeyIdentifier = true;
        /// <summary>authorityKeyIdentifier keyIdentifier, or null for none.</summary>
        public byte[] AuthorityKeyId;

        /// <summary>The DER certificate signed by issuerKey with sha*WithRSAEncryption.</summary>
        public byte[] Sign(RsaPrivateKey issuerKey, string hashName)
        {
            if (issuerKey == null) throw new System.ArgumentNullException(nameof(issuerKey));
            string sigOid = CmsAlgorithms.RsaSignatureOid(hashName);
            if (sigOid == null) throw new System.ArgumentException("unsupported hash " + hashName);
            if (SerialNumber == null || SerialNumber.Length == 0 || SerialNumber.Length > 20) throw new System.ArgumentException("serial number must be 1..20 octets");
            if (IssuerDer == null || SubjectDer == null) throw new System.ArgumentException("issuer and subject are required");
            if (NotAfter < NotBefore) throw new System.ArgumentException("notAfter before notBefore");

            DerWriter t = new DerWriter(16384);
            t.BeginSequence();                                  // TBSCertificate
            t.BeginExplicit(0);
            t.WriteInteger(2);                                  // v3
            t.End();
            t.WriteIntegerUnsigned(SerialNumber);
            WriteAlgorithm(t, sigOid);
            t.WriteEncoded(IssuerDer);
            t.BeginSequence();
            t.WriteTime(NotBefore);
            t.WriteTime(NotAfter);
            t.End();
            t.WriteEncoded(SubjectDer);
            X509Encoding.WriteRsaPublicKeyInfo(t, Modulus, Exponent);
            ArrayList exts = Extensions();
            if (exts.Count > 0)
            {
                t.BeginExplicit(3);
                t.BeginSequence();
                for (int i = 0; i < exts.Count; i++) t.WriteEncoded((byte[])exts[i]);
                t.End();
                t.End();
            }
            t.End();
            byte[] tbs = t.ToArray();
            byte[] signature = issuerKey.SignPkcs1(hashName, HashAlgorithm.Create(hashName).Compute(tbs));
            DerWriter w = new DerWriter(20480);
            w.BeginSequence();
            w.WriteEncoded(tbs);
            WriteAlgorithm(w, sigOid);
            w.WriteBitString(signature, 0);
            w.End();
            return w.ToArray();
        }

        /// <summary>keyIdentifier per RFC 5280 §4.2.1.2 (1): SHA-1 of the RSAPublicKey DER.</summary>
        public static byte[] KeyIdentifier(byte[] modulus, byte[] exponent)
        {
            return new Sha1().Compute(X509Encoding.RsaPublicKey(modulus, exponent));
        }

        /// <summary>The self-signed certificate of RFC 8894 §2.3 for a requester without one: the
        /// subject of the request as subject and issuer, a random positive 8-octet serial, valid
        /// from an hour before nowUnix for validDays, keyUsage digitalSignature and keyEncipherment
        /// (it signs the request and receives the encrypted reply).</summary>
        public static byte[] SelfSigned(byte[] subjectDer, byte[] modulus, byte[] exponent, RsaPrivateKey key, string hashName, long nowUnix, int validDays, IRandom random)
        {
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            byte[] serial = new byte[8];
            random.NextBytes(serial);
            serial[0] = (byte)((serial[0] & 0x7F) | 0x40);      // positive and exactly 8 octets
            CertificateBuilder b = new CertificateBuilder();
            b.SerialNumber = serial;
            b.IssuerDer = subjectDer;
            b.SubjectDer = subjectDer;
            b.NotBefore = nowUnix - 3600;
            b.NotAfter = nowUnix + (long)validDays * 86400;
            b.Modulus = modulus;
            b.Exponent = exponent;
            b.KeyUsage = X509.X509Certificate.KuDigitalSignature | X509.X509Certificate.KuKeyEncipherment;
            return b.Sign(key, hashName);
        }

        private ArrayList Extensions()
        {
            ArrayList list = new ArrayList();
            if (BasicConstraints) list.Add(Extension(X509.X509Extension.BasicConstraints, true, X509Encoding.BasicConstraints(IsCa)));
            if (KeyUsage != 0) list.Add(Extension(X509.X509Extension.KeyUsage, true, X509Encoding.KeyUsage(KeyUsage)));
            if (ExtendedKeyUsages != null && ExtendedKeyUsages.Length > 0) list.Add(Extension(X509.X509Extension.ExtendedKeyUsage, false, X509Encoding.ExtendedKeyUsage(ExtendedKeyUsages)));
            int names = Count(DnsNames) + Count(Uris) + Count(Emails) + (IpAddresses == null ? 0 : IpAddresses.Length);
            if (names > 0) list.Add(Extension(X509.X509Extension.SubjectAltName, false, X509Encoding.SubjectAltName(DnsNames, IpAddresses, Uris, Emails)));
            if (SubjectKeyIdentifier)
            {
                DerWriter v = new DerWriter(64);
                v.WriteOctetString(KeyIdentifier(Modulus, Exponent));
                list.Add(Extension(X509.X509Extension.SubjectKeyIdentifier, false, v.ToArray()));
            }
            if (AuthorityKeyId != null)
            {
                DerWriter v = new DerWriter(128);
                v.BeginSequence();
                v.WriteOctetString(AuthorityKeyId, Asn1Tag.ContextPrimitive(0));
                v.End();
                list.Add(Extension(X509.X509Extension.AuthorityKeyIdentifier, false, v.ToArray()));
            }
            return list;
        }

        private static byte[] Extension(string oid, bool critical, byte[] value)
        {
            DerWriter w = new DerWriter(16384);
            X509Encoding.WriteExtension(w, oid, critical, value);
            return w.ToArray();
        }

        private static void WriteAlgorithm(DerWriter w, string oid)
        {
            w.BeginSequence();
            w.WriteOid(oid);
            w.WriteNull();                                      // RFC 4055 §5: NULL for sha*WithRSAEncryption
            w.End();
        }

        private static int Count(string[] a) { return a == null ? 0 : a.Length; }
    }
}
