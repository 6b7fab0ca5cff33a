using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The SIP lab itself, checked with independent clients before PhoneAgent is
    /// measured against it: sipp 3.6.1 (UDP, MD5) registers to the lab kamailio.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class SipReferenceLabTests
    {
        [TestMethod]
        public void SippRegistersWithDigestMd5OverUdp()
        {
            LabNetwork.Require("kamailio", "sipp");
            using var lab = new LabNetwork("sipr");
            LabSip.AddPhoneAddress(lab);
            LabSip.StartKamailio(lab);
            string scenario = Path.Combine(RepoPaths.Root, "tools", "lab", "sip", "sipp-register-auth.xml");
            var (exit, output) = lab.Run(lab.PhoneNs,
                $"sipp {LabNetwork.ServerAddress}:5060 -sf {scenario} -s 1001 -au 1001 -ap secret1001 -i {LabSip.PhoneAddress} -p 5070 -m 1 -timeout 10 -nostdin -trace_msg -message_file {lab.RunDir}/sipp-msgs.log",
                20000);
            Assert.AreEqual(0, exit, output + LabSip.Log(lab));
            string msgs = File.ReadAllText(Path.Combine(lab.RunDir, "sipp-msgs.log"));
            StringAssert.Contains(msgs, "SIP/2.0 401 Unauthorized");
            StringAssert.Contains(msgs, "Authorization: Digest");
            StringAssert.Contains(msgs, "SIP/2.0 200 OK");
            StringAssert.Contains(LabSip.Log(lab), "LAB registered sip:1001@sip.lab.test");
        }
    }
}
