using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Http;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The core's HTTP client (HttpFetch over HostStreamConnector) against a real lighttpd
    /// (Debian 12: 1.4.69) on 127.0.0.1, started by the test with its own configuration: static files
    /// (Content-Length), 404, CGI output streamed as chunked (server.stream-response-body = 2), a
    /// CGI redirect, and a refused port. No root needed; nothing leaves the loopback.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class HttpLabTests
    {
        private static readonly object Gate = new();
        private static Process _server;
        private static int _port;
        private static string _dir;
        private static byte[] _cert;
        private static byte[] _big;

        private static void Require()
        {
            if (!OperatingSystem.IsLinux()) Assert.Inconclusive("lab tests need Linux");
            if (LabNetwork.Sh("command -v lighttpd || true").Trim().Length == 0)
                Assert.Inconclusive("lab test needs lighttpd (run .ci/run or tools/lab/install-peers.sh)");
            lock (Gate)
            {
                if (_server == null) Start();
            }
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int p = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return p;
        }

        private static void Start()
        {
            _dir = Path.Combine(Path.GetTempPath(), "phoneagent-http-lab-" + Environment.ProcessId);
            string www = Path.Combine(_dir, "www");
            Directory.CreateDirectory(www);
            _cert = MakeCertificate();
            File.WriteAllBytes(Path.Combine(www, "issuing-ca.der"), _cert);
            _big = new byte[200 * 1024];
            new Random(7).NextBytes(_big);
            File.WriteAllBytes(Path.Combine(www, "big.bin"), _big);
            _port = FreePort();
            Script(www, "chunks.cgi", "printf 'Content-Type: text/plain\\r\\n\\r\\n'\nprintf 'caIssuers '\nsleep 0.2\nprintf 'fetched in two chunks\\n'\n");
            // The certificate twice, the halves 0.2 s apart: binary content through chunked framing.
            Script(www, "cert-twice.cgi", $"printf 'Content-Type: application/octet-stream\\r\\n\\r\\n'\ncat {www}/issuing-ca.der\nsleep 0.2\ncat {www}/issuing-ca.der\n");
            Script(www, "redirect.cgi", $"printf 'Status: 302\\r\\nLocation: http://localhost:{_port}/issuing-ca.der\\r\\n\\r\\n'\n");
            string conf = Path.Combine(_dir, "lighttpd.conf");
            File.WriteAllText(conf,
                $"server.document-root = \"{www}\"\n" +
                "server.bind = \"127.0.0.1\"\n" +
                $"server.port = {_port}\n" +
                "server.modules += ( \"mod_cgi\" )\n" +
                "cgi.assign = ( \".cgi\" => \"\" )\n" +
                "server.stream-response-body = 2\n" +
                "mimetype.assign = ( \".der\" => \"application/pkix-cert\", \"\" => \"application/octet-stream\" )\n" +
                $"server.errorlog = \"{_dir}/error.log\"\n");
            _server = Process.Start(new ProcessStartInfo("lighttpd", $"-D -f {conf}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            bool up = LabNetwork.WaitFor(() =>
            {
                try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, _port); return true; }
                catch (SocketException) { return false; }
            }, 5000);
            if (!up) Assert.Fail("lighttpd did not start: " + (File.Exists(Path.Combine(_dir, "error.log")) ? File.ReadAllText(Path.Combine(_dir, "error.log")) : ""));
        }

        private static void Script(string dir, string name, string body)
        {
            string p = Path.Combine(dir, name);
            File.WriteAllText(p, "#!/bin/sh\n" + body);
            if (OperatingSystem.IsWindows()) return;   // Require() already stopped there
            File.SetUnixFileMode(p, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        /// <summary>A CA certificate of about 3 KB made by .NET (an RSA-2048 key, many subject alternative names).</summary>
        private static byte[] MakeCertificate()
        {
            using var key = RSA.Create(2048);
            var req = new CertificateRequest("CN=Lab Issuing CA, O=PhoneAgent Lab", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            var san = new SubjectAlternativeNameBuilder();
            for (int i = 0; i < 125; i++) san.AddDnsName($"pki-{i:000}.lab.test");
            req.CertificateExtensions.Add(san.Build());
            using var c = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            return c.RawData;
        }

        [ClassCleanup]
        public static void Stop()
        {
            lock (Gate)
            {
                if (_server != null)
                {
                    try { _server.Kill(true); _server.WaitForExit(2000); } catch (InvalidOperationException) { }
                    _server.Dispose();
                    _server = null;
                }
                if (_dir != null && Directory.Exists(_dir)) Directory.Delete(_dir, true);
            }
        }

        private static HttpFetch Fetch(string url, int max, IHostResolver resolver = null, int timeoutMs = 10000)
        {
            var u = HttpUrl.TryParse(url, out string why);
            Assert.IsNotNull(u, why);
            var clock = new HostClock();
            var outbox = new Outbox();
            var f = new HttpFetch(new HostStreamConnector(), resolver);
            f.StartGet(u, 0x7f000001, max, timeoutMs, clock.NowMs, outbox);
            var guard = Stopwatch.StartNew();
            while (f.Busy && guard.ElapsedMilliseconds < timeoutMs + 5000)
            {
                Thread.Sleep(2);
                f.Poll(clock.NowMs, outbox);
            }
            Assert.IsFalse(f.Busy, "the fetch did not end by its own deadline");
            return f;
        }

        private string Url(string path) => $"http://127.0.0.1:{_port}/{path}";

        [TestMethod]
        public void FetchesA3KbDerCertificate()
        {
            Require();
            var f = Fetch(Url("issuing-ca.der"), 65536);
            Assert.AreEqual(HttpFetch.Done, f.State, f.Reason);
            Assert.IsTrue(_cert.Length > 2800 && _cert.Length < 3600, "certificate size " + _cert.Length);
            CollectionAssert.AreEqual(_cert, f.Response.Body);
            Assert.AreEqual(_cert.Length.ToString(), f.Response.Get("content-length"));
            Assert.AreEqual("application/pkix-cert", f.Response.Get("Content-Type"));
            var parsed = PhoneAgent.Core.X509.X509Certificate.TryParse(f.Response.Body, out string why);
            Assert.IsNotNull(parsed, why);
            StringAssert.Contains(parsed.Describe(), "Lab Issuing CA");
        }

        [TestMethod]
        public void LargerThanTheCapIsAClearError()
        {
            Require();
            var f = Fetch(Url("big.bin"), 65536);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual($"http://127.0.0.1:{_port}/big.bin (127.0.0.1:{_port}): response larger than 65536 bytes (Content-Length 204800)", f.Reason);
            var whole = Fetch(Url("big.bin"), 256 * 1024);
            Assert.AreEqual(HttpFetch.Done, whole.State, whole.Reason);
            CollectionAssert.AreEqual(_big, whole.Response.Body);
        }

        [TestMethod]
        public void NotFound()
        {
            Require();
            var f = Fetch(Url("no-such.crt"), 65536);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual($"HTTP 404 Not Found from http://127.0.0.1:{_port}/no-such.crt", f.Reason);
            Assert.AreEqual(404, f.Response.StatusCode);
        }

        [TestMethod]
        public void ChunkedResponsesFromCgi()
        {
            Require();
            var f = Fetch(Url("chunks.cgi"), 65536);
            Assert.AreEqual(HttpFetch.Done, f.State, f.Reason);
            Assert.AreEqual("chunked", f.Response.Get("Transfer-Encoding"), "lighttpd streamed the CGI output chunked");
            Assert.AreEqual("caIssuers fetched in two chunks\n", System.Text.Encoding.ASCII.GetString(f.Response.Body));
            var twice = Fetch(Url("cert-twice.cgi"), 65536);
            Assert.AreEqual(HttpFetch.Done, twice.State, twice.Reason);
            Assert.AreEqual("chunked", twice.Response.Get("Transfer-Encoding"));
            var expected = new byte[2 * _cert.Length];
            _cert.CopyTo(expected, 0);
            _cert.CopyTo(expected, _cert.Length);
            CollectionAssert.AreEqual(expected, twice.Response.Body);
            var small = Fetch(Url("cert-twice.cgi"), 4096);
            Assert.AreEqual(HttpFetch.Failed, small.State);
            StringAssert.Contains(small.Reason, "response larger than 4096 bytes");
        }

        [TestMethod]
        public void RedirectReportedWithoutResolverFollowedWithOne()
        {
            Require();
            var f = Fetch(Url("redirect.cgi"), 65536);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual($"http://localhost:{_port}/issuing-ca.der", f.RedirectTarget);
            StringAssert.Contains(f.Reason, "HTTP 302 Found from http://127.0.0.1:");
            StringAssert.Contains(f.Reason, "(not followed: no host resolver was given)");
            var g = Fetch(Url("redirect.cgi"), 65536, new HostResolver());
            Assert.AreEqual(HttpFetch.Done, g.State, g.Reason);
            Assert.AreEqual(1, g.Redirects);
            Assert.AreEqual($"http://localhost:{_port}/issuing-ca.der", g.Url.ToString());
            CollectionAssert.AreEqual(_cert, g.Response.Body);
        }

        [TestMethod]
        public void RefusedPort()
        {
            Require();
            int closed = FreePort();
            var f = Fetch($"http://127.0.0.1:{closed}/x", 65536);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual($"connection refused by 127.0.0.1:{closed} (http://127.0.0.1:{closed}/x)", f.Reason);
        }

        [TestMethod]
        public void HttpGetCommand()
        {
            Require();
            string outFile = Path.Combine(_dir, "fetched.der");
            var (exit, output) = Cli($"http get {Url("issuing-ca.der")} --out {outFile}");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, $"RESULT: HTTP 200 OK, {_cert.Length} bytes written to {outFile}");
            CollectionAssert.AreEqual(_cert, File.ReadAllBytes(outFile));
            (exit, output) = Cli($"http get {Url("big.bin")} --max 65536");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "RESULT: http://127.0.0.1:");
            StringAssert.Contains(output, "response larger than 65536 bytes (Content-Length 204800)");
            (exit, output) = Cli($"http get {Url("no-such.crt")}");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "RESULT: HTTP 404 Not Found from");
            (exit, output) = Cli("http get https://127.0.0.1/x");
            Assert.AreEqual(2, exit, output);
        }

        private static (int exit, string output) Cli(string args)
        {
            using var p = Process.Start(new ProcessStartInfo("dotnet", $"{LabPeers.Phoneagent} {args}")
                { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var err = p.StandardError.ReadToEndAsync();
            string o = p.StandardOutput.ReadToEnd();
            Assert.IsTrue(p.WaitForExit(30_000), "phoneagent did not exit");
            return (p.ExitCode, o + err.Result);
        }
    }
}
