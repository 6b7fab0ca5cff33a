using System.Collections;

namespace PhoneAgent.Core.Http
{
    /// <summary>A final HTTP response as HttpResponseParser read it: status, reason phrase, the
    /// header fields in arrival order (names as sent, looked up case-insensitively, RFC 9110
    /// §5.1) and the decoded body (chunked framing removed).</summary>
    public sealed class HttpResponse
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        /// <summary>10 for HTTP/1.0, 11 for HTTP/1.1.</summary>
        public int Version;
        public int StatusCode;
        /// <summary>The reason phrase, control characters shown as '?'; may be empty (RFC 9112 §4).</summary>
        public string ReasonPhrase = "";
        public byte[] Body = new byte[0];

        public int HeaderCount { get { return _names.Count; } }
        public string NameAt(int i) { return (string)_names[i]; }
        public string ValueAt(int i) { return (string)_values[i]; }

        internal void Add(string name, string value)
        {
            _names.Add(name);
            _values.Add(value);
        }

        internal void ClearHeaders()
        {
            _names.Clear();
            _values.Clear();
        }

        /// <summary>The first field with this name (case-insensitive), or null.</summary>
        public string Get(string name)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if (Util.Ascii.EqualsIgnoreCase((string)_names[i], name)) return (string)_values[i];
            }
            return null;
        }

        /// <summary>Every field line with this name joined with ", " (RFC 9110 §5.3), or null.</summary>
        public string GetCombined(string name)
        {
            string all = null;
            for (int i = 0; i < _names.Count; i++)
            {
                if (!Util.Ascii.EqualsIgnoreCase((string)_names[i], name)) continue;
                all = all == null ? (string)_values[i] : all + ", " + (string)_values[i];
            }
            return all;
        }

        /// <summary>"404 Not Found" (or just "404" when the reason phrase is empty).</summary>
        public string StatusText { get { return StatusCode.ToString() + (ReasonPhrase.Length > 0 ? " " + ReasonPhrase : ""); } }

        public bool IsSuccess { get { return StatusCode >= 200 && StatusCode <= 299; } }

        /// <summary>301, 302, 303, 307, 308 (RFC 9110 §15.4): the ones that carry a Location to follow.</summary>
        public bool IsRedirect
        {
            get { return StatusCode == 301 || StatusCode == 302 || StatusCode == 303 || StatusCode == 307 || StatusCode == 308; }
        }
    }
}
