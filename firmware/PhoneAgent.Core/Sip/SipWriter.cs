using System.Text;

namespace PhoneAgent.Core.Sip
{
    /// <summary>Writes a SipMessage as bytes: start line, "Name: value" CRLF per header field
    /// in order, CRLF, body (RFC 3261 §7). Content-Length always states the body's real
    /// length: the first Content-Length field (long or compact name) gets it, later ones are
    /// dropped, and one is appended when there is none (it is mandatory on streams, §18.3, and
    /// harmless on UDP). A parsed canonical message is written back byte for byte.</summary>
    public static class SipWriter
    {
        public static byte[] Write(SipMessage m)
        {
            if (m == null) throw new System.ArgumentNullException(nameof(m));
            StringBuilder sb = new StringBuilder(512);
            if (m.IsRequest)
            {
                sb.Append(m.Method).Append(' ').Append(m.RequestUri).Append(' ').Append(m.Version);
            }
            else
            {
                sb.Append(m.Version).Append(' ').Append(m.StatusCode).Append(' ').Append(m.ReasonPhrase);
            }
            sb.Append("\r\n");
            byte[] body = m.Body;
            bool lengthWritten = false;
            for (int i = 0; i < m.HeaderCount; i++)
            {
                SipHeader h = m.HeaderAt(i);
                if (h.CanonicalName == SipHeaderNames.ContentLength)
                {
                    if (lengthWritten) continue;
                    lengthWritten = true;
                    sb.Append(h.Name).Append(": ").Append(body.Length).Append("\r\n");
                    continue;
                }
                sb.Append(h.Name).Append(": ").Append(h.Value).Append("\r\n");
            }
            if (!lengthWritten) sb.Append(SipHeaderNames.ContentLength).Append(": ").Append(body.Length).Append("\r\n");
            sb.Append("\r\n");
            byte[] head = SipText.EncodeUtf8(sb.ToString());
            if (head.Length + body.Length > SipLimits.MaxMessageBytes) throw new System.ArgumentException("message longer than " + SipLimits.MaxMessageBytes.ToString() + " bytes");
            byte[] r = new byte[head.Length + body.Length];
            System.Array.Copy(head, 0, r, 0, head.Length);
            System.Array.Copy(body, 0, r, head.Length, body.Length);
            return r;
        }
    }
}
