using System.Collections;
using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.X509
{
    /// <summary>Builds a Name (RFC 5280 §4.1.2.4: RDNSequence of SET OF AttributeTypeAndValue)
    /// from (OID, text) pairs, in the order added (X.500 order: the first pair is the most
    /// significant RDN, usually C or DC). The string type follows RFC 5280: PrintableString where
    /// Appendix A.1 requires it (countryName, serialNumber, dnQualifier), IA5String for
    /// domainComponent and emailAddress, UTF8String for every DirectoryString (§4.1.2.4: "MUST
    /// use either the PrintableString or UTF8String"; UTF8String is the one that always fits).</summary>
    public sealed class X509NameBuilder
    {
        public const string OidCommonName = "2.5.4.3";
        public const string OidSerialNumber = "2.5.4.5";
        public const string OidCountryName = "2.5.4.6";
        public const string OidLocality = "2.5.4.7";
        public const string OidStateOrProvince = "2.5.4.8";
        public const string OidOrganization = "2.5.4.10";
        public const string OidOrganizationalUnit = "2.5.4.11";
        public const string OidDnQualifier = "2.5.4.46";
        public const string OidDomainComponent = "0.9.2342.19200300.100.1.25";
        public const string OidEmailAddress = "1.2.840.113549.1.9.1";

        /// <summary>More RDNs than any real name has; keeps the builder bounded like X509Name.TryParse.</summary>
        public const int MaxAttributes = 64;

        // One entry per attribute: OID, value, tag, and whether it joins the previous RDN.
        private readonly ArrayList _oids = new ArrayList();
        private readonly ArrayList _values = new ArrayList();
        private readonly ArrayList _tags = new ArrayList();
        private readonly ArrayList _joins = new ArrayList();

        /// <summary>Adds an RDN of one attribute with the RFC 5280 string type for its OID.</summary>
        public X509NameBuilder Add(string oid, string value) { return Add(oid, value, StringTagFor(oid), false); }

        /// <summary>Adds an RDN of one attribute with an explicit string type (Asn1Tag.Utf8String,
        /// PrintableString or Ia5String).</summary>
        public X509NameBuilder Add(string oid, string value, int stringTag) { return Add(oid, value, stringTag, false); }

        /// <summary>Adds an attribute to the last RDN, making it multi-valued (its SET OF is DER-sorted).</summary>
        public X509NameBuilder AddToLastRdn(string oid, string value)
        {
            if (_oids.Count == 0) throw new System.InvalidOperationException("no RDN to add to");
            return Add(oid, value, StringTagFor(oid), true);
        }

        /// <summary>The string type RFC 5280 Appendix A.1 gives the attribute.</summary>
        public static int StringTagFor(string oid)
        {
            switch (oid)
            {
                case OidCountryName:
                case OidSerialNumber:
                case OidDnQualifier:
                    return Asn1Tag.PrintableString;
                case OidDomainComponent:
                case OidEmailAddress:
                    return Asn1Tag.Ia5String;
                default:
                    return Asn1Tag.Utf8String;
            }
        }

        public void WriteTo(DerWriter w)
        {
            w.BeginSequence();
            int i = 0;
            while (i < _oids.Count)
            {
                w.BeginSetOf();
                do
                {
                    w.BeginSequence();
                    w.WriteOid((string)_oids[i]);
                    string v = (string)_values[i];
                    int tag = (int)_tags[i];
                    if (tag == Asn1Tag.PrintableString) w.WritePrintableString(v);
                    else if (tag == Asn1Tag.Ia5String) w.WriteIa5String(v);
                    else w.WriteUtf8String(v);
                    w.End();
                    i++;
                }
                while (i < _oids.Count && (bool)_joins[i]);
                w.End();
            }
            w.End();
        }

        public byte[] ToDer()
        {
            DerWriter w = new DerWriter();
            WriteTo(w);
            return w.ToArray();
        }

        private X509NameBuilder Add(string oid, string value, int tag, bool join)
        {
            if (oid == null) throw new System.ArgumentNullException(nameof(oid));
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            if (_oids.Count >= MaxAttributes) throw new System.InvalidOperationException("more than " + MaxAttributes.ToString() + " attributes");
            Oid.Encode(oid);   // validates now, so a bad OID is reported where it was added
            if (value.Length == 0) throw new System.ArgumentException("empty value for " + oid + " (X.520 values have SIZE (1..ub))");
            if (tag == Asn1Tag.PrintableString)
            {
                if (!DerWriter.IsPrintable(value)) throw new System.ArgumentException("value for " + oid + " is not a PrintableString");
                if (oid == OidCountryName && value.Length != 2) throw new System.ArgumentException("countryName is two letters (ISO 3166, RFC 5280 Appendix A.1)");
            }
            else if (tag == Asn1Tag.Ia5String)
            {
                for (int i = 0; i < value.Length; i++)
                    if (value[i] > 0x7F) throw new System.ArgumentException("value for " + oid + " is not an IA5String");
            }
            else if (tag != Asn1Tag.Utf8String) throw new System.ArgumentException("string type must be UTF8String, PrintableString or IA5String");
            _oids.Add(oid);
            _values.Add(value);
            _tags.Add(tag);
            _joins.Add(join);
            return this;
        }
    }
}
