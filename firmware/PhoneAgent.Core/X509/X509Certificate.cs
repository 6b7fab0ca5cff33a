using System.Collections;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.X509
{
    /// <summary>An X.509 v1/v3 certificate (RFC 5280 §4.1) parsed from DER, with the extensions
    /// the phone needs decoded. Parsing never throws on content: TryParse returns null and the
    /// reason. The validator (chain building, policies) works on these fields.</summary>
    public sealed class X509Certificate
    {
        public const int MaxDerLength = 65536;

        // Key usage bits, RFC 5280 §4.2.1.3 (bit 0 is the most significant bit of the first octet).
        public const int KuDigitalSignature = 1 << 0;
        public const int KuNonRepudiation = 1 << 1;
        public const int KuKeyEncipherment = 1 << 2;
        public const int KuDataEncipherment = 1 << 3;
        public const int KuKeyAgreement = 1 << 4;
        public const int KuKeyCertSign = 1 << 5;
        public const int KuCrlSign = 1 << 6;

        public const string OidRsaEncryption = "1.2.840.113549.1.1.1";
        public const string OidEcPublicKey = "1.2.840.10045.2.1";
        public const string OidDsa = "1.2.840.10040.4.1";
        public const string OidCaIssuers = "1.3.6.1.5.5.7.48.2";

        public byte[] Der;
        public int TbsOffset;
        public int TbsLength;
        public int Version = 1;
        public byte[] SerialNumber;
        public string TbsSignatureAlgorithm;
        public byte[] TbsSignatureAlgorithmParameters;   // DER, or null; must equal SignatureAlgorithmParameters
        public string SignatureAlgorithm;
        public byte[] SignatureAlgorithmParameters;   // DER of the parameters, or null
        public byte[] Signature;
        public int SignatureUnusedBits;
        public X509Name Issuer;
        public X509Name Subject;
        public long NotBefore;
        public long NotAfter;
        public string PublicKeyAlgorithm;
        public byte[] PublicKeyParameters;            // DER (EC curve OID, DSA p/q/g), or null
        public byte[] PublicKey;                      // the subjectPublicKey BIT STRING contents
        public byte[] RsaModulus;
        public byte[] RsaExponent;

        public X509Extension[] Extensions = new X509Extension[0];
        public bool HasBasicConstraints;
        public bool IsCa;
        public int PathLenConstraint = -1;            // -1: none
        public bool HasKeyUsage;
        public int KeyUsage;
        public string[] ExtendedKeyUsages;            // null: extension absent
        public string[] DnsNames = new string[0];
        public uint[] IpAddresses = new uint[0];
        public string[] EmailAddresses = new string[0];
        public string[] UriNames = new string[0];
        public X509Name[] DirectoryNames = new X509Name[0];
        public bool HasSubjectAltName;
        public byte[] SubjectKeyId;
        public byte[] AuthorityKeyId;
        public string[] CaIssuersUrls = new string[0];
        public string[] CrlUrls = new string[0];
        public DistributionPoint[] DistributionPoints;  // null: cRLDistributionPoints absent
        public string[] PolicyOids;                   // null: extension absent
        /// <summary>policyMappings as pairs: [2k] issuerDomainPolicy, [2k+1] subjectDomainPolicy; null: absent.</summary>
        public string[] PolicyMappings;
        public int RequireExplicitPolicy = -1;        // policyConstraints SkipCerts, -1: absent
        public int InhibitPolicyMapping = -1;
        public int InhibitAnyPolicySkip = -1;         // inhibitAnyPolicy SkipCerts, -1: absent
        public string[] UnknownCriticalExtensions = new string[0];
        public NameConstraints NameConstraints;       // null: extension absent
        /// <summary>The AIA caIssuers URL this certificate was fetched from, or null.</summary>
        public string FetchedFrom;

        public byte[] Tbs
        {
            get
            {
                byte[] b = new byte[TbsLength];
                System.Array.Copy(Der, TbsOffset, b, 0, TbsLength);
                return b;
            }
        }

        public bool IsSelfIssued { get { return Subject.SameDer(Issuer); } }

        private RsaPublicKey _rsaKey;

        /// <summary>The RSA public key, built once per certificate (its Montgomery constants are
        /// the expensive part of a verification); null when the key is not RSA.</summary>
        public RsaPublicKey RsaKey
        {
            get
            {
                if (_rsaKey == null && RsaModulus != null) _rsaKey = new RsaPublicKey(RsaModulus, RsaExponent);
                return _rsaKey;
            }
        }

        private EcdsaPublicKey _ecKey;

        /// <summary>The EC public key (P-256/P-384), built once; throws ArgumentException for an
        /// unsupported curve or a bad point; null when the key is not EC.</summary>
        public EcdsaPublicKey EcKey
        {
            get
            {
                if (_ecKey == null && PublicKeyAlgorithm == OidEcPublicKey)
                {
                    string curve = PublicKeyParameters == null ? null : new DerReader(PublicKeyParameters).ReadOid();
                    _ecKey = new EcdsaPublicKey(curve, PublicKey);
                }
                return _ecKey;
            }
        }

        /// <summary>Key size in bits for RSA, 0 for other algorithms.</summary>
        public int RsaKeyBits { get { return RsaModulus == null ? 0 : BigNat.BitLength(BigNat.FromBytes(RsaModulus)); } }

        public string SerialHex { get { return Util.Hex.Bytes(SerialNumber); } }

        public byte[] Sha256Fingerprint { get { return new Sha256().Compute(Der); } }

        /// <summary>subject, issuer, serial and SHA-256 fingerprint: how diagnoses name a certificate.</summary>
        public string Describe()
        {
            return "\"" + Subject.Text + "\" (issuer \"" + Issuer.Text + "\", serial " + SerialHex +
                ", SHA-256 " + Util.Hex.Bytes(Sha256Fingerprint) + ")";
        }

        public X509Extension FindExtension(string oid)
        {
            for (int i = 0; i < Extensions.Length; i++) if (Extensions[i].Oid == oid) return Extensions[i];
            return null;
        }

        public static X509Certificate TryParse(byte[] der, out string error)
        {
            error = null;
            if (der == null) { error = "no data"; return null; }
            if (der.Length > MaxDerLength) { error = "certificate larger than " + MaxDerLength.ToString() + " bytes"; return null; }
            X509Certificate c = new X509Certificate();
            DerReader top = new DerReader(der);
            DerReader cert = top.ReadNested(Asn1Tag.Sequence);
            if (cert == null) { error = "Certificate: " + top.Error; return null; }
            if (top.HasMore) { error = "data after the certificate"; return null; }
            c.Der = der;
            int tbsStart = cert.Position;
            DerReader tbs = cert.ReadNested(Asn1Tag.Sequence);
            if (tbs == null) { error = "TBSCertificate: " + cert.Error; return null; }
            c.TbsOffset = tbsStart;
            c.TbsLength = cert.Position - tbsStart;
            if (!ParseTbs(c, tbs, out error)) return null;
            DerReader alg = cert.ReadNested(Asn1Tag.Sequence);
            if (alg == null) { error = "signatureAlgorithm: " + cert.Error; return null; }
            c.SignatureAlgorithm = alg.ReadOid();
            if (c.SignatureAlgorithm == null) { error = "signatureAlgorithm: " + alg.Error; return null; }
            if (alg.HasMore) c.SignatureAlgorithmParameters = alg.ReadEncoded();
            int unused;
            c.Signature = cert.ReadBitString(out unused);
            if (c.Signature == null) { error = "signatureValue: " + cert.Error; return null; }
            // A signature that is not whole octets cannot verify; keep the certificate parseable
            // so the validator can say "bad signature" rather than "unreadable" (PKITS 4.1.2 does this).
            c.SignatureUnusedBits = unused;
            if (cert.HasMore) { error = "extra fields after signatureValue"; return null; }
            if (c.SignatureAlgorithm != c.TbsSignatureAlgorithm || !SameDer(c.SignatureAlgorithmParameters, c.TbsSignatureAlgorithmParameters))
            {
                error = "signatureAlgorithm differs from the one inside TBSCertificate (RFC 5280 §4.1.1.2)";
                return null;
            }
            return c;
        }

        internal static bool SameDer(byte[] a, byte[] b)
        {
            if (a == null || b == null) return a == b;
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        private static bool ParseTbs(X509Certificate c, DerReader tbs, out string error)
        {
            error = null;
            if (tbs.PeekTag() == Asn1Tag.ContextConstructed(0))
            {
                DerReader v = tbs.ReadNested(Asn1Tag.ContextConstructed(0));
                int version;
                if (v == null || !v.TryReadInt(out version) || version > 2) { error = "version invalid"; return false; }
                c.Version = version + 1;
            }
            c.SerialNumber = tbs.ReadIntegerBytes();
            if (c.SerialNumber == null) { error = "serialNumber: " + tbs.Error; return false; }
            if (c.SerialNumber.Length > 21) { error = "serialNumber longer than 20 octets (RFC 5280 §4.1.2.2)"; return false; }
            DerReader sig = tbs.ReadNested(Asn1Tag.Sequence);
            if (sig == null || (c.TbsSignatureAlgorithm = sig.ReadOid()) == null) { error = "signature AlgorithmIdentifier invalid"; return false; }
            if (sig.HasMore && (c.TbsSignatureAlgorithmParameters = sig.ReadEncoded()) == null) { error = "signature AlgorithmIdentifier parameters invalid"; return false; }
            c.Issuer = X509Name.TryParse(tbs, out error);
            if (c.Issuer == null) { error = "issuer " + error; return false; }
            DerReader validity = tbs.ReadNested(Asn1Tag.Sequence);
            if (validity == null || !validity.TryReadTime(out c.NotBefore) || !validity.TryReadTime(out c.NotAfter))
            {
                error = "validity invalid" + (validity != null && validity.Error != null ? ": " + validity.Error : "");
                return false;
            }
            c.Subject = X509Name.TryParse(tbs, out error);
            if (c.Subject == null) { error = "subject " + error; return false; }
            DerReader spki = tbs.ReadNested(Asn1Tag.Sequence);
            if (spki == null) { error = "subjectPublicKeyInfo: " + tbs.Error; return false; }
            DerReader kalg = spki.ReadNested(Asn1Tag.Sequence);
            if (kalg == null || (c.PublicKeyAlgorithm = kalg.ReadOid()) == null) { error = "public key algorithm invalid"; return false; }
            if (kalg.HasMore) c.PublicKeyParameters = kalg.ReadEncoded();
            int unused;
            c.PublicKey = spki.ReadBitString(out unused);
            if (c.PublicKey == null || unused != 0) { error = "subjectPublicKey invalid"; return false; }
            if (c.PublicKeyAlgorithm == OidRsaEncryption)
            {
                DerReader rsa = new DerReader(c.PublicKey).ReadNested(Asn1Tag.Sequence);
                if (rsa == null || (c.RsaModulus = rsa.ReadUnsignedInteger()) == null || (c.RsaExponent = rsa.ReadUnsignedInteger()) == null || rsa.HasMore)
                {
                    error = "RSAPublicKey invalid";
                    return false;
                }
            }
            if (tbs.PeekTag() == Asn1Tag.ContextPrimitive(1)) tbs.ReadEncoded();   // issuerUniqueID
            if (tbs.PeekTag() == Asn1Tag.ContextPrimitive(2)) tbs.ReadEncoded();   // subjectUniqueID
            if (tbs.PeekTag() == Asn1Tag.ContextConstructed(3))
            {
                if (c.Version != 3) { error = "extensions in a v" + c.Version.ToString() + " certificate"; return false; }
                DerReader wrapper = tbs.ReadNested(Asn1Tag.ContextConstructed(3));
                DerReader exts = wrapper == null ? null : wrapper.ReadNested(Asn1Tag.Sequence);
                if (exts == null) { error = "extensions invalid"; return false; }
                if (!ParseExtensions(c, exts, out error)) return false;
            }
            if (tbs.HasMore) { error = "unexpected fields at the end of TBSCertificate"; return false; }
            return true;
        }


        private static bool ParseExtensions(X509Certificate c, DerReader exts, out string error)
        {
            error = null;
            ArrayList list = new ArrayList();
            ArrayList unknownCritical = new ArrayList();
            while (exts.HasMore)
            {
                if (list.Count >= 64) { error = "more than 64 extensions"; return false; }
                DerReader e = exts.ReadNested(Asn1Tag.Sequence);
                if (e == null) { error = "Extension: " + exts.Error; return false; }
                X509Extension x = new X509Extension();
                x.Oid = e.ReadOid();
                if (x.Oid == null) { error = "extnID: " + e.Error; return false; }
                if (e.PeekTag() == Asn1Tag.Boolean)
                {
                    if (!e.TryReadBoolean(out x.Critical)) { error = "critical: " + e.Error; return false; }
                    if (!x.Critical) { error = "critical encoded as FALSE (DER omits the default)"; return false; }
                }
                x.Value = e.ReadOctetString();
                if (x.Value == null || e.HasMore) { error = "extnValue of " + x.Oid + " invalid"; return false; }
                for (int i = 0; i < list.Count; i++)
                {
                    if (((X509Extension)list[i]).Oid == x.Oid) { error = "extension " + x.Oid + " appears twice (RFC 5280 §4.2)"; return false; }
                }
                list.Add(x);
                bool known;
                if (!DecodeExtension(c, x, out known, out error)) { error = "extension " + x.Oid + ": " + error; return false; }
                if (!known && x.Critical) unknownCritical.Add(x.Oid);
            }
            c.Extensions = new X509Extension[list.Count];
            for (int i = 0; i < list.Count; i++) c.Extensions[i] = (X509Extension)list[i];
            c.UnknownCriticalExtensions = ToStrings(unknownCritical);
            return true;
        }

        private static bool DecodeExtension(X509Certificate c, X509Extension x, out bool known, out string error)
        {
            known = true;
            error = null;
            DerReader r = new DerReader(x.Value);
            switch (x.Oid)
            {
                case X509Extension.BasicConstraints:
                {
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    c.HasBasicConstraints = true;
                    if (s.PeekTag() == Asn1Tag.Boolean && !s.TryReadBoolean(out c.IsCa)) { error = s.Error; return false; }
                    if (s.PeekTag() == Asn1Tag.Integer && !s.TryReadInt(out c.PathLenConstraint)) { error = s.Error; return false; }
                    return !s.HasMore || Bad(out error, "trailing data");
                }
                case X509Extension.KeyUsage:
                {
                    int unused;
                    byte[] bits = r.ReadBitString(out unused);
                    if (bits == null) { error = r.Error; return false; }
                    c.HasKeyUsage = true;
                    c.KeyUsage = 0;
                    for (int i = 0; i < bits.Length * 8 && i < 9; i++)
                        if ((bits[i >> 3] & (0x80 >> (i & 7))) != 0) c.KeyUsage |= 1 << i;
                    return true;
                }
                case X509Extension.ExtendedKeyUsage:
                {
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    ArrayList oids = new ArrayList();
                    while (s.HasMore)
                    {
                        string oid = s.ReadOid();
                        if (oid == null) { error = s.Error; return false; }
                        oids.Add(oid);
                    }
                    c.ExtendedKeyUsages = ToStrings(oids);
                    return true;
                }
                case X509Extension.SubjectAltName:
                {
                    c.HasSubjectAltName = true;
                    return DecodeGeneralNames(r, c, out error);
                }
                case X509Extension.SubjectKeyIdentifier:
                    c.SubjectKeyId = r.ReadOctetString();
                    return c.SubjectKeyId != null || Bad(out error, r.Error);
                case X509Extension.AuthorityKeyIdentifier:
                {
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    if (s.PeekTag() == Asn1Tag.ContextPrimitive(0))
                    {
                        int o, l;
                        s.TryRead(Asn1Tag.ContextPrimitive(0), out o, out l);
                        c.AuthorityKeyId = s.Copy(o, l);
                    }
                    return true;
                }
                case X509Extension.AuthorityInfoAccess:
                {
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    ArrayList urls = new ArrayList();
                    while (s.HasMore)
                    {
                        DerReader ad = s.ReadNested(Asn1Tag.Sequence);
                        string method = ad == null ? null : ad.ReadOid();
                        if (method == null) { error = "AccessDescription invalid"; return false; }
                        int o, l;
                        if (ad.PeekTag() == Asn1Tag.ContextPrimitive(6) && ad.TryRead(Asn1Tag.ContextPrimitive(6), out o, out l))
                        {
                            if (method == OidCaIssuers) urls.Add(Util.Ascii.Printable(ad.Data, o, l));
                        }
                        else ad.ReadEncoded();
                    }
                    c.CaIssuersUrls = ToStrings(urls);
                    return true;
                }
                case X509Extension.CrlDistributionPoints:
                {
                    // SEQUENCE OF DistributionPoint { [0] name, [1] reasons, [2] cRLIssuer } (§4.2.1.13)
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    ArrayList urls = new ArrayList(), points = new ArrayList();
                    while (s.HasMore)
                    {
                        if (points.Count >= 16) return Bad(out error, "more than 16 distribution points");
                        DerReader dp = s.ReadNested(Asn1Tag.Sequence);
                        if (dp == null) { error = s.Error; return false; }
                        DistributionPoint point = new DistributionPoint();
                        if (dp.PeekTag() == Asn1Tag.ContextConstructed(0))
                        {
                            DerReader name = dp.ReadNested(Asn1Tag.ContextConstructed(0));
                            string why = name == null ? dp.Error : point.ReadName(name);
                            if (why != null) { error = "distributionPoint: " + why; return false; }
                            for (int i = 0; i < point.Uris.Length; i++) urls.Add(point.Uris[i]);
                        }
                        int o, l;
                        if (dp.PeekTag() == Asn1Tag.ContextPrimitive(1))
                        {
                            dp.TryRead(Asn1Tag.ContextPrimitive(1), out o, out l);
                            if (l < 1 || l > 3) return Bad(out error, "reasons invalid");
                            point.Reasons = DistributionPoint.ReasonBits(dp.Copy(o + 1, l - 1));
                        }
                        if (dp.PeekTag() == Asn1Tag.ContextConstructed(2))
                        {
                            dp.TryRead(Asn1Tag.ContextConstructed(2), out o, out l);
                            string[] u;
                            X509Name[] dirs;
                            string why = DistributionPoint.ReadGeneralNames(new DerReader(dp.Data, o, l), out u, out dirs);
                            if (why != null) { error = "cRLIssuer: " + why; return false; }
                            point.CrlIssuers = dirs;
                        }
                        if (dp.HasMore) return Bad(out error, "trailing data in DistributionPoint");
                        points.Add(point);
                    }
                    c.CrlUrls = ToStrings(urls);
                    c.DistributionPoints = new DistributionPoint[points.Count];
                    for (int i = 0; i < points.Count; i++) c.DistributionPoints[i] = (DistributionPoint)points[i];
                    return true;
                }
                case X509Extension.CertificatePolicies:
                {
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    ArrayList oids = new ArrayList();
                    while (s.HasMore)
                    {
                        DerReader pi = s.ReadNested(Asn1Tag.Sequence);
                        string oid = pi == null ? null : pi.ReadOid();
                        if (oid == null) { error = "PolicyInformation invalid"; return false; }
                        // Qualifiers (CPS pointer, user notice) are informational: checked for form only.
                        if (pi.HasMore && (pi.ReadNested(Asn1Tag.Sequence) == null || pi.HasMore)) { error = "policyQualifiers of " + oid + " invalid"; return false; }
                        if (oids.Contains(oid)) { error = "policy " + oid + " appears twice (§4.2.1.4)"; return false; }
                        oids.Add(oid);
                    }
                    c.PolicyOids = ToStrings(oids);
                    return true;
                }
                case X509Extension.NameConstraints:
                {
                    string why;
                    c.NameConstraints = NameConstraints.TryParse(x.Value, out why);
                    if (c.NameConstraints == null) { error = why; return false; }
                    return true;
                }
                case X509Extension.PolicyMappings:
                {
                    // SEQUENCE OF SEQUENCE { issuerDomainPolicy, subjectDomainPolicy } (§4.2.1.5)
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    ArrayList pairs = new ArrayList();
                    while (s.HasMore)
                    {
                        DerReader m = s.ReadNested(Asn1Tag.Sequence);
                        string from = m == null ? null : m.ReadOid();
                        string to = from == null ? null : m.ReadOid();
                        if (to == null || m.HasMore) { error = "PolicyMapping invalid"; return false; }
                        pairs.Add(from);
                        pairs.Add(to);
                    }
                    if (pairs.Count == 0) return Bad(out error, "empty policyMappings");
                    c.PolicyMappings = ToStrings(pairs);
                    return true;
                }
                case X509Extension.PolicyConstraints:
                {
                    // SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL, inhibitPolicyMapping [1] SkipCerts OPTIONAL } (§4.2.1.11)
                    DerReader s = r.ReadNested(Asn1Tag.Sequence);
                    if (s == null) { error = r.Error; return false; }
                    int o, l;
                    if (s.PeekTag() == Asn1Tag.ContextPrimitive(0) && s.TryRead(Asn1Tag.ContextPrimitive(0), out o, out l))
                        c.RequireExplicitPolicy = SkipCerts(s.Data, o, l);
                    if (s.PeekTag() == Asn1Tag.ContextPrimitive(1) && s.TryRead(Asn1Tag.ContextPrimitive(1), out o, out l))
                        c.InhibitPolicyMapping = SkipCerts(s.Data, o, l);
                    if (s.HasMore) return Bad(out error, "trailing data");
                    if (c.RequireExplicitPolicy == -2 || c.InhibitPolicyMapping == -2) return Bad(out error, "SkipCerts is not a small non-negative INTEGER");
                    if (c.RequireExplicitPolicy == -1 && c.InhibitPolicyMapping == -1) return Bad(out error, "empty policyConstraints (§4.2.1.11)");
                    return true;
                }
                case X509Extension.InhibitAnyPolicy:
                {
                    int o, l;
                    if (!r.TryRead(Asn1Tag.Integer, out o, out l) || r.HasMore) { error = r.Error ?? "trailing data"; return false; }
                    c.InhibitAnyPolicySkip = SkipCerts(r.Data, o, l);
                    return c.InhibitAnyPolicySkip >= 0 || Bad(out error, "SkipCerts is not a small non-negative INTEGER");
                }
                default:
                    known = false;
                    return true;
            }
        }

        private static bool DecodeGeneralNames(DerReader r, X509Certificate c, out string error)
        {
            error = null;
            DerReader s = r.ReadNested(Asn1Tag.Sequence);
            if (s == null) { error = r.Error; return false; }
            ArrayList dns = new ArrayList(), ips = new ArrayList(), mails = new ArrayList(), uris = new ArrayList(), dirs = new ArrayList();
            while (s.HasMore)
            {
                int tag, o, l, eo, el;
                if (!s.TryReadElement(out tag, out o, out l, out eo, out el)) { error = s.Error; return false; }
                if (tag == Asn1Tag.ContextPrimitive(2)) dns.Add(Util.Ascii.Printable(s.Data, o, l));
                else if (tag == Asn1Tag.ContextPrimitive(6)) uris.Add(Util.Ascii.Printable(s.Data, o, l));
                else if (tag == Asn1Tag.ContextConstructed(4))
                {
                    string e;
                    X509Name dn = X509Name.TryParse(new DerReader(s.Data, o, l), out e);
                    if (dn == null) { error = "directoryName in subjectAltName: " + e; return false; }
                    dirs.Add(dn);
                }
                else if (tag == Asn1Tag.ContextPrimitive(1)) mails.Add(Util.Ascii.Printable(s.Data, o, l));
                else if (tag == Asn1Tag.ContextPrimitive(7))
                {
                    if (l == 4) ips.Add(Net.Ip4.Read(s.Data, o));
                    else if (l != 16) { error = "iPAddress of " + l.ToString() + " octets"; return false; }
                }
            }
            c.DnsNames = ToStrings(dns);
            c.EmailAddresses = ToStrings(mails);
            c.UriNames = ToStrings(uris);
            c.DirectoryNames = new X509Name[dirs.Count];
            for (int i = 0; i < dirs.Count; i++) c.DirectoryNames[i] = (X509Name)dirs[i];
            c.IpAddresses = new uint[ips.Count];
            for (int i = 0; i < ips.Count; i++) c.IpAddresses[i] = (uint)ips[i];
            return true;
        }

        /// <summary>A SkipCerts INTEGER's content octets as an int: -2 when negative or absurdly large.</summary>
        private static int SkipCerts(byte[] d, int o, int l)
        {
            if (l < 1 || l > 3 || (d[o] & 0x80) != 0) return -2;
            int v = 0;
            for (int i = 0; i < l; i++) v = (v << 8) | d[o + i];
            return v;
        }

        private static string[] ToStrings(ArrayList a)
        {
            string[] r = new string[a.Count];
            for (int i = 0; i < a.Count; i++) r[i] = (string)a[i];
            return r;
        }

        private static bool Bad(out string error, string why)
        {
            error = why;
            return false;
        }
    }
}
