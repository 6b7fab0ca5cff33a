using System.Collections;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Scep
{
    /// <summary>Builds a PKCS#10 CertificationRequest (RFC 2986 §4) for an RSA key: version 0,
    /// the subject, the SubjectPublicKeyInfo, and the attributes SCEP uses (RFC 8894 §3.3.1):
    /// challengePassword (RFC 2985 §5.4.1; PrintableString when the text allows, else
    /// UTF8String) and extensionRequest (RFC 2985 §5.4.2) with subjectAltName, keyUsage and
    /// extKeyUsage. Signed with sha*WithRSAEncryption (RFC 4055 §5, NULL parameters). The
    /// password is never part of ToString.</summary>
    public sealed class Pkcs10Builder
    {
        public const string OidChallengePassword = "1.2.840.113549.1.9.7";
        public const string OidExtensionRequest = "1.2.840.113549.1.9.14";
        /// <summary>pkcs-9-ub-challengePassword (RFC 2985 Appendix A).</summary>
        public const int MaxChallengeLength = 255;

        private readonly byte[] _subject;

        /// <summary>subjectDer: a DER Name (X509NameBuilder.ToDer()).</summary>
        public Pkcs10Builder(byte[] subjectDer)
        {
            if (subjectDer == null || subjectDer.Length < 2 || subjectDer[0] != Asn1Tag.Sequence) throw new System.ArgumentException("the subject is a DER Name (a SEQUENCE)");
            _subject = subjectDer;
        }

        /// <summary>The shared secret of a PKCSReq (RFC 8894 §2.3), or null.</summary>
        public string ChallengePassword;
        public string[] DnsNames;
        /// <summary>IPv4 addresses in network order (Net.Ip4).</summary>
        public uint[] IpAddresses;
        public string[] Uris;
        public string[] Emails;
        /// <summary>X509Certificate.Ku* flags; 0 for no keyUsage request.</summary>
        public int KeyUsage;
        public string[] ExtendedKeyUsages;

        public override string ToString() { return "PKCS#10 request builder (challenge password " + (ChallengePassword == null ? "not set" : "set") + ")"; }

        /// <summary>The DER CertificationRequest, signed with the key (whose public half is modulus, exponent).</summary>
        public byte[] Build(byte[] modulus, byte[] exponent, RsaPrivateKey key, string hashName)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            string sigOid = CmsAlgorithms.RsaSignatureOid(hashName);
            if (sigOid == null) throw new System.ArgumentException("unsupported hash " + hashName);

            DerWriter info = new DerWriter(16384);
            info.BeginSequence();                               // CertificationRequestInfo
            info.WriteInteger(0);                               // version v1(0)
            info.WriteEncoded(_subject);
            X509Encoding.WriteRsaPublicKeyInfo(info, modulus, exponent);
            info.BeginSetOf(Asn1Tag.ContextConstructed(0));     // attributes [0] IMPLICIT SET OF Attribute
            if (ChallengePassword != null)
            {
                if (ChallengePassword.Length == 0 || ChallengePassword.Length > MaxChallengeLength) throw new System.ArgumentException("challengePassword must be 1.." + MaxChallengeLength.ToString() + " characters");
                info.BeginSequence();
                info.WriteOid(OidChallengePassword);
                info.BeginSetOf();
                if (DerWriter.IsPrintable(ChallengePassword)) info.WritePrintableString(ChallengePassword);
                else info.WriteUtf8String(ChallengePassword);
                info.End();
                info.End();
            }
            byte[] extensions = Extensions();
            if (extensions != null)
            {
                info.BeginSequence();
                info.WriteOid(OidExtensionRequest);
                info.BeginSetOf();
                info.WriteEncoded(extensions);
                info.End();
                info.End();
            }
            info.End();
            info.End();
            byte[] cri = info.ToArray();

            HashAlgorithm h = HashAlgorithm.Create(hashName);
            byte[] signature = key.SignPkcs1(hashName, h.Compute(cri));
            DerWriter w = new DerWriter(20480);
            w.BeginSequence();
            w.WriteEncoded(cri);
            w.BeginSequence();
            w.WriteOid(sigOid);
            w.WriteNull();
            w.End();
            w.WriteBitString(signature, 0);
            w.End();
            return w.ToArray();
        }

        // Extensions ::= SEQUENCE OF Extension (RFC 5280 §4.1), or null when nothing is requested.
        private byte[] Extensions()
        {
            ArrayList list = new ArrayList();
            if (Count(DnsNames) + Count(Uris) + Count(Emails) + (IpAddresses == null ? 0 : IpAddresses.Length) > 0)
                list.Add(Extension(X509.X509Extension.SubjectAltName, false, X509Encoding.SubjectAltName(DnsNames, IpAddresses, Uris, Emails)));
            if (KeyUsage != 0) list.Add(Extension(X509.X509Extension.KeyUsage, true, X509Encoding.KeyUsage(KeyUsage)));
            if (ExtendedKeyUsages != null && ExtendedKeyUsages.Length > 0)
                list.Add(Extension(X509.X509Extension.ExtendedKeyUsage, false, X509Encoding.ExtendedKeyUsage(ExtendedKeyUsages)));
            if (list.Count == 0) return null;
            DerWriter w = new DerWriter(16384);
            w.BeginSequence();
            for (int i = 0; i < list.Count; i++) w.WriteEncoded((byte[])list[i]);
            w.End();
            return w.ToArray();
        }

        private static byte[] Extension(string oid, bool critical, byte[] value)
        {
            DerWriter w = new DerWriter(16384);
            X509Encoding.WriteExtension(w, oid, critical, value);
            return w.ToArray();
        }

        private static int Count(string[] a) { return a == null ? 0 : a.Length; }
    }
}
