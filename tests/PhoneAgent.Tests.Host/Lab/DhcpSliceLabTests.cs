using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The vertical slice against a real, independent DHCP server: `phoneagent run` in
    /// the phone namespace leases from dnsmasq in the server namespace over a veth pair.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class DhcpSliceLabTests
    {
        private static string Phoneagent => Path.Combine(System.AppContext.BaseDirectory, "phoneagent.dll");

        private static void StartDnsmasq(LabNetwork lab)
        {
            string conf = Path.Combine(lab.RunDir, "dnsmasq.conf");
            File.WriteAllText(conf,
                "port=0\n" +
                $"interface={lab.NetIf}\nbind-interfaces\nexcept-interface=lo\n" +
                "dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h\n" +
                "dhcp-authoritative\n" +
                $"dhcp-leasefile={lab.RunDir}/dnsmasq.leases\n" +
                $"pid-file={lab.RunDir}/dnsmasq.pid\n" +
                "dhcp-option=option:router\ndhcp-option=option:dns-server\n" +
                "log-dhcp\n");
            lab.Start(lab.NetNs, $"dnsmasq --keep-in-foreground --conf-file={conf} --log-facility={lab.RunDir}/dnsmasq.log");
            Assert.IsTrue(LabNetwork.WaitFor(() => File.Exists(Path.Combine(lab.RunDir, "dnsmasq.pid")), 5000), "dnsmasq did not start");
        }

        [TestMethod]
        public void RunLeasesFromDnsmasqAndAppliesTheAddress()
        {
            LabNetwork.Require("ip", "dnsmasq");
            using var lab = new LabNetwork("d");
            StartDnsmasq(lab);
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "device.name = lab-phone\ndhcp.inform = false\n");
            var (exit, output) = lab.Run(lab.PhoneNs,
                $"dotnet {Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout 30 --ascii --store {lab.RunDir}/flash",
                60_000);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "DHCPACK bound: 10.77.0.1");
            StringAssert.Contains(output, "from server 10.77.0.1");
            string addr = LabNetwork.Sh($"ip -n {lab.PhoneNs} -4 addr show dev {lab.PhoneIf}");
            StringAssert.Matches(addr, new System.Text.RegularExpressions.Regex(@"inet 10\.77\.0\.1[0-5]\d/24"), addr);
            string leases = File.ReadAllText(Path.Combine(lab.RunDir, "dnsmasq.leases"));
            StringAssert.Contains(leases, "lab-phone", "dnsmasq recorded the lease with our host name (option 12)");
        }

        [TestMethod]
        public void ShutdownReleasesAndTheNextBootAsksForTheSameAddress()
        {
            LabNetwork.Require("ip", "dnsmasq");
            using var lab = new LabNetwork("r");
            StartDnsmasq(lab);
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "device.name = lab-phone\ndhcp.inform = false\n");
            string store = Path.Combine(lab.RunDir, "flash");
            // First boot: lease, then the timeout ends the run with an orderly shutdown (DHCPRELEASE).
            var (exit1, out1) = lab.Run(lab.PhoneNs,
                $"dotnet {Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --timeout 8 --store {store}", 60_000);
            Assert.AreEqual(0, exit1, out1);
            var leased = System.Text.RegularExpressions.Regex.Match(out1, @"DHCPACK bound: (10\.77\.0\.\d+)/24");
            Assert.IsTrue(leased.Success, out1);
            string address = leased.Groups[1].Value;
            StringAssert.Contains(out1, "DHCPRELEASE of " + address + " to 10.77.0.1");
            Assert.IsTrue(LabNetwork.WaitFor(() => File.ReadAllText(Path.Combine(lab.RunDir, "dnsmasq.log")).Contains("DHCPRELEASE(" + lab.NetIf + ") " + address), 5000),
                "dnsmasq logged the release:\n" + File.ReadAllText(Path.Combine(lab.RunDir, "dnsmasq.log")));
            Assert.IsFalse(LabNetwork.Sh($"ip -n {lab.PhoneNs} -4 addr show dev {lab.PhoneIf}").Contains(address), "the address is removed at shutdown");
            // Second boot with the same flash: INIT-REBOOT asks for the same address and dnsmasq confirms it.
            var (exit2, out2) = lab.Run(lab.PhoneNs,
                $"dotnet {Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout 30 --store {store}", 60_000);
            Assert.AreEqual(0, exit2, out2);
            StringAssert.Contains(out2, "INIT-REBOOT: asking to keep " + address);
            StringAssert.Contains(out2, "DHCPACK kept after reboot: " + address + "/24 from server 10.77.0.1");
        }

        [TestMethod]
        public void WithNoServerTheClientBacksOffAndSaysSo()
        {
            LabNetwork.Require("ip", "/usr/bin/time");
            using var lab = new LabNetwork("e");
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "");
            // DISCOVERs at 0, 4, 12, 28, 60 s (each gap ±1 s); the diagnosis comes at the 5th.
            // /usr/bin/time reports the CPU the agent used: a busy loop would burn the whole 70 s.
            var (exit, output) = lab.Run(lab.PhoneNs,
                $"/usr/bin/time -f \"cpu-seconds %U %S\" dotnet {Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout 70 --verbose --store {lab.RunDir}/flash",
                120_000);
            Assert.AreEqual(1, exit, output);
            int discovers = System.Text.RegularExpressions.Regex.Matches(output, "DHCPDISCOVER xid").Count;
            Assert.IsTrue(discovers == 5, $"expected 5 DISCOVERs in 70 s (backoff 4, 8, 16, 32 s), saw {discovers}:\n{output}");
            StringAssert.Contains(output, "no DHCPOFFER after 4 DHCPDISCOVERs");
            var cpu = System.Text.RegularExpressions.Regex.Match(output, @"cpu-seconds ([\d.]+) ([\d.]+)");
            Assert.IsTrue(cpu.Success, output);
            double used = double.Parse(cpu.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) +
                double.Parse(cpu.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.IsTrue(used < 10, $"the agent used {used} s of CPU in 70 s of waiting: it must sleep between deadlines");
        }
    }
}
