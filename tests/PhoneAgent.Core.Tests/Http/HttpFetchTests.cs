#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Http
{
    /// <summary>The fetch machine on virtual time against scripted connections: success, refusal,
    /// silence until the deadline, early close, caps, HTTP errors, and redirects reported or followed.</summary>
    [TestClass]
    public class HttpFetchTests
    {
        private const uint Server = 0x0a000005;      // 10.0.0.5
        private const uint Other = 0x0a000006;       // 10.0.0.6

        private sealed class TableResolver : IHostResolver
        {
            public readonly Hashtable Names = new Hashtable();
            public int Lookups;

            public bool TryResolve(string host, out uint address)
            {
                Lookups++;
                address = 0;
                if (!Names.Contains(host)) return false;
                address = (uint)Names[host];
                return true;
            }
        }

        private static HttpUrl Url(string s)
        {
            string why;
            HttpUrl u = HttpUrl.TryParse(s, out why);
            Assert.IsNotNull(u, why);
            return u;
        }

        private static string Notes(Outbox o)
        {
            string s = "";
            for (int i = 0; i < o.NoteCount; i++) s += o.NoteAt(i).Text + "\n";
            return s;
        }

        /// <summary>Polls every 10 ms of virtual time until the fetch is no longer busy or limitMs passes.</summary>
        private static void Run(HttpFetch f, VirtualClock clock, Outbox o, long limitMs)
        {
            while (f.Busy && clock.NowMs < limitMs)
            {
                f.Poll(clock.NowMs, o);
                if (!f.Busy) break;
                clock.Advance(10);
            }
        }

        [TestMethod]
        public void FetchesABodyWithContentLength()
        {
            ScriptedConnector net = new ScriptedConnector();
            ScriptedStream s = net.Prepare().AcceptNow().Send(HttpResponseParserTests.Rfc9110Example);
            VirtualClock clock = new VirtualClock();
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://www.example.com/hello.txt"), Server, 65536, 10000, clock.NowMs, o);
            Run(f, clock, o, 20000);
            Assert.AreEqual(HttpFetch.Done, f.State, f.Reason);
            Assert.AreEqual(Server, s.Address);
            Assert.AreEqual(80, s.Port);
            Assert.AreEqual("GET /hello.txt HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: PhoneAgent/0.1\r\nConnection: close\r\n\r\n", s.Written);
            Expect.Bytes(Util.Ascii.GetBytes(HttpResponseParserTests.Rfc9110Body), f.Response.Body, "body");
            Assert.IsTrue(s.Closed, "the connection is closed after the response");
            Assert.AreEqual(Deadline.None, f.NextDeadlineMs);
            Expect.Contains(Notes(o), "GET http://www.example.com/hello.txt (10.0.0.5:80)", "notes");
            Expect.Contains(Notes(o), "HTTP 200 OK from http://www.example.com/hello.txt: 51 bytes", "notes");
        }

        [TestMethod]
        public void ConnectingTakesTimeThenChunkedBodyInSmallReads()
        {
            ScriptedConnector net = new ScriptedConnector();
            ScriptedStream s = net.Prepare().Send(HttpResponseParserTests.LighttpdChunked);
            s.ReadLimit = 7;
            VirtualClock clock = new VirtualClock();
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5:8080/chunks.cgi"), 0, 65536, 10000, clock.NowMs, o);
            Assert.AreEqual(HttpFetch.Connecting, f.State);
            Assert.AreEqual(10000L, f.NextDeadlineMs);
            clock.Advance(300);
            f.Poll(clock.NowMs, o);
            Assert.AreEqual(HttpFetch.Connecting, f.State);
            Assert.AreEqual(0, s.WrittenBytes, "nothing is written before the connection is up");
            s.AcceptNow();
            f.Poll(clock.NowMs, o);
            Assert.AreEqual(HttpFetch.Receiving, f.State);
            Assert.AreEqual(HttpFetch.MaxReadsPerPoll, s.Reads - 2, "one Poll reads at most MaxReadsPerPoll times");
            Run(f, clock, o, 20000);
            Assert.AreEqual(HttpFetch.Done, f.State, f.Reason);
            Assert.AreEqual(Server, s.Address, "the URL's IPv4 literal is used when no address is given");
            Assert.AreEqual(8080, s.Port);
            Expect.Bytes(Util.Ascii.GetBytes("caIssuers fetched in two chunks\n"), f.Response.Body, "body");
        }

        [TestMethod]
        public void NoAnswerUntilTheDeadline()
        {
            ScriptedConnector net = new ScriptedConnector();
            ScriptedStream s = net.Prepare();            // never accepted: SYNs unanswered
            VirtualClock clock = new VirtualClock();
            clock.AdvanceTo(5000);
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/ca.crt"), Server, 65536, 10000, clock.NowMs, o);
            Assert.AreEqual(15000L, f.NextDeadlineMs);
            clock.AdvanceTo(14999);
            f.Poll(clock.NowMs, o);
            Assert.AreEqual(HttpFetch.Connecting, f.State);
            clock.AdvanceTo(15000);
            f.Poll(clock.NowMs, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("no answer from 10.0.0.5:80 within 10 s (no TCP connection; http://10.0.0.5/ca.crt)", f.Reason);
            Assert.IsTrue(s.Closed);
            Assert.IsNull(f.Response);
            Expect.Contains(Notes(o), f.Reason, "the failure is noted");
        }

        [TestMethod]
        public void RefusedConnections()
        {
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().Refuse();                      // RST to the SYN
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/ca.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("connection refused by 10.0.0.5:80 (http://10.0.0.5/ca.crt)", f.Reason);
            net.RefuseAtOnce = true;
            f.StartGet(Url("http://10.0.0.5:81/ca.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Expect.Contains(f.Reason, "could not connect to 10.0.0.5:81 (refused at once by the platform", "platform refusal");
        }

        [TestMethod]
        public void ServerClosesEarly()
        {
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n").Send(new byte[1234]).PeerCloses();
            VirtualClock clock = new VirtualClock();
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/big.crl"), Server, 65536, 10000, clock.NowMs, o);
            Run(f, clock, o, 20000);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("http://10.0.0.5/big.crl (10.0.0.5:80): the server closed after 1234 of 5000 bytes", f.Reason);
            Assert.IsTrue(clock.NowMs < 1000, "noticed at once, not at the deadline");
        }

        [TestMethod]
        public void ServerStallsMidBody()
        {
            ScriptedConnector net = new ScriptedConnector();
            ScriptedStream s = net.Prepare().AcceptNow().Send("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n").Send(new byte[1234]);
            VirtualClock clock = new VirtualClock();
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/big.crl"), Server, 65536, 2500, clock.NowMs, o);
            Run(f, clock, o, 20000);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual(2500L, clock.NowMs);
            Assert.AreEqual("only 1234 of 5000 body bytes from 10.0.0.5:80 within 2500 ms (http://10.0.0.5/big.crl)", f.Reason);
            Assert.IsTrue(s.Closed);
            ScriptedStream silent = net.Prepare().AcceptNow();
            f.StartGet(Url("http://10.0.0.5/x"), Server, 65536, 3000, clock.NowMs, o);
            Run(f, clock, o, 20000);
            Assert.AreEqual("no response from 10.0.0.5:80 within 3 s (http://10.0.0.5/x)", f.Reason);
            Assert.IsTrue(silent.Closed);
        }

        [TestMethod]
        public void ResponseOverTheCap()
        {
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 200 OK\r\nContent-Length: 204800\r\n\r\n").Send(new byte[4096]);
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/big.bin"), Server, 65536, 10000, 0, o);
            f.Poll(0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("http://10.0.0.5/big.bin (10.0.0.5:80): response larger than 65536 bytes (Content-Length 204800)", f.Reason);
            net.Prepare().AcceptNow().Send("HTTP/1.0 200 OK\r\n\r\n").Send(new byte[70000]).PeerCloses();
            VirtualClock clock = new VirtualClock();
            f.StartGet(Url("http://10.0.0.5/big.bin"), Server, 65536, 10000, 0, o);
            Run(f, clock, o, 20000);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("http://10.0.0.5/big.bin (10.0.0.5:80): response larger than 65536 bytes", f.Reason);
        }

        [TestMethod]
        public void HttpErrorsAreFailuresWithTheResponseKept()
        {
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/missing.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("HTTP 404 Not Found from http://10.0.0.5/missing.crt", f.Reason);
            Assert.AreEqual(404, f.Response.StatusCode);
            Assert.AreEqual(9, f.Response.Body.Length);
            net.Prepare().AcceptNow().Send("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nxx");
            f.StartGet(Url("http://10.0.0.5/ca.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Expect.Contains(f.Reason, "Content-Encoding 'gzip', which this client cannot decode", "content coding");
        }

        [TestMethod]
        public void RedirectWithoutResolverIsReported()
        {
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 302 Found\r\nLocation: http://ca.example.com/int.crt\r\nContent-Length: 0\r\n\r\n");
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/int.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("http://ca.example.com/int.crt", f.RedirectTarget);
            Assert.AreEqual("HTTP 302 Found from http://10.0.0.5/int.crt redirects to http://ca.example.com/int.crt (not followed: no host resolver was given)", f.Reason);
            Assert.AreEqual(302, f.Response.StatusCode);
            Assert.AreEqual(1, net.Count, "no second connection");
        }

        [TestMethod]
        public void RedirectsAreFollowedWithAResolver()
        {
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 301 Moved Permanently\r\nLocation: /pki/int.crt\r\nContent-Length: 0\r\n\r\n");
            net.Prepare().AcceptNow().Send("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://ca.example.com:8080/int.crt\r\nContent-Length: 0\r\n\r\n");
            ScriptedStream last = net.Prepare().AcceptNow().Send("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n0\x03\x01");
            TableResolver dns = new TableResolver();
            dns.Names["ca.example.com"] = Other;
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, dns);
            f.StartGet(Url("http://10.0.0.5/int.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Done, f.State, f.Reason);
            Assert.AreEqual(2, f.Redirects);
            Assert.AreEqual(3, net.Count);
            Assert.AreEqual(Server, net.At(1).Address, "same host: no lookup needed");
            Expect.Contains(net.At(1).Written, "GET /pki/int.crt HTTP/1.1\r\nHost: 10.0.0.5\r\n", "second request");
            Assert.AreEqual(Other, last.Address);
            Assert.AreEqual(8080, last.Port);
            Expect.Contains(last.Written, "GET /int.crt HTTP/1.1\r\nHost: ca.example.com:8080\r\n", "third request");
            Assert.AreEqual("http://ca.example.com:8080/int.crt", f.Url.ToString());
            Assert.IsNull(f.RedirectTarget);
            Expect.Contains(Notes(o), "redirects to http://10.0.0.5/pki/int.crt, following (1 of at most 3)", "notes");
            Expect.Contains(Notes(o), "after 2 redirects", "notes");
        }

        [TestMethod]
        public void RedirectLimitsAndRefusals()
        {
            TableResolver dns = new TableResolver();
            dns.Names["ca.example.com"] = Other;
            ScriptedConnector net = new ScriptedConnector();
            for (int i = 0; i < 5; i++) net.Prepare().AcceptNow().Send("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, dns);
            f.StartGet(Url("http://10.0.0.5/loop"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual(4, net.Count, "the first request and 3 redirects");
            Expect.Contains(f.Reason, "(not followed: more than 3 redirects)", "loop");

            net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 302 Found\r\nLocation: https://ca.example.com/int.crt\r\n\r\n").PeerCloses();
            f = new HttpFetch(net, dns);
            f.StartGet(Url("http://10.0.0.5/int.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual("HTTP 302 Found from http://10.0.0.5/int.crt redirects to https://ca.example.com/int.crt, which needs TLS (not supported yet)", f.Reason);

            net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 302 Found\r\nLocation: http://unknown.example/x\r\nContent-Length: 0\r\n\r\n");
            f = new HttpFetch(net, dns);
            f.StartGet(Url("http://10.0.0.5/int.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual("cannot resolve unknown.example (http://unknown.example/x)", f.Reason);

            net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 303 See Other\r\nContent-Length: 0\r\n\r\n");
            f = new HttpFetch(net, dns);
            f.StartGet(Url("http://10.0.0.5/int.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual("HTTP 303 See Other from http://10.0.0.5/int.crt without a Location field", f.Reason);

            net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 302 Found\r\nLocation: int.crt\r\nContent-Length: 0\r\n\r\n");
            f = new HttpFetch(net, dns);
            f.StartGet(Url("http://10.0.0.5/a/b"), Server, 65536, 10000, 0, o);
            Expect.Contains(f.Reason, "with an unusable Location 'int.crt': relative redirect location", "relative");
        }

        [TestMethod]
        public void PostRedirectsKeepTheMethodOrAreReported()
        {
            TableResolver dns = new TableResolver();
            byte[] body = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x07 };
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 302 Found\r\nLocation: /scep2\r\nContent-Length: 0\r\n\r\n");
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, dns);
            f.StartPost(Url("http://10.0.0.5/scep?operation=PKIOperation"), Server, "application/x-pki-message", body, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Expect.Contains(f.Reason, "(not followed: it would turn the POST into a GET)", "302 to a POST");

            net = new ScriptedConnector();
            net.Prepare().AcceptNow().Send("HTTP/1.1 308 Permanent Redirect\r\nLocation: /scep2?operation=PKIOperation\r\nContent-Length: 0\r\n\r\n");
            ScriptedStream second = net.Prepare().AcceptNow().Send("HTTP/1.1 200 OK\r\nContent-Type: application/x-pki-message\r\nContent-Length: 2\r\n\r\nok");
            f = new HttpFetch(net, dns);
            f.StartPost(Url("http://10.0.0.5/scep?operation=PKIOperation"), Server, "application/x-pki-message", body, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Done, f.State, f.Reason);
            Expect.Contains(second.Written, "POST /scep2?operation=PKIOperation HTTP/1.1\r\n", "method kept (RFC 9110 §15.4.9)");
            Expect.Contains(second.Written, "Content-Length: 5\r\nConnection: close\r\n\r\n0????", "body resent");
        }

        [TestMethod]
        public void WhatTheClientCannotDoIsSaid()
        {
            ScriptedConnector net = new ScriptedConnector();
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("https://ca.example.com/int.crt"), Server, 65536, 10000, 0, o);
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("https://ca.example.com/int.crt needs TLS, which this HTTP client does not do yet", f.Reason);
            f.StartGet(Url("http://ca.example.com/int.crt"), 0, 65536, 10000, 0, o);
            Assert.AreEqual("no address for ca.example.com (HttpFetch does no name lookup: give the server's IPv4 address)", f.Reason);
            Assert.AreEqual(0, net.Count, "no connection was attempted");
        }

        [TestMethod]
        public void BrokenWriteAndAbort()
        {
            ScriptedConnector net = new ScriptedConnector();
            net.Prepare().AcceptNow().FailWrites = true;
            Outbox o = new Outbox();
            HttpFetch f = new HttpFetch(net, null);
            f.StartGet(Url("http://10.0.0.5/x"), Server, 65536, 10000, 0, o);
            Assert.AreEqual("could not send the request to 10.0.0.5:80 (the connection broke)", f.Reason);
            ScriptedStream s = net.Prepare();
            f.StartGet(Url("http://10.0.0.5/x"), Server, 65536, 10000, 0, o);
            Assert.IsTrue(f.Busy);
            f.Abort();
            Assert.AreEqual(HttpFetch.Failed, f.State);
            Assert.AreEqual("aborted", f.Reason);
            Assert.IsTrue(s.Closed);
            f.Poll(100, o);
            Assert.AreEqual(HttpFetch.Failed, f.State, "Poll after the end does nothing");
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            HttpFetch f = new HttpFetch(new ScriptedConnector(), null);
            Outbox o = new Outbox();
            Expect.ThrowsArgument(delegate { new HttpFetch(null, null); }, "null connector");
            Expect.ThrowsArgument(delegate { f.StartGet(null, Server, 10, 10, 0, o); }, "null url");
            Expect.ThrowsArgument(delegate { f.StartGet(Url("http://x/"), Server, 0, 10, 0, o); }, "zero cap");
            Expect.ThrowsArgument(delegate { f.StartGet(Url("http://x/"), Server, 10, 0, 0, o); }, "zero timeout");
            Expect.ThrowsArgument(delegate { f.StartGet(Url("http://x/"), Server, 10, 10, 0, null); }, "null outbox");
            Expect.ThrowsArgument(delegate { f.StartPost(Url("http://x/"), Server, "a/b", null, 10, 10, 0, o); }, "null body");
        }
    }
}
