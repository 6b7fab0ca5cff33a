using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>What SipStreamFramer.Next found.</summary>
    public static class SipFrameKind
    {
        /// <summary>Nothing complete yet: feed more bytes.</summary>
        public const int None = 0;
        /// <summary>One complete message (start line, headers, Content-Length body octets).</summary>
        public const int Message = 1;
        /// <summary>One CRLF outside a message: the RFC 5626 §3.5.1 keep-alive pong answering
        /// our ping (a ping, CRLF CRLF, shows as two), or a CRLF before a start line, which
        /// RFC 3261 §7.5 says to ignore. Reported as soon as the CRLF is complete, so a client
        /// waiting for its pong never waits for more bytes.</summary>
        public const int Pong = 2;
        /// <summary>The stream cannot be framed any more (see Error); close the connection.</summary>
        public const int Error = 3;
    }

    /// <summary>Cuts a TCP/TLS byte stream into SIP messages (RFC 3261 §18.3): the headers
    /// end at the first empty line and Content-Length, mandatory on streams, gives the body's
    /// length. Incremental and bounded: it holds at most maxMessageBytes, remembers how far it
    /// has searched (one byte at a time costs O(n) overall), and after a framing error it
    /// yields only Error, because a stream that lost its framing cannot be resynchronised.</summary>
    public sealed class SipStreamFramer
    {
        private readonly byte[] _buf;
        private int _start, _end;         // unconsumed bytes are _buf[_start.._end)
        private int _scan;                // bytes of the current message already searched for CRLFCRLF
        private int _headerEnd = -1;      // offset from _start of the body, once known
        private int _total = -1;          // length of the current message, once known
        private string _error;

        public SipStreamFramer() : this(SipLimits.MaxMessageBytes) { }

        public SipStreamFramer(int maxMessageBytes)
        {
            if (maxMessageBytes < 64 || maxMessageBytes > SipLimits.MaxMessageBytes) throw new System.ArgumentException("maxMessageBytes must be 64..65536");
            _buf = new byte[maxMessageBytes];
        }

        /// <summary>Why the stream failed, or null.</summary>
        public string Error { get { return _error; } }

        /// <summary>Bytes held and not yet returned.</summary>
        public int Buffered { get { return _end - _start; } }

        /// <summary>Copies as many bytes as fit and returns how many were taken. Call Next until
        /// it returns None before feeding the rest; Next never returns None while the buffer is
        /// full, so this loop always progresses.</summary>
        public int Feed(byte[] data, int offset, int count)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new System.ArgumentException("offset/count outside the buffer");
            if (_error != null) return count;           // discarded: the connection is going away
            if (_start > 0 && _buf.Length - _end < count)
            {
                System.Array.Copy(_buf, _start, _buf, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int n = _buf.Length - _end;
            if (n > count) n = count;
            System.Array.Copy(data, offset, _buf, _end, n);
            _end += n;
            return n;
        }

        /// <summary>The next frame. For Message, message holds exactly its bytes (pass them to
        /// SipParser.TryParse); otherwise it is null.</summary>
        public int Next(out byte[] message)
        {
            message = null;
            if (_error != null) return SipFrameKind.Error;
            int n = _end - _start;
            if (_headerEnd < 0 && n > 0 && _buf[_start] == '\r')
            {
                if (n < 2) return SipFrameKind.None;
                if (_buf[_start + 1] != '\n') return Fail("bare CR between messages");
                Consume(2);
                return SipFrameKind.Pong;
            }
            if (_headerEnd < 0)
            {
                int from = _scan > 3 ? _scan - 3 : 0;
                for (int i = from; i + 3 < n; i++)
                {
                    int a = _start + i;
                    if (_buf[a] == '\r' && _buf[a + 1] == '\n' && _buf[a + 2] == '\r' && _buf[a + 3] == '\n')
                    {
                        _headerEnd = i + 4;
                        break;
                    }
                    if (_buf[a] == '\n' && (i == 0 || _buf[a - 1] != '\r')) return Fail("bare LF in the headers (lines end with CRLF, RFC 3261 §7)");
                }
                if (_headerEnd < 0)
                {
                    _scan = n;
                    if (n >= _buf.Length) return Fail("no end of headers within " + _buf.Length.ToString() + " bytes");
                    return SipFrameKind.None;
                }
                string e;
                int cl = ContentLength(_buf, _start, _start + _headerEnd, out e);
                if (cl < 0) return Fail(e);
                if ((long)_headerEnd + cl > _buf.Length) return Fail("message of " + ((long)_headerEnd + cl).ToString() + " bytes exceeds " + _buf.Length.ToString());
                _total = _headerEnd + cl;
            }
            if (n < _total) return SipFrameKind.None;
            message = new byte[_total];
            System.Array.Copy(_buf, _start, message, 0, _total);
            Consume(_total);
            _headerEnd = -1;
            _total = -1;
            _scan = 0;
            return SipFrameKind.Message;
        }

        private void Consume(int k)
        {
            _start += k;
            if (_start == _end) _start = _end = 0;
        }

        private int Fail(string why)
        {
            _error = why;
            _start = _end = 0;
            return SipFrameKind.Error;
        }

        /// <summary>Finds Content-Length (or "l") among the header lines in b[s..e) (e is just past
        /// CRLFCRLF), following continuation lines. -1 with a reason when it is missing, not a
        /// number, or given twice with different values.</summary>
        private static int ContentLength(byte[] b, int s, int e, out string error)
        {
            error = null;
            int found = -1;
            // Skip the start line.
            int p = s;
            while (p + 1 < e && !(b[p] == '\r' && b[p + 1] == '\n')) p++;
            p += 2;
            while (p + 1 < e && !(b[p] == '\r' && b[p + 1] == '\n'))
            {
                int ls = p;
                while (p < e && SipChars.IsToken((char)b[p]) && b[p] < 0x80) p++;
                int ne = p;
                while (p < e && (b[p] == ' ' || b[p] == '\t')) p++;
                bool isCl = false;
                if (p < e && b[p] == ':' && ne > ls)
                {
                    string name = SipText.DecodeUtf8(b, ls, ne - ls);
                    isCl = Ascii.EqualsIgnoreCase(name, "Content-Length") || Ascii.EqualsIgnoreCase(name, "l");
                    p++;
                }
                // The field ends at the first CRLF not followed by whitespace (RFC 3261 §7.3.1).
                int vs = p;
                while (p + 1 < e && !(b[p] == '\r' && b[p + 1] == '\n' && b[p + 2] != ' ' && b[p + 2] != '\t')) p++;
                int ve = p;
                p += 2;
                if (!isCl) continue;
                char[] t = new char[ve - vs];
                for (int k = 0; k < t.Length; k++)
                {
                    byte c = b[vs + k];
                    t[k] = c == '\r' || c == '\n' ? ' ' : (char)c;
                }
                string text = new string(t).Trim();
                long v;
                int r = SipText.ParseDecimal(text, 0, text.Length, int.MaxValue, out v);
                if (r == 1) { error = "Content-Length is not a non-negative decimal number; the stream cannot be framed (RFC 4475 §3.1.2.3)"; return -1; }
                if (r == 2) { error = "Content-Length is out of range"; return -1; }
                if (found >= 0 && found != (int)v) { error = "conflicting Content-Length values; the stream cannot be framed (RFC 4475 §3.3.9)"; return -1; }
                found = (int)v;
            }
            if (found < 0) error = "no Content-Length: it is mandatory on stream transports (RFC 3261 §18.3, §20.14)";
            return found;
        }
    }
}
