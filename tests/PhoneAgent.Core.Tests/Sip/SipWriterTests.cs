#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>Building and writing messages (RFC 3261 §7, §10.2): CRLFs, Content-Length, and
    /// parse(write(m)) == m.</summary>
    [TestClass]
    public class SipWriterTests
    {
        /// <summary>The REGISTER a phone sends (RFC 3261 §10.2, RFC 3581 rport, RFC 5626 instance).</summary>
        private static SipMessage BuildRegister()
        {
            SipMessage m = SipMessage.CreateRequest("REGISTER", "sip:sip.lab.test");
            m.AddHeader("Via", new SipVia("UDP", "10.77.0.2", 5060, "z9hG4bK-1f2e3d", true).ToString());
            m.AddHeader("Max-Forwards", "70");
            SipAddress from = new SipAddress(null, new SipUri("sip", "1001", "sip.lab.test", -1));
            from.Parameters.Add("tag", "a73kszlfl", false);
            m.AddHeader("From", from.ToString());
            m.AddHeader("To", new SipAddress(null, new SipUri("sip", "1001", "sip.lab.test", -1)).ToString());
            m.AddHeader("Call-ID", "843817637684230@10.77.0.2");
            m.AddHeader("CSeq", new SipCSeq(1, "REGISTER").ToString());
            SipAddress contact = new SipAddress(null, new SipUri("sip", "1001", "10.77.0.2", 5060));
            contact.Parameters.Add("+sip.instance", "<urn:uuid:00000000-0000-1000-8000-000a95a0e128>", true);
            m.AddHeader("Contact", contact.ToString());
            m.AddHeader("Expires", "3600");
            m.AddHeader("Supported", "path, outbound");
            m.AddHeader("User-Agent", "PhoneAgent");
            m.AddHeader("Content-Length", "0");
            return m;
        }

        [TestMethod]
        public void RegisterIsWrittenWithCrlfsAndContentLength()
        {
            string expected =
                "REGISTER sip:sip.lab.test SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 10.77.0.2:5060;branch=z9hG4bK-1f2e3d;rport\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:1001@sip.lab.test>;tag=a73kszlfl\r\n" +
                "To: <sip:1001@sip.lab.test>\r\n" +
                "Call-ID: 843817637684230@10.77.0.2\r\n" +
                "CSeq: 1 REGISTER\r\n" +
                "Contact: <sip:1001@10.77.0.2:5060>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000a95a0e128>\"\r\n" +
                "Expires: 3600\r\n" +
                "Supported: path, outbound\r\n" +
                "User-Agent: PhoneAgent\r\n" +
                "Content-Length: 0\r\n" +
                "\r\n";
            SipMessage m = BuildRegister();
            Expect.Bytes(SipTestUtil.Bytes(expected), SipWriter.Write(m), "REGISTER");
            Assert.IsNull(m.AnalysisError);
            Assert.IsNull(m.SemanticCheck());
            Assert.AreEqual("<urn:uuid:00000000-0000-1000-8000-000a95a0e128>", m.ContactAt(0).Instance);
        }

        [TestMethod]
        public void ParseOfWriteEqualsTheMessage()
        {
            SipMessage m = BuildRegister();
            SipMessage back = SipTestUtil.Parse(System.Text.Encoding.UTF8.GetString(SipWriter.Write(m), 0, SipWriter.Write(m).Length));
            SipTestUtil.SameMessage(m, back, "REGISTER");

            SipMessage r = SipMessage.CreateResponse(200, "OK");
            r.AddHeader("Via", "SIP/2.0/UDP 10.77.0.2:5060;branch=z9hG4bK-1;rport=5060;received=10.77.0.2");
            r.AddHeader("Contact", "<sip:1001@10.77.0.2:5060>;expires=3600");
            r.AddHeader("Content-Type", "text/plain");
            r.AddHeader("Content-Length", "999");
            r.Body = SipTestUtil.Bytes("h\u00e9llo\r\n");
            byte[] wire = SipWriter.Write(r);
            back = SipParser.TryParse(wire, out string e);
            Assert.IsNotNull(back, e);
            Assert.AreEqual(8, back.ContentLength, "the written Content-Length is the body's");
            Expect.Bytes(r.Body, back.Body, "body");
            Expect.Bytes(wire, SipWriter.Write(back), "second write");
        }

        [TestMethod]
        public void ContentLengthIsAddedOrCorrected()
        {
            SipMessage m = SipMessage.CreateRequest("OPTIONS", "sip:a@b.example");
            m.Body = new byte[] { 1, 2, 3 };
            string text = System.Text.Encoding.UTF8.GetString(SipWriter.Write(m), 0, SipWriter.Write(m).Length);
            Assert.AreEqual("OPTIONS sip:a@b.example SIP/2.0\r\nContent-Length: 3\r\n\r\n\u0001\u0002\u0003", text);

            m = SipTestUtil.Parse("SIP/2.0 200 OK\r\nl: 5\r\nX: y\r\nContent-Length: 5\r\n\r\nhello");
            m.Body = SipTestUtil.Bytes("hi");
            text = System.Text.Encoding.UTF8.GetString(SipWriter.Write(m), 0, SipWriter.Write(m).Length);
            Assert.AreEqual("SIP/2.0 200 OK\r\nl: 2\r\nX: y\r\n\r\nhi", text);
        }

        [TestMethod]
        public void HeaderEditingUpdatesTheViews()
        {
            SipMessage m = BuildRegister();
            Assert.AreEqual(1, m.CSeq.Number);
            m.SetHeader("cseq", "2 REGISTER");
            Assert.AreEqual(2, m.CSeq.Number);
            Assert.AreEqual("cseq", m.HeaderAt(5).Name, "replaced in place");
            m.AddHeader("Authorization", "Digest username=\"1001\", realm=\"sip.lab.test\"");
            Assert.AreEqual(1, m.CountHeaders("Authorization"));
            m.RemoveHeader("v");
            Assert.AreEqual(0, m.ViaCount);
            Assert.AreEqual(400, m.SemanticCheck().Status);
            m.AddHeader("Expires", "not-a-number");
            Expect.Contains(m.AnalysisError, "Expires", "analysis error of a built message");
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            Expect.ThrowsArgument(delegate { SipMessage.CreateRequest("REG ISTER", "sip:a@b.example"); }, "method");
            Expect.ThrowsArgument(delegate { SipMessage.CreateRequest("REGISTER", "<sip:a@b.example>"); }, "uri");
            Expect.ThrowsArgument(delegate { SipMessage.CreateResponse(99, "x"); }, "code");
            SipMessage m = SipMessage.CreateResponse(200, "OK");
            Expect.ThrowsArgument(delegate { m.AddHeader("X", "a\r\nInjected: 1"); }, "CRLF injection");
            Expect.ThrowsArgument(delegate { m.AddHeader("Bad Name", "1"); }, "name");
            m.Body = new byte[SipLimits.MaxMessageBytes];
            Expect.ThrowsArgument(delegate { SipWriter.Write(m); }, "size");
        }
    }
}
