#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Http
{
    /// <summary>http/https URLs split as RFC 3986 §3 says, one row per accepted and refused form.</summary>
    [TestClass]
    public class HttpUrlTests
    {
        private static HttpUrl Parse(string text)
        {
            string why;
            HttpUrl u = HttpUrl.TryParse(text, out why);
            Assert.IsNotNull(u, "'" + text + "' refused: " + why);
            Assert.IsNull(why);
            return u;
        }

        private static void Row(string text, string scheme, string host, int port, string pathAndQuery, string authority)
        {
            HttpUrl u = Parse(text);
            Assert.AreEqual(scheme, u.Scheme, text + " scheme");
            Assert.AreEqual(host, u.Host, text + " host");
            Assert.AreEqual(port, u.Port, text + " port");
            Assert.AreEqual(pathAndQuery, u.PathAndQuery, text + " path");
            Assert.AreEqual(authority, u.Authority, text + " authority");
        }

        [TestMethod]
        public void AcceptedForms()
        {
            Row("http://10.0.0.5/ca.crt", "http", "10.0.0.5", 80, "/ca.crt", "10.0.0.5");
            // Scheme and host are case-insensitive (RFC 3986 §3.1, §3.2.2); the path is not; the fragment is dropped (§3.5).
            Row("HTTP://CA.Example.COM:8080/Int/B?x=1&y=%2F#frag", "http", "ca.example.com", 8080, "/Int/B?x=1&y=%2F", "ca.example.com:8080");
            // An empty path is sent as "/" (RFC 9112 §3.2.1).
            Row("http://ca.example.com", "http", "ca.example.com", 80, "/", "ca.example.com");
            Row("http://ca.example.com?x", "http", "ca.example.com", 80, "/?x", "ca.example.com");
            Row("http://ca.example.com#top", "http", "ca.example.com", 80, "/", "ca.example.com");
            // An empty port means the default (RFC 3986 §3.2.3); the default port is not repeated in Host.
            Row("http://ca.example.com:/p", "http", "ca.example.com", 80, "/p", "ca.example.com");
            Row("http://ca.example.com:80/p", "http", "ca.example.com", 80, "/p", "ca.example.com");
            Row("http://ca.example.com:00080/p", "http", "ca.example.com", 80, "/p", "ca.example.com");
            Row("http://ca.example.com:65535/", "http", "ca.example.com", 65535, "/", "ca.example.com:65535");
            // SCEP's GET (RFC 8894 §4.1): the query is kept exactly, percent-encoding untouched.
            Row("http://pki.example.com/cgi-bin/pkiclient.exe?operation=GetCACaps&message=CA%20One",
                "http", "pki.example.com", 80, "/cgi-bin/pkiclient.exe?operation=GetCACaps&message=CA%20One", "pki.example.com");
            // reg-name may hold sub-delims and unreserved characters (RFC 3986 §3.2.2).
            Row("http://my_ca-1.example.~x/a:b@c!$&'()*+,;=/", "http", "my_ca-1.example.~x", 80, "/a:b@c!$&'()*+,;=/", "my_ca-1.example.~x");
        }

        [TestMethod]
        public void Ipv4LiteralsCarryTheirAddress()
        {
            HttpUrl u = Parse("http://10.0.0.5:8080/x");
            Assert.IsTrue(u.HostIsAddress);
            Assert.AreEqual(0x0a000005u, u.Address);
            Assert.AreEqual("http://10.0.0.5:8080/x", u.ToString());
            HttpUrl n = Parse("http://ca.example.com/x");
            Assert.IsFalse(n.HostIsAddress);
            Assert.AreEqual(0u, n.Address);
        }

        [TestMethod]
        public void HttpsParsesButSaysItNeedsTls()
        {
            HttpUrl u = Parse("https://pki.example.com/ca.crt");
            Assert.IsTrue(u.NeedsTls);
            Assert.AreEqual(443, u.Port);
            Assert.AreEqual("pki.example.com", u.Authority);
            Assert.AreEqual("https://pki.example.com/ca.crt", u.ToString());
            Assert.IsFalse(Parse("http://pki.example.com/").NeedsTls);
            Assert.AreEqual("pki.example.com:80", Parse("https://pki.example.com:80/").Authority);
        }

        private static void Refused(string text, string because)
        {
            string why;
            HttpUrl u = HttpUrl.TryParse(text, out why);
            Assert.IsNull(u, "'" + text + "' was accepted");
            Expect.Contains(why, because, "'" + text + "'");
        }

        [TestMethod]
        public void RefusedForms()
        {
            Refused("", "empty URL");
            Refused(null, "empty URL");
            Refused("ftp://ca.example.com/x", "unsupported scheme 'ftp'");
            // AIA caIssuers often lists an LDAP URL beside the HTTP one (RFC 5280 §4.2.2.1).
            Refused("ldap://ldap.example.com/cn=CA?cACertificate;binary", "unsupported scheme 'ldap'");
            Refused("mailto:pki@example.com", "unsupported scheme 'mailto'");
            Refused("//ca.example.com/x", "not an absolute URL");
            Refused("ca.example.com/x", "not an absolute URL");
            Refused("http:/ca.example.com/x", "no //authority");
            Refused("http://user:secret@ca.example.com/x", "user name or password");
            Refused("http://@ca.example.com/x", "user name or password");
            Refused("http:///x", "no host");
            Refused("http://:8080/x", "no host");
            Refused("http://[2001:db8::1]/x", "IPv6");
            Refused("http://ca.example.com:0/", "port 0");
            Refused("http://ca.example.com:65536/", "port 65536");
            Refused("http://ca.example.com:123456/", "not a number");
            Refused("http://ca.example.com:8o/", "not a number");
            Refused("http://ca.example.com:-1/", "not a number");
            Refused("http://010.0.0.1/", "not a dotted-quad");
            Refused("http://1.2.3/", "not a dotted-quad");
            Refused("http://256.1.1.1/", "not a dotted-quad");
            Refused("http://ca example.com/", "'space' not allowed in a host");
            Refused("http://ca.example.com/a b", "'space' must be percent-encoded");
            Refused("http://ca.example.com/a\"b", "must be percent-encoded");
            Refused("http://ca.example.com/%zz", "bad percent-encoding");
            Refused("http://ca.example.com/%4", "bad percent-encoding");
            Refused("http://ca.example.com/caf\u00e9", "must be percent-encoded");
            Refused("http://ca.example.com/a\r\nHost: evil", "must be percent-encoded");
        }

        [TestMethod]
        public void LengthsAreCapped()
        {
            System.Text.StringBuilder host = new System.Text.StringBuilder();
            while (host.Length < HttpUrl.MaxHostLength + 1) host.Append('a');
            Refused("http://" + host.ToString() + "/", "host name longer than 253");
            System.Text.StringBuilder path = new System.Text.StringBuilder("http://ca.example.com/");
            while (path.Length < HttpUrl.MaxLength) path.Append('p');
            Assert.IsNotNull(Parse(path.ToString()));           // exactly 8000 characters
            path.Append('p');
            Refused(path.ToString(), "longer than 8000");
        }

        private static void Resolves(string baseUrl, string location, string expected)
        {
            string why;
            HttpUrl r = Parse(baseUrl).Resolve(location, out why);
            Assert.IsNotNull(r, location + ": " + why);
            Assert.AreEqual(expected, r.ToString(), location);
        }

        [TestMethod]
        public void RedirectLocations()
        {
            const string b = "http://ca.example.com:8080/a/b?q";
            Resolves(b, "http://other.example/x#f", "http://other.example/x");
            Resolves(b, "https://other.example/x", "https://other.example/x");
            Resolves(b, "//other.example/y", "http://other.example/y");
            Resolves(b, "/c/d?e", "http://ca.example.com:8080/c/d?e");
            Resolves(b, "?z", "http://ca.example.com:8080/a/b?z");
            string why;
            Assert.IsNull(Parse(b).Resolve("c/d", out why));
            Expect.Contains(why, "relative redirect location 'c/d' is not supported", "relative path");
            Assert.IsNull(Parse(b).Resolve("../x", out why));
            Assert.IsNull(Parse(b).Resolve("ldap://x/", out why));
            Expect.Contains(why, "unsupported scheme 'ldap'", "ldap location");
            Assert.IsNull(Parse(b).Resolve("", out why));
            Assert.IsNull(Parse(b).Resolve("/a b", out why));
            Assert.IsNull(Parse(b).Resolve(null, out why));
        }

        [TestMethod]
        public void EncodesQueryValues()
        {
            // RFC 3986 §2.3: unreserved characters stay; everything else is %HH with uppercase digits (§2.1).
            Assert.AreEqual("AZaz09-._~", HttpUrl.EncodeComponent("AZaz09-._~"));
            Assert.AreEqual("MIIB%2Bw%2F%3D%3D", HttpUrl.EncodeComponent("MIIB+w/=="));
            Assert.AreEqual("a%20b%26c%3Dd%25", HttpUrl.EncodeComponent("a b&c=d%"));
            Assert.AreEqual("caf%C3%A9", HttpUrl.EncodeComponent("caf\u00e9"));
            Assert.IsNotNull(Parse("http://x/?message=" + HttpUrl.EncodeComponent("MIIB+w/== \u00e9")));
        }
    }
}
