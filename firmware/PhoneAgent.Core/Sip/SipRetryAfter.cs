using System.Text;

namespace PhoneAgent.Core.Sip
{
    /// <summary>Retry-After = delta-seconds [ comment ] *( SEMI retry-param ), retry-param =
    /// ("duration" EQUAL delta-seconds) / generic-param (RFC 3261 §20.33).</summary>
    public sealed class SipRetryAfter
    {
        public long Seconds;
        /// <summary>The comment's text without parentheses, or null.</summary>
        public string Comment;
        public readonly SipParameters Parameters = new SipParameters();

        /// <summary>duration parameter in seconds, -1 when absent.</summary>
        public long Duration
        {
            get
            {
                string v = Parameters.Get("duration");
                long d;
                if (v == null || SipText.ParseDecimal(v, 0, v.Length, SipMessage.MaxDeltaSeconds, out d) != 0) return -1;
                return d;
            }
        }

        public static SipRetryAfter TryParse(string value, out string error)
        {
            error = null;
            SipScanner s = new SipScanner(value);
            int start = s.Pos;
            while (!s.AtEnd && SipChars.IsDigit(s.Peek())) s.Pos++;
            SipRetryAfter r = new SipRetryAfter();
            int rc = SipText.ParseDecimal(value, start, s.Pos, SipMessage.MaxDeltaSeconds, out r.Seconds);
            if (rc == 1) { error = "Retry-After does not start with delta-seconds"; return null; }
            if (rc == 2) { error = "Retry-After above 2^32-1 seconds"; return null; }
            s.SkipWs();
            if (s.Peek() == '(' && !s.AtEnd)
            {
                if (!s.ReadComment(out r.Comment, out error)) { error = "Retry-After: " + error; return null; }
            }
            if (!SipParameters.TryRead(s, r.Parameters, out error)) { error = "Retry-After: " + error; return null; }
            s.SkipWs();
            if (!s.AtEnd) { error = "Retry-After: unexpected " + s.Here(); return null; }
            string d = r.Parameters.Get("duration");
            long x;
            if (r.Parameters.Contains("duration") && (d == null || SipText.ParseDecimal(d, 0, d.Length, SipMessage.MaxDeltaSeconds, out x) != 0))
            {
                error = "Retry-After: duration is not delta-seconds";
                return null;
            }
            return r;
        }

        public override string ToString()
        {
            StringBuilder sb = new StringBuilder();
            sb.Append(Seconds);
            if (Comment != null)
            {
                sb.Append(" (");
                sb.Append(Comment);
                sb.Append(')');
            }
            Parameters.AppendHeaderParams(sb);
            return sb.ToString();
        }
    }
}
