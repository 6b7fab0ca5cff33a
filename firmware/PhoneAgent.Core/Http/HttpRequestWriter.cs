namespace PhoneAgent.Core.Http
{
    /// <summary>HTTP/1.1 request bytes (RFC 9112 §3): request line in origin-form, Host first
    /// (RFC 9112 §3.2), a User-Agent (RFC 9110 §10.1.5), Connection: close (RFC 9112 §9.6: one
    /// request per connection, so the body may also end at close), and for POST Content-Type
    /// and Content-Length (RFC 9110 §8.3, §8.6). No Accept-Encoding and no TE are sent, so a
    /// server may apply no content coding and no transfer coding but chunked.</summary>
    public static class HttpRequestWriter
    {
        /// <summary>product/version (RFC 9110 §10.1.5); the version follows the harness's package version.</summary>
        public const string UserAgent = "PhoneAgent/0.1";

        public static byte[] Get(HttpUrl url)
        {
            return Build("GET", url, null, null);
        }

        /// <summary>POST with a body (SCEP PKIOperation, RFC 8894 §4.1: application/x-pki-message).</summary>
        public static byte[] Post(HttpUrl url, string contentType, byte[] body)
        {
            if (body == null) throw new System.ArgumentNullException(nameof(body));
            if (contentType == null || !ValidFieldValue(contentType) || contentType.Length == 0)
                throw new System.ArgumentException("contentType must be a non-empty field value without control characters");
            return Build("POST", url, contentType, body);
        }

        private static byte[] Build(string method, HttpUrl url, string contentType, byte[] body)
        {
            if (url == null) throw new System.ArgumentNullException(nameof(url));
            System.Text.StringBuilder sb = new System.Text.StringBuilder(128 + url.PathAndQuery.Length);
            sb.Append(method).Append(' ').Append(url.PathAndQuery).Append(" HTTP/1.1\r\n");
            sb.Append("Host: ").Append(url.Authority).Append("\r\n");
            sb.Append("User-Agent: ").Append(UserAgent).Append("\r\n");
            if (body != null)
            {
                sb.Append("Content-Type: ").Append(contentType).Append("\r\n");
                sb.Append("Content-Length: ").Append(body.Length).Append("\r\n");
            }
            sb.Append("Connection: close\r\n\r\n");
            byte[] head = Util.Ascii.GetBytes(sb.ToString());
            if (body == null || body.Length == 0) return head;
            byte[] all = new byte[head.Length + body.Length];
            System.Array.Copy(head, all, head.Length);
            System.Array.Copy(body, 0, all, head.Length, body.Length);
            return all;
        }

        private static bool ValidFieldValue(string v)
        {
            for (int i = 0; i < v.Length; i++)
            {
                char c = v[i];
                if ((c < 0x20 && c != '\t') || c >= 0x7F) return false;
            }
            return true;
        }
    }
}
