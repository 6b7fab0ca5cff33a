#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Http
{
    /// <summary>Request bytes, written out field by field as RFC 9112 §3 lays them out: request-line
    /// (method SP origin-form SP HTTP/1.1 CRLF), Host first (§3.2), then the other fields, an empty line.</summary>
    [TestClass]
    public class HttpRequestWriterTests
    {
        private static HttpUrl Url(string s)
        {
            string why;
            HttpUrl u = HttpUrl.TryParse(s, out why);
            Assert.IsNotNull(u, why);
            return u;
        }

        [TestMethod]
        public void GetGolden()
        {
            byte[] r = HttpRequestWriter.Get(Url("http://CA.example.com/pki/Issuing%20CA.crt#x"));
            string expected =
                "GET /pki/Issuing%20CA.crt HTTP/1.1\r\n" +   // origin-form, fragment not sent
                "Host: ca.example.com\r\n" +                  // default port omitted (RFC 9110 §7.2)
                "User-Agent: PhoneAgent/0.1\r\n" +
                "Connection: close\r\n" +                     // one request per connection (RFC 9112 §9.6)
                "\r\n";
            Expect.Bytes(Ascii.GetBytes(expected), r, "GET request");
        }

        [TestMethod]
        public void GetWithPortAndQueryGolden()
        {
            // SCEP GetCACaps (RFC 8894 §4.1, §3.5.1): operation and message in the query.
            byte[] r = HttpRequestWriter.Get(Url("http://10.0.0.5:8080/cgi-bin/pkiclient.exe?operation=GetCACaps&message=PhoneCA"));
            string expected =
                "GET /cgi-bin/pkiclient.exe?operation=GetCACaps&message=PhoneCA HTTP/1.1\r\n" +
                "Host: 10.0.0.5:8080\r\n" +
                "User-Agent: PhoneAgent/0.1\r\n" +
                "Connection: close\r\n" +
                "\r\n";
            Expect.Bytes(Ascii.GetBytes(expected), r, "GET request");
        }

        [TestMethod]
        public void PostGolden()
        {
            // SCEP PKIOperation by POST (RFC 8894 §4.1): the body is the binary pkiMessage.
            byte[] body = new byte[] { 0x30, 0x82, 0x00, 0x0d, 0x0a };
            byte[] r = HttpRequestWriter.Post(Url("http://pki.example.com/cgi-bin/pkiclient.exe?operation=PKIOperation"),
                "application/x-pki-message", body);
            string head =
                "POST /cgi-bin/pkiclient.exe?operation=PKIOperation HTTP/1.1\r\n" +
                "Host: pki.example.com\r\n" +
                "User-Agent: PhoneAgent/0.1\r\n" +
                "Content-Type: application/x-pki-message\r\n" +
                "Content-Length: 5\r\n" +
                "Connection: close\r\n" +
                "\r\n";
            byte[] h = Ascii.GetBytes(head);
            byte[] expected = new byte[h.Length + body.Length];
            System.Array.Copy(h, expected, h.Length);
            System.Array.Copy(body, 0, expected, h.Length, body.Length);
            Expect.Bytes(expected, r, "POST request");
        }

        [TestMethod]
        public void EmptyPostSaysContentLengthZero()
        {
            byte[] r = HttpRequestWriter.Post(Url("http://x.example/p"), "application/octet-stream", new byte[0]);
            Expect.Contains(Ascii.Printable(r, 0, r.Length), "Content-Length: 0??Connection: close????", "empty POST");
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            Expect.ThrowsArgument(delegate { HttpRequestWriter.Get(null); }, "null url");
            Expect.ThrowsArgument(delegate { HttpRequestWriter.Post(Url("http://x/"), "text/plain\r\nX-Evil: 1", new byte[1]); }, "CRLF in Content-Type");
            Expect.ThrowsArgument(delegate { HttpRequestWriter.Post(Url("http://x/"), "", new byte[1]); }, "empty Content-Type");
            Expect.ThrowsArgument(delegate { HttpRequestWriter.Post(Url("http://x/"), "text/plain", null); }, "null body");
        }
    }
}
