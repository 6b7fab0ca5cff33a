namespace PhoneAgent.Core.Sip
{
    /// <summary>One header field as it appears in the message: the name as written (long or
    /// compact form, any case) and the value unfolded (each CRLF + whitespace run replaced by
    /// one SP, RFC 3261 §7.3.1) with leading and trailing whitespace removed.</summary>
    public sealed class SipHeader
    {
        public readonly string Name;
        public readonly string Value;
        /// <summary>Canonical long-form name ("l" gives "Content-Length").</summary>
        public readonly string CanonicalName;

        public SipHeader(string name, string value)
        {
            Name = name;
            Value = value;
            CanonicalName = SipHeaderNames.Canonical(name);
        }

        public override string ToString()
        {
            return Name + ": " + Value;
        }
    }
}
