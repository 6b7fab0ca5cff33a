#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Config
{
    [TestClass]
    public class AgentConfigTests
    {
        [TestMethod]
        public void ParsesKeysCommentsQuotesAndDefaults()
        {
            AgentConfig c = AgentConfig.Parse(
                "# desk phone in the lab\n" +
                "device.name = desk-1\r\n" +
                "  net.dhcp=false\n" +
                "net.address = 10.77.0.2/24\n" +
                "dhcp.vendorClass = \"MS-UC-Client\"\n" +
                "\n; old-style comment\n");
            Assert.IsFalse(c.HasErrors, c.ProblemCount > 0 ? c.ProblemAt(0).ToString() : "");
            Assert.AreEqual("desk-1", c.GetString(ConfigKeys.DeviceName));
            Assert.IsFalse(c.GetBool(ConfigKeys.NetDhcp));
            Assert.AreEqual(0x0a4d0002u, c.GetIp(ConfigKeys.NetAddress));
            Assert.AreEqual(0xffffff00u, c.GetNetmask(ConfigKeys.NetAddress));
            Assert.AreEqual("MS-UC-Client", c.GetString(ConfigKeys.DhcpVendorClass));
            Assert.AreEqual("PhoneAgent", AgentConfig.Defaults().GetString(ConfigKeys.DhcpVendorClass));
        }

        [TestMethod]
        public void UnknownKeyIsAnErrorWithItsLine()
        {
            AgentConfig c = AgentConfig.Parse("device.name = a\nsip.registar = sip:lab.test\n");
            Assert.IsTrue(c.HasErrors);
            Assert.AreEqual(1, c.ProblemCount);
            Assert.AreEqual(2, c.ProblemAt(0).Line);
            Expect.Contains(c.ProblemAt(0).Text, "unknown key 'sip.registar'", "problem");
        }

        [TestMethod]
        public void BadValuesRepeatedKeysAndMissingEqualsAreErrors()
        {
            AgentConfig c = AgentConfig.Parse("net.router = 10.77.0.256\nnet.dhcp = maybe\nnet.dhcp = true\njust words\n");
            Assert.AreEqual(3, c.ProblemCount);
            Expect.Contains(c.ProblemAt(0).Text, "not an IPv4 address", "router");
            Expect.Contains(c.ProblemAt(1).Text, "not true or false", "bool");
            // line 2's bad value was not stored, so line 3 sets net.dhcp for the first time
            Expect.Contains(c.ProblemAt(2).Text, "expected 'key = value'", "no equals");
            Assert.AreEqual(4, c.ProblemAt(2).Line);
            Assert.IsTrue(c.GetBool(ConfigKeys.NetDhcp));
        }

        [TestMethod]
        public void RepeatedKeyIsReported()
        {
            AgentConfig c = AgentConfig.Parse("device.name = a\ndevice.name = b\n");
            Assert.IsTrue(c.HasErrors);
            Expect.Contains(c.ProblemAt(0).Text, "set twice", "duplicate");
            Assert.AreEqual("a", c.GetString(ConfigKeys.DeviceName));
        }

        [TestMethod]
        public void SecretsAreNeverEchoed()
        {
            AgentConfig c = AgentConfig.Parse("sip.password = hunter2-secret\n");
            Assert.IsFalse(c.HasErrors);
            Assert.AreEqual("(set)", c.Describe(ConfigKeys.SipPassword));
            for (int i = 0; i < c.ProblemCount; i++) Expect.NotContains(c.ProblemAt(i).ToString(), "hunter2", "problem text");
        }

        [TestMethod]
        public void ScepUrlWithoutTheCaFingerprintIsAnErrorAndHttpsAWarning()
        {
            // The scep.* keys were reserved until the LSC step existed; now they are checked.
            AgentConfig c = AgentConfig.Parse("scep.url = http://10.77.0.1:2016/scep\n");
            Assert.IsTrue(c.HasErrors);
            Assert.AreEqual(1, c.ProblemCount);
            Expect.Contains(c.ProblemAt(0).Text, "scep.caFingerprint", "names the missing key");
            AgentConfig h = AgentConfig.Parse("scep.url = https://ca.lab.test/scep\nscep.caFingerprint = sha1:" + new string('b', 40) + "\n");
            Assert.IsFalse(h.HasErrors);
            Assert.AreEqual(1, h.ProblemCount);
            Assert.IsFalse(h.ProblemAt(0).IsError);
            Expect.Contains(h.ProblemAt(0).Text, "no TLS", "https warning");
        }

        [TestMethod]
        public void OversizedInputIsRefused()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < 2000; i++) sb.Append("# padding\n");
            AgentConfig c = AgentConfig.Parse(sb.ToString());
            Assert.IsTrue(c.HasErrors);
            string longLine = new string('x', AgentConfig.MaxLineLength + 1);
            Assert.IsTrue(AgentConfig.Parse(longLine).HasErrors);
        }
    }
}
