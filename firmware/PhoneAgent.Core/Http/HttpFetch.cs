using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Http
{
    /// <summary>Looks up a host name for redirects, synchronously. HttpFetch does no name lookup of
    /// its own (there is no DNS client in the core on this branch), so the caller supplies one (the
    /// host's resolver, a fixed table) or none: redirects are then reported in RedirectTarget, and a
    /// caller with an asynchronous resolver can look the target up and start a new fetch.</summary>
    public interface IHostResolver
    {
        /// <summary>The IPv4 address of host, or false when it cannot be found.</summary>
        bool TryResolve(string host, out uint address);
    }

    /// <summary>One bounded HTTP/1.1 exchange over an IStreamPort: connect, send the request, read
    /// the response with HttpResponseParser, follow at most MaxRedirects http:// redirects when a
    /// resolver is given. Driven by Poll(nowMs, outbox) from the agent loop: every call returns at
    /// once (non-blocking reads, at most MaxReadsPerPoll per call), no clock is read, and one
    /// deadline (the caller's timeout) bounds the whole fetch, redirects included.
    /// The caller gives the server's IPv4 address: HttpFetch does no name lookup (no DNS in the core yet).</summary>
    public sealed class HttpFetch
    {
        public const string Source = "http";
        public const int MaxRedirects = 3;
        public const int ReadBufferSize = 1536;
        public const int MaxReadsPerPoll = 16;

        public const int Idle = 0;
        public const int Connecting = 1;
        public const int Receiving = 2;
        public const int Done = 3;
        public const int Failed = 4;

        private readonly IStreamConnector _connector;
        private readonly IHostResolver _resolver;
        private readonly byte[] _buf = new byte[ReadBufferSize];
        private int _state = Idle;
        private HttpUrl _url;
        private uint _address;
        private string _method;
        private string _contentType;
        private byte[] _body;
        private int _maxBytes;
        private int _timeoutMs;
        private long _startedMs;
        private long _deadlineMs = Deadline.None;
        private IStreamPort _port;
        private HttpResponseParser _parser;
        private HttpResponse _response;
        private string _reason = "";
        private string _redirectTarget;
        private int _redirects;

        /// <summary>resolver may be null: redirects are then reported, never followed.</summary>
        public HttpFetch(IStreamConnector connector, IHostResolver resolver)
        {
            if (connector == null) throw new System.ArgumentNullException(nameof(connector));
            _connector = connector;
            _resolver = resolver;
        }

        public int State { get { return _state; } }
        public bool Busy { get { return _state == Connecting || _state == Receiving; } }
        public long NextDeadlineMs { get { return Busy ? _deadlineMs : Deadline.None; } }
        /// <summary>Why the fetch failed, for the administrator; "" otherwise.</summary>
        public string Reason { get { return _reason; } }
        /// <summary>The final response: the 2xx when Done; a 4xx/5xx or unfollowed 3xx when Failed; else null.</summary>
        public HttpResponse Response { get { return _response; } }
        /// <summary>The URL fetched last (after redirects).</summary>
        public HttpUrl Url { get { return _url; } }
        public int Redirects { get { return _redirects; } }
        /// <summary>Where a redirect pointed when it was not followed (no resolver, too many, https), else null.</summary>
        public string RedirectTarget { get { return _redirectTarget; } }
        public long StartedMs { get { return _startedMs; } }

        public static string StateName(int s)
        {
            switch (s)
            {
                case Idle: return "idle";
                case Connecting: return "connecting";
                case Receiving: return "receiving";
                case Done: return "done";
                case Failed: return "failed";
                default: return "state " + s.ToString();
            }
        }

        /// <summary>GET url from address (0: the URL's IPv4 literal, or the resolver's answer).</summary>
        public void StartGet(HttpUrl url, uint address, int maxBytes, int timeoutMs, long nowMs, Outbox outbox)
        {
            Start("GET", url, address, null, null, maxBytes, timeoutMs, nowMs, outbox);
        }

        /// <summary>POST body with contentType (SCEP PKIOperation: "application/x-pki-message").</summary>
        public void StartPost(HttpUrl url, uint address, string contentType, byte[] body, int maxBytes, int timeoutMs, long nowMs, Outbox outbox)
        {
            if (body == null) throw new System.ArgumentNullException(nameof(body));
            if (contentType == null) throw new System.ArgumentNullException(nameof(contentType));
            Start("POST", url, address, contentType, body, maxBytes, timeoutMs, nowMs, outbox);
        }

        private void Start(string method, HttpUrl url, uint address, string contentType, byte[] body, int maxBytes, int timeoutMs,
            long nowMs, Outbox outbox)
        {
            if (url == null) throw new System.ArgumentNullException(nameof(url));
            if (outbox == null) throw new System.ArgumentNullException(nameof(outbox));
            if (maxBytes < 1 || maxBytes > HttpResponseParser.MaxBodyLimit) throw new System.ArgumentException("maxBytes must be 1.." + HttpResponseParser.MaxBodyLimit.ToString());
            if (timeoutMs < 1) throw new System.ArgumentException("timeoutMs must be positive");
            Abort();
            _method = method;
            _contentType = contentType;
            _body = body;
            _maxBytes = maxBytes;
            _timeoutMs = timeoutMs;
            _startedMs = nowMs;
            _deadlineMs = nowMs + timeoutMs;
            _response = null;
            _reason = "";
            _redirectTarget = null;
            _redirects = 0;
            _url = url;
            if (url.NeedsTls) { Fail(url.ToString() + " needs TLS, which this HTTP client does not do yet", outbox); return; }
            if (address == 0 && !Locate(url, out address, outbox)) return;
            Connect(url, address, nowMs, outbox);
        }

        /// <summary>Stops at once: closes the connection; the state becomes Failed when busy.</summary>
        public void Abort()
        {
            if (_port != null)
            {
                _port.Close();
                _port = null;
            }
            if (Busy)
            {
                _state = Failed;
                _reason = "aborted";
            }
        }

        /// <summary>Moves the exchange on: non-blocking reads, the parser, the deadline. Call every
        /// agent-loop turn while Busy, and at NextDeadlineMs.</summary>
        public void Poll(long nowMs, Outbox outbox)
        {
            if (outbox == null) throw new System.ArgumentNullException(nameof(outbox));
            if (_state == Connecting)
            {
                if (_port.Connected)
                {
                    byte[] request = _method == "POST" ? HttpRequestWriter.Post(_url, _contentType, _body) : HttpRequestWriter.Get(_url);
                    if (!_port.Write(request, 0, request.Length))
                    {
                        Fail("could not send the request to " + Endpoint() + " (the connection broke)", outbox);
                        return;
                    }
                    _state = Receiving;
                }
                else if (_port.TryRead(_buf, 0, _buf.Length) < 0)
                {
                    Fail("connection refused by " + Endpoint() + " (" + _url.ToString() + ")", outbox);
                    return;
                }
                else if (nowMs >= _deadlineMs)
                {
                    Fail("no answer from " + Endpoint() + " within " + Duration(_timeoutMs) + " (no TCP connection; " + _url.ToString() + ")", outbox);
                    return;
                }
            }
            if (_state != Receiving) return;
            for (int r = 0; r < MaxReadsPerPoll && _state == Receiving; r++)
            {
                int n = _port.TryRead(_buf, 0, _buf.Length);
                if (n == 0) break;
                if (n < 0) _parser.EndOfStream();
                else _parser.Feed(_buf, 0, n);
                if (_parser.State == HttpResponseParser.Complete) OnResponse(_parser.Response, nowMs, outbox);
                else if (_parser.State == HttpResponseParser.Failed) Fail(_url.ToString() + " (" + Endpoint() + "): " + _parser.Reason, outbox);
                else if (n < 0) Fail("the connection ended without a complete response (" + _url.ToString() + ")", outbox);
            }
            if (_state == Receiving && nowMs >= _deadlineMs)
            {
                long got = _parser.BytesFed;
                string progress = got == 0 ? "no response" :
                    _parser.ExpectedLength >= 0 ? "only " + _parser.BodyReceived.ToString() + " of " + _parser.ExpectedLength.ToString() + " body bytes" :
                    "a partial response (" + got.ToString() + " bytes)";
                Fail(progress + " from " + Endpoint() + " within " + Duration(_timeoutMs) + " (" + _url.ToString() + ")", outbox);
            }
        }

        private void OnResponse(HttpResponse r, long nowMs, Outbox outbox)
        {
            ClosePort();
            _response = r;
            string from = "HTTP " + r.StatusText + " from " + _url.ToString();
            if (r.IsRedirect)
            {
                Redirect(r, from, nowMs, outbox);
                return;
            }
            if (!r.IsSuccess)
            {
                Fail(from, outbox);
                return;
            }
            string coding = r.Get("Content-Encoding");
            if (coding != null && !Util.Ascii.EqualsIgnoreCase(coding, "identity"))
            {
                // No Accept-Encoding was sent (RFC 9110 §12.5.3), so a server should not have coded the content.
                Fail(from + " has Content-Encoding '" + coding + "', which this client cannot decode", outbox);
                return;
            }
            _state = Done;
            outbox.Note(Source, Level.Info, from + ": " + r.Body.Length.ToString() + " bytes in " + (nowMs - _startedMs).ToString() + " ms" +
                (_redirects > 0 ? " after " + _redirects.ToString() + " redirect" + (_redirects == 1 ? "" : "s") : ""));
        }

        /// <summary>RFC 9110 §15.4: follow Location for 301/302/303/307/308 when a resolver is given. A POST
        /// is followed only on 307/308, which keep the method and body (§15.4.8, §15.4.9); 301/302/303 would
        /// turn it into a GET and lose the body, so they are reported instead.</summary>
        private void Redirect(HttpResponse r, string from, long nowMs, Outbox outbox)
        {
            string location = r.Get("Location");
            if (location == null) { Fail(from + " without a Location field", outbox); return; }
            string why;
            HttpUrl target = _url.Resolve(location, out why);
            if (target == null) { Fail(from + " with an unusable Location '" + location + "': " + why, outbox); return; }
            _redirectTarget = target.ToString();
            string to = from + " redirects to " + _redirectTarget;
            if (_resolver == null) { Fail(to + " (not followed: no host resolver was given)", outbox); return; }
            if (_redirects >= MaxRedirects) { Fail(to + " (not followed: more than " + MaxRedirects.ToString() + " redirects)", outbox); return; }
            if (target.NeedsTls) { Fail(to + ", which needs TLS (not supported yet)", outbox); return; }
            bool keepsMethod = r.StatusCode == 307 || r.StatusCode == 308;
            if (_method == "POST" && !keepsMethod) { Fail(to + " (not followed: it would turn the POST into a GET)", outbox); return; }
            uint address;
            if (!Locate(target, out address, outbox)) return;
            _redirects++;
            _response = null;
            _redirectTarget = null;
            outbox.Note(Source, Level.Info, to + ", following (" + _redirects.ToString() + " of at most " + MaxRedirects.ToString() + ")");
            Connect(target, address, nowMs, outbox);
        }

        private bool Locate(HttpUrl url, out uint address, Outbox outbox)
        {
            address = 0;
            if (url.HostIsAddress) { address = url.Address; return true; }
            if (_resolver != null && _resolver.TryResolve(url.Host, out address) && address != 0) return true;
            Fail(_resolver == null ? "no address for " + url.Host + " (HttpFetch does no name lookup: give the server's IPv4 address)" :
                "cannot resolve " + url.Host + " (" + url.ToString() + ")", outbox);
            return false;
        }

        private void Connect(HttpUrl url, uint address, long nowMs, Outbox outbox)
        {
            _url = url;
            _address = address;
            _parser = new HttpResponseParser(_maxBytes);
            outbox.Note(Source, Level.Info, _method + " " + url.ToString() + " (" + Endpoint() + ")");
            _port = _connector.Connect(address, url.Port);
            if (_port == null)
            {
                Fail("could not connect to " + Endpoint() + " (refused at once by the platform; " + url.ToString() + ")", outbox);
                return;
            }
            _state = Connecting;
            Poll(nowMs, outbox);
        }

        private void Fail(string reason, Outbox outbox)
        {
            ClosePort();
            _state = Failed;
            _reason = reason;
            outbox.Note(Source, Level.Warning, reason);
        }

        private void ClosePort()
        {
            if (_port == null) return;
            _port.Close();
            _port = null;
        }

        private string Endpoint() { return Ip4.Format(_address) + ":" + _url.Port.ToString(); }

        private static string Duration(int ms)
        {
            return ms % 1000 == 0 ? (ms / 1000).ToString() + " s" : ms.ToString() + " ms";
        }
    }
}
