using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>`phoneagent 8021x --method md5` against real authenticators over a veth pair:
    /// hostapd's internal EAP server, and hostapd in front of FreeRADIUS. wpa_supplicant runs
    /// the same exchanges as the reference: same outcomes, and the time to authenticated of
    /// both is printed (from process launch, and from the EAPOL-Start that got the answer).</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class Dot1xLabTests
    {
        private static string Ours(LabNetwork lab, string password) =>
            $"dotnet {LabPeers.Phoneagent} 8021x --interface {lab.PhoneIf} --method md5 --identity {LabDot1x.User} --password-file {LabDot1x.PasswordFile(lab, password)} --timeout 20";

        private static void CompareWithWpaSupplicant(LabNetwork lab, string server, Func<string> serverLog, string accepted, string rejected)
        {
            // Right password: ours, then the reference, each as a new station.
            string macOurs = LabDot1x.NewPhoneMac(lab, 1);
            var ours = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, LabDot1x.Password), "authenticated as", false, 30000);
            Assert.AreEqual(0, ours.Exit, ours.Output + LabDot1x.HostapdLog(lab));
            StringAssert.Contains(ours.Output, "EAP-Request/MD5-Challenge");
            StringAssert.Contains(ours.Output, $"RESULT: authenticated as '{LabDot1x.User}' with MD5-Challenge");
            StringAssert.Contains(LabDot1x.HostapdLog(lab), $"STA {macOurs} IEEE 802.1X: authenticated");
            StringAssert.Contains(serverLog(), accepted);
            Assert.IsFalse(ours.Output.Contains(LabDot1x.Password, StringComparison.Ordinal), "the password is never printed");

            LabDot1x.NewPhoneMac(lab, 2);
            var wpa = LabDot1x.WpaSupplicant(lab, LabDot1x.Password);
            StringAssert.Contains(wpa.Output, "CTRL-EVENT-EAP-SUCCESS", "the reference authenticates too");

            Console.WriteLine($"time to authenticated, EAP-MD5 via {server}:");
            Console.WriteLine($"  phoneagent 8021x: {ours.MarkerMs} ms from launch (dotnet start-up included), {LabDot1x.OurProtocolMs(ours.Output)} ms from EAPOL-Start to EAP-Success");
            Console.WriteLine($"  wpa_supplicant:   {wpa.MarkerMs} ms from launch, {LabDot1x.WpaProtocolMs(wpa.Output)} ms from EAPOL-Start to EAP-Success");

            // Wrong password: both refused; ours says why.
            LabDot1x.NewPhoneMac(lab, 3);
            var bad = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, "not-" + LabDot1x.Password), "RESULT:", false, 30000);
            Assert.AreEqual(1, bad.Exit, bad.Output);
            StringAssert.Contains(bad.Output, $"RESULT: refused: EAP-Failure after MD5-Challenge: the RADIUS server refused identity '{LabDot1x.User}' (wrong password?)");
            StringAssert.Contains(serverLog(), rejected);
            Assert.IsFalse(bad.Output.Contains("not-" + LabDot1x.Password, StringComparison.Ordinal), "the password is never printed");

            LabDot1x.NewPhoneMac(lab, 4);
            var wpaBad = LabDot1x.WpaSupplicant(lab, "not-" + LabDot1x.Password);
            StringAssert.Contains(wpaBad.Output, "CTRL-EVENT-EAP-FAILURE", "the reference is refused too");
        }

        [TestMethod]
        public void Md5WithHostapdInternalServerAgreesWithWpaSupplicant()
        {
            LabNetwork.Require("ip", "hostapd", "wpa_supplicant");
            using var lab = new LabNetwork("x");
            LabDot1x.StartHostapd(lab, radius: false);
            CompareWithWpaSupplicant(lab, "hostapd's internal EAP server", () => LabDot1x.HostapdLog(lab),
                "CTRL-EVENT-EAP-SUCCESS", "CTRL-EVENT-EAP-FAILURE");
        }

        [TestMethod]
        public void Md5ThroughHostapdAndFreeRadiusAgreesWithWpaSupplicant()
        {
            LabNetwork.Require("ip", "hostapd", "wpa_supplicant", "freeradius");
            using var lab = new LabNetwork("xr");
            LabDot1x.StartFreeRadius(lab);
            LabDot1x.StartHostapd(lab, radius: true);
            CompareWithWpaSupplicant(lab, "hostapd and FreeRADIUS", () => LabDot1x.FreeRadiusLog(lab),
                "Sent Access-Accept", "Sent Access-Reject");
        }

        [TestMethod]
        public void RunAuthenticatesThePortThenLeases()
        {
            // The boot order of a phone on an 802.1X port: link, 802.1X, then DHCP (dnsmasq).
            LabNetwork.Require("ip", "hostapd", "dnsmasq");
            using var lab = new LabNetwork("xd");
            LabDot1x.StartHostapd(lab, radius: false); // before dnsmasq: hostapd's wired driver also opens UDP 67
            LabPeers.StartDnsmasq(lab);
            string cfg = System.IO.Path.Combine(lab.RunDir, "phone.conf");
            System.IO.File.WriteAllText(cfg, "device.name = lab-phone\ndhcp.inform = false\ndot1x.enabled = true\ndot1x.method = md5\n" +
                $"dot1x.identity = {LabDot1x.User}\ndot1x.password = {LabDot1x.Password}\n");
            var (exit, output) = lab.Run(lab.PhoneNs,
                $"dotnet {LabPeers.Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout 40 --ascii --store {lab.RunDir}/flash",
                60_000);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, $"2. 802.1x   done     authenticated as '{LabDot1x.User}' with MD5-Challenge");
            StringAssert.Contains(output, "DHCPACK bound: 10.77.0.1");
            Assert.IsTrue(output.IndexOf("port authorized", StringComparison.Ordinal) < output.IndexOf("DHCPDISCOVER", StringComparison.Ordinal), "DHCP only after 802.1X");
            StringAssert.Contains(LabDot1x.HostapdLog(lab), "IEEE 802.1X: authenticated");
            Assert.IsFalse(output.Contains(LabDot1x.Password, StringComparison.Ordinal), "the password is never printed");
        }

        [TestMethod]
        public void WithoutCapNetRawTheErrorNamesIt()
        {
            LabNetwork.Require("ip", "setpriv");
            using var lab = new LabNetwork("xc");
            var r = LabDot1x.RunTimed(lab.PhoneNs,
                $"setpriv --inh-caps=-net_raw --bounding-set=-net_raw {Ours(lab, LabDot1x.Password)}", "error:", false, 30000);
            Assert.AreEqual(2, r.Exit, r.Output);
            StringAssert.Contains(r.Output, "cannot open a raw EAPOL socket (AF_PACKET, EtherType 0x888e)");
            StringAssert.Contains(r.Output, "CAP_NET_RAW");
        }
    }
}
