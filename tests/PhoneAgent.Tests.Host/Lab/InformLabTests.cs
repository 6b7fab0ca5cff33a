using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>Lease + DHCPINFORM against real dnsmasq and kea in namespaces: options 43 and 120
    /// decode to the same provisioning URL and SIP server from both; an nftables rule that drops
    /// the unicast INFORM ACK gives the diagnosis and the override fallback.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class InformLabTests
    {
        private static string RunAgent(LabNetwork lab, string config, int timeoutS, out int exit)
        {
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, config);
            var (code, output) = lab.Run(lab.PhoneNs,
                $"dotnet {LabPeers.Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout {timeoutS} --store {lab.RunDir}/flash",
                (timeoutS + 30) * 1000);
            exit = code;
            return output;
        }

        private static string ProvisioningLine(string output) =>
            Regex.Match(output, @"inform info  (provisioning URL .*)").Groups[1].Value;

        [TestMethod]
        public void DnsmasqAndKeaGiveTheSameProvisioning()
        {
            LabNetwork.Require("ip", "dnsmasq", "kea-dhcp4");
            string fromDnsmasq, fromKea;
            using (var lab = new LabNetwork("i"))
            {
                LabPeers.StartDnsmasq(lab);
                string output = RunAgent(lab, "device.name = lab-phone\n", 40, out int exit);
                Assert.AreEqual(0, exit, output);
                StringAssert.Contains(output, "DHCPACK to DHCPINFORM from 10.77.0.1");
                fromDnsmasq = ProvisioningLine(output);
            }
            using (var lab = new LabNetwork("k"))
            {
                LabPeers.StartKea(lab);
                string output = RunAgent(lab, "device.name = lab-phone\n", 40, out int exit);
                Assert.AreEqual(0, exit, output);
                StringAssert.Contains(output, "DHCPACK to DHCPINFORM from 10.77.0.1");
                fromKea = ProvisioningLine(output);
            }
            string expected = "provisioning URL " + LabPeers.StsUrl +
                " (from DHCP option 43 in the DHCPACK to DHCPINFORM from 10.77.0.1); SIP servers sip.lab.test" +
                " (from DHCP option 120 in the DHCPACK to DHCPINFORM from 10.77.0.1)";
            Assert.AreEqual(expected, fromDnsmasq);
            Assert.AreEqual(expected, fromKea);
        }

        [TestMethod]
        public void FirewallDroppingTheUnicastInformAckIsDiagnosed()
        {
            LabNetwork.Require("ip", "dnsmasq", "nft");
            using var lab = new LabNetwork("f");
            LabPeers.StartDnsmasq(lab);
            // The rule of ../shared/lab/1-dhcp/nft-block-inform-ack.nft: unicast 67 -> 68 dropped in
            // the phone's namespace; the lease exchange (broadcast replies) still passes.
            string nft = Path.Combine(lab.RunDir, "block.nft");
            File.WriteAllText(nft,
                "table inet phoneagent_fw {\n" +
                "  chain input {\n" +
                "    type filter hook input priority 0; policy accept;\n" +
                "    meta pkttype host udp sport 67 udp dport 68 counter drop\n" +
                "  }\n" +
                "}\n");
            var (nftExit, nftOut) = lab.Run(lab.PhoneNs, $"nft -f {nft}", 10_000);
            Assert.AreEqual(0, nftExit, nftOut);
            string output = RunAgent(lab,
                "device.name = lab-phone\ndhcp.option43.override.stsUri = https://override.lab.test/CertProv/CertProvisioningService.svc\n",
                90, out int exit);
            Assert.AreEqual(0, exit, output); // booted, with a warning
            StringAssert.Contains(output, "no DHCPACK to DHCPINFORM after 4 sends");
            StringAssert.Contains(output, "although server 10.77.0.1 granted this phone's lease on 10.77.0.1");
            StringAssert.Contains(output, "travels unicast from 10.77.0.1 UDP 67");
            StringAssert.Contains(output, "firewall");
            StringAssert.Contains(output, "provisioning URL https://override.lab.test/CertProv/CertProvisioningService.svc (from configuration key dhcp.option43.override.stsUri)");
            // The lease ACK carried option 120 too (dnsmasq sends it when asked), so SIP servers still come from DHCP.
            StringAssert.Contains(output, "SIP servers sip.lab.test (from DHCP option 120 in the lease DHCPACK from 10.77.0.1)");
            string counters = LabNetwork.Sh($"ip netns exec {lab.PhoneNs} nft list table inet phoneagent_fw");
            var dropped = Regex.Match(counters, @"counter packets (\d+)");
            // dnsmasq answered at least one of the four INFORMs, and the rule dropped its ACK.
            Assert.IsTrue(dropped.Success && int.Parse(dropped.Groups[1].Value) >= 1, "the rule dropped the INFORM ACKs:\n" + counters);
        }

        [TestMethod]
        public void DhcpInformCommandAgainstKea()
        {
            LabNetwork.Require("ip", "kea-dhcp4");
            using var lab = new LabNetwork("c");
            LabPeers.StartKea(lab);
            LabNetwork.Sh($"ip -n {lab.PhoneNs} addr add 10.77.0.2/24 dev {lab.PhoneIf}");
            var (exit, output) = lab.Run(lab.PhoneNs, $"dotnet {LabPeers.Phoneagent} dhcp inform --interface {lab.PhoneIf}", 60_000);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "DHCPINFORM from 10.77.0.2");
            StringAssert.Matches(output, new Regex(@"43 vendor-specific\s+MS-UC-Client 1=""MS-UC-Client"" 2=""https"" 3=""web.lab.test"" 4=""443"" 5=""/CertProv/CertProvisioningService.svc"""));
            StringAssert.Matches(output, new Regex(@"120 SIP servers\s+names: sip.lab.test"));
            StringAssert.Contains(output, "Provisioning URL: " + LabPeers.StsUrl);
        }
    }
}
