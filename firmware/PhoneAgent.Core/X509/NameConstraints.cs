using System.Collections;
using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.X509
{
    /// <summary>The nameConstraints extension (RFC 5280 §4.2.1.10) and its checks (§6.1.3 (b),
    /// (c)): permitted and excluded subtrees of directoryName, rfc822Name, dNSName,
    /// uniformResourceIdentifier and iPAddress (IPv4). Other name forms in a constraint are
    /// kept as "unsupported" so a critical constraint the phone cannot apply is refused.</summary>
    public sealed class NameConstraints
    {
        public const int Rfc822 = 1;
        public const int Dns = 2;
        public const int Directory = 4;
        public const int Uri = 6;
        public const int Ip = 7;

        public readonly ArrayList Permitted = new ArrayList();   // of Subtree
        public readonly ArrayList Excluded = new ArrayList();
        public string Unsupported;

        public sealed class Subtree
        {
            public int Type;
            public string Text;          // rfc822, dNS, URI
            public X509Name Name;        // directoryName
            public uint Address, Mask;   // iPAddress
        }

        public static NameConstraints TryParse(byte[] value, out string error)
        {
            error = null;
            DerReader s = new DerReader(value).ReadNested(Asn1Tag.Sequence);
            if (s == null) { error = "nameConstraints is not a SEQUENCE"; return null; }
            NameConstraints nc = new NameConstraints();
            for (int which = 0; which < 2; which++)
            {
                if (s.PeekTag() != Asn1Tag.ContextConstructed(which)) continue;
                DerReader list = s.ReadNested(Asn1Tag.ContextConstructed(which));
                if (list == null) { error = s.Error; return null; }
                while (list.HasMore)
                {
                    DerReader st = list.ReadNested(Asn1Tag.Sequence);
                    if (st == null) { error = list.Error; return null; }
                    Subtree t = new Subtree();
                    int tag = st.PeekTag();
                    int o, l;
                    if (tag == Asn1Tag.ContextPrimitive(Rfc822) || tag == Asn1Tag.ContextPrimitive(Dns) || tag == Asn1Tag.ContextPrimitive(Uri))
                    {
                        st.TryRead(tag, out o, out l);
                        t.Type = tag & 0x1F;
                        t.Text = Util.Ascii.Lower(Util.Ascii.Printable(st.Data, o, l));
                    }
                    else if (tag == Asn1Tag.ContextConstructed(Directory))
                    {
                        DerReader dn = st.ReadNested(tag);
                        string e;
                        t.Type = Directory;
                        t.Name = dn == null ? null : X509Name.TryParse(dn, out e);
                        if (t.Name == null) { error = "directoryName subtree malformed"; return null; }
                    }
                    else if (tag == Asn1Tag.ContextPrimitive(Ip))
                    {
                        st.TryRead(tag, out o, out l);
                        t.Type = Ip;
                        if (l == 8) { t.Address = Net.Ip4.Read(st.Data, o); t.Mask = Net.Ip4.Read(st.Data, o + 4); }
                        else if (l == 32) { if (nc.Unsupported == null) nc.Unsupported = "IPv6 subtrees"; continue; }
                        else { error = "iPAddress subtree of " + l.ToString() + " octets"; return null; }
                    }
                    else
                    {
                        if (nc.Unsupported == null) nc.Unsupported = "GeneralName form [" + (tag & 0x1F).ToString() + "] in a subtree";
                        continue;
                    }
                    (which == 0 ? nc.Permitted : nc.Excluded).Add(t);
                }
            }
            return nc;
        }

        /// <summary>Checks every name of cert against the constraints collected from the CAs
        /// above it (each permitted set must admit the name, no excluded subtree may match).
        /// Null when allowed, else which name broke which constraint.</summary>
        public static string Check(X509Certificate cert, ArrayList levels)
        {
            if (levels.Count == 0) return null;
            if (!cert.Subject.IsEmpty)
            {
                string why = CheckName(Directory, null, cert.Subject, 0, levels);
                if (why != null) return why;
                // Email addresses in the subject DN are constrained like rfc822Names (RFC 5280 §4.2.1.10).
                if (cert.EmailAddresses.Length == 0)
                    for (int i = 0; i < cert.Subject.AttributeOids.Length; i++)
                        if (cert.Subject.AttributeOids[i] == "1.2.840.113549.1.9.1")
                        {
                            why = CheckName(Rfc822, cert.Subject.AttributeValues[i], null, 0, levels);
                            if (why != null) return why;
                        }
            }
            for (int i = 0; i < cert.DnsNames.Length; i++) { string w = CheckName(Dns, cert.DnsNames[i], null, 0, levels); if (w != null) return w; }
            for (int i = 0; i < cert.EmailAddresses.Length; i++) { string w = CheckName(Rfc822, cert.EmailAddresses[i], null, 0, levels); if (w != null) return w; }
            for (int i = 0; i < cert.UriNames.Length; i++) { string w = CheckName(Uri, cert.UriNames[i], null, 0, levels); if (w != null) return w; }
            for (int i = 0; i < cert.IpAddresses.Length; i++) { string w = CheckName(Ip, null, null, cert.IpAddresses[i], levels); if (w != null) return w; }
            for (int i = 0; i < cert.DirectoryNames.Length; i++) { string w = CheckName(Directory, null, cert.DirectoryNames[i], 0, levels); if (w != null) return w; }
            return null;
        }

        private static string CheckName(int type, string text, X509Name dn, uint ip, ArrayList levels)
        {
            string shown = type == Directory ? "directory name \"" + dn.Text + "\"" : type == Ip ? "IP address " + Net.Ip4.Format(ip) : Kind(type) + " \"" + text + "\"";
            for (int k = 0; k < levels.Count; k++)
            {
                NameConstraints nc = (NameConstraints)levels[k];
                bool anyOfType = false, admitted = false;
                for (int i = 0; i < nc.Permitted.Count; i++)
                {
                    Subtree t = (Subtree)nc.Permitted[i];
                    if (t.Type != type) continue;
                    anyOfType = true;
                    if (Matches(t, text, dn, ip)) { admitted = true; break; }
                }
                if (anyOfType && !admitted) return shown + " is outside the permitted subtrees of a CA above it";
                for (int i = 0; i < nc.Excluded.Count; i++)
                {
                    Subtree t = (Subtree)nc.Excluded[i];
                    if (t.Type == type && Matches(t, text, dn, ip)) return shown + " is in an excluded subtree of a CA above it";
                }
            }
            return null;
        }

        private static bool Matches(Subtree t, string text, X509Name dn, uint ip)
        {
            switch (t.Type)
            {
                case Directory: return DirectoryPrefix(t.Name, dn);
                case Ip: return (ip & t.Mask) == (t.Address & t.Mask);
                case Dns: return DomainMatch(Util.Ascii.Lower(text), t.Text, true);
                case Rfc822: return MailMatch(Util.Ascii.Lower(text), t.Text);
                case Uri: return UriMatch(Util.Ascii.Lower(text), t.Text);
                default: return false;
            }
        }

        /// <summary>The constraint's attributes are a leading part of the name's (RFC 5280 §7.1 comparison).</summary>
        private static bool DirectoryPrefix(X509Name subtree, X509Name name)
        {
            if (subtree.AttributeOids.Length > name.AttributeOids.Length) return false;
            for (int i = 0; i < subtree.AttributeOids.Length; i++)
            {
                if (subtree.AttributeOids[i] != name.AttributeOids[i]) return false;
                if (NameMatch.Normalize(subtree.AttributeValues[i]) != NameMatch.Normalize(name.AttributeValues[i])) return false;
            }
            return true;
        }

        /// <summary>dNSName: the name, or the name with labels added on the left.</summary>
        private static bool DomainMatch(string host, string constraint, bool allowEqual)
        {
            if (constraint.Length == 0) return true;
            if (constraint[0] == '.') return host.Length > constraint.Length && host.EndsWith(constraint);
            if (allowEqual && host == constraint) return true;
            return host.Length > constraint.Length && host.EndsWith(constraint) && host[host.Length - constraint.Length - 1] == '.';
        }

        /// <summary>rfc822Name: a whole mailbox, all mail at a host, or (leading '.') any host in a domain.</summary>
        private static bool MailMatch(string mail, string constraint)
        {
            int at = mail.LastIndexOf('@');
            if (at < 0) return false;
            if (constraint.IndexOf('@') >= 0) return mail == constraint;
            string host = mail.Substring(at + 1);
            if (constraint.Length > 0 && constraint[0] == '.') return host.EndsWith(constraint) && host.Length > constraint.Length;
            return host == constraint;
        }

        /// <summary>URI: the host part; a constraint with a leading '.' admits subdomains only.</summary>
        private static bool UriMatch(string uri, string constraint)
        {
            int scheme = uri.IndexOf("://");
            if (scheme < 0) return false;
            string rest = uri.Substring(scheme + 3);
            int end = 0;
            while (end < rest.Length && rest[end] != '/' && rest[end] != ':' && rest[end] != '?' && rest[end] != '#') end++;
            string host = rest.Substring(0, end);
            int at = host.LastIndexOf('@');
            if (at >= 0) host = host.Substring(at + 1);
            if (constraint.Length > 0 && constraint[0] == '.') return host.EndsWith(constraint) && host.Length > constraint.Length;
            return host == constraint;
        }

        private static string Kind(int type)
        {
            return type == Rfc822 ? "email address" : type == Dns ? "DNS name" : type == Uri ? "URI" : "name";
        }

    }
}
