#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>Stream framing for TCP/TLS (RFC 3261 §18.3) with RFC 5626 keep-alives.</summary>
    [TestClass]
    public class SipStreamFramerTests
    {
        /// <summary>kamailio's 401 and 200 from the captured TCP exchange with its pong between
        /// them, then a ping (two CRLFs) and a message with a body.</summary>
        private static byte[] Stream()
        {
            string body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n";
            string withBody = "MESSAGE sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/TCP h.example;branch=z9hG4bKm\r\n" +
                "From: <sip:c@b.example>;tag=1\r\nTo: <sip:a@b.example>\r\nCall-ID: m1\r\nCSeq: 1 MESSAGE\r\n" +
                "Content-Type: application/sdp\r\nContent-Length: " + body.Length.ToString() + "\r\n\r\n" + body;
            return SipTestUtil.Bytes(SipVectors.Tcp401 + SipVectors.TcpPong + SipVectors.Tcp200 + SipVectors.TcpPing + withBody);
        }

        private const string Expected = "M401 P M200 P P MMESSAGE ";

        /// <summary>Feeds the stream in chunks chosen by next(); returns a trace of the frames.</summary>
        private static string Run(byte[] s, SeededRandom rnd, int maxChunk, ArrayList messages)
        {
            SipStreamFramer f = new SipStreamFramer();
            System.Text.StringBuilder trace = new System.Text.StringBuilder();
            int off = 0;
            while (off < s.Length)
            {
                int chunk = rnd == null ? maxChunk : 1 + rnd.Next(maxChunk);
                if (chunk > s.Length - off) chunk = s.Length - off;
                int done = 0;
                while (done < chunk)
                {
                    done += f.Feed(s, off + done, chunk - done);
                    byte[] msg;
                    int k;
                    while ((k = f.Next(out msg)) != SipFrameKind.None)
                    {
                        if (k == SipFrameKind.Error) { trace.Append("E(" + f.Error + ") "); return trace.ToString(); }
                        if (k == SipFrameKind.Pong) trace.Append("P ");
                        if (k == SipFrameKind.Message)
                        {
                            string err;
                            SipMessage m = SipParser.TryParse(msg, 0, msg.Length, out err);
                            Assert.IsNotNull(m, "framed message does not parse: " + err);
                            trace.Append(m.IsRequest ? "M" + m.Method + " " : "M" + m.StatusCode.ToString() + " ");
                            if (messages != null) messages.Add(msg);
                        }
                    }
                }
                off += chunk;
            }
            Assert.AreEqual(0, f.Buffered, "nothing left over");
            return trace.ToString();
        }

        [TestMethod]
        public void OneByteAtATimeAndRandomChunksGiveTheSameFrames()
        {
            byte[] s = Stream();
            ArrayList whole = new ArrayList();
            Assert.AreEqual(Expected, Run(s, null, s.Length, whole), "one chunk");
            ArrayList single = new ArrayList();
            Assert.AreEqual(Expected, Run(s, null, 1, single), "one byte at a time");
            SeededRandom rnd = new SeededRandom(5626);
            for (int round = 0; round < 50; round++)
            {
                ArrayList chunked = new ArrayList();
                Assert.AreEqual(Expected, Run(s, rnd, 1 + rnd.Next(200), chunked), "round " + round.ToString());
                for (int i = 0; i < whole.Count; i++) Expect.Bytes((byte[])whole[i], (byte[])chunked[i], "message " + i.ToString());
            }
            for (int i = 0; i < whole.Count; i++) Expect.Bytes((byte[])whole[i], (byte[])single[i], "message " + i.ToString());
            Expect.Bytes(SipTestUtil.Bytes(SipVectors.Tcp200), (byte[])whole[1], "the 200 as captured");
        }

        [TestMethod]
        public void TwoMessagesInOneChunk()
        {
            byte[] two = SipTestUtil.Bytes(SipVectors.TcpRegister + SipVectors.TcpRegisterAuth);
            SipStreamFramer f = new SipStreamFramer();
            Assert.AreEqual(two.Length, f.Feed(two, 0, two.Length));
            byte[] a, b, c;
            Assert.AreEqual((int)SipFrameKind.Message, (int)f.Next(out a));
            Assert.AreEqual((int)SipFrameKind.Message, (int)f.Next(out b));
            Assert.AreEqual((int)SipFrameKind.None, (int)f.Next(out c));
            Expect.Bytes(SipTestUtil.Bytes(SipVectors.TcpRegister), a, "first");
            Expect.Bytes(SipTestUtil.Bytes(SipVectors.TcpRegisterAuth), b, "second");
        }

        [TestMethod]
        public void KeepAlivesAreReported()
        {
            SipStreamFramer f = new SipStreamFramer();
            byte[] m;
            byte[] pong = SipTestUtil.Bytes(SipVectors.TcpPong);
            f.Feed(pong, 0, pong.Length);
            Assert.AreEqual((int)SipFrameKind.Pong, (int)f.Next(out m), "kamailio's CRLF");
            Assert.IsNull(m);
            byte[] ping = SipTestUtil.Bytes(SipVectors.TcpPing);
            f.Feed(ping, 0, 1);
            Assert.AreEqual((int)SipFrameKind.None, (int)f.Next(out m), "a lone CR waits");
            f.Feed(ping, 1, 3);
            Assert.AreEqual((int)SipFrameKind.Pong, (int)f.Next(out m));
            Assert.AreEqual((int)SipFrameKind.Pong, (int)f.Next(out m), "a ping is two CRLFs");
            Assert.AreEqual((int)SipFrameKind.None, (int)f.Next(out m));
            Assert.AreEqual(0, f.Buffered);
        }

        [TestMethod]
        public void FramingErrorsAreFinal()
        {
            Expect.Contains(Fail("OPTIONS sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n\r\n"), "mandatory", "no Content-Length");
            Expect.Contains(Fail("OPTIONS sip:a@b.example SIP/2.0\r\nContent-Length: -999\r\n\r\n"), "not a non-negative", "negative");
            Expect.Contains(Fail("OPTIONS sip:a@b.example SIP/2.0\r\nContent-Length: 13\r\nl: 5\r\n\r\n"), "conflicting", "mcl01-like");
            Expect.Contains(Fail("OPTIONS sip:a@b.example SIP/2.0\r\nContent-Length: 70000\r\n\r\n"), "exceeds", "too large");
            Expect.Contains(Fail("OPTIONS sip:a@b.example SIP/2.0\nContent-Length: 0\r\n\r\n"), "bare LF", "LF");
            Expect.Contains(Fail("\r\r\n"), "bare CR", "CR");
            // Folded Content-Length value is still found.
            SipStreamFramer ok = new SipStreamFramer();
            byte[] b = SipTestUtil.Bytes("SIP/2.0 200 OK\r\nContent-Length:\r\n  2\r\n\r\nhi");
            ok.Feed(b, 0, b.Length);
            byte[] m;
            Assert.AreEqual((int)SipFrameKind.Message, (int)ok.Next(out m));
            Assert.AreEqual(b.Length, m.Length);
        }

        private static string Fail(string text)
        {
            SipStreamFramer f = new SipStreamFramer();
            byte[] b = SipTestUtil.Bytes(text);
            f.Feed(b, 0, b.Length);
            byte[] m;
            Assert.AreEqual((int)SipFrameKind.Error, (int)f.Next(out m), text);
            Assert.AreEqual((int)SipFrameKind.Error, (int)f.Next(out m), "stays failed");
            Assert.AreEqual(b.Length, f.Feed(b, 0, b.Length), "later bytes are discarded");
            return f.Error;
        }

        [TestMethod]
        public void OversizeWithoutEndOfHeadersFailsAndFeedAlwaysProgresses()
        {
            SipStreamFramer f = new SipStreamFramer(1024);
            byte[] junk = new byte[5000];
            for (int i = 0; i < junk.Length; i++) junk[i] = (byte)'a';
            int off = 0, turns = 0;
            byte[] m;
            int k = SipFrameKind.None;
            while (off < junk.Length && k != SipFrameKind.Error)
            {
                off += f.Feed(junk, off, junk.Length - off);
                k = f.Next(out m);
                Assert.IsTrue(++turns < 10, "progress");
            }
            Assert.AreEqual((int)SipFrameKind.Error, (int)k);
            Expect.Contains(f.Error, "no end of headers within 1024", "reason");

            // Many small messages in one large feed: Feed takes what fits, Next drains, repeat.
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < 20; i++) sb.Append(SipVectors.Tcp401);
            byte[] many = SipTestUtil.Bytes(sb.ToString());
            f = new SipStreamFramer(1024);
            int count = 0;
            off = 0;
            while (off < many.Length)
            {
                off += f.Feed(many, off, many.Length - off);
                while ((k = f.Next(out m)) == SipFrameKind.Message) count++;
                Assert.AreEqual((int)SipFrameKind.None, (int)k);
            }
            Assert.AreEqual(20, count);
        }
    }
}
