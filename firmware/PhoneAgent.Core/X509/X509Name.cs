using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.X509
{
    /// <summary>A distinguished name (RFC 5280 §4.1.2.4): its DER (compared for name chaining)
    /// and a readable form "C=US, O=Test Certificates 2011, CN=Good CA" in X.500 order.</summary>
    public sealed class X509Name
    {
        public byte[] Der;
        public string Text = "";
        /// <summary>Attribute OIDs and values in order (for name constraints and EMAIL).</summary>
        public string[] AttributeOids = new string[0];
        public string[] AttributeValues = new string[0];

        public bool IsEmpty { get { return AttributeOids.Length == 0; } }

        public static X509Name TryParse(DerReader r, out string error)
        {
            error = null;
            int start = r.Position;
            DerReader seq = r.ReadNested(Asn1Tag.Sequence);
            if (seq == null) { error = "Name: " + r.Error; return null; }
            X509Name n = new X509Name();
            n.Der = r.Copy(start, r.Position - start);
            System.Collections.ArrayList oids = new System.Collections.ArrayList();
            System.Collections.ArrayList values = new System.Collections.ArrayList();
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            int rdns = 0;
            while (seq.HasMore)
            {
                if (++rdns > 64) { error = "Name has more than 64 RDNs"; return null; }
                DerReader set = seq.ReadNested(Asn1Tag.Set);
                if (set == null) { error = "RDN: " + seq.Error; return null; }
                while (set.HasMore)
                {
                    DerReader atv = set.ReadNested(Asn1Tag.Sequence);
                    if (atv == null) { error = "AttributeTypeAndValue: " + set.Error; return null; }
                    string oid = atv.ReadOid();
                    if (oid == null) { error = "attribute type: " + atv.Error; return null; }
                    int tag = atv.PeekTag();
                    string value;
                    if (Asn1String.IsStringTag(tag)) value = atv.ReadString(out tag);
                    else { byte[] raw = atv.ReadEncoded(); value = raw == null ? null : "#" + Util.Hex.Bytes(raw); }
                    if (value == null) { error = "attribute value: " + atv.Error; return null; }
                    oids.Add(oid);
                    values.Add(value);
                    if (sb.Length > 0) sb.Append(", ");
                    sb.Append(ShortName(oid)).Append('=').Append(value);
                }
            }
            n.Text = sb.ToString();
            n.AttributeOids = new string[oids.Count];
            n.AttributeValues = new string[values.Count];
            for (int i = 0; i < oids.Count; i++) { n.AttributeOids[i] = (string)oids[i]; n.AttributeValues[i] = (string)values[i]; }
            return n;
        }

        /// <summary>Byte-exact DER equality; RFC 5280 §7.1 comparison rules beyond that are applied by the validator.</summary>
        public bool SameDer(X509Name other)
        {
            if (other == null || other.Der.Length != Der.Length) return false;
            for (int i = 0; i < Der.Length; i++) if (Der[i] != other.Der[i]) return false;
            return true;
        }

        public static string ShortName(string oid)
        {
            switch (oid)
            {
                case "2.5.4.3": return "CN";
                case "2.5.4.6": return "C";
                case "2.5.4.7": return "L";
                case "2.5.4.8": return "ST";
                case "2.5.4.10": return "O";
                case "2.5.4.11": return "OU";
                case "2.5.4.5": return "SERIALNUMBER";
                case "0.9.2342.19200300.100.1.25": return "DC";
                case "1.2.840.113549.1.9.1": return "E";
                default: return oid;
            }
        }
    }
}
