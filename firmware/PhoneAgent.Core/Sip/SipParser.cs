namespace PhoneAgent.Core.Sip
{
    /// <summary>Parses one SIP message from a datagram or from a frame cut by SipStreamFramer
    /// (RFC 3261 §7, grammar §25.1). Never throws on wire data: returns null and names the
    /// first defect in wire order. Bounded: SipLimits caps the message, the number of header
    /// fields, each unfolded field and every list.</summary>
    public static class SipParser
    {
        public static SipMessage TryParse(byte[] data, out string error)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            return TryParse(data, 0, data.Length, out error);
        }

        /// <summary>Datagram semantics for the body (RFC 3261 §18.3): it spans Content-Length
        /// octets and anything after them is ignored (RFC 4475 §3.1.1.8); without a usable
        /// Content-Length it runs to the end of the data. A Content-Length larger than the data
        /// is not refused here but reported as SipMessage.FramingDefect (RFC 4475 §3.1.2.2).</summary>
        public static SipMessage TryParse(byte[] data, int offset, int count, out string error)
        {
            error = null;
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new System.ArgumentException("offset/count outside the buffer");
            if (count > SipLimits.MaxMessageBytes) { error = "message longer than " + SipLimits.MaxMessageBytes.ToString() + " bytes"; return null; }
            int end = offset + count;
            int p = offset;
            // RFC 3261 §7.5: CRLFs before the start line are ignored (stream keep-alives).
            while (p + 1 < end && data[p] == '\r' && data[p + 1] == '\n') p += 2;
            if (p >= end) { error = count == 0 ? "empty" : "only CRLF (a keep-alive), no message"; return null; }

            int le = LineEnd(data, p, end, out error);
            if (le < 0) { error = "start line: " + error; return null; }
            SipMessage m = ParseStartLine(SipText.DecodeUtf8(data, p, le - p), out error);
            if (m == null) return null;
            p = le + 2;

            int headers = 0;
            while (true)
            {
                if (p >= end) { error = "headers not terminated by an empty line"; return null; }
                if (data[p] == '\r')
                {
                    if (p + 1 < end && data[p + 1] == '\n') { p += 2; break; }
                    error = "bare CR after header " + headers.ToString();
                    return null;
                }
                if (data[p] == ' ' || data[p] == '\t') { error = "continuation line without a header field"; return null; }
                if (++headers > SipLimits.MaxHeaders) { error = "more than " + SipLimits.MaxHeaders.ToString() + " header fields"; return null; }
                SipHeader h = ReadHeader(data, ref p, end, out error);
                if (h == null) return null;
                if (!m.AppendParsed(h, out error)) return null;
            }

            int available = end - p;
            int length = available;
            string defect = null;
            if (m.FramingDefect == null && m.ContentLength >= 0)
            {
                if (m.ContentLength > available) defect = "Content-Length " + m.ContentLength.ToString() + " is larger than the " + available.ToString() + " body bytes received";
                else length = m.ContentLength;
            }
            byte[] body = new byte[length];
            System.Array.Copy(data, p, body, 0, length);
            m.Body = body;
            if (defect != null) m.SetDatagramDefect(defect);
            return m;
        }

        /// <summary>Index of the CR of the CRLF ending the line at p, or -1 with a reason
        /// (bare CR or LF, no CRLF, longer than SipLimits.MaxLineBytes).</summary>
        private static int LineEnd(byte[] d, int p, int end, out string error)
        {
            error = null;
            int limit = p + SipLimits.MaxLineBytes;
            for (int i = p; i < end; i++)
            {
                byte b = d[i];
                if (b == '\n') { error = "bare LF (lines end with CRLF, RFC 3261 §7)"; return -1; }
                if (b == '\r')
                {
                    if (i + 1 < end && d[i + 1] == '\n') return i;
                    error = i + 1 < end ? "bare CR (lines end with CRLF, RFC 3261 §7)" : "not terminated by CRLF";
                    return -1;
                }
                if (i >= limit) { error = "longer than " + SipLimits.MaxLineBytes.ToString() + " bytes"; return -1; }
            }
            error = "not terminated by CRLF";
            return -1;
        }

        /// <summary>Reads one header field at p (the line and its continuation lines, RFC 3261
        /// §7.3.1) and moves p past it. header = name *WSP ":" value; folding is replaced by one SP.</summary>
        private static SipHeader ReadHeader(byte[] d, ref int p, int end, out string error)
        {
            int start = p;
            int le = LineEnd(d, p, end, out error);
            if (le < 0) { error = "header line: " + error; return null; }
            int i = p;
            while (i < le && d[i] < 0x80 && SipChars.IsToken((char)d[i])) i++;
            if (i == p) { error = "header line does not start with a name"; return null; }
            string name = SipText.DecodeUtf8(d, p, i - p);
            while (i < le && (d[i] == ' ' || d[i] == '\t')) i++;
            if (i == le || d[i] != ':') { error = "header " + name + ": ':' expected after the name"; return null; }
            i++;

            // Segments: the rest of this line, then each continuation line.
            int segStart = i, segEnd = le;
            p = le + 2;
            if (p >= end || (d[p] != ' ' && d[p] != '\t'))
            {
                string v = SipText.DecodeUtf8(d, segStart, segEnd - segStart).Trim();
                return new SipHeader(name, v);
            }
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            AppendSegment(sb, d, segStart, segEnd);
            while (p < end && (d[p] == ' ' || d[p] == '\t'))
            {
                le = LineEnd(d, p, end, out error);
                if (le < 0) { error = "header " + name + ": continuation line " + error; return null; }
                if (le + 2 - start > SipLimits.MaxLineBytes) { error = "header " + name + " longer than " + SipLimits.MaxLineBytes.ToString() + " bytes after unfolding"; return null; }
                AppendSegment(sb, d, p, le);
                p = le + 2;
            }
            return new SipHeader(name, sb.ToString());
        }

        private static void AppendSegment(System.Text.StringBuilder sb, byte[] d, int s, int e)
        {
            string seg = SipText.DecodeUtf8(d, s, e - s).Trim();
            if (seg.Length == 0) return;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(seg);
        }

        /// <summary>Request-Line = Method SP Request-URI SP SIP-Version; Status-Line = SIP-Version SP
        /// Status-Code SP Reason-Phrase (RFC 3261 §7.1, §7.2).</summary>
        private static SipMessage ParseStartLine(string line, out string error)
        {
            error = null;
            SipMessage m = new SipMessage();
            if (line.Length >= 4 && IsSipSlash(line))
            {
                int sp = line.IndexOf(' ');
                if (sp < 0) { error = "status line has no status code"; return null; }
                m.Version = line.Substring(0, sp);
                if (!IsVersion(m.Version)) { error = "status line: invalid SIP-Version " + m.Version; return null; }
                int c = sp + 1, k = c;
                while (k < line.Length && SipChars.IsDigit(line[k])) k++;
                if (k - c != 3) { error = "status code is not three digits (RFC 3261 §7.2)"; return null; }
                int code = (line[c] - '0') * 100 + (line[c + 1] - '0') * 10 + (line[c + 2] - '0');
                if (code < 100 || code > 699) { error = "status code " + code.ToString() + " outside 100-699 (RFC 3261 §21)"; return null; }
                string reason;
                if (k == line.Length)
                {
                    reason = "";      // no SP: RFC 4475 §3.1.1.13 lets a liberal receiver accept it
                }
                else
                {
                    if (line[k] != ' ') { error = "status code is not followed by SP"; return null; }
                    reason = line.Substring(k + 1);
                }
                if (!SipText.HasNoControls(reason)) { error = "control character in the reason phrase"; return null; }
                m.StatusCode = code;
                m.ReasonPhrase = reason;
                return m;
            }

            int sp1 = line.IndexOf(' ');
            int sp2 = sp1 < 0 ? -1 : line.IndexOf(' ', sp1 + 1);
            if (sp1 < 0 || sp2 < 0) { error = "request line does not have three elements"; return null; }
            if (sp1 == 0 || sp2 == sp1 + 1 || sp2 == line.Length - 1 || line.IndexOf(' ', sp2 + 1) >= 0)
            {
                bool extra = sp1 == 0 || sp2 == sp1 + 1 || line[line.Length - 1] == ' ';
                error = extra ? "request line: elements must be separated by exactly one SP, with none at the end (RFC 3261 §7.1)"
                              : "request line: whitespace inside the Request-URI or extra elements";
                return null;
            }
            m.IsRequest = true;
            m.Method = line.Substring(0, sp1);
            if (!SipMessage.IsToken(m.Method)) { error = "method is not a token"; return null; }
            m.RequestUri = line.Substring(sp1 + 1, sp2 - sp1 - 1);
            m.Version = line.Substring(sp2 + 1);
            if (!IsVersion(m.Version)) { error = "request line: invalid SIP-Version " + m.Version; return null; }
            if (!m.CheckRequestLine(out error)) return null;
            return m;
        }

        private static bool IsSipSlash(string s)
        {
            return (s[0] == 'S' || s[0] == 's') && (s[1] == 'I' || s[1] == 'i') && (s[2] == 'P' || s[2] == 'p') && s[3] == '/';
        }

        /// <summary>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive, §7.1).</summary>
        public static bool IsVersion(string v)
        {
            if (v.Length < 7 || !IsSipSlash(v)) return false;
            int i = 4, n = v.Length;
            int s = i;
            while (i < n && SipChars.IsDigit(v[i])) i++;
            if (i == s || i >= n || v[i] != '.') return false;
            i++;
            s = i;
            while (i < n && SipChars.IsDigit(v[i])) i++;
            return i > s && i == n;
        }
    }
}
