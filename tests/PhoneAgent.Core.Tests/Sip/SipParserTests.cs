#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>Message-level grammar (RFC 3261 §7, §25.1): start lines, header names and
    /// compact forms, folding, list splitting, bodies and the caps.</summary>
    [TestClass]
    public class SipParserTests
    {
        private const string Base =
            "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
            "From: <sip:alice@example.com>;tag=1\r\n" +
            "To: <sip:bob@example.com>\r\n" +
            "Call-ID: c1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Max-Forwards: 70\r\n";

        [TestMethod]
        public void CompactFormsAndCaseMapToTheSameHeaders()
        {
            SipMessage m = SipTestUtil.Parse(
                "REGISTER sip:example.com SIP/2.0\r\n" +
                "v: SIP/2.0/TCP h.example.com;branch=z9hG4bKx\r\n" +
                "f: <sip:a@example.com>;tag=9\r\n" +
                "t: sip:a@example.com\r\n" +
                "i: abc@h\r\n" +
                "CSEQ: 7 REGISTER\r\n" +
                "m: <sip:a@192.0.2.7>\r\n" +
                "k: path, outbound\r\n" +
                "c: text/plain\r\n" +
                "e: identity\r\n" +
                "s: hello\r\n" +
                "l: 2\r\n\r\nhi");
            Assert.AreEqual("TCP", m.TopVia.Transport);
            Assert.AreEqual("9", m.From.Tag);
            Assert.AreEqual("a", m.To.Uri.User);
            Assert.AreEqual("abc@h", m.CallId);
            Assert.AreEqual("abc@h", m.GetHeader("Call-ID"));
            Assert.AreEqual(7, m.CSeq.Number);
            Assert.AreEqual(1, m.ContactCount);
            Assert.AreEqual(2, m.Supported.Length);
            Assert.AreEqual("outbound", m.Supported[1]);
            Assert.AreEqual("text/plain", m.ContentType);
            Assert.AreEqual("identity", m.GetHeader("Content-Encoding"));
            Assert.AreEqual("hello", m.GetHeader("subject"));
            Assert.AreEqual(2, m.ContentLength);
            Assert.AreEqual(2, m.Body.Length);
            Assert.AreEqual("l", m.HeaderAt(10).Name, "the name is kept as written");
            Assert.AreEqual("Content-Length", m.HeaderAt(10).CanonicalName);
        }

        [TestMethod]
        public void CompactFormsOfExtensions()
        {
            string[] pairs =
            {
                "o", "Event", "u", "Allow-Events", "r", "Refer-To", "b", "Referred-By",
                "x", "Session-Expires", "y", "Identity", "a", "Accept-Contact", "V", "Via", "X-Custom", "X-Custom",
            };
            for (int i = 0; i < pairs.Length; i += 2) Assert.AreEqual(pairs[i + 1], SipHeaderNames.Canonical(pairs[i]), pairs[i]);
            Assert.IsTrue(SipHeaderNames.Same("CONTENT-length", "L"));
            Assert.IsTrue(SipHeaderNames.IsList("u"));
            Assert.IsFalse(SipHeaderNames.IsList("WWW-Authenticate"));
            Assert.IsFalse(SipHeaderNames.IsList("Proxy-Authorization"));
            Assert.IsFalse(SipHeaderNames.IsList("Date"));
            Assert.IsFalse(SipHeaderNames.IsList("X-Custom"));
        }

        [TestMethod]
        public void FoldedLinesAreUnfoldedToOneSpace()
        {
            SipMessage m = SipTestUtil.Parse(Base +
                "Subject: first\r\n   second\r\n\tthird\r\n" +
                "Contact:\r\n <sip:x@example.com>\r\n  ;expires=\r\n 60\r\n" +
                "Content-Length: 0\r\n\r\n");
            Assert.AreEqual("first second third", m.GetHeader("Subject"));
            Assert.AreEqual(60L, m.ContactAt(0).Expires);
        }

        [TestMethod]
        public void WhitespaceBeforeTheColonIsAllowed()
        {
            SipMessage m = SipTestUtil.Parse(Base + "Expires \t : 60\r\nContent-Length: 0\r\n\r\n");
            Assert.AreEqual(60L, m.Expires);
        }

        [TestMethod]
        public void ListHeadersSplitOutsideQuotesAndBrackets()
        {
            SipMessage m = SipTestUtil.Parse(Base +
                "Contact: \"Doe, John\" <sip:j@example.com;p=1>;q=0.5, <sip:k@example.com>\r\n" +
                "Contact: sip:l@example.com;expires=5\r\n" +
                "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n" +
                "Unknown-List: a, b, c\r\n" +
                "Content-Length: 0\r\n\r\n");
            Assert.AreEqual(3, m.ContactCount);
            Assert.AreEqual("Doe, John", m.ContactAt(0).DisplayName);
            Assert.AreEqual("0.5", m.ContactAt(0).Q);
            Assert.AreEqual("1", m.ContactAt(0).Uri.Parameters.Get("p"));
            Assert.IsFalse(m.ContactAt(2).NameAddr);
            Assert.AreEqual(5L, m.ContactAt(2).Expires);
            Assert.AreEqual(3, m.GetValues("contact").Length);
            Assert.AreEqual(1, m.GetValues("Date").Length, "Date is never split");
            Assert.AreEqual(1, m.GetValues("Unknown-List").Length, "unknown headers are kept whole");
            Assert.IsNull(m.SemanticCheck());
        }

        [TestMethod]
        public void ContactStarStandsAlone()
        {
            SipMessage m = SipTestUtil.Parse(Base + "Contact: *\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n");
            Assert.IsTrue(m.ContactIsStar);
            Assert.AreEqual(0, m.ContactCount);
            Assert.AreEqual(0L, m.Expires);
            Expect.Contains(SipTestUtil.Reject(Base + "Contact: *, <sip:a@b.example>\r\n\r\n"), "Contact", "star with others");
            Expect.Contains(SipTestUtil.Reject(Base + "Contact: <sip:a@b.example>\r\nContact: *\r\n\r\n"), "'*'", "star after others");
        }

        [TestMethod]
        public void StatusLines()
        {
            SipMessage m = SipTestUtil.Parse("SIP/2.0 423 Interval Too Brief\r\nMin-Expires: 3600\r\n\r\n");
            Assert.AreEqual(423, m.StatusCode);
            Assert.AreEqual("Interval Too Brief", m.ReasonPhrase);
            Assert.AreEqual(3600L, m.MinExpires);
            Assert.AreEqual("", SipTestUtil.Parse("SIP/2.0 100 \r\n\r\n").ReasonPhrase);
            Assert.AreEqual("", SipTestUtil.Parse("SIP/2.0 100\r\n\r\n").ReasonPhrase, "missing SP accepted (RFC 4475 §3.1.1.13)");
            Assert.AreEqual("Ça marche", SipTestUtil.Parse("SIP/2.0 200 Ça marche\r\n\r\n").ReasonPhrase);
            Expect.Contains(SipTestUtil.Reject("SIP/2.0 2000 OK\r\n\r\n"), "three digits", "4 digits");
            Expect.Contains(SipTestUtil.Reject("SIP/2.0 20 OK\r\n\r\n"), "three digits", "2 digits");
            Expect.Contains(SipTestUtil.Reject("SIP/2.0 700 Nope\r\n\r\n"), "100-699", "700");
            Expect.Contains(SipTestUtil.Reject("SIP/2.0 099 Nope\r\n\r\n"), "100-699", "099");
            Expect.Contains(SipTestUtil.Reject("SIP/2 200 OK\r\n\r\n"), "SIP-Version", "version");
            Expect.Contains(SipTestUtil.Reject("SIP/2.0 200 O\u0001K\r\n\r\n"), "control", "control in reason");
        }

        [TestMethod]
        public void RequestLines()
        {
            Expect.Contains(SipTestUtil.Reject("OPTIONS  sip:a@b.example SIP/2.0\r\n\r\n"), "exactly one SP", "double SP");
            Expect.Contains(SipTestUtil.Reject("OPTIONS sip:a@b.example SIP/2.0 \r\n\r\n"), "exactly one SP", "trailing SP");
            Expect.Contains(SipTestUtil.Reject("OPTIONS sip:a@b.example\r\n\r\n"), "three elements", "no version");
            Expect.Contains(SipTestUtil.Reject("OPTIONS sip:a@b.example; lr SIP/2.0\r\n\r\n"), "Request-URI", "LWS in URI");
            Expect.Contains(SipTestUtil.Reject("OPTIONS <sip:a@b.example> SIP/2.0\r\n\r\n"), "Request-URI", "<> around the URI");
            Expect.Contains(SipTestUtil.Reject("OPT@ONS sip:a@b.example SIP/2.0\r\n\r\n"), "token", "method");
            Expect.Contains(SipTestUtil.Reject("OPTIONS sip:a@b.example HTTP/1.1\r\n\r\n"), "SIP-Version", "HTTP");
            Expect.Contains(SipTestUtil.Reject("OPTIONS sip:a@b..example SIP/2.0\r\n\r\n"), "host", "bad host");
            SipMessage m = SipTestUtil.Parse("OPTIONS tel:+12125551212 sip/2.0\r\n\r\n");
            Assert.IsNull(m.RequestSipUri, "tel: is an absolute URI, not a SIP URI");
            Assert.AreEqual("sip/2.0", m.Version, "case-insensitive, kept as written (RFC 3261 §7.1)");
        }

        [TestMethod]
        public void LeadingCrlfIsSkippedAndLinesNeedCrlf()
        {
            SipMessage m = SipTestUtil.Parse("\r\n\r\n" + Base + "Content-Length: 0\r\n\r\n");
            Assert.AreEqual("OPTIONS", m.Method);
            Expect.Contains(SipTestUtil.Reject("\r\n\r\n"), "keep-alive", "CRLF only");
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "Call-ID: c1\r\n", "Call-ID: c1\n") + "\r\n"), "bare LF", "LF");
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "Call-ID: c1\r\n", "Call-ID: c1\rX\r\n") + "\r\n"), "bare CR", "CR");
            Expect.Contains(SipTestUtil.Reject(Base), "empty line", "no blank line");
            Expect.Contains(SipTestUtil.Reject(Base + "NoColon\r\n\r\n"), "':'", "no colon");
            Expect.Contains(SipTestUtil.Reject("OPTIONS sip:a@b.example SIP/2.0\r\n continued\r\n\r\n"), "continuation", "fold first");
            Expect.Contains(SipTestUtil.Reject(Base + ": value\r\n\r\n"), "name", "no name");
        }

        [TestMethod]
        public void BodyFollowsContentLengthOnDatagrams()
        {
            SipMessage m = SipTestUtil.Parse(Base + "Content-Length: 3\r\n\r\nabcdef");
            Assert.AreEqual(3, m.Body.Length, "trailing octets ignored (RFC 4475 §3.1.1.8)");
            Assert.IsNull(m.FramingDefect);
            m = SipTestUtil.Parse(Base + "\r\nabcdef");
            Assert.AreEqual(6, m.Body.Length, "no Content-Length on UDP: the datagram's end (RFC 3261 §18.3)");
            m = SipTestUtil.Parse(Base + "Content-Length: 10\r\n\r\nabc");
            Assert.AreEqual(3, m.Body.Length);
            Expect.Contains(m.FramingDefect, "larger than", "CL too large");
            Assert.AreEqual(400, m.SemanticCheck().Status);
            m.AddHeader("Subject", "edited");
            Expect.Contains(m.FramingDefect, "larger than", "kept across header edits");
            m.Body = new byte[0];
            Assert.IsNull(m.FramingDefect, "a new body is the caller's");
            m = SipTestUtil.Parse(Base + "Content-Length: five\r\n\r\nabc");
            Expect.Contains(m.FramingDefect, "not a non-negative", "CL word");
            Assert.AreEqual(-1, m.ContentLength);
            m = SipTestUtil.Parse(Base + "Content-Length: 99999999999999999999\r\n\r\nabc");
            Expect.Contains(m.FramingDefect, "out of range", "CL huge");
            m = SipTestUtil.Parse(Base + "l: 1\r\nContent-Length: 1\r\n\r\nabc");
            Assert.IsNull(m.FramingDefect, "equal duplicates frame fine");
            Assert.AreEqual("Content-Length", m.RepeatedHeader);
        }

        [TestMethod]
        public void MalformedKnownHeadersAreRefusedWithTheirName()
        {
            Expect.Contains(SipTestUtil.Reject(Base + "Expires: 4294967296\r\n\r\n"), "Expires", "Expires 2^32");
            Assert.AreEqual(4294967295L, SipTestUtil.Parse(Base + "Expires: 4294967295\r\n\r\n").Expires);
            Expect.Contains(SipTestUtil.Reject(Base + "Expires: soon\r\n\r\n"), "Expires", "Expires word");
            Expect.Contains(SipTestUtil.Reject(Base + "Min-Expires: -1\r\n\r\n"), "Min-Expires", "Min-Expires");
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "Max-Forwards: 70", "Max-Forwards: 256")), "Max-Forwards", "256");
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "CSeq: 1 OPTIONS", "CSeq: 2147483648 OPTIONS")), "2^31", "CSeq 2^31");
            Assert.AreEqual(2147483647, SipTestUtil.Parse(SipTestUtil.Swap(Base, "CSeq: 1 OPTIONS", "CSeq: 2147483647 OPTIONS") + "\r\n").CSeq.Number);
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "CSeq: 1 OPTIONS", "CSeq: 1OPTIONS")), "CSeq", "CSeq no space");
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "CSeq: 1 OPTIONS", "CSeq: 1 OPTIONS x")), "CSeq", "CSeq extra");
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "Call-ID: c1", "Call-ID: a b")), "Call-ID", "Call-ID space");
            Expect.Contains(SipTestUtil.Reject(SipTestUtil.Swap(Base, "Call-ID: c1", "Call-ID: a@b@c")), "Call-ID", "Call-ID @@");
            Expect.Contains(SipTestUtil.Reject(Base + "Route: sip:p.example.com;lr\r\n\r\n"), "name-addr", "Route without <>");
            Expect.Contains(SipTestUtil.Reject(Base + "Require: a b\r\n\r\n"), "Require", "Require token");
            Expect.Contains(SipTestUtil.Reject(Base + "Retry-After: soon\r\n\r\n"), "Retry-After", "Retry-After");
        }

        [TestMethod]
        public void CapsAreEnforced()
        {
            // 129 header fields
            System.Text.StringBuilder sb = new System.Text.StringBuilder("OPTIONS sip:a@b.example SIP/2.0\r\n");
            for (int i = 0; i < SipLimits.MaxHeaders + 1; i++) sb.Append("X-H: 1\r\n");
            sb.Append("\r\n");
            Expect.Contains(SipTestUtil.Reject(sb.ToString()), "more than 128", "header count");

            // a header line over 8 KiB, and one that gets there by folding
            string big = new string('a', SipLimits.MaxLineBytes);
            Expect.Contains(SipTestUtil.Reject(Base + "X-Big: " + big + "\r\n\r\n"), "longer than", "long line");
            string half = new string('b', SipLimits.MaxLineBytes / 2);
            Expect.Contains(SipTestUtil.Reject(Base + "X-Big: " + half + "\r\n " + half + "\r\n\r\n"), "after unfolding", "long folded");

            // 65 values in one list field
            sb = new System.Text.StringBuilder(Base + "Supported: ");
            for (int i = 0; i < SipLimits.MaxListElements + 1; i++) sb.Append(i == 0 ? "t" : ", t");
            sb.Append("\r\n\r\n");
            Expect.Contains(SipTestUtil.Reject(sb.ToString()), "more than 64", "list");

            // 33 parameters
            sb = new System.Text.StringBuilder(Base + "X-Ignored: 1\r\nContact: <sip:a@b.example>");
            for (int i = 0; i < SipLimits.MaxParameters + 1; i++) sb.Append(";p" + i.ToString());
            sb.Append("\r\n\r\n");
            Expect.Contains(SipTestUtil.Reject(sb.ToString()), "parameters", "params");

            // over 64 KiB
            byte[] huge = new byte[SipLimits.MaxMessageBytes + 1];
            string error;
            Assert.IsNull(SipParser.TryParse(huge, 0, huge.Length, out error));
            Expect.Contains(error, "longer than 65536", "message size");
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            byte[] b = new byte[4];
            string e;
            Expect.ThrowsArgument(delegate { SipParser.TryParse(null, 0, 0, out e); }, "null");
            Expect.ThrowsArgument(delegate { SipParser.TryParse(b, 2, 3, out e); }, "range");
        }
    }
}
