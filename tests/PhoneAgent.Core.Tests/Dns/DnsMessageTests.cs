#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Dns;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Dns
{
    /// <summary>Golden messages captured from dnsmasq 2.90 (answering on 127.0.0.1 in a
    /// namespace, host-record/cname/srv-host as in tools/lab): our queries byte for byte, and its
    /// replies decoded, including name compression and the SRV reply's additional A records.</summary>
    [TestClass]
    public class DnsMessageTests
    {
        private const string QueryA = "12340100000100000000000003736970036c616204746573740000010001";
        private const string ReplyA = "12348580000100010000000003736970036c616204746573740000010001c00c000100010000000000040a4d0001";
        private const string QuerySrv = "234501000001000000000000045f736970045f756470036c616204746573740000210001";
        private const string ReplySrv = "234585800001000200000002045f736970045f756470036c616204746573740000210001c00c002100010000000000150014002813c40473697032036c6162047465737400c00c00210001000000000014000a003c13c403736970036c6162047465737400c057000100010000000000040a4d0001c036000100010000000000040a4d0003";
        private const string ReplyCname = "34568580000100020000000009726567697374726172036c616204746573740000010001c00c0005000100000000000e03736970036c6162047465737400c030000100010000000000040a4d0001";
        private const string ReplyNx = "456781850001000000000000076e6f7468657265036c616204746573740000010001";

        private static DnsMessage Parse(string hex)
        {
            byte[] b = Hex.TryParse(hex);
            string why;
            DnsMessage m = DnsMessage.TryParse(b, b.Length, out why);
            Assert.IsNotNull(m, why);
            return m;
        }

        [TestMethod]
        public void QueriesEqualTheCapturedOnes()
        {
            string why;
            Assert.AreEqual(QueryA, Hex.Bytes(DnsMessage.BuildQuery(0x1234, "sip.lab.test", DnsMessage.TypeA, out why)));
            Assert.AreEqual(QuerySrv, Hex.Bytes(DnsMessage.BuildQuery(0x2345, "_sip._udp.lab.test.", DnsMessage.TypeSrv, out why)));
            Assert.IsNull(DnsMessage.BuildQuery(1, "bad name.lab", 1, out why));
            Assert.IsNull(DnsMessage.BuildQuery(1, "a..b", 1, out why));
            Assert.IsNull(DnsMessage.BuildQuery(1, "x234567890123456789012345678901234567890123456789012345678901234.lab", 1, out why), "64-octet label");
        }

        [TestMethod]
        public void RepliesDecode()
        {
            DnsMessage a = Parse(ReplyA);
            Assert.IsTrue(a.IsResponse);
            Assert.AreEqual(0x1234, a.Id);
            Assert.AreEqual("sip.lab.test", a.QuestionName);
            Assert.AreEqual(1, a.Answers.Length);
            Assert.AreEqual("10.77.0.1", Ip4.Format(a.Answers[0].Address));

            DnsMessage srv = Parse(ReplySrv);
            Assert.AreEqual(2, srv.Answers.Length);
            Assert.AreEqual(20, srv.Answers[0].Priority);
            Assert.AreEqual(40, srv.Answers[0].Weight);
            Assert.AreEqual(5060, srv.Answers[0].Port);
            Assert.AreEqual("sip2.lab.test", srv.Answers[0].Target);
            Assert.AreEqual("sip.lab.test", srv.Answers[1].Target);
            Assert.AreEqual(2, srv.Additional.Length);
            Assert.AreEqual("sip.lab.test", srv.Additional[0].Name);
            Assert.AreEqual("10.77.0.3", Ip4.Format(srv.Additional[1].Address));

            DnsMessage cname = Parse(ReplyCname);
            Assert.AreEqual(DnsMessage.TypeCname, cname.Answers[0].Type);
            Assert.AreEqual("sip.lab.test", cname.Answers[0].Target);
            Assert.AreEqual("10.77.0.1", Ip4.Format(cname.Answers[1].Address));

            // dnsmasq with no upstream (no-resolv) refuses names it does not hold itself.
            DnsMessage nx = Parse(ReplyNx);
            Assert.AreEqual("REFUSED", DnsMessage.RcodeName(nx.Rcode));
            Assert.AreEqual(0, nx.Answers.Length);
        }

        [TestMethod]
        public void MalformedRepliesAreRefusedNeverThrown()
        {
            string why;
            byte[] good = Hex.TryParse(ReplySrv);
            for (int n = 0; n < good.Length; n++)
                Assert.IsNull(DnsMessage.TryParse(good, n, out why), "truncated at " + n.ToString());
            // A pointer to itself and a pointer forwards must not loop.
            byte[] loop = Hex.TryParse("abcd8180000100000000000003616263c00f0000010001");
            loop[15] = 0xC0;
            loop[16] = 15;
            Assert.IsNull(DnsMessage.TryParse(loop, loop.Length, out why));
            SeededRandom rnd = new SeededRandom(42);
            for (int round = 0; round < 3000; round++)
            {
                byte[] b = Hex.TryParse(round % 2 == 0 ? ReplySrv : ReplyCname);
                int flips = 1 + rnd.Next(4);
                for (int k = 0; k < flips; k++) b[12 + rnd.Next(b.Length - 12)] = (byte)rnd.Next(256);
                DnsMessage.TryParse(b, b.Length, out why);
            }
        }
    }
}
