namespace PhoneAgent.Core.Http
{
    /// <summary>Reads one HTTP/1.1 response (RFC 9112) from bytes fed in any pieces: status line
    /// (§4), header fields (§5), then the body framed as §6.3 says: none for 204/304, chunked
    /// (§7.1), Content-Length, or until the server closes. 1xx interim responses are skipped
    /// (RFC 9110 §15.2). Every length is capped; malformed input ends in State = Failed with a
    /// Problem code and a Reason for the administrator, never an exception.</summary>
    public sealed class HttpResponseParser
    {
        public const int NeedMore = 0;
        public const int Complete = 1;
        public const int Failed = 2;

        /// <summary>Status line and header section of one response, line endings included.</summary>
        public const int MaxHead = 8192;
        public const int MaxHeaders = 64;
        public const int MaxInterim = 8;
        /// <summary>A chunk-size line with its extensions.</summary>
        public const int MaxChunkLine = 1024;
        public const int MaxTrailer = 8192;
        /// <summary>The largest body cap a caller may ask for.</summary>
        public const int MaxBodyLimit = 16 * 1024 * 1024;

        // Problem codes (Reason says the rest).
        public const string ProblemStatusLine = "status-line";
        public const string ProblemHeader = "header-field";
        public const string ProblemObsFold = "obs-fold";
        public const string ProblemHeadTooLarge = "head-too-large";
        public const string ProblemTooManyHeaders = "too-many-headers";
        public const string ProblemInterim = "interim";
        public const string ProblemContentLength = "content-length";
        public const string ProblemFraming = "framing";
        public const string ProblemTransferCoding = "transfer-coding";
        public const string ProblemChunk = "chunk";
        public const string ProblemBodyTooLarge = "body-too-large";
        public const string ProblemTruncated = "truncated";

        private const int PStatus = 0;
        private const int PField = 1;
        private const int PBody = 2;
        private const int PChunkSize = 3;
        private const int PChunkData = 4;
        private const int PChunkEnd = 5;
        private const int PTrailer = 6;
        private const int PUntilClose = 7;
        private const int PDone = 8;

        private readonly int _maxBody;
        private readonly byte[] _line = new byte[MaxHead];
        private int _lineLen;
        private int _phase = PStatus;
        private int _state = NeedMore;
        private string _problem = "";
        private string _reason = "";
        private HttpResponse _response = new HttpResponse();
        private int _headUsed;
        private int _fields;
        private int _interim;
        private int _trailerUsed;
        private long _fed;
        private byte[] _body = new byte[0];
        private int _bodyLen;
        private int _expected = -1;
        private int _chunkLeft;
        private bool _headDone;

        /// <summary>maxBody: the largest body accepted (1..MaxBodyLimit); a larger response fails.</summary>
        public HttpResponseParser(int maxBody)
        {
            if (maxBody < 1 || maxBody > MaxBodyLimit) throw new System.ArgumentException("maxBody must be 1.." + MaxBodyLimit.ToString());
            _maxBody = maxBody;
        }

        public int State { get { return _state; } }
        /// <summary>One of the Problem* codes when Failed, else "".</summary>
        public string Problem { get { return _problem; } }
        public string Reason { get { return _reason; } }
        /// <summary>The response once Complete; null before.</summary>
        public HttpResponse Response { get { return _state == Complete ? _response : null; } }
        /// <summary>The final response's status code once its head has been read, else 0.</summary>
        public int StatusCode { get { return _headDone ? _response.StatusCode : 0; } }
        /// <summary>The final response's head (status and fields) as read so far; may be partial.</summary>
        public HttpResponse Head { get { return _response; } }
        public bool HeadDone { get { return _headDone; } }
        public int BodyReceived { get { return _bodyLen; } }
        /// <summary>Content-Length once known, else -1 (chunked or until close).</summary>
        public int ExpectedLength { get { return _expected; } }
        /// <summary>Every byte fed so far.</summary>
        public long BytesFed { get { return _fed; } }

