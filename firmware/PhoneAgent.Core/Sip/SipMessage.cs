using System.Collections;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>A SIP request or response (RFC 3261 §7): start line, header fields in wire
    /// order (names as written, values unfolded), body, and structured views of the headers a
    /// registering phone needs. Views are checked when the message is parsed (a malformed Via,
    /// From, To, Call-ID, CSeq, Contact, Route, Expires, Max-Forwards or Retry-After makes
    /// SipParser refuse the message); for a built message they are computed on first use and
    /// are null / -1 when absent or malformed (AnalysisError says why).</summary>
    public sealed class SipMessage
    {
        public const string Version20 = "SIP/2.0";
        /// <summary>delta-seconds range used for Expires, Min-Expires and expires params (RFC 3261 §20.19: 0 to 2^32-1).</summary>
        public const long MaxDeltaSeconds = 4294967295;

        private static readonly byte[] NoBody = new byte[0];

        // The start line is set by the parser or the Create methods only, so it is always
        // valid and the views derived from it cannot go stale.
        public bool IsRequest { get; internal set; }
        /// <summary>Request method (case-sensitive token, RFC 3261 §7.1), null in responses.</summary>
        public string Method { get; internal set; }
        /// <summary>Request-URI as written, null in responses.</summary>
        public string RequestUri { get; internal set; }
        /// <summary>SIP-Version as written ("SIP/2.0").</summary>
        public string Version { get; internal set; }
        public int StatusCode { get; internal set; }
        public string ReasonPhrase { get; internal set; }

        private readonly ArrayList _headers = new ArrayList();
        private byte[] _body = NoBody;

        // Views, valid when !_dirty.
        private bool _dirty;
        private string _analysisError;
        private SipUri _requestSipUri;
        private ArrayList _vias = new ArrayList();
        private SipAddress _from, _to;
        private string _callId;
        private SipCSeq _cseq;
        private ArrayList _contacts = new ArrayList();
        private bool _contactStar;
        private ArrayList _routes, _recordRoutes, _paths, _serviceRoutes;
        private long _expires = -1, _minExpires = -1;
        private int _maxForwards = -1, _contentLength = -1;
        private SipRetryAfter _retryAfter;
        private ArrayList _supported, _require, _proxyRequire, _unsupported;
        private ArrayList _wwwAuth, _proxyAuth;
        private string _repeated;
        private string _framingDefect;
        private string _datagramDefect;

        internal SipMessage()
        {
            Version = Version20;
        }

        /// <summary>A request with the given method and Request-URI (sip, sips or another absolute URI).</summary>
        public static SipMessage CreateRequest(string method, string requestUri)
        {
            if (!IsToken(method)) throw new System.ArgumentException("method is not a token");
            string e;
            if (!CheckRequestUri(requestUri, out e)) throw new System.ArgumentException("Request-URI: " + e);
            SipMessage m = new SipMessage();
            m.IsRequest = true;
            m.Method = method;
            m.RequestUri = requestUri;
            m._dirty = true;
            return m;
        }

        public static SipMessage CreateResponse(int statusCode, string reasonPhrase)
        {
            if (statusCode < 100 || statusCode > 699) throw new System.ArgumentException("status code outside 100-699");
            if (reasonPhrase == null) reasonPhrase = "";
            if (!SipText.HasNoControls(reasonPhrase)) throw new System.ArgumentException("reason phrase has control characters");
            SipMessage m = new SipMessage();
            m.StatusCode = statusCode;
            m.ReasonPhrase = reasonPhrase;
            m._dirty = true;
            return m;
        }

        // ---- headers (generic access) ----

        public int HeaderCount { get { return _headers.Count; } }

        public SipHeader HeaderAt(int i) { return (SipHeader)_headers[i]; }

        /// <summary>The first value of the header (any spelling or compact form), or null.
        /// For list headers this is the whole first field; use GetValues for elements.</summary>
        public string GetHeader(string name)
        {
            string c = SipHeaderNames.Canonical(name);
            for (int i = 0; i < _headers.Count; i++)
            {
                SipHeader h = (SipHeader)_headers[i];
                if (Ascii.EqualsIgnoreCase(h.CanonicalName, c)) return h.Value;
            }
            return null;
        }

        public int CountHeaders(string name)
        {
            string c = SipHeaderNames.Canonical(name);
            int n = 0;
            for (int i = 0; i < _headers.Count; i++)
            {
                if (Ascii.EqualsIgnoreCase(((SipHeader)_headers[i]).CanonicalName, c)) n++;
            }
            return n;
        }

        /// <summary>All values of a header in order. List headers (SipHeaderNames.IsList) are
        /// split at commas outside quotes and &lt;&gt;; others give one value per header field.
        /// Null when a list value cannot be split.</summary>
        public string[] GetValues(string name)
        {
            string c = SipHeaderNames.Canonical(name);
            bool list = SipHeaderNames.IsList(c);
            ArrayList r = new ArrayList();
            for (int i = 0; i < _headers.Count; i++)
            {
                SipHeader h = (SipHeader)_headers[i];
                if (!Ascii.EqualsIgnoreCase(h.CanonicalName, c)) continue;
                if (!list) { r.Add(h.Value); continue; }
                string e;
                string[] parts = SipList.Split(h.Value, out e);
                if (parts == null) return null;
                for (int k = 0; k < parts.Length; k++) r.Add(parts[k]);
            }
            return ToStrings(r);
        }

        public void AddHeader(string name, string value)
        {
            CheckHeader(name, value);
            _headers.Add(new SipHeader(name, value.Trim()));
            _dirty = true;
        }

        /// <summary>Replaces every field of this header by one (at the place of the first) or appends it.</summary>
        public void SetHeader(string name, string value)
        {
            CheckHeader(name, value);
            SipHeader nh = new SipHeader(name, value.Trim());
            int first = -1;
            for (int i = _headers.Count - 1; i >= 0; i--)
            {
                if (!SipHeaderNames.Same(((SipHeader)_headers[i]).Name, name)) continue;
                _headers.RemoveAt(i);
                first = i;
            }
            if (first < 0) _headers.Add(nh);
            else _headers.Insert(first, nh);
            _dirty = true;
        }

        public void RemoveHeader(string name)
        {
            for (int i = _headers.Count - 1; i >= 0; i--)
            {
                if (SipHeaderNames.Same(((SipHeader)_headers[i]).Name, name)) _headers.RemoveAt(i);
            }
            _dirty = true;
        }

        private static void CheckHeader(string name, string value)
        {
            if (!IsToken(name)) throw new System.ArgumentException("header name is not a token");
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '\r' || value[i] == '\n') throw new System.ArgumentException("header value contains CR or LF");
            }
        }

        /// <summary>Body octets (never null). Setting does not touch Content-Length: SipWriter writes the real length.</summary>
        public byte[] Body
        {
            get { return _body; }
            set
            {
                _body = value ?? NoBody;
                _datagramDefect = null;
            }
        }

        // ---- views ----

        /// <summary>Request-URI as a SIP/SIPS URI; null for other schemes and in responses.</summary>
        public SipUri RequestSipUri { get { Ensure(); return _requestSipUri; } }

        /// <summary>Why a view could not be computed for a built message (null when all are fine).</summary>
        public string AnalysisError { get { Ensure(); return _analysisError; } }

        public int ViaCount { get { Ensure(); return _vias.Count; } }

        /// <summary>Via values across all Via fields, topmost first.</summary>
        public SipVia ViaAt(int i) { Ensure(); return (SipVia)_vias[i]; }

        public SipVia TopVia { get { Ensure(); return _vias.Count > 0 ? (SipVia)_vias[0] : null; } }

        public SipAddress From { get { Ensure(); return _from; } }

        public SipAddress To { get { Ensure(); return _to; } }

        public string CallId { get { Ensure(); return _callId; } }

        public SipCSeq CSeq { get { Ensure(); return _cseq; } }

        /// <summary>Contact values (none when Contact is "*").</summary>
        public int ContactCount { get { Ensure(); return _contacts.Count; } }

        public SipAddress ContactAt(int i) { Ensure(); return (SipAddress)_contacts[i]; }

        /// <summary>Contact: * (remove all bindings, RFC 3261 §10.2.2).</summary>
        public bool ContactIsStar { get { Ensure(); return _contactStar; } }

        public SipAddress[] Routes { get { Ensure(); return ToAddresses(_routes); } }

        public SipAddress[] RecordRoutes { get { Ensure(); return ToAddresses(_recordRoutes); } }

        /// <summary>Path (RFC 3327) values.</summary>
        public SipAddress[] Paths { get { Ensure(); return ToAddresses(_paths); } }

        /// <summary>Service-Route (RFC 3608) values from a 2xx to REGISTER.</summary>
        public SipAddress[] ServiceRoutes { get { Ensure(); return ToAddresses(_serviceRoutes); } }

        /// <summary>Expires header in seconds, -1 when absent.</summary>
        public long Expires { get { Ensure(); return _expires; } }

        /// <summary>Min-Expires (423 Interval Too Brief, RFC 3261 §20.23), -1 when absent.</summary>
        public long MinExpires { get { Ensure(); return _minExpires; } }

        public int MaxForwards { get { Ensure(); return _maxForwards; } }

        /// <summary>The Content-Length header's value, -1 when absent or not a number.</summary>
        public int ContentLength { get { Ensure(); return _contentLength; } }

        public SipRetryAfter RetryAfter { get { Ensure(); return _retryAfter; } }

        public string[] Supported { get { Ensure(); return ToStrings(_supported); } }

        public string[] Require { get { Ensure(); return ToStrings(_require); } }

        public string[] ProxyRequire { get { Ensure(); return ToStrings(_proxyRequire); } }

        public string[] Unsupported { get { Ensure(); return ToStrings(_unsupported); } }

        /// <summary>WWW-Authenticate values, one per header field, unparsed (the auth code parses them).</summary>
        public string[] WwwAuthenticate { get { Ensure(); return ToStrings(_wwwAuth); } }

        public string[] ProxyAuthenticate { get { Ensure(); return ToStrings(_proxyAuth); } }

        public string ContentType { get { return GetHeader(SipHeaderNames.ContentType); } }

        /// <summary>The first single-value header (From, To, Call-ID, CSeq, Max-Forwards,
        /// Content-Length, Content-Type, Expires, Min-Expires) that appears more than once, or null.</summary>
        public string RepeatedHeader { get { Ensure(); return _repeated; } }

        /// <summary>Why the body's extent is uncertain (Content-Length invalid, conflicting, or
        /// larger than the datagram), or null.</summary>
        public string FramingDefect { get { Ensure(); return _framingDefect ?? _datagramDefect; } }

        /// <summary>Transport-independent checks of RFC 3261 and RFC 4475 §3.1.2-3.3 a receiver
        /// applies after parsing; see SipSemantics.Check.</summary>
        public SipDefect SemanticCheck()
        {
            return SipSemantics.Check(this, null);
        }

        public override string ToString()
        {
            string start = IsRequest ? Method + " " + RequestUri + " " + Version : Version + " " + StatusCode.ToString() + " " + ReasonPhrase;
            return start + " (" + _headers.Count.ToString() + " headers, " + _body.Length.ToString() + " body bytes)";
        }

        // ---- analysis ----

        private void Ensure()
        {
            if (!_dirty) return;
            _dirty = false;
            ResetViews();
            string e;
            if (IsRequest && !CheckRequestLine(out e)) { _analysisError = e; return; }
            for (int i = 0; i < _headers.Count; i++)
            {
                if (!Analyze((SipHeader)_headers[i], out e)) { _analysisError = e; return; }
            }
        }

        private void ResetViews()
        {
            _analysisError = null;
            _requestSipUri = null;
            _vias = new ArrayList();
            _from = _to = null;
            _callId = null;
            _cseq = null;
            _contacts = new ArrayList();
            _contactStar = false;
            _routes = _recordRoutes = _paths = _serviceRoutes = null;
            _expires = _minExpires = -1;
            _maxForwards = _contentLength = -1;
            _retryAfter = null;
            _supported = _require = _proxyRequire = _unsupported = null;
            _wwwAuth = _proxyAuth = null;
            _repeated = null;
            _framingDefect = null;
            _contentLengthSeen = false;
        }

        internal bool CheckRequestLine(out string error)
        {
            if (!CheckRequestUri(RequestUri, out error)) { error = "Request-URI: " + error; return false; }
            _requestSipUri = null;
            if (HasSipScheme(RequestUri))
            {
                _requestSipUri = SipUri.TryParse(RequestUri, out error);
                if (_requestSipUri == null) { error = "Request-URI: " + error; return false; }
            }
            return true;
        }

        private static bool HasSipScheme(string uri)
        {
            int c = uri.IndexOf(':');
            if (c != 3 && c != 4) return false;
            string s = Ascii.Lower(uri.Substring(0, c));
            return s == "sip" || s == "sips";
        }

        /// <summary>Request-URI = SIP-URI / SIPS-URI / absoluteURI (RFC 3261 §25.1).</summary>
        internal static bool CheckRequestUri(string uri, out string error)
        {
            error = null;
            if (uri == null || uri.Length == 0) { error = "empty"; return false; }
            if (uri.Length > SipUri.MaxLength) { error = "too long"; return false; }
            int colon = uri.IndexOf(':');
            if (colon <= 0 || !SipChars.IsAlpha(uri[0])) { error = "not an absolute URI"; return false; }
            for (int i = 1; i < colon; i++)
            {
                if (!SipChars.IsSchemeChar(uri[i])) { error = "invalid scheme"; return false; }
            }
            if (HasSipScheme(uri))
            {
                SipUri u = SipUri.TryParse(uri, out error);
                return u != null;
            }
            if (colon == uri.Length - 1 || SipText.FindInvalid(uri, colon + 1, uri.Length, SipText.ClassUri) >= 0) { error = "invalid characters"; return false; }
            return true;
        }

        /// <summary>Adds a header from the parser and checks it; false (with the header named in
        /// error) when its value is malformed.</summary>
        internal bool AppendParsed(SipHeader h, out string error)
        {
            _headers.Add(h);
            return Analyze(h, out error);
        }

        internal void SetFramingDefect(string defect)
        {
            if (_framingDefect == null) _framingDefect = defect;
        }

        /// <summary>The parser's finding about the datagram (Content-Length beyond its end); kept
        /// across header edits, dropped when the caller sets a new body.</summary>
        internal void SetDatagramDefect(string defect)
        {
            _datagramDefect = defect;
        }

        private void NoteRepeated(string canonical, bool seen)
        {
            if (seen && _repeated == null) _repeated = canonical;
        }

        private bool Analyze(SipHeader h, out string error)
        {
            error = null;
            string name = h.CanonicalName;
            string v = h.Value;
            string e = null;
            bool ok = true;
            switch (name)
            {
                case SipHeaderNames.Via:
                    ok = AnalyzeVia(v, out e);
                    break;
                case SipHeaderNames.From:
                    NoteRepeated(name, _from != null);
                    SipAddress f = SipAddress.TryParse(v, out e);
                    ok = f != null;
                    if (ok && _from == null) _from = f;
                    break;
                case SipHeaderNames.To:
                    NoteRepeated(name, _to != null);
                    SipAddress t = SipAddress.TryParse(v, out e);
                    ok = t != null;
                    if (ok && _to == null) _to = t;
                    break;
                case SipHeaderNames.CallId:
                    NoteRepeated(name, _callId != null);
                    ok = IsCallId(v);
                    if (!ok) e = v.Length == 0 ? "empty" : "not word [\"@\" word] (RFC 3261 §25.1)";
                    else if (_callId == null) _callId = v;
                    break;
                case SipHeaderNames.CSeq:
                    NoteRepeated(name, _cseq != null);
                    SipCSeq cs = SipCSeq.TryParse(v, out e);
                    ok = cs != null;
                    if (ok && _cseq == null) _cseq = cs;
                    break;
                case SipHeaderNames.Contact:
                    ok = AnalyzeContact(v, out e);
                    break;
                case SipHeaderNames.Route:
                    ok = AnalyzeRoutes(v, ref _routes, out e);
                    break;
                case SipHeaderNames.RecordRoute:
                    ok = AnalyzeRoutes(v, ref _recordRoutes, out e);
                    break;
                case SipHeaderNames.Path:
                    ok = AnalyzeRoutes(v, ref _paths, out e);
                    break;
                case SipHeaderNames.ServiceRoute:
                    ok = AnalyzeRoutes(v, ref _serviceRoutes, out e);
                    break;
                case SipHeaderNames.Expires:
                    NoteRepeated(name, _expires >= 0);
                    ok = DeltaSeconds(v, ref _expires, out e);
                    break;
                case SipHeaderNames.MinExpires:
                    NoteRepeated(name, _minExpires >= 0);
                    ok = DeltaSeconds(v, ref _minExpires, out e);
                    break;
                case SipHeaderNames.MaxForwards:
                    NoteRepeated(name, _maxForwards >= 0);
                    long mf;
                    int r = SipText.ParseDecimal(v, 0, v.Length, 255, out mf);
                    ok = r == 0;
                    if (!ok) e = r == 2 ? "above 255 (RFC 3261 §20.22)" : "not a number";
                    else if (_maxForwards < 0) _maxForwards = (int)mf;
                    break;
                case SipHeaderNames.ContentLength:
                    AnalyzeContentLength(v);
                    break;
                case SipHeaderNames.ContentType:
                    NoteRepeated(name, CountBefore(h, name) > 0);
                    break;
                case SipHeaderNames.RetryAfter:
                    SipRetryAfter ra = SipRetryAfter.TryParse(v, out e);
                    ok = ra != null;
                    if (ok && _retryAfter == null) _retryAfter = ra;
                    break;
                case SipHeaderNames.Supported:
                    ok = AnalyzeTokens(v, ref _supported, out e);
                    break;
                case SipHeaderNames.Require:
                    ok = AnalyzeTokens(v, ref _require, out e);
                    break;
                case SipHeaderNames.ProxyRequire:
                    ok = AnalyzeTokens(v, ref _proxyRequire, out e);
                    break;
                case SipHeaderNames.Unsupported:
                    ok = AnalyzeTokens(v, ref _unsupported, out e);
                    break;
                case SipHeaderNames.WwwAuthenticate:
                    if (_wwwAuth == null) _wwwAuth = new ArrayList();
                    _wwwAuth.Add(v);
                    break;
                case SipHeaderNames.ProxyAuthenticate:
                    if (_proxyAuth == null) _proxyAuth = new ArrayList();
                    _proxyAuth.Add(v);
                    break;
            }
            if (!ok) error = name + ": " + e;
            return ok;
        }

        private int CountBefore(SipHeader h, string canonical)
        {
            int n = 0;
            for (int i = 0; i < _headers.Count; i++)
            {
                SipHeader x = (SipHeader)_headers[i];
                if (x == h) break;
                if (x.CanonicalName == canonical) n++;
            }
            return n;
        }

        private bool AnalyzeVia(string v, out string error)
        {
            string[] parts = SipList.Split(v, out error);
            if (parts == null) return false;
            if (parts.Length == 0) { error = "empty"; return false; }
            for (int i = 0; i < parts.Length; i++)
            {
                SipVia via = SipVia.TryParse(parts[i], out error);
                if (via == null) return false;
                _vias.Add(via);
            }
            return true;
        }

        private bool AnalyzeContact(string v, out string error)
        {
            error = null;
            if (v == "*")
            {
                // Contact: * stands alone (RFC 3261 §10.2.2, §20.10).
                if (_contactStar || _contacts.Count > 0) { error = "'*' together with other Contact values"; return false; }
                _contactStar = true;
                return true;
            }
            if (_contactStar) { error = "'*' together with other Contact values"; return false; }
            string[] parts = SipList.Split(v, out error);
            if (parts == null) return false;
            if (parts.Length == 0) { error = "empty"; return false; }
            for (int i = 0; i < parts.Length; i++)
            {
                if (parts[i] == "*") { error = "'*' together with other Contact values"; return false; }
                SipAddress a = SipAddress.TryParse(parts[i], out error);
                if (a == null) return false;
                _contacts.Add(a);
            }
            return true;
        }

        private static bool AnalyzeRoutes(string v, ref ArrayList into, out string error)
        {
            string[] parts = SipList.Split(v, out error);
            if (parts == null) return false;
            if (parts.Length == 0) { error = "empty"; return false; }
            if (into == null) into = new ArrayList();
            for (int i = 0; i < parts.Length; i++)
            {
                SipAddress a = SipAddress.TryParse(parts[i], out error);
                if (a == null) return false;
                // route-param = name-addr *( SEMI rr-param ) (RFC 3261 §25.1, RFC 3327, RFC 3608).
                if (!a.NameAddr) { error = "route value must be <uri> (name-addr)"; return false; }
                into.Add(a);
            }
            return true;
        }

        private static bool AnalyzeTokens(string v, ref ArrayList into, out string error)
        {
            string[] parts = SipList.Split(v, out error);
            if (parts == null) return false;
            if (into == null) into = new ArrayList();
            for (int i = 0; i < parts.Length; i++)
            {
                if (!IsToken(parts[i])) { error = "option-tag '" + parts[i] + "' is not a token"; return false; }
                into.Add(parts[i]);
            }
            return true;
        }

        private static bool DeltaSeconds(string v, ref long into, out string error)
        {
            error = null;
            long x;
            int r = SipText.ParseDecimal(v, 0, v.Length, MaxDeltaSeconds, out x);
            if (r == 1) { error = "not delta-seconds"; return false; }
            if (r == 2) { error = "above 2^32-1 seconds (RFC 3261 §20.19)"; return false; }
            if (into < 0) into = x;
            return true;
        }

        /// <summary>A bad Content-Length is a framing defect, not a refusal: on UDP the datagram
        /// still bounds the message, and RFC 4475 §3.1.2.3/§3.3.9 ask for an error response,
        /// which needs the parsed headers.</summary>
        private void AnalyzeContentLength(string v)
        {
            long x;
            int r = SipText.ParseDecimal(v, 0, v.Length, int.MaxValue, out x);
            if (r != 0)
            {
                SetFramingDefect(r == 2 ? "Content-Length " + Short(v) + " is out of range" : "Content-Length " + Short(v) + " is not a non-negative decimal number");
                return;
            }
            if (_contentLengthSeen)
            {
                NoteRepeated(SipHeaderNames.ContentLength, true);
                if (x != _contentLength) SetFramingDefect("conflicting Content-Length values");
                return;
            }
            _contentLengthSeen = true;
            _contentLength = (int)x;
        }

        private bool _contentLengthSeen;

        private static string Short(string v)
        {
            return v.Length <= 20 ? "'" + v + "'" : "'" + v.Substring(0, 20) + "...'";
        }

        /// <summary>callid = word [ "@" word ] (RFC 3261 §25.1).</summary>
        internal static bool IsCallId(string v)
        {
            if (v.Length == 0) return false;
            int at = -1;
            for (int i = 0; i < v.Length; i++)
            {
                char c = v[i];
                if (c == '@')
                {
                    if (at >= 0 || i == 0 || i == v.Length - 1) return false;
                    at = i;
                    continue;
                }
                if (!SipChars.IsWord(c)) return false;
            }
            return true;
        }

        public static bool IsToken(string s)
        {
            if (s == null || s.Length == 0) return false;
            for (int i = 0; i < s.Length; i++)
            {
                if (!SipChars.IsToken(s[i])) return false;
            }
            return true;
        }

        private static string[] ToStrings(ArrayList l)
        {
            if (l == null) return new string[0];
            string[] r = new string[l.Count];
            for (int i = 0; i < r.Length; i++) r[i] = (string)l[i];
            return r;
        }

        private static SipAddress[] ToAddresses(ArrayList l)
        {
            if (l == null) return new SipAddress[0];
            SipAddress[] r = new SipAddress[l.Count];
            for (int i = 0; i < r.Length; i++) r[i] = (SipAddress)l[i];
            return r;
        }
    }
}
