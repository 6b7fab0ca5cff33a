using System.Collections;

namespace PhoneAgent.Core.X509
{
    /// <summary>Completes a chain a server sent without its intermediate by following the
    /// authorityInfoAccess caIssuers URL of the certificate whose issuer is missing (RFC 5280
    /// §4.2.2.1), the way some phone models cope with a load balancer that omits it. The fetch
    /// itself is the caller's (an HTTP port): this machine says which URL to fetch, takes the
    /// bytes (a DER certificate, or a "certs-only" CMS message as the RFC allows), adds what it
    /// got as intermediates and validates again. Bounded: at most MaxFetches URLs, each body at
    /// most MaxBody bytes, http:// only (the RFC's fetch is over plain HTTP: the certificate is
    /// signed, so TLS adds nothing and would need the very chain being built).</summary>
    public sealed class AiaCompletion
    {
        public const int MaxFetches = 3;
        public const int MaxBody = 16384;

        /// <summary>Parses the body of a caIssuers response into certificates; null: a DER
        /// certificate or a certs-only CMS message (the default).</summary>
        public delegate X509Certificate[] BodyParser(byte[] body, out string error);

        private readonly X509Certificate[] _anchors;
        private readonly ArrayList _intermediates = new ArrayList();
        private readonly X509Certificate[] _presented;
        private readonly ValidationPolicy _policy;
        private readonly BodyParser _parser;
        private readonly ArrayList _fetched = new ArrayList();   // URLs already fetched
        private string _pending;
        private string _notes = "";

        public AiaCompletion(X509Certificate[] anchors, X509Certificate[] intermediates, X509Certificate[] presented, ValidationPolicy policy, BodyParser parser)
        {
            _anchors = anchors;
            for (int i = 0; intermediates != null && i < intermediates.Length; i++) _intermediates.Add(intermediates[i]);
            _presented = presented;
            _policy = policy;
            _parser = parser;
            Result = Validate();
            Next();
        }

        /// <summary>The latest validation result.</summary>
        public ValidationResult Result;

        /// <summary>The URL the caller should fetch now, or null when done (see Result, Notes).</summary>
        public string PendingUrl { get { return _pending; } }

        /// <summary>What the completion did, for the administrator ("" when nothing was fetched).</summary>
        public string Notes { get { return _notes; } }

        /// <summary>The certificates obtained by fetching, in order.</summary>
        public X509Certificate[] Fetched
        {
            get
            {
                ArrayList r = new ArrayList();
                for (int i = 0; i < _intermediates.Count; i++)
                    if (((X509Certificate)_intermediates[i]).FetchedFrom != null) r.Add(_intermediates[i]);
                X509Certificate[] a = new X509Certificate[r.Count];
                for (int i = 0; i < a.Length; i++) a[i] = (X509Certificate)r[i];
                return a;
            }
        }

        /// <summary>The body fetched from PendingUrl.</summary>
        public void Supply(byte[] body)
        {
            string url = _pending;
            if (url == null) throw new System.InvalidOperationException("no fetch is pending");
            _pending = null;
            string error = null;
            X509Certificate[] got = null;
            if (body == null || body.Length == 0) error = "empty response";
            else if (body.Length > MaxBody) error = "response of " + body.Length.ToString() + " bytes exceeds " + MaxBody.ToString();
            else if (_parser != null) got = _parser(body, out error);
            else
            {
                // RFC 5280 §4.2.2.1: a single DER certificate, or a "certs-only" CMS message.
                X509Certificate c = X509Certificate.TryParse(body, out error);
                if (c != null) got = new X509Certificate[] { c };
                else
                {
                    string cmsError;
                    got = Cms.CmsCertsOnly.TryParseCertificates(body, out cmsError);
                    if (got == null) error = "neither a DER certificate (" + error + ") nor certs-only CMS (" + cmsError + ")";
                }
            }
            if (got == null || got.Length == 0)
            {
                Note("fetched " + url + " but it held no usable certificate" + (error != null ? " (" + error + ")" : ""));
                Next();
                return;
            }
            for (int i = 0; i < got.Length; i++)
            {
                got[i].FetchedFrom = url;
                _intermediates.Add(got[i]);
                Note("fetched " + got[i].Describe() + " from " + url + " (" + body.Length.ToString() + " bytes)");
            }
            Result = Validate();
            if (Result.Valid) Note("the chain was completed by the AIA fetch; the server should still be fixed to send its intermediate");
            Next();
        }

        /// <summary>The fetch of PendingUrl failed (no answer, HTTP error, too large).</summary>
        public void Failed(string reason)
        {
            string url = _pending;
            if (url == null) throw new System.InvalidOperationException("no fetch is pending");
            _pending = null;
            Note("could not fetch " + url + ": " + reason);
            Next();
        }

        private ValidationResult Validate()
        {
            X509Certificate[] inter = new X509Certificate[_intermediates.Count];
            for (int i = 0; i < inter.Length; i++) inter[i] = (X509Certificate)_intermediates[i];
            return new PathValidator(_anchors, inter).Validate(_presented, _policy);
        }

        /// <summary>Picks the next URL: the stuck certificate's first http caIssuers URL not yet tried.</summary>
        private void Next()
        {
            if (Result.Valid || Result.Code != "missing-issuer" || Result.Certificate == null) return;
            if (_fetched.Count >= MaxFetches)
            {
                Note("gave up after " + MaxFetches.ToString() + " AIA fetches");
                return;
            }
            string[] urls = Result.Certificate.CaIssuersUrls;
            for (int i = 0; i < urls.Length; i++)
            {
                if (_fetched.Contains(urls[i])) continue;
                if (!StartsWith(urls[i], "http://"))
                {
                    Note("AIA URL " + urls[i] + " is not http://, not fetched");
                    _fetched.Add(urls[i]);
                    continue;
                }
                _fetched.Add(urls[i]);
                _pending = urls[i];
                return;
            }
        }

        private void Note(string s)
        {
            _notes += (_notes.Length > 0 ? "; " : "") + s;
        }

        private static bool StartsWith(string s, string prefix)
        {
            if (s.Length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                char c = s[i];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                if (c != prefix[i]) return false;
            }
            return true;
        }
    }
}