        /// <summary>Takes bytes as they arrive; returns how many were used (fewer than count once the
        /// response is complete or failed: anything after the response is not ours).</summary>
        public int Feed(byte[] data, int offset, int count)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new System.ArgumentException("offset/count outside the buffer");
            int i = offset, end = offset + count;
            while (i < end && _state == NeedMore)
            {
                if (_phase == PBody || _phase == PChunkData || _phase == PUntilClose) i += TakeBody(data, i, end - i);
                else i = TakeLine(data, i, end);
            }
            _fed += i - offset;
            return i - offset;
        }

        /// <summary>The server closed the connection: completes a read-until-close body, otherwise
        /// says how far the response got.</summary>
        public void EndOfStream()
        {
            if (_state != NeedMore) return;
            switch (_phase)
            {
                case PStatus:
                    Fail(ProblemTruncated, _fed == 0 ? "the server closed the connection without a response" :
                        "the server closed the connection in the middle of the response head");
                    return;
                case PField:
                    Fail(ProblemTruncated, "the server closed the connection in the middle of the response head");
                    return;
                case PBody:
                    Fail(ProblemTruncated, "the server closed after " + _bodyLen.ToString() + " of " + _expected.ToString() + " bytes");
                    return;
                case PTrailer:
                    // The last chunk arrived, so the body is whole; only the trailer's end is missing.
                    Finish();
                    return;
                case PUntilClose:
                    Finish();
                    return;
                default:
                    Fail(ProblemTruncated, "the server closed after " + _bodyLen.ToString() + " bytes of a chunked body, before its last chunk");
                    return;
            }
        }

        private int TakeLine(byte[] data, int i, int end)
        {
            while (i < end)
            {
                byte b = data[i++];
                if (_phase == PStatus || _phase == PField)
                {
                    if (++_headUsed > MaxHead)
                    {
                        Fail(ProblemHeadTooLarge, "the response's status line and header fields exceed " + MaxHead.ToString() + " bytes");
                        return i;
                    }
                }
                else if (_phase == PTrailer)
                {
                    if (++_trailerUsed > MaxTrailer)
                    {
                        Fail(ProblemHeadTooLarge, "the chunked body's trailer section exceeds " + MaxTrailer.ToString() + " bytes");
                        return i;
                    }
                }
                if (b == (byte)'\n')
                {
                    Line();
                    _lineLen = 0;
                    return i;
                }
                if (_phase == PChunkSize && _lineLen >= MaxChunkLine)
                {
                    Fail(ProblemChunk, "a chunk-size line is longer than " + MaxChunkLine.ToString() + " bytes");
                    return i;
                }
                if (_phase == PChunkEnd && b != (byte)'\r')
                {
                    Fail(ProblemChunk, "chunk data is not followed by CRLF (the chunk size is wrong)");
                    return i;
                }
                if (_lineLen < _line.Length) _line[_lineLen++] = b;
            }
            return i;
        }

        /// <summary>A line ended by LF. RFC 9112 §2.2 lets a recipient take a bare LF as the terminator
        /// of the start-line and fields (and ignore a preceding CR); chunk framing (§7.1) is held to
        /// CRLF, so a chunk size off by one cannot swallow the CR unnoticed. A bare CR elsewhere is invalid.</summary>
        private void Line()
        {
            int n = _lineLen;
            if (n > 0 && _line[n - 1] == (byte)'\r') n--;
            else if (_phase == PChunkSize || _phase == PChunkEnd)
            {
                Fail(ProblemChunk, _phase == PChunkEnd ? "chunk data is not followed by CRLF (the chunk size is wrong)" : "a chunk-size line ends without CR");
                return;
            }
            for (int k = 0; k < n; k++)
            {
                if (_line[k] == (byte)'\r') { Fail(_phase == PStatus ? ProblemStatusLine : _phase == PField ? ProblemHeader : ProblemChunk, "bare CR inside a line (RFC 9112 §2.2)"); return; }
            }
            switch (_phase)
            {
                case PStatus: StatusLine(n); return;
                case PField:
                    if (n == 0) { EndOfHead(); return; }
                    Field(n);
                    return;
                case PChunkSize: ChunkSize(n); return;
                case PChunkEnd: _phase = PChunkSize; return;
                case PTrailer:
                    // trailer-section = *( field-line CRLF ) (§7.1.2): fields are skipped, only counted.
                    if (n == 0) { Finish(); return; }
                    if (++_fields > MaxHeaders) Fail(ProblemTooManyHeaders, "more than " + MaxHeaders.ToString() + " trailer fields");
                    return;
            }
        }

