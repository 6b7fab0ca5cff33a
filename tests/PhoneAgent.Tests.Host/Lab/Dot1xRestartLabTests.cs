using System;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>A switch restart seen from the phone: hostapd (the port's authenticator) is
    /// killed, the link drops and comes back (as a rebooting switch's port does), and a new
    /// hostapd knows nothing of the phone. The running `phoneagent run` must authenticate again
    /// (link up: portEnabled, EAPOL-Start) and verify its lease (INIT-REBOOT) with dnsmasq.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class Dot1xRestartLabTests
    {
        [TestMethod]
        public void RestartedAuthenticatorIsAuthenticatedAgainAfterTheLinkReturns()
        {
            LabNetwork.Require("ip", "hostapd", "dnsmasq");
            using var lab = new LabNetwork("xr");
            LabDot1x.StartHostapd(lab, radius: false);
            LabPeers.StartDnsmasq(lab);
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "device.name = lab-phone\ndhcp.inform = false\nsntp.enabled = false\ndot1x.enabled = true\ndot1x.method = md5\n" +
                $"dot1x.identity = {LabDot1x.User}\ndot1x.password = {LabDot1x.Password}\n");
            string log = Path.Combine(lab.RunDir, "phone.log");
            lab.Start(lab.PhoneNs, $"sh -c \"exec dotnet {LabPeers.Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --timeout 40 --store {lab.RunDir}/flash > {log} 2>&1\"");
            Assert.IsTrue(LabNetwork.WaitFor(() => Read(log).Contains("DHCPACK bound"), 20000), "first boot: " + Read(log));
            Assert.AreEqual(1, Count(Read(log), "port authorized"), Read(log));

            // The switch restarts: authenticator gone, link down, link up, a fresh authenticator.
            LabNetwork.Sh($"pkill -f '[h]ostapd -t {lab.RunDir}/hostapd.conf'");
            Assert.IsTrue(LabNetwork.WaitFor(() => LabNetwork.Sh($"pgrep -f '[h]ostapd -t {lab.RunDir}/hostapd.conf' || true").Trim().Length == 0, 5000), "hostapd still runs");
            LabNetwork.Sh($"ip -n {lab.NetNs} link set {lab.NetIf} down");
            Assert.IsTrue(LabNetwork.WaitFor(() => Read(log).Contains("link down on " + lab.PhoneIf), 5000), Read(log));
            File.Move(Path.Combine(lab.RunDir, "hostapd.log"), Path.Combine(lab.RunDir, "hostapd-before.log"));
            LabNetwork.Sh($"ip -n {lab.NetNs} link set {lab.NetIf} up");
            LabDot1x.StartHostapd(lab, radius: false);

            Assert.IsTrue(LabNetwork.WaitFor(() => Count(Read(log), "port authorized") >= 2, 20000), "after the restart: " + Read(log) + LabDot1x.HostapdLog(lab));
            StringAssert.Contains(Read(log), "link up again on " + lab.PhoneIf);
            StringAssert.Contains(LabDot1x.HostapdLog(lab), "IEEE 802.1X: authenticated");
            Assert.IsTrue(LabNetwork.WaitFor(() => Read(log).Contains("kept after reboot"), 10000), "the lease is verified with INIT-REBOOT: " + Read(log));
            Assert.IsFalse(Read(log).Contains(LabDot1x.Password, StringComparison.Ordinal), "the password is never printed");
        }

        private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

        private static string Read(string f) => LabDot1x.ReadShared(f);
    }
}
