namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The SIP message fields MS-SIPAE signs, and the buffer built from them: each
    /// value enclosed in angle brackets, in order, with the same spelling and case as in the
    /// message (MS-SIPAE §3.2.5.2 step 2 for messages from the server, the same list for the
    /// client's; MS-SIP §3.1.4.2 for the older list):
    /// auth scheme, crand/srand, cnum/snum, realm, targetname, Call-ID, CSeq number, CSeq method,
    /// From URI, From tag, [To URI,] To tag, [P-Asserted-Identity SIP URI, its tel URI,]
    /// Expires, and the status code for responses only. The bracketed fields belong to
    /// protocol versions 3 and 4; an absent optional field is an empty pair "&lt;&gt;". The order
    /// was checked against a real Office Communicator 2007 R2 exchange (tests/vectors/sip-auth).</summary>
    public sealed class SipSignatureFields
    {
        public string Scheme = "NTLM";
        /// <summary>crand (client) or srand (server).</summary>
        public string Rand = "";
        /// <summary>cnum (client) or snum (server), as the decimal text sent.</summary>
        public string Num = "";
        public string Realm = "";
        public string TargetName = "";
        public string CallId = "";
        public string CSeqNumber = "";
        public string CSeqMethod = "";
        public string FromUri = "";
        public string FromTag = "";
        public string ToUri = "";
        public string ToTag = "";
        public string AssertedSipUri = "";
        public string AssertedTelUri = "";
        /// <summary>The Expires header value, "" when the message has none.</summary>
        public string Expires = "";
        /// <summary>The status code of a response; 0 for a request.</summary>
        public int ResponseCode;

        /// <summary>The buffer for the given MS-SIPAE protocol version (the challenge's version
        /// parameter; below 3 the short MS-SIP list).</summary>
        public string ToBuffer(int version)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder(256);
            Add(sb, Scheme);
            Add(sb, Rand);
            Add(sb, Num);
            Add(sb, Realm);
            Add(sb, TargetName);
            Add(sb, CallId);
            Add(sb, CSeqNumber);
            Add(sb, CSeqMethod);
            Add(sb, FromUri);
            Add(sb, FromTag);
            if (version >= 3) Add(sb, ToUri);
            Add(sb, ToTag);
            if (version >= 3)
            {
                Add(sb, AssertedSipUri);
                Add(sb, AssertedTelUri);
            }
            Add(sb, Expires);
            if (ResponseCode > 0) Add(sb, ResponseCode.ToString());
            return sb.ToString();
        }

        private static void Add(System.Text.StringBuilder sb, string v)
        {
            sb.Append('<').Append(v ?? "").Append('>');
        }

        /// <summary>The URI and tag of a From/To value (RFC 3261 §20.20, §25.1): the text
        /// between '&lt;' and '&gt;' of a name-addr, or an addr-spec up to the first ';'; the tag
        /// parameter after the URI. Empty strings when absent; never throws.</summary>
        public static void SplitNameAddr(string value, out string uri, out string tag)
        {
            uri = "";
            tag = "";
            if (value == null) return;
            int rest;
            int lt = IndexOutsideQuotes(value, '<');
            if (lt >= 0)
            {
                int gt = value.IndexOf('>', lt + 1);
                if (gt < 0) return;
                uri = value.Substring(lt + 1, gt - lt - 1).Trim();
                rest = gt + 1;
            }
            else
            {
                int semi = value.IndexOf(';');
                uri = (semi < 0 ? value : value.Substring(0, semi)).Trim();
                rest = semi < 0 ? value.Length : semi;
            }
            string[] parts = value.Substring(rest).Split(';');
            for (int i = 0; i < parts.Length && i < 32; i++)
            {
                string p = parts[i].Trim();
                int eq = p.IndexOf('=');
                if (eq > 0 && Util.Ascii.EqualsIgnoreCase(p.Substring(0, eq).Trim(), "tag")) tag = p.Substring(eq + 1).Trim();
            }
        }

        private static int IndexOutsideQuotes(string s, char c)
        {
            bool quoted = false;
            for (int i = 0; i < s.Length; i++)
            {
                char ch = s[i];
                if (ch == '\\' && quoted) { i++; continue; }
                if (ch == '"') quoted = !quoted;
                else if (ch == c && !quoted) return i;
            }
            return -1;
        }
    }
}
