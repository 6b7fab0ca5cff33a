using System.Collections;
using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.X509
{
    /// <summary>A certificate revocation list (RFC 5280 §5.1) parsed from DER. CRLs the phone
    /// cannot fully understand (an unknown critical CRL or entry extension, delta CRLs,
    /// issuing distribution points, indirect CRLs) are marked unusable, never half-used.</summary>
    public sealed class X509Crl
    {
        public const int MaxEntries = 100000;

        public byte[] Der;
        public int TbsOffset;
        public int TbsLength;
        public string SignatureAlgorithm;
        public byte[] SignatureAlgorithmParameters;   // DER of the parameters, or null
        public byte[] Signature;
        public int SignatureUnusedBits;
        public X509Name Issuer;
        public long ThisUpdate;
        public long NextUpdate = -1;              // -1: absent
        public byte[] AuthorityKeyId;
        /// <summary>issuingDistributionPoint (§5.2.5): the point, or null when absent.</summary>
        public DistributionPoint IssuingPoint;
        /// <summary>DER of the issuingDistributionPoint value (a delta CRL must carry the same), or null.</summary>
        public byte[] IssuingPointDer;
        /// <summary>cRLNumber (§5.2.3), unsigned big-endian, or null.</summary>
        public byte[] CrlNumber;
        /// <summary>deltaCRLIndicator's BaseCRLNumber (§5.2.4) when this is a delta CRL, else null.</summary>
        public byte[] BaseCrlNumber;
        public bool IsDelta { get { return BaseCrlNumber != null; } }
        public bool OnlyUserCerts;
        public bool OnlyCaCerts;
        public bool OnlyAttributeCerts;
        public bool IndirectCrl;
        public int OnlySomeReasons = DistributionPoint.AllReasons;
        /// <summary>Why this CRL cannot be used for status decisions, or null.</summary>
        public string Unusable;

        private readonly ArrayList _serials = new ArrayList();
        private readonly ArrayList _dates = new ArrayList();
        private readonly ArrayList _entryUnusable = new ArrayList();
        private readonly ArrayList _reasons = new ArrayList();    // reasonCode per entry, -1: absent
        private readonly ArrayList _issuers = new ArrayList();     // X509Name per entry, null: the CRL issuer

        public int Count { get { return _serials.Count; } }

        /// <summary>Looks up a certificate by issuer and serial number: -1 when not listed, else
        /// the entry index. In an indirect CRL entries name their certificate issuer
        /// (certificateIssuer, §5.3.3); elsewhere every entry is the CRL issuer's.</summary>
        public int Find(X509Name certIssuer, byte[] serial)
        {
            for (int i = 0; i < _serials.Count; i++)
            {
                byte[] s = (byte[])_serials[i];
                if (s.Length != serial.Length) continue;
                bool same = true;
                for (int k = 0; k < s.Length && same; k++) same = s[k] == serial[k];
                if (!same) continue;
                X509Name entryIssuer = IndirectCrl && _issuers[i] != null ? (X509Name)_issuers[i] : Issuer;
                if (NameMatch.Equal(entryIssuer, certIssuer)) return i;
            }
            return -1;
        }

        public long RevocationDate(int entry) { return (long)_dates[entry]; }

        public const int ReasonRemoveFromCrl = 8;

        /// <summary>The entry's reasonCode (§5.3.1), -1 when absent.</summary>
        public int Reason(int entry) { return (int)_reasons[entry]; }

        /// <summary>Why a listed entry cannot be interpreted (unknown critical entry extension), or null.</summary>
        public string EntryUnusable(int entry) { return (string)_entryUnusable[entry]; }

        public static X509Crl TryParse(byte[] der, out string error)
        {
            error = null;
            if (der == null) { error = "no data"; return null; }
            X509Crl c = new X509Crl();
            c.Der = der;
            DerReader top = new DerReader(der);
            DerReader list = top.ReadNested(Asn1Tag.Sequence);
            if (list == null || top.HasMore) { error = "CertificateList: " + (top.Error ?? "trailing data"); return null; }
            int tbsStart = list.Position;
            DerReader tbs = list.ReadNested(Asn1Tag.Sequence);
            if (tbs == null) { error = "TBSCertList: " + list.Error; return null; }
            c.TbsOffset = tbsStart;
            c.TbsLength = list.Position - tbsStart;
            int version = 1;
            if (tbs.PeekTag() == Asn1Tag.Integer && !tbs.TryReadInt(out version)) { error = "version: " + tbs.Error; return null; }
            DerReader inner = tbs.ReadNested(Asn1Tag.Sequence);
            string innerAlg = inner == null ? null : inner.ReadOid();
            if (innerAlg == null) { error = "signature AlgorithmIdentifier invalid"; return null; }
            byte[] innerParams = null;
            if (inner.HasMore && (innerParams = inner.ReadEncoded()) == null) { error = "signature AlgorithmIdentifier parameters invalid"; return null; }
            c.Issuer = X509Name.TryParse(tbs, out error);
            if (c.Issuer == null) { error = "issuer " + error; return null; }
            if (!tbs.TryReadTime(out c.ThisUpdate)) { error = "thisUpdate invalid"; return null; }
            int t = tbs.PeekTag();
            if (t == Asn1Tag.UtcTime || t == Asn1Tag.GeneralizedTime)
            {
                if (!tbs.TryReadTime(out c.NextUpdate)) { error = "nextUpdate invalid"; return null; }
            }
            if (tbs.PeekTag() == Asn1Tag.Sequence)
            {
                DerReader revoked = tbs.ReadNested(Asn1Tag.Sequence);
                if (revoked == null) { error = "revokedCertificates: " + tbs.Error; return null; }
                object[] entryIssuer = new object[2];           // [0] certificateIssuer, carried over to later entries (§5.3.3); [1] reasonCode
                while (revoked.HasMore)
                {
                    if (c._serials.Count >= MaxEntries) { error = "more than " + MaxEntries.ToString() + " entries"; return null; }
                    DerReader e = revoked.ReadNested(Asn1Tag.Sequence);
                    byte[] serial = e == null ? null : e.ReadIntegerBytes();
                    long date;
                    if (serial == null || !e.TryReadTime(out date)) { error = "revoked entry invalid"; return null; }
                    string entryProblem = null;
                    entryIssuer[1] = null;
                    if (e.HasMore)
                    {
                        DerReader exts = e.ReadNested(Asn1Tag.Sequence);
                        if (exts == null || !Extensions(exts, true, out entryProblem, out error, null, entryIssuer)) { error = "entry extensions: " + (error ?? e.Error); return null; }
                    }
                    c._issuers.Add(entryIssuer[0]);
                    c._reasons.Add(entryIssuer[1] == null ? -1 : (int)(byte)entryIssuer[1]);
                    entryIssuer[1] = null;
                    c._serials.Add(serial);
                    c._dates.Add(date);
                    c._entryUnusable.Add(entryProblem);
                }
            }
            if (tbs.PeekTag() == Asn1Tag.ContextConstructed(0))
            {
                DerReader wrap = tbs.ReadNested(Asn1Tag.ContextConstructed(0));
                DerReader exts = wrap == null ? null : wrap.ReadNested(Asn1Tag.Sequence);
                string problem;
                if (exts == null || !Extensions(exts, false, out problem, out error, c, null)) { error = "crlExtensions: " + error; return null; }
                if (problem != null) c.Unusable = problem;
            }
            if (tbs.HasMore) { error = "unexpected fields in TBSCertList"; return null; }
            DerReader alg = list.ReadNested(Asn1Tag.Sequence);
            c.SignatureAlgorithm = alg == null ? null : alg.ReadOid();
            if (c.SignatureAlgorithm != null && alg.HasMore) c.SignatureAlgorithmParameters = alg.ReadEncoded();
            if (c.SignatureAlgorithm == null || c.SignatureAlgorithm != innerAlg || !X509Certificate.SameDer(c.SignatureAlgorithmParameters, innerParams)) { error = "signatureAlgorithm missing or different from the inner one"; return null; }
            int unused;
            c.Signature = list.ReadBitString(out unused);
            if (c.Signature == null) { error = "signatureValue: " + list.Error; return null; }
            c.SignatureUnusedBits = unused;
            return c;
        }

        /// <summary>issuingDistributionPoint (RFC 5280 §5.2.5): null, or why it is malformed.</summary>
        private string ReadIssuingDistributionPoint(byte[] value)
        {
            DerReader outer = new DerReader(value);
            DerReader s = outer.ReadNested(Asn1Tag.Sequence);
            if (s == null || outer.HasMore) return outer.Error ?? "trailing data";
            IssuingPoint = new DistributionPoint();
            if (s.PeekTag() == Asn1Tag.ContextConstructed(0))
            {
                DerReader name = s.ReadNested(Asn1Tag.ContextConstructed(0));
                string why = name == null ? s.Error : IssuingPoint.ReadName(name);
                if (why != null) return why;
            }
            int o, l;
            for (int k = 1; k <= 5; k++)
            {
                if (s.PeekTag() != Asn1Tag.ContextPrimitive(k)) continue;
                s.TryRead(Asn1Tag.ContextPrimitive(k), out o, out l);
                if (k == 3)
                {
                    if (l < 1 || l > 3) return "onlySomeReasons invalid";
                    OnlySomeReasons = DistributionPoint.ReasonBits(s.Copy(o + 1, l - 1));
                    continue;
                }
                if (l != 1 || s.Data[o] != 0xFF) return "a BOOLEAN that is not DER TRUE (DEFAULT FALSE must be omitted)";
                if (k == 1) OnlyUserCerts = true;
                else if (k == 2) OnlyCaCerts = true;
                else if (k == 4) IndirectCrl = true;
                else OnlyAttributeCerts = true;
            }
            if (s.HasMore) return "unexpected field";
            if ((OnlyUserCerts ? 1 : 0) + (OnlyCaCerts ? 1 : 0) + (OnlyAttributeCerts ? 1 : 0) > 1) return "more than one of onlyContainsUserCerts, onlyContainsCACerts, onlyContainsAttributeCerts";
            return null;
        }

        private static bool Extensions(DerReader exts, bool entry, out string problem, out string error, X509Crl crl, object[] entryIssuer)
        {
            problem = null;
            error = null;
            while (exts.HasMore)
            {
                DerReader e = exts.ReadNested(Asn1Tag.Sequence);
                string oid = e == null ? null : e.ReadOid();
                if (oid == null) { error = "Extension invalid"; return false; }
                bool critical = false;
                if (e.PeekTag() == Asn1Tag.Boolean && !e.TryReadBoolean(out critical)) { error = e.Error; return false; }
                byte[] value = e.ReadOctetString();
                if (value == null) { error = "extnValue invalid"; return false; }
                if (!entry && oid == X509Extension.AuthorityKeyIdentifier && crl != null)
                {
                    DerReader s = new DerReader(value).ReadNested(Asn1Tag.Sequence);
                    int o, l;
                    if (s != null && s.PeekTag() == Asn1Tag.ContextPrimitive(0) && s.TryRead(Asn1Tag.ContextPrimitive(0), out o, out l)) crl.AuthorityKeyId = s.Copy(o, l);
                    continue;
                }
                if (!entry && oid == "2.5.29.28" && crl != null)
                {
                    crl.IssuingPointDer = value;
                    string why = crl.ReadIssuingDistributionPoint(value);
                    if (why != null) { error = "issuingDistributionPoint: " + why; return false; }
                    continue;
                }
                if (!entry && (oid == "2.5.29.27" || oid == "2.5.29.20") && crl != null)
                {
                    // deltaCRLIndicator (BaseCRLNumber, §5.2.4) and cRLNumber (§5.2.3): both INTEGERs.
                    byte[] number = new DerReader(value).ReadUnsignedInteger();
                    if (number == null || number.Length > 20) { error = (oid == "2.5.29.20" ? "cRLNumber" : "deltaCRLIndicator") + " is not an INTEGER of at most 20 octets"; return false; }
                    if (oid == "2.5.29.20") crl.CrlNumber = number;
                    else crl.BaseCrlNumber = number;
                    continue;
                }
                if (entry && oid == "2.5.29.21" && entryIssuer != null)
                {
                    // reasonCode ENUMERATED (§5.3.1)
                    DerReader rc = new DerReader(value);
                    int o, l;
                    if (!rc.TryRead(0x0A, out o, out l) || l != 1) { error = "reasonCode invalid"; return false; }
                    entryIssuer[1] = value[o];
                    continue;
                }
                if (entry && oid == "2.5.29.29" && entryIssuer != null)
                {
                    string[] uris = null;
                    X509Name[] dirs = null;
                    DerReader gn = new DerReader(value);
                    DerReader names = gn.ReadNested(Asn1Tag.Sequence);
                    string why = names == null ? gn.Error : DistributionPoint.ReadGeneralNames(names, out uris, out dirs);
                    if (why != null || dirs.Length != 1) { error = "certificateIssuer: " + (why ?? "not one directoryName"); return false; }
                    entryIssuer[0] = dirs[0];
                    continue;
                }
                // Understood and harmless: CRL number; entry reasonCode and invalidityDate.
                if (entry && (oid == "2.5.29.21" || oid == "2.5.29.24")) continue;
                if (critical && problem == null)
                    problem = (entry ? "a revoked entry carries" : "the CRL carries") + " critical extension " + oid + ", which this phone does not process";
            }
            return true;
        }

    }
}