        /// <summary>status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4);
        /// HTTP-version = "HTTP/" DIGIT "." DIGIT (§2.3). A missing SP after the code is tolerated.</summary>
        private void StatusLine(int n)
        {
            byte[] l = _line;
            bool ok = n >= 12 && l[0] == (byte)'H' && l[1] == (byte)'T' && l[2] == (byte)'T' && l[3] == (byte)'P' && l[4] == (byte)'/' &&
                Digit(l[5]) && l[6] == (byte)'.' && Digit(l[7]) && l[8] == (byte)' ' && Digit(l[9]) && Digit(l[10]) && Digit(l[11]) &&
                (n == 12 || l[12] == (byte)' ');
            if (!ok)
            {
                Fail(ProblemStatusLine, "not an HTTP/1.x status line: '" + Util.Ascii.Printable(l, 0, n < 60 ? n : 60) + "'");
                return;
            }
            if (l[5] != (byte)'1')
            {
                Fail(ProblemStatusLine, "the server answered with HTTP/" + ((char)l[5]).ToString() + "." + ((char)l[7]).ToString() + ", not HTTP/1.x");
                return;
            }
            int code = (l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0');
            // RFC 9110 §15: valid status codes are 100..599.
            if (code < 100 || code > 599)
            {
                Fail(ProblemStatusLine, "status code " + code.ToString() + " is outside 100..599");
                return;
            }
            for (int k = 13; k < n; k++)
            {
                if (l[k] == 0) { Fail(ProblemStatusLine, "NUL in the reason phrase"); return; }
            }
            _response.ClearHeaders();
            _fields = 0;
            _response.Version = l[7] == (byte)'0' ? 10 : 11;
            _response.StatusCode = code;
            _response.ReasonPhrase = n > 13 ? Util.Ascii.Printable(l, 13, n - 13) : "";
            _phase = PField;
        }

        /// <summary>field-line = field-name ":" OWS field-value OWS (RFC 9112 §5); field-name is a token
        /// (RFC 9110 §5.1), so whitespace before the colon is refused (§5.1).</summary>
        private void Field(int n)
        {
            byte[] l = _line;
            if (l[0] == (byte)' ' || l[0] == (byte)'\t')
            {
                // RFC 9112 §5.2 obs-fold (and §2.2, whitespace before the first field): refused, see README.
                Fail(ProblemObsFold, "a header line starts with whitespace (obs-fold line folding is refused)");
                return;
            }
            int colon = -1;
            for (int k = 0; k < n; k++)
            {
                if (l[k] == (byte)':') { colon = k; break; }
                if (!TChar(l[k]))
                {
                    Fail(ProblemHeader, "invalid character in header field name '" + Util.Ascii.Printable(l, 0, k + 1 < 60 ? k + 1 : 60) + "'");
                    return;
                }
            }
            if (colon < 0) { Fail(ProblemHeader, "header line without ':': '" + Util.Ascii.Printable(l, 0, n < 60 ? n : 60) + "'"); return; }
            if (colon == 0) { Fail(ProblemHeader, "header line with an empty field name"); return; }
            if (++_fields > MaxHeaders) { Fail(ProblemTooManyHeaders, "more than " + MaxHeaders.ToString() + " header fields"); return; }
            int vs = colon + 1, ve = n;
            while (vs < ve && (l[vs] == (byte)' ' || l[vs] == (byte)'\t')) vs++;
            while (ve > vs && (l[ve - 1] == (byte)' ' || l[ve - 1] == (byte)'\t')) ve--;
            for (int k = vs; k < ve; k++)
            {
                // RFC 9110 §5.5: NUL (and CR, LF) in a field value are invalid and dangerous.
                if (l[k] == 0) { Fail(ProblemHeader, "NUL in a header field value"); return; }
            }
            _response.Add(Util.Ascii.Printable(l, 0, colon), Util.Ascii.Printable(l, vs, ve - vs));
        }

        /// <summary>The empty line after the fields: interim or final, then the body's framing (RFC 9112 §6.3).</summary>
        private void EndOfHead()
        {
            int code = _response.StatusCode;
            if (code < 200)
            {
                if (code == 101) { Fail(ProblemInterim, "the server switched protocols (101) although no upgrade was asked for"); return; }
                // RFC 9110 §15.2: a client must parse 1xx responses before the final one and ignore them.
                if (++_interim > MaxInterim) { Fail(ProblemInterim, "more than " + MaxInterim.ToString() + " interim (1xx) responses"); return; }
                _phase = PStatus;
                _headUsed = 0;
                return;
            }
            _headDone = true;
            // §6.3 rule 2: 204 and 304 never have content, whatever the fields say.
            if (code == 204 || code == 304) { Finish(); return; }
            string te = _response.GetCombined("Transfer-Encoding");
            bool hasLength = _response.Get("Content-Length") != null;
            if (te != null)
            {
                if (hasLength)
                {
                    // §6.1 / §6.3 rule 3: both present might be smuggling or response splitting; treated as an error.
                    Fail(ProblemFraming, "the response has both Transfer-Encoding and Content-Length");
                    return;
                }
                if (_response.Version == 10)
                {
                    Fail(ProblemFraming, "Transfer-Encoding in an HTTP/1.0 response (RFC 9112 §6.1)");
                    return;
                }
                if (!Util.Ascii.EqualsIgnoreCase(te.Trim(), "chunked"))
                {
                    // No TE was sent, so only "chunked" may be applied (RFC 9112 §6.1, RFC 9110 §10.1.4).
                    Fail(ProblemTransferCoding, "transfer coding '" + te + "' is not supported (only chunked)");
                    return;
                }
                _body = new byte[_maxBody < 1024 ? _maxBody : 1024];
                _phase = PChunkSize;
                return;
            }
            if (hasLength)
            {
                int length;
                if (!ContentLength(out length)) return;
                _expected = length;
                if (length == 0) { Finish(); return; }
                _body = new byte[length];
                _phase = PBody;
                return;
            }
            // §6.3 rule 8: no framing fields: the body runs until the server closes.
            _body = new byte[_maxBody < 1024 ? _maxBody : 1024];
            _phase = PUntilClose;
        }

        /// <summary>Content-Length = 1*DIGIT (RFC 9110 §8.6). Repeated lines or a list of the same value
        /// are accepted as one value (§8.6 allows that); differing values are refused (RFC 9112 §6.3 rule 5).</summary>
        private bool ContentLength(out int length)
        {
            length = 0;
            string seen = null;
            for (int f = 0; f < _response.HeaderCount; f++)
            {
                if (!Util.Ascii.EqualsIgnoreCase(_response.NameAt(f), "Content-Length")) continue;
                string v = _response.ValueAt(f);
                int start = 0;
                while (start <= v.Length)
                {
                    int comma = v.IndexOf(',', start);
                    int stop = comma < 0 ? v.Length : comma;
                    string element = v.Substring(start, stop - start).Trim();
                    if (element.Length == 0 || !AllDigits(element))
                    {
                        Fail(ProblemContentLength, "Content-Length '" + v + "' is not a number");
                        return false;
                    }
                    int z = 0;
                    while (z < element.Length - 1 && element[z] == '0') z++;
                    element = element.Substring(z);
                    if (seen == null) seen = element;
                    else if (seen != element)
                    {
                        Fail(ProblemContentLength, "conflicting Content-Length values " + seen + " and " + element);
                        return false;
                    }
                    start = stop + 1;
                }
            }
            long value = 0;
            if (seen.Length <= 10)
            {
                for (int k = 0; k < seen.Length; k++) value = value * 10 + (seen[k] - '0');
            }
            if (seen.Length > 10 || value > _maxBody)
            {
                Fail(ProblemBodyTooLarge, "response larger than " + _maxBody.ToString() + " bytes (Content-Length " + seen + ")");
                return false;
            }
            length = (int)value;
            return true;
        }

        /// <summary>chunk-size [ chunk-ext ] (RFC 9112 §7.1); chunk-size = 1*HEXDIG; extensions are
        /// ignored (§7.1.1). Large numerals are checked before they can overflow (§7.1).</summary>
        private void ChunkSize(int n)
        {
            long size = 0;
            int k = 0;
            while (k < n && Hex(_line[k]) >= 0)
            {
                size = (size << 4) | (long)Hex(_line[k]);
                if (size > 0x7FFFFFFF) { Fail(ProblemChunk, "chunk size " + Util.Ascii.Printable(_line, 0, n < 40 ? n : 40) + " overflows"); return; }
                k++;
            }
            if (k == 0) { Fail(ProblemChunk, "bad chunk size '" + Util.Ascii.Printable(_line, 0, n < 40 ? n : 40) + "'"); return; }
            int e = k;
            while (e < n && (_line[e] == (byte)' ' || _line[e] == (byte)'\t')) e++;   // BWS
            if (e < n && _line[e] != (byte)';') { Fail(ProblemChunk, "bad chunk size '" + Util.Ascii.Printable(_line, 0, n < 40 ? n : 40) + "'"); return; }
            if (size == 0)
            {
                _fields = 0;
                _trailerUsed = 0;
                _phase = PTrailer;
                return;
            }
            if (_bodyLen + size > _maxBody) { TooLarge(); return; }
            _chunkLeft = (int)size;
            _phase = PChunkData;
        }

        private int TakeBody(byte[] data, int i, int available)
        {
            int n;
            if (_phase == PBody) n = available < _expected - _bodyLen ? available : _expected - _bodyLen;
            else if (_phase == PChunkData) n = available < _chunkLeft ? available : _chunkLeft;
            else
            {
                n = available;
                if (_bodyLen + n > _maxBody) { TooLarge(); return n; }
            }
            Ensure(_bodyLen + n);
            System.Array.Copy(data, i, _body, _bodyLen, n);
            _bodyLen += n;
            if (_phase == PBody && _bodyLen == _expected) Finish();
            else if (_phase == PChunkData)
            {
                _chunkLeft -= n;
                if (_chunkLeft == 0) _phase = PChunkEnd;
            }
            return n;
        }

        /// <summary>Grows the body buffer by doubling, never beyond the cap (checked by the callers).</summary>
        private void Ensure(int need)
        {
            if (need <= _body.Length) return;
            int size = _body.Length < 1024 ? 1024 : _body.Length;
            while (size < need) size = size > _maxBody / 2 ? _maxBody : size * 2;
            byte[] bigger = new byte[size];
            System.Array.Copy(_body, bigger, _bodyLen);
            _body = bigger;
        }

        private void Finish()
        {
            byte[] body = _body;
            if (_bodyLen != body.Length)
            {
                body = new byte[_bodyLen];
                System.Array.Copy(_body, body, _bodyLen);
            }
            _response.Body = body;
            _body = null;
            _phase = PDone;
            _state = Complete;
        }

        private void TooLarge()
        {
            Fail(ProblemBodyTooLarge, "response larger than " + _maxBody.ToString() + " bytes");
        }

        private void Fail(string problem, string reason)
        {
            _state = Failed;
            _problem = problem;
            _reason = reason;
            _phase = PDone;
            _body = null;
        }

        private static bool Digit(byte b) { return b >= (byte)'0' && b <= (byte)'9'; }

        private static bool AllDigits(string s)
        {
            for (int i = 0; i < s.Length; i++) if (s[i] < '0' || s[i] > '9') return false;
            return true;
        }

        private static int Hex(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
            if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
            if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
            return -1;
        }

        /// <summary>tchar (RFC 9110 §5.6.2).</summary>
        private static bool TChar(byte b)
        {
            if ((b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || Digit(b)) return true;
            switch (b)
            {
                case (byte)'!': case (byte)'#': case (byte)'$': case (byte)'%': case (byte)'&': case (byte)'\'': case (byte)'*':
                case (byte)'+': case (byte)'-': case (byte)'.': case (byte)'^': case (byte)'_': case (byte)'`': case (byte)'|': case (byte)'~':
                    return true;
                default:
                    return false;
            }
        }
    }
}
