using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.X509
{
    /// <summary>RSASSA-PSS-params of an id-RSASSA-PSS signature algorithm (RFC 4055 §3.1, module
    /// in EXPLICIT TAGS):
    /// SEQUENCE { hashAlgorithm [0] DEFAULT sha1, maskGenAlgorithm [1] DEFAULT mgf1SHA1,
    /// saltLength [2] INTEGER DEFAULT 20, trailerField [3] INTEGER DEFAULT 1 }.
    /// Only MGF1, trailerField 1 and the hashes the core has are accepted. Defaults written out
    /// explicitly (not DER, X.690 §11.5) are tolerated as many encoders produce them.</summary>
    public sealed class PssParameters
    {
        public const string OidRsassaPss = "1.2.840.113549.1.1.10";
        public const string OidMgf1 = "1.2.840.113549.1.1.8";
        /// <summary>No modulus the core accepts (at most 8192 bits) has room for a longer salt.</summary>
        public const int MaxSaltLength = 1024;

        public string HashName = HashAlgorithm.Sha1Name;
        public string MgfHashName = HashAlgorithm.Sha1Name;
        public int SaltLength = 20;

        /// <summary>Parses the DER of the parameters (the whole SEQUENCE); null and the reason when
        /// absent, malformed or unsupported. RFC 4055 §3.1: in a signature's AlgorithmIdentifier
        /// the parameters MUST be present.</summary>
        public static PssParameters TryParse(byte[] der, out string error)
        {
            error = null;
            if (der == null) { error = "RSASSA-PSS signature without parameters (RFC 4055 §3.1 requires them)"; return null; }
            DerReader top = new DerReader(der);
            DerReader seq = top.ReadNested(Asn1Tag.Sequence);
            if (seq == null || top.HasMore) { error = "RSASSA-PSS-params is not one SEQUENCE"; return null; }
            PssParameters r = new PssParameters();
            if (seq.PeekTag() == Asn1Tag.ContextConstructed(0))
            {
                DerReader h = seq.ReadNested(Asn1Tag.ContextConstructed(0));
                r.HashName = h == null ? null : HashOf(h, out error);
                if (r.HashName == null) { error = "hashAlgorithm: " + (error ?? seq.Error); return null; }
                if (h.HasMore) { error = "hashAlgorithm: extra data"; return null; }
            }
            if (seq.PeekTag() == Asn1Tag.ContextConstructed(1))
            {
                DerReader m = seq.ReadNested(Asn1Tag.ContextConstructed(1));
                DerReader alg = m == null ? null : m.ReadNested(Asn1Tag.Sequence);
                string oid = alg == null ? null : alg.ReadOid();
                if (oid == null || m.HasMore) { error = "maskGenAlgorithm malformed"; return null; }
                if (oid != OidMgf1) { error = "mask generation function " + oid + " is not supported (only MGF1, RFC 8017 §B.2.1)"; return null; }
                r.MgfHashName = HashOf(alg, out error);            // MGF1's parameters: the hash's AlgorithmIdentifier
                if (r.MgfHashName == null) { error = "MGF1 hash: " + error; return null; }
                if (alg.HasMore) { error = "maskGenAlgorithm: extra data"; return null; }
            }
            if (seq.PeekTag() == Asn1Tag.ContextConstructed(2))
            {
                DerReader s = seq.ReadNested(Asn1Tag.ContextConstructed(2));
                if (s == null || !s.TryReadInt(out r.SaltLength) || s.HasMore) { error = "saltLength malformed or negative"; return null; }
                if (r.SaltLength > MaxSaltLength) { error = "saltLength " + r.SaltLength.ToString() + " is absurd (at most " + MaxSaltLength.ToString() + ")"; return null; }
            }
            if (seq.PeekTag() == Asn1Tag.ContextConstructed(3))
            {
                DerReader t = seq.ReadNested(Asn1Tag.ContextConstructed(3));
                int trailer;
                if (t == null || !t.TryReadInt(out trailer) || t.HasMore) { error = "trailerField malformed"; return null; }
                if (trailer != 1) { error = "trailerField " + trailer.ToString() + " is not supported (only 1, the 0xBC trailer)"; return null; }
            }
            if (seq.HasMore) { error = "RSASSA-PSS-params has unexpected or misordered fields"; return null; }
            return r;
        }

        /// <summary>A HashAlgorithm AlgorithmIdentifier (RFC 4055 §2.1): SHA-1 or SHA-2 OID with
        /// NULL or absent parameters, both of which must be accepted.</summary>
        private static string HashOf(DerReader outer, out string error)
        {
            error = null;
            DerReader alg = outer.ReadNested(Asn1Tag.Sequence);
            string oid = alg == null ? null : alg.ReadOid();
            if (oid == null) { error = "AlgorithmIdentifier malformed"; return null; }
            if (alg.HasMore && (!alg.TryReadNull() || alg.HasMore)) { error = "hash parameters must be NULL or absent"; return null; }
            switch (oid)
            {
                case "1.3.14.3.2.26": return HashAlgorithm.Sha1Name;
                case "2.16.840.1.101.3.4.2.1": return HashAlgorithm.Sha256Name;
                case "2.16.840.1.101.3.4.2.2": return HashAlgorithm.Sha384Name;
                case "2.16.840.1.101.3.4.2.3": return HashAlgorithm.Sha512Name;
                default:
                    error = "hash " + oid + " is not supported";
                    return null;
            }
        }
    }
}
