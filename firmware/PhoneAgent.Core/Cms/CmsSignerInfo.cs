using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Cms
{
    /// <summary>One SignerInfo of a SignedData (RFC 5652 §5.3), as parsed by CmsSignedData.
    /// The signed attributes are kept twice: as the DER SET OF with its universal tag 0x31, which
    /// is what the signature covers (§5.4), and as (type, single value) pairs.</summary>
    public sealed class CmsSignerInfo
    {
        public const int MaxAttributes = 32;

        public int Version;
        /// <summary>sid issuerAndSerialNumber (version 1): the issuer Name's DER and the serial's INTEGER contents.</summary>
        public byte[] IssuerDer;
        public X509Name Issuer;
        public byte[] SerialNumber;
        /// <summary>sid subjectKeyIdentifier [0] (version 3), else null.</summary>
        public byte[] SubjectKeyId;
        public string DigestAlgorithm;
        /// <summary>The DER of signedAttrs with the SET tag (0x31) the signature is computed over; null when absent.</summary>
        public byte[] SignedAttributesDer;
        public string[] AttributeOids = new string[0];
        /// <summary>The DER of each attribute's (single) value.</summary>
        public byte[][] AttributeValues = new byte[0][];
        public string SignatureAlgorithm;
        public byte[] Signature;
        public int UnsignedAttributeCount;

        /// <summary>The DER of the value of the attribute with this type, or null.</summary>
        public byte[] Attribute(string oid)
        {
            for (int i = 0; i < AttributeOids.Length; i++) if (AttributeOids[i] == oid) return AttributeValues[i];
            return null;
        }

        /// <summary>A string-typed attribute value (PrintableString, UTF8String, ...), or null.</summary>
        public string AttributeString(string oid)
        {
            byte[] v = Attribute(oid);
            if (v == null) return null;
            DerReader r = new DerReader(v);
            int tag = r.PeekTag();
            if (!Asn1String.IsStringTag(tag)) return null;
            return r.ReadString(out tag);
        }

        /// <summary>An OCTET STRING attribute value's contents, or null.</summary>
        public byte[] AttributeOctets(string oid)
        {
            byte[] v = Attribute(oid);
            return v == null ? null : new DerReader(v).ReadOctetString();
        }

        /// <summary>The attribute's OBJECT IDENTIFIER value (contentType), or null.</summary>
        public string AttributeOid(string oid)
        {
            byte[] v = Attribute(oid);
            return v == null ? null : new DerReader(v).ReadOid();
        }

        /// <summary>True when sid names this certificate: issuer and serial number (names compared
        /// per RFC 5280 §7.1), or the subject key identifier.</summary>
        public bool Identifies(X509Certificate c)
        {
            if (c == null) return false;
            if (SubjectKeyId != null) return c.SubjectKeyId != null && SameBytes(SubjectKeyId, c.SubjectKeyId);
            return Issuer != null && NameMatch.Equal(Issuer, c.Issuer) && SameSerial(SerialNumber, c.SerialNumber);
        }

        /// <summary>Serial numbers as integers: equal contents, ignoring a redundant leading 0x00.</summary>
        public static bool SameSerial(byte[] a, byte[] b)
        {
            if (a == null || b == null) return false;
            int i = 0, j = 0;
            while (i < a.Length - 1 && a[i] == 0) i++;
            while (j < b.Length - 1 && b[j] == 0) j++;
            if (a.Length - i != b.Length - j) return false;
            for (int k = 0; i + k < a.Length; k++) if (a[i + k] != b[j + k]) return false;
            return true;
        }

        internal static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            int d = 0;
            for (int i = 0; i < a.Length; i++) d |= a[i] ^ b[i];
            return d == 0;
        }
    }
}
