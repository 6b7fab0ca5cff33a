using System.Collections;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>Header field names: canonical spelling, compact forms (RFC 3261 §7.3.3 and
    /// the extensions that define one), and which headers are comma-separated lists.
    /// Names compare case-insensitively (§7.3.1).</summary>
    public static class SipHeaderNames
    {
        public const string Accept = "Accept";
        public const string Allow = "Allow";
        public const string Authorization = "Authorization";
        public const string CallId = "Call-ID";
        public const string Contact = "Contact";
        public const string ContentEncoding = "Content-Encoding";
        public const string ContentLength = "Content-Length";
        public const string ContentType = "Content-Type";
        public const string CSeq = "CSeq";
        public const string Date = "Date";
        public const string Expires = "Expires";
        public const string From = "From";
        public const string MaxForwards = "Max-Forwards";
        public const string MinExpires = "Min-Expires";
        public const string Path = "Path";
        public const string ProxyAuthenticate = "Proxy-Authenticate";
        public const string ProxyAuthorization = "Proxy-Authorization";
        public const string ProxyRequire = "Proxy-Require";
        public const string RecordRoute = "Record-Route";
        public const string Require = "Require";
        public const string RetryAfter = "Retry-After";
        public const string Route = "Route";
        public const string Server = "Server";
        public const string ServiceRoute = "Service-Route";
        public const string Subject = "Subject";
        public const string Supported = "Supported";
        public const string To = "To";
        public const string Unsupported = "Unsupported";
        public const string UserAgent = "User-Agent";
        public const string Via = "Via";
        public const string WwwAuthenticate = "WWW-Authenticate";

        private static Hashtable _canonical;
        private static Hashtable _lists;

        private static void Init()
        {
            if (_canonical != null) return;
            Hashtable c = new Hashtable();
            string[] known =
            {
                "Accept", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow", "Allow-Events",
                "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact",
                "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
                "Content-Type", "CSeq", "Date", "Error-Info", "Event", "Expires", "From", "In-Reply-To",
                "Max-Forwards", "MIME-Version", "Min-Expires", "Organization", "Path", "Priority",
                "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "Record-Route",
                "Refer-To", "Referred-By", "Reply-To", "Require", "Retry-After", "Route", "Server",
                "Service-Route", "Session-Expires", "Subject", "Supported", "Timestamp", "To",
                "Unsupported", "User-Agent", "Via", "Warning", "WWW-Authenticate", "Identity", "Accept-Contact",
            };
            for (int i = 0; i < known.Length; i++) c[Ascii.Lower(known[i])] = known[i];
            // Compact forms: RFC 3261 §7.3.3 (i m e l c f s k t v); o u (RFC 6665), r (RFC 3515),
            // b (RFC 3892), x (RFC 4028), y (RFC 8224), a (RFC 3841).
            c["i"] = "Call-ID";
            c["m"] = "Contact";
            c["e"] = "Content-Encoding";
            c["l"] = "Content-Length";
            c["c"] = "Content-Type";
            c["f"] = "From";
            c["s"] = "Subject";
            c["k"] = "Supported";
            c["t"] = "To";
            c["v"] = "Via";
            c["o"] = "Event";
            c["u"] = "Allow-Events";
            c["r"] = "Refer-To";
            c["b"] = "Referred-By";
            c["x"] = "Session-Expires";
            c["y"] = "Identity";
            c["a"] = "Accept-Contact";
            _canonical = c;

            // Headers whose grammar is a comma-separated list (RFC 3261 §7.3.1, §25.1; Accept-Contact RFC 3841, Path RFC 3327,
            // Service-Route RFC 3608, Allow-Events RFC 6665). Everything else, including the
            // authentication headers (commas between auth-params) and Date (a comma after the
            // weekday), is kept whole.
            Hashtable l = new Hashtable();
            string[] lists =
            {
                "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow", "Allow-Events",
                "Call-Info", "Contact", "Content-Encoding", "Content-Language", "Error-Info",
                "In-Reply-To", "Path", "Proxy-Require", "Record-Route", "Require", "Route",
                "Service-Route", "Supported", "Unsupported", "Via", "Warning",
            };
            for (int i = 0; i < lists.Length; i++) l[lists[i]] = true;
            _lists = l;
        }

        /// <summary>The canonical name of a known header (long form), or the name itself.</summary>
        public static string Canonical(string name)
        {
            Init();
            object v = _canonical[Ascii.Lower(name)];
            return v == null ? name : (string)v;
        }

        /// <summary>True when the two names denote the same header (compact forms included).</summary>
        public static bool Same(string a, string b)
        {
            return Ascii.EqualsIgnoreCase(Canonical(a), Canonical(b));
        }

        /// <summary>The header's value is a comma-separated list that may be split.</summary>
        public static bool IsList(string name)
        {
            Init();
            return _lists.Contains(Canonical(name));
        }
    }
}
