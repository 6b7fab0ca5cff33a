using System.Collections;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Cms
{
    /// <summary>A CMS SignedData (RFC 5652 §5) as SCEP uses it (RFC 8894 §3.2): encapsulated
    /// content, certificates and SignerInfos with signed attributes. The envelope may be BER
    /// (indefinite lengths, a constructed eContent OCTET STRING); certificates and signedAttrs
    /// must be DER, as §5.3 requires of what is signed. TryParse never throws and caps every
    /// count; Verify checks one SignerInfo against a certificate and says why it fails.</summary>
    public sealed class CmsSignedData
    {
        public const int MaxMessageLength = 262144;
        public const int MaxCertificates = 16;
        public const int MaxSigners = 4;
        public const int MaxDigestAlgorithms = 8;

        public int Version;
        public string[] DigestAlgorithms = new string[0];
        /// <summary>eContentType of encapContentInfo.</summary>
        public string ContentType;
        /// <summary>eContent (the OCTET STRING's value, segments joined), or null when absent.</summary>
        public byte[] Content;
        /// <summary>DER of each certificate (the Certificate choice only), in message order.</summary>
        public byte[][] Certificates = new byte[0][];
        public int OtherCertificateChoices;
        public int CrlCount;
        public CmsSignerInfo[] Signers = new CmsSignerInfo[0];
        /// <summary>False when the envelope used BER-only forms.</summary>
        public bool IsDer = true;

        /// <summary>A ContentInfo holding SignedData; null with the reason when malformed.</summary>
        public static CmsSignedData TryParse(byte[] data, out string error)
        {
            error = null;
            if (data == null || data.Length == 0) { error = "no data"; return null; }
            if (data.Length > MaxMessageLength) { error = "CMS message larger than " + MaxMessageLength.ToString() + " bytes"; return null; }
            BerReader top = new BerReader(data);
            // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT ANY } (§3)
            BerReader ci = top.ReadNested(Asn1Tag.Sequence);
            if (ci == null) return Fail("ContentInfo: " + top.Error, out error);
            if (top.HasMore) return Fail("data after the ContentInfo", out error);
            string type = ci.ReadOid();
            if (type == null) return Fail("contentType: " + ci.Error, out error);
            if (type != CmsAlgorithms.OidSignedData) return Fail("contentType is " + type + ", not id-signedData", out error);
            BerReader explicit0 = ci.ReadNested(Asn1Tag.ContextConstructed(0));
            if (explicit0 == null) return Fail("content: " + ci.Error, out error);
            if (ci.HasMore) return Fail("data after the content of ContentInfo", out error);
            BerReader sd = explicit0.ReadNested(Asn1Tag.Sequence);
            if (sd == null) return Fail("SignedData: " + explicit0.Error, out error);
            if (explicit0.HasMore) return Fail("data after SignedData", out error);

            CmsSignedData m = new CmsSignedData();
            // CMSVersion 1, 3, 4 or 5 for SignedData (§5.1).
            if (!sd.TryReadSmallInt(out m.Version) || m.Version > 5) return Fail("SignedData version: " + (sd.Error ?? "out of range"), out error);
            BerReader digests = sd.ReadNested(Asn1Tag.Set);
            if (digests == null) return Fail("digestAlgorithms: " + sd.Error, out error);
            ArrayList algs = new ArrayList();
            while (digests.HasMore)
            {
                if (algs.Count >= MaxDigestAlgorithms) return Fail("more than " + MaxDigestAlgorithms.ToString() + " digestAlgorithms", out error);
                string a = ReadAlgorithm(digests, out error);
                if (a == null) return Fail("digestAlgorithms: " + error, out error);
                algs.Add(a);
            }
            m.DigestAlgorithms = Strings(algs);

            BerReader eci = sd.ReadNested(Asn1Tag.Sequence);
            if (eci == null) return Fail("encapContentInfo: " + sd.Error, out error);
            m.ContentType = eci.ReadOid();
            if (m.ContentType == null) return Fail("eContentType: " + eci.Error, out error);
            if (eci.HasMore)
            {
                BerReader ec = eci.ReadNested(Asn1Tag.ContextConstructed(0));
                if (ec == null) return Fail("eContent: " + eci.Error, out error);
                m.Content = ec.ReadOctetString(Asn1Tag.OctetString, MaxMessageLength);
                if (m.Content == null) return Fail("eContent: " + ec.Error, out error);
                if (ec.HasMore || eci.HasMore) return Fail("data after eContent", out error);
                if (ec.SawNonDer) m.IsDer = false;
            }

            if (sd.PeekTag() == Asn1Tag.ContextConstructed(0))
            {
                BerReader certs = sd.ReadNested(Asn1Tag.ContextConstructed(0));
                if (certs == null) return Fail("certificates: " + sd.Error, out error);
                if (!ReadCertificates(certs, m, out error)) return null;
            }
            if (sd.PeekTag() == Asn1Tag.ContextConstructed(1))
            {
                BerReader crls = sd.ReadNested(Asn1Tag.ContextConstructed(1));
                if (crls == null) return Fail("crls: " + sd.Error, out error);
                while (crls.HasMore)
                {
                    if (++m.CrlCount > MaxCertificates) return Fail("more than " + MaxCertificates.ToString() + " CRLs", out error);
                    if (!crls.Skip()) return Fail("crls: " + crls.Error, out error);
                }
            }
            BerReader signers = sd.ReadNested(Asn1Tag.Set);
            if (signers == null) return Fail("signerInfos: " + sd.Error, out error);
            if (sd.HasMore) return Fail("unexpected field after signerInfos", out error);
            ArrayList list = new ArrayList();
            while (signers.HasMore)
            {
                if (list.Count >= MaxSigners) return Fail("more than " + MaxSigners.ToString() + " SignerInfos", out error);
                BerReader si = signers.ReadNested(Asn1Tag.Sequence);
                if (si == null) return Fail("SignerInfo: " + signers.Error, out error);
                CmsSignerInfo s = ReadSignerInfo(si, out error);
                if (s == null) return Fail("SignerInfo " + (list.Count + 1).ToString() + ": " + error, out error);
                list.Add(s);
            }
            m.Signers = new CmsSignerInfo[list.Count];
            for (int i = 0; i < list.Count; i++) m.Signers[i] = (CmsSignerInfo)list[i];
            if (top.SawNonDer || ci.SawNonDer || explicit0.SawNonDer || sd.SawNonDer || eci.SawNonDer || signers.SawNonDer) m.IsDer = false;
            return m;
        }

        /// <summary>The parsed certificates; a certificate that does not parse makes the result null.</summary>
        public X509Certificate[] ParseCertificates(out string error)
        {
            error = null;
            X509Certificate[] r = new X509Certificate[Certificates.Length];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = X509Certificate.TryParse(Certificates[i], out error);
                if (r[i] == null) { error = "certificate " + (i + 1).ToString() + " of the SignedData: " + error; return null; }
            }
            return r;
        }

        /// <summary>Checks the signer's signature with the certificate's RSA key (RSA PKCS#1 v1.5,
        /// RFC 3370 §3.2): with signed attributes, contentType must equal eContentType and
        /// messageDigest the digest of eContent (§5.4, §11.1-11.2), and the signature covers the
        /// attributes' DER with the SET tag; without them it covers the content's digest. Absent
        /// eContent counts as empty (SCEP's FAILURE and PENDING replies carry none, RFC 8894
        /// §3.3.2). Null when the signature is good, else the reason.</summary>
        public string Verify(CmsSignerInfo signer, X509Certificate certificate)
        {
            if (signer == null || certificate == null) return "no signer or no certificate";
            string hash = CmsAlgorithms.DigestName(signer.DigestAlgorithm);
            if (hash == null) return "digest algorithm " + signer.DigestAlgorithm + " is not supported";
            string sigHash = CmsAlgorithms.RsaSignatureHash(signer.SignatureAlgorithm);
            if (signer.SignatureAlgorithm != CmsAlgorithms.OidRsaEncryption && sigHash == null)
                return "signature algorithm " + signer.SignatureAlgorithm + " is not supported (RSA PKCS#1 v1.5 only)";
            if (sigHash != null && sigHash != hash) return "signature algorithm " + signer.SignatureAlgorithm + " does not match digest algorithm " + hash;
            if (certificate.RsaModulus == null) return "the signer's certificate " + certificate.Describe() + " has no RSA key";
            RsaPublicKey key;
            try { key = certificate.RsaKey; }
            catch (System.ArgumentException e) { return "the signer's RSA key is unusable: " + e.Message; }
            HashAlgorithm h = HashAlgorithm.Create(hash);
            byte[] content = Content == null ? new byte[0] : Content;
            byte[] contentDigest = h.Compute(content);
            byte[] signedDigest;
            if (signer.SignedAttributesDer != null)
            {
                string ct = signer.AttributeOid(CmsAlgorithms.OidContentType);
                if (ct == null) return "the signed attributes have no contentType (RFC 5652 §5.3)";
                if (ct != ContentType) return "the contentType attribute (" + ct + ") differs from eContentType (" + ContentType + ")";
                byte[] md = signer.AttributeOctets(CmsAlgorithms.OidMessageDigest);
                if (md == null) return "the signed attributes have no messageDigest (RFC 5652 §5.3)";
                if (!CmsSignerInfo.SameBytes(md, contentDigest)) return "the messageDigest attribute does not match the content's " + hash + " digest";
                signedDigest = h.Compute(signer.SignedAttributesDer);
            }
            else
            {
                if (ContentType != CmsAlgorithms.OidData) return "signed attributes are required when eContentType is not id-data (RFC 5652 §5.3)";
                signedDigest = contentDigest;
            }
            return key.VerifyPkcs1(hash, signedDigest, signer.Signature) ? null
                : "the signature does not verify with the key of " + certificate.Describe();
        }

        /// <summary>The first candidate the signer's sid names, or null.</summary>
        public static X509Certificate FindCertificate(CmsSignerInfo signer, X509Certificate[] candidates)
        {
            if (signer == null || candidates == null) return null;
            for (int i = 0; i < candidates.Length; i++) if (signer.Identifies(candidates[i])) return candidates[i];
            return null;
        }

        private static CmsSignerInfo ReadSignerInfo(BerReader si, out string error)
        {
            error = null;
            CmsSignerInfo s = new CmsSignerInfo();
            if (!si.TryReadSmallInt(out s.Version)) { error = "version: " + si.Error; return null; }
            if (si.PeekTag() == Asn1Tag.Sequence)
            {
                // IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber } (§10.2.4)
                BerReader ias = si.ReadNested(Asn1Tag.Sequence);
                if (ias == null) { error = "issuerAndSerialNumber: " + si.Error; return null; }
                s.IssuerDer = ias.ReadDerElement(Asn1Tag.Sequence);
                if (s.IssuerDer == null) { error = "issuer: " + ias.Error; return null; }
                s.Issuer = X509Name.TryParse(new DerReader(s.IssuerDer), out error);
                if (s.Issuer == null) { error = "issuer: " + error; return null; }
                s.SerialNumber = ias.ReadIntegerBytes();
                if (s.SerialNumber == null || ias.HasMore) { error = "serialNumber: " + (ias.Error ?? "trailing data"); return null; }
                if (s.SerialNumber.Length > 64) { error = "serialNumber longer than 64 octets"; return null; }
            }
            else
            {
                s.SubjectKeyId = si.ReadOctetString(Asn1Tag.ContextPrimitive(0), 64);
                if (s.SubjectKeyId == null) { error = "sid: " + si.Error; return null; }
            }
            s.DigestAlgorithm = ReadAlgorithm(si, out error);
            if (s.DigestAlgorithm == null) { error = "digestAlgorithm: " + error; return null; }
            if (si.PeekTag() == Asn1Tag.ContextConstructed(0))
            {
                byte[] attrs = si.ReadDerElement(Asn1Tag.ContextConstructed(0));
                if (attrs == null) { error = "signedAttrs must be DER (RFC 5652 §5.3): " + si.Error; return null; }
                attrs[0] = (byte)Asn1Tag.Set;   // §5.4: the digest covers the EXPLICIT SET OF tag, not [0]
                if (!ReadAttributes(attrs, s, out error)) return null;
                s.SignedAttributesDer = attrs;
            }
            s.SignatureAlgorithm = ReadAlgorithm(si, out error);
            if (s.SignatureAlgorithm == null) { error = "signatureAlgorithm: " + error; return null; }
            s.Signature = si.ReadOctetString(Asn1Tag.OctetString, 1024);
            if (s.Signature == null) { error = "signature: " + si.Error; return null; }
            if (si.PeekTag() == Asn1Tag.ContextConstructed(1))
            {
                BerReader u = si.ReadNested(Asn1Tag.ContextConstructed(1));
                if (u == null) { error = "unsignedAttrs: " + si.Error; return null; }
                while (u.HasMore)
                {
                    if (++s.UnsignedAttributeCount > CmsSignerInfo.MaxAttributes) { error = "too many unsigned attributes"; return null; }
                    if (!u.Skip()) { error = "unsignedAttrs: " + u.Error; return null; }
                }
            }
            if (si.HasMore) { error = "unexpected field at the end"; return null; }
            return s;
        }

        // Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue } (§5.3).
        // Every attribute used here is single-valued, and none may appear twice (§11: contentType,
        // messageDigest; RFC 8894 §3.2.1 lists each SCEP attribute once).
        private static bool ReadAttributes(byte[] der, CmsSignerInfo s, out string error)
        {
            error = null;
            DerReader top = new DerReader(der);
            DerReader set = top.ReadNested(Asn1Tag.Set);
            if (set == null) { error = "signedAttrs: " + top.Error; return false; }
            ArrayList oids = new ArrayList(), values = new ArrayList();
            while (set.HasMore)
            {
                if (oids.Count >= CmsSignerInfo.MaxAttributes) { error = "more than " + CmsSignerInfo.MaxAttributes.ToString() + " signed attributes"; return false; }
                DerReader a = set.ReadNested(Asn1Tag.Sequence);
                string oid = a == null ? null : a.ReadOid();
                if (oid == null) { error = "signed attribute: " + (a == null ? set.Error : a.Error); return false; }
                DerReader vals = a.ReadNested(Asn1Tag.Set);
                if (vals == null || a.HasMore) { error = "attribute " + oid + ": " + (a.Error ?? "trailing data"); return false; }
                byte[] v = vals.ReadEncoded();
                if (v == null) { error = "attribute " + oid + " has no value"; return false; }
                if (vals.HasMore) { error = "attribute " + oid + " has more than one value"; return false; }
                if (oids.Contains(oid)) { error = "attribute " + oid + " appears twice"; return false; }
                oids.Add(oid);
                values.Add(v);
            }
            s.AttributeOids = Strings(oids);
            s.AttributeValues = new byte[values.Count][];
            for (int i = 0; i < values.Count; i++) s.AttributeValues[i] = (byte[])values[i];
            return true;
        }

        private static bool ReadCertificates(BerReader certs, CmsSignedData m, out string error)
        {
            error = null;
            ArrayList list = new ArrayList();
            while (certs.HasMore)
            {
                int tag = certs.PeekTag();
                if (tag == Asn1Tag.Sequence)
                {
                    if (list.Count >= MaxCertificates) { error = "more than " + MaxCertificates.ToString() + " certificates"; return false; }
                    byte[] c = certs.ReadDerElement(Asn1Tag.Sequence);
                    if (c == null) { error = "certificate " + (list.Count + 1).ToString() + ": " + certs.Error; return false; }
                    if (c.Length > X509Certificate.MaxDerLength) { error = "certificate " + (list.Count + 1).ToString() + " too large"; return false; }
                    list.Add(c);
                }
                else if (tag >= Asn1Tag.ContextConstructed(0) && tag <= Asn1Tag.ContextConstructed(3))
                {
                    if (++m.OtherCertificateChoices > MaxCertificates) { error = "too many other certificate choices"; return false; }
                    if (!certs.Skip()) { error = "certificates: " + certs.Error; return false; }
                }
                else { error = "certificates: unknown CertificateChoices tag 0x" + Util.Hex.Byte(tag); return false; }
            }
            m.Certificates = new byte[list.Count][];
            for (int i = 0; i < list.Count; i++) m.Certificates[i] = (byte[])list[i];
            return true;
        }

        /// <summary>AlgorithmIdentifier ::= SEQUENCE { algorithm, parameters ANY OPTIONAL }: the OID
        /// (parameters are checked by the users that need them).</summary>
        internal static string ReadAlgorithm(BerReader r, out string error)
        {
            error = null;
            BerReader a = r.ReadNested(Asn1Tag.Sequence);
            if (a == null) { error = r.Error; return null; }
            string oid = a.ReadOid();
            if (oid == null) { error = a.Error; return null; }
            if (a.HasMore && !a.Skip()) { error = a.Error; return null; }
            if (a.HasMore) { error = "AlgorithmIdentifier with more than one parameter"; return null; }
            return oid;
        }

        private static string[] Strings(ArrayList a)
        {
            string[] r = new string[a.Count];
            for (int i = 0; i < a.Count; i++) r[i] = (string)a[i];
            return r;
        }

        private static CmsSignedData Fail(string why, out string error)
        {
            error = why;
            return null;
        }
    }
}
