using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.X509
{
    /// <summary>Drives an AiaCompletion with the core's HTTP client: each caIssuers URL it names
    /// is fetched (at most AiaCompletion.MaxBody bytes, TimeoutMs each) and handed back, until
    /// the chain validates or no URL is left. Host names go through the given resolver (the
    /// host's, or lwIP's on the device); an IPv4 literal needs none. Off unless the caller
    /// (x509.aiaFetch, or --aia on the command line) asks for it.</summary>
    public sealed class AiaFetcher
    {
        public const int TimeoutMs = 5000;

        private readonly AiaCompletion _aia;
        private readonly HttpFetch _http;
        private readonly IHostResolver _resolver;
        private bool _fetching;

        public AiaFetcher(AiaCompletion aia, IStreamConnector connector, IHostResolver resolver)
        {
            if (aia == null || connector == null) throw new System.ArgumentNullException(aia == null ? "aia" : "connector");
            _aia = aia;
            _http = new HttpFetch(connector, null);   // redirects are reported, not followed, for AIA
            _resolver = resolver;
        }

        public AiaCompletion Completion { get { return _aia; } }
        public bool Finished { get { return !_fetching && _aia.PendingUrl == null; } }
        public long NextDeadlineMs { get { return _fetching ? _http.NextDeadlineMs : Deadline.None; } }

        public void Poll(long nowMs, Outbox outbox)
        {
            if (_fetching)
            {
                _http.Poll(nowMs, outbox);
                if (_http.Busy) return;
                _fetching = false;
                if (_http.State == HttpFetch.Done && _http.Response.StatusCode == 200) _aia.Supply(_http.Response.Body);
                else if (_http.State == HttpFetch.Done) _aia.Failed("HTTP " + _http.Response.StatusText);
                else _aia.Failed(_http.Reason);
            }
            while (!_fetching && _aia.PendingUrl != null)
            {
                string why;
                HttpUrl url = HttpUrl.TryParse(_aia.PendingUrl, out why);
                uint address = 0;
                if (url != null && !url.HostIsAddress && (_resolver == null || !_resolver.TryResolve(url.Host, out address)))
                    why = "cannot resolve " + url.Host;
                else if (url != null) address = url.HostIsAddress ? url.Address : address;
                if (url == null || why != null)
                {
                    _aia.Failed(why);
                    continue;
                }
                _http.StartGet(url, address, AiaCompletion.MaxBody, TimeoutMs, nowMs, outbox);
                _fetching = true;
                _http.Poll(nowMs, outbox);
                if (!_http.Busy) Poll(nowMs, outbox);
                return;
            }
        }
    }
}
