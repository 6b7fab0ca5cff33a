using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>Proxy EAPOL-Logoff with real peers: hostapd 2.10 (driver=wired, internal EAP
    /// server) is the switch port; wpa_supplicant 2.10 is a PC in a third namespace, plugged
    /// into the phone's PC port (a second veth pair); `phoneagent pc-port` bridges EAPOL
    /// between them. The PC authenticates through the phone; then its cable is "pulled" (the PC
    /// end of the veth set down) and the phone must log the PC off at hostapd.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class PcPortLabTests
    {
        private const string PcMac = "02:00:5e:77:01:07";

        [TestMethod]
        public void UnpluggedPcIsLoggedOffByThePhone()
        {
            LabNetwork.Require("hostapd", "wpa_supplicant");
            using var lab = new LabNetwork("pcport");
            string id = lab.PhoneNs.Substring(3, lab.PhoneNs.Length - 5);
            string pcNs = "pa-" + id + "-c", pcIf = "vc" + id, pcPort = "vq" + id;
            try
            {
                LabNetwork.Sh($"ip netns del {pcNs} 2>/dev/null; ip netns add {pcNs} && ip link add {pcPort} type veth peer name {pcIf} && " +
                    $"ip link set {pcIf} netns {pcNs} && ip link set {pcPort} netns {lab.PhoneNs} && " +
                    $"ip -n {pcNs} link set {pcIf} address {PcMac} && ip -n {pcNs} link set {pcIf} up && ip -n {lab.PhoneNs} link set {pcPort} up");
                Directory.CreateDirectory("/etc/netns/" + pcNs);
                File.WriteAllText($"/etc/netns/{pcNs}/resolv.conf", "# " + pcNs + "\n");
                LabDot1x.StartHostapd(lab, radius: false);
                string bridgeLog = Path.Combine(lab.RunDir, "pc-port.log");
                lab.Start(lab.PhoneNs, $"sh -c \"exec dotnet {LabPeers.Phoneagent} pc-port --uplink {lab.PhoneIf} --pc {pcPort} --timeout 40 > {bridgeLog} 2>&1\"");
                Assert.IsTrue(LabNetwork.WaitFor(() => Read(bridgeLog).Contains("PC port: EAPOL between"), 15000), "pc-port did not start: " + Read(bridgeLog));

                string conf = Path.Combine(lab.RunDir, "wpas-pc.conf");
                File.WriteAllText(conf, "ap_scan=0\nnetwork={\n    key_mgmt=IEEE8021X\n    eap=MD5\n" +
                    $"    identity=\"{LabDot1x.User}\"\n    password=\"{LabDot1x.Password}\"\n    eapol_flags=0\n}}\n");
                string pcLog = Path.Combine(lab.RunDir, "wpas-pc.log");
                var pc = lab.Start(pcNs, $"sh -c \"exec wpa_supplicant -D wired -i {pcIf} -c {conf} -t > {pcLog} 2>&1\"");
                Assert.IsTrue(LabNetwork.WaitFor(() => Read(pcLog).Contains("CTRL-EVENT-EAP-SUCCESS"), 20000),
                    "the PC did not authenticate through the phone: " + Read(pcLog) + Read(bridgeLog) + LabDot1x.HostapdLog(lab));
                Assert.IsTrue(LabNetwork.WaitFor(() => Read(bridgeLog).Contains("PC " + PcMac + " authenticated through the PC port"), 5000), Read(bridgeLog));
                StringAssert.Contains(LabDot1x.HostapdLog(lab), PcMac);

                // Pull the PC's cable.
                LabNetwork.Sh($"ip -n {pcNs} link set {pcIf} down");
                Assert.IsTrue(LabNetwork.WaitFor(() => Read(bridgeLog).Contains("sent EAPOL-Logoff for PC " + PcMac), 5000), Read(bridgeLog));
                // The PC's own interface is down, so this Logoff can only be the phone's.
                Assert.IsTrue(LabNetwork.WaitFor(() => LabDot1x.HostapdLog(lab).Contains($"STA {PcMac} IEEE 802.1X: received EAPOL-Logoff from STA", StringComparison.Ordinal), 5000),
                    "hostapd saw no EAPOL-Logoff from the PC's MAC: " + LabDot1x.HostapdLog(lab));
                StringAssert.Contains(LabDot1x.HostapdLog(lab), "AP-STA-DISCONNECTED " + PcMac);
            }
            finally
            {
                LabNetwork.Sh($"for pid in $(ip netns pids {pcNs} 2>/dev/null); do kill -9 $pid; done; ip netns del {pcNs} 2>/dev/null; rm -rf /etc/netns/{pcNs}");
            }
        }

        private static string Read(string f) => LabDot1x.ReadShared(f);
    }
}
