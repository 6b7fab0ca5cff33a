using System.Collections;
using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.X509
{
    /// <summary>A distribution point as a certificate's cRLDistributionPoints (RFC 5280
    /// §4.2.1.13) or a CRL's issuingDistributionPoint (§5.2.5) names it: the names (URIs and
    /// directory names; a nameRelativeToCRLIssuer is kept as its RDN and resolved against the
    /// CRL issuer), the reasons it covers, and the CRL issuer when another than the
    /// certificate issuer.</summary>
    public sealed class DistributionPoint
    {
        /// <summary>ReasonFlags bits 1 (keyCompromise) to 8 (aACompromise), RFC 5280 §4.2.1.13;
        /// bit 0 is "unused" and never counts towards coverage.</summary>
        public const int AllReasons = 0x1FE;

        public bool HasName;
        public string[] Uris = new string[0];
        public X509Name[] DirectoryNames = new X509Name[0];
        /// <summary>DER of the RelativeDistinguishedName SET when the name is relative, else null.</summary>
        public byte[] RelativeName;
        /// <summary>ReasonFlags as bits (bit k = ReasonFlags bit k), AllReasons when absent.</summary>
        public int Reasons = AllReasons;
        public X509Name[] CrlIssuers;           // null: absent

        /// <summary>Parses DistributionPointName (the contents of its [0] wrapper) into this point.</summary>
        internal string ReadName(DerReader wrapper)
        {
            HasName = true;
            int tag, o, l, eo, el;
            if (!wrapper.TryReadElement(out tag, out o, out l, out eo, out el)) return wrapper.Error;
            if (tag == Asn1Tag.ContextConstructed(0))
            {
                string[] uris;
                X509Name[] dirs;
                string why = ReadGeneralNames(new DerReader(wrapper.Data, o, l), out uris, out dirs);
                if (why != null) return why;
                Uris = uris;
                DirectoryNames = dirs;
            }
            else if (tag == Asn1Tag.ContextConstructed(1))
            {
                // [1] IMPLICIT RelativeDistinguishedName: kept as a SET for joining to a Name.
                byte[] set = new byte[el];
                System.Array.Copy(wrapper.Data, eo, set, 0, el);
                set[0] = (byte)Asn1Tag.Set;
                RelativeName = set;
            }
            else return "DistributionPointName has tag 0x" + Util.Hex.Byte(tag);
            return wrapper.HasMore ? "trailing data in DistributionPointName" : null;
        }

        /// <summary>ReasonFlags BIT STRING contents to bits.</summary>
        internal static int ReasonBits(byte[] bits)
        {
            int r = 0;
            for (int i = 0; i < bits.Length * 8 && i < 15; i++)
                if ((bits[i >> 3] & (0x80 >> (i & 7))) != 0) r |= 1 << i;
            return r & AllReasons;
        }

        /// <summary>GeneralNames: URIs and directory names (other forms are skipped: they never
        /// match a CRL this phone was given).</summary>
        internal static string ReadGeneralNames(DerReader r, out string[] uris, out X509Name[] dirs)
        {
            ArrayList u = new ArrayList(), d = new ArrayList();
            uris = new string[0];
            dirs = new X509Name[0];
            int count = 0;
            while (r.HasMore)
            {
                if (++count > 32) return "more than 32 names";
                int tag, o, l, eo, el;
                if (!r.TryReadElement(out tag, out o, out l, out eo, out el)) return r.Error;
                if (tag == Asn1Tag.ContextPrimitive(6)) u.Add(Util.Ascii.Printable(r.Data, o, l));
                else if (tag == Asn1Tag.ContextConstructed(4))
                {
                    string e;
                    X509Name n = X509Name.TryParse(new DerReader(r.Data, o, l), out e);
                    if (n == null) return "directoryName: " + e;
                    d.Add(n);
                }
            }
            uris = new string[u.Count];
            for (int i = 0; i < uris.Length; i++) uris[i] = (string)u[i];
            dirs = new X509Name[d.Count];
            for (int i = 0; i < dirs.Length; i++) dirs[i] = (X509Name)d[i];
            return null;
        }

        /// <summary>True when a name of this point equals a name of the other (§6.3.3 (b)(2)(i));
        /// relative names are resolved against the given CRL issuers.</summary>
        public bool NameMatches(DistributionPoint other, X509Name myCrlIssuer, X509Name otherCrlIssuer)
        {
            X509Name[] a = Directory(myCrlIssuer), b = other.Directory(otherCrlIssuer);
            for (int i = 0; i < a.Length; i++)
                for (int k = 0; k < b.Length; k++)
                    if (NameMatch.Equal(a[i], b[k])) return true;
            for (int i = 0; i < Uris.Length; i++)
                for (int k = 0; k < other.Uris.Length; k++)
                    if (Uris[i] == other.Uris[k]) return true;
            return false;
        }

        /// <summary>True when a directory name of this point equals one of names.</summary>
        public bool NameMatches(X509Name[] names, X509Name myCrlIssuer)
        {
            X509Name[] a = Directory(myCrlIssuer);
            for (int i = 0; i < a.Length; i++)
                for (int k = 0; k < names.Length; k++)
                    if (NameMatch.Equal(a[i], names[k])) return true;
            return false;
        }

        private X509Name[] Directory(X509Name crlIssuer)
        {
            if (RelativeName == null || crlIssuer == null) return DirectoryNames;
            // Name = SEQUENCE { issuer's RDNs..., RelativeName }
            DerReader outer = new DerReader(crlIssuer.Der);
            int o, l;
            if (!outer.TryRead(Asn1Tag.Sequence, out o, out l)) return DirectoryNames;
            int contentLength = l + RelativeName.Length;
            byte[] lengthBytes = DerLength(contentLength);
            byte[] der = new byte[1 + lengthBytes.Length + contentLength];
            der[0] = (byte)Asn1Tag.Sequence;
            System.Array.Copy(lengthBytes, 0, der, 1, lengthBytes.Length);
            System.Array.Copy(crlIssuer.Der, o, der, 1 + lengthBytes.Length, l);
            System.Array.Copy(RelativeName, 0, der, 1 + lengthBytes.Length + l, RelativeName.Length);
            string e;
            X509Name full = X509Name.TryParse(new DerReader(der), out e);
            return full == null ? DirectoryNames : new X509Name[] { full };
        }

        private static byte[] DerLength(int n)
        {
            if (n < 0x80) return new byte[] { (byte)n };
            if (n < 0x100) return new byte[] { 0x81, (byte)n };
            if (n < 0x10000) return new byte[] { 0x82, (byte)(n >> 8), (byte)n };
            return new byte[] { 0x83, (byte)(n >> 16), (byte)(n >> 8), (byte)n };
        }
    }
}
