using System.Collections;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Cms
{
    /// <summary>Builds a DER SignedData with one signer (RFC 5652 §5), the shape of every SCEP
    /// pkiMessage (RFC 8894 §3.2): version 1, the signer named by issuerAndSerialNumber, signed
    /// attributes contentType and messageDigest (§5.3) plus the caller's, sorted as a DER SET OF
    /// (X.690 §11.6), and an RSA PKCS#1 v1.5 signature over their DER with the SET tag (§5.4).
    /// signatureAlgorithm is rsaEncryption (RFC 3370 §3.2); digests are written without
    /// parameters (RFC 5754 §2, RFC 3370 §2.1). Caller mistakes throw ArgumentException.</summary>
    public sealed class CmsSignedDataWriter
    {
        public const int MaxAttributes = 16;

        private readonly X509Certificate _signer;
        private readonly RsaPrivateKey _key;
        private readonly string _hash;
        private readonly ArrayList _attributes = new ArrayList();   // DER Attribute SEQUENCEs
        private readonly ArrayList _attributeOids = new ArrayList();
        private readonly ArrayList _certificates = new ArrayList();

        public CmsSignedDataWriter(X509Certificate signer, RsaPrivateKey key, string hashName)
        {
            if (signer == null || key == null) throw new System.ArgumentNullException(signer == null ? "signer" : "key");
            if (CmsAlgorithms.DigestOid(hashName) == null) throw new System.ArgumentException("unsupported digest " + hashName);
            _signer = signer;
            _key = key;
            _hash = hashName;
        }

        /// <summary>A single-valued signed attribute; valueDer is one complete DER element.</summary>
        public void AddAttribute(string oid, byte[] valueDer)
        {
            if (oid == CmsAlgorithms.OidContentType || oid == CmsAlgorithms.OidMessageDigest) throw new System.ArgumentException("contentType and messageDigest are added by the writer");
            if (_attributeOids.Contains(oid)) throw new System.ArgumentException("attribute " + oid + " added twice");
            if (_attributes.Count >= MaxAttributes) throw new System.ArgumentException("more than " + MaxAttributes.ToString() + " attributes");
            _attributes.Add(Attribute(oid, valueDer));
            _attributeOids.Add(oid);
        }

        public void AddPrintableStringAttribute(string oid, string value)
        {
            DerWriter w = new DerWriter(1024);
            w.WritePrintableString(value);
            AddAttribute(oid, w.ToArray());
        }

        public void AddOctetStringAttribute(string oid, byte[] value)
        {
            DerWriter w = new DerWriter(1024);
            w.WriteOctetString(value);
            AddAttribute(oid, w.ToArray());
        }

        public void AddUtf8StringAttribute(string oid, string value)
        {
            DerWriter w = new DerWriter(4096);
            w.WriteUtf8String(value);
            AddAttribute(oid, w.ToArray());
        }

        /// <summary>A certificate for the certificates field (DER-sorted there).</summary>
        public void AddCertificate(byte[] der)
        {
            if (der == null || der.Length < 2 || der[0] != Asn1Tag.Sequence) throw new System.ArgumentException("a certificate is a DER SEQUENCE");
            if (_certificates.Count >= CmsSignedData.MaxCertificates) throw new System.ArgumentException("too many certificates");
            _certificates.Add(der);
        }

        /// <summary>The ContentInfo DER; content null means no eContent (digest of the empty string,
        /// as SCEP's FAILURE and PENDING replies have it).</summary>
        public byte[] Encode(string contentType, byte[] content)
        {
            if (contentType == null) throw new System.ArgumentNullException(nameof(contentType));
            HashAlgorithm h = HashAlgorithm.Create(_hash);
            byte[] digest = h.Compute(content == null ? new byte[0] : content);

            // signedAttrs: DER SET OF Attribute, signed with the universal SET tag (§5.4).
            DerWriter a = new DerWriter(16384);
            a.BeginSetOf();
            DerWriter ct = new DerWriter(64);
            ct.WriteOid(contentType);
            a.WriteEncoded(Attribute(CmsAlgorithms.OidContentType, ct.ToArray()));
            DerWriter md = new DerWriter(128);
            md.WriteOctetString(digest);
            a.WriteEncoded(Attribute(CmsAlgorithms.OidMessageDigest, md.ToArray()));
            for (int i = 0; i < _attributes.Count; i++) a.WriteEncoded((byte[])_attributes[i]);
            a.End();
            byte[] signedAttrs = a.ToArray();
            byte[] signature = _key.SignPkcs1(_hash, h.Compute(signedAttrs));
            signedAttrs[0] = (byte)Asn1Tag.ContextConstructed(0);   // [0] IMPLICIT in the SignerInfo

            DerWriter w = new DerWriter(CmsSignedData.MaxMessageLength);
            w.BeginSequence();                                  // ContentInfo
            w.WriteOid(CmsAlgorithms.OidSignedData);
            w.BeginExplicit(0);
            w.BeginSequence();                                  // SignedData
            w.WriteInteger(1);                                  // §5.1: issuerAndSerialNumber, no other choices
            w.BeginSetOf();                                     // digestAlgorithms
            WriteDigestAlgorithm(w);
            w.End();
            w.BeginSequence();                                  // encapContentInfo
            w.WriteOid(contentType);
            if (content != null)
            {
                w.BeginExplicit(0);
                w.WriteOctetString(content);
                w.End();
            }
            w.End();
            if (_certificates.Count > 0)
            {
                w.BeginSetOf(Asn1Tag.ContextConstructed(0));   // certificates [0] IMPLICIT CertificateSet
                for (int i = 0; i < _certificates.Count; i++) w.WriteEncoded((byte[])_certificates[i]);
                w.End();
            }
            w.BeginSetOf();                                     // signerInfos
            w.BeginSequence();                                  // SignerInfo
            w.WriteInteger(1);                                  // §5.3: version 1 with issuerAndSerialNumber
            WriteIssuerAndSerial(w, _signer);
            WriteDigestAlgorithm(w);
            w.WriteEncoded(signedAttrs);
            w.BeginSequence();                                  // signatureAlgorithm rsaEncryption, NULL
            w.WriteOid(CmsAlgorithms.OidRsaEncryption);
            w.WriteNull();
            w.End();
            w.WriteOctetString(signature);
            w.End();
            w.End();
            w.End();
            w.End();
            w.End();
            return w.ToArray();
        }

        /// <summary>IssuerAndSerialNumber (RFC 5652 §10.2.4) of a certificate.</summary>
        public static void WriteIssuerAndSerial(DerWriter w, X509Certificate c)
        {
            w.BeginSequence();
            w.WriteEncoded(c.Issuer.Der);
            w.WriteIntegerTwosComplement(c.SerialNumber);
            w.End();
        }

        private void WriteDigestAlgorithm(DerWriter w)
        {
            w.BeginSequence();
            w.WriteOid(CmsAlgorithms.DigestOid(_hash));
            w.End();
        }

        private static byte[] Attribute(string oid, byte[] valueDer)
        {
            if (valueDer == null) throw new System.ArgumentNullException(nameof(valueDer));
            DerWriter w = new DerWriter(16384);
            w.BeginSequence();
            w.WriteOid(oid);
            w.BeginSetOf();
            w.WriteEncoded(valueDer);
            w.End();
            w.End();
            return w.ToArray();
        }
    }
}
