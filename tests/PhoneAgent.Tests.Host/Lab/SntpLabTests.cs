using System;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The clock from a real NTP server: chrony 4.3 in the lab's server namespace,
    /// announced by dnsmasq in DHCP option 42.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class SntpLabTests
    {
        [TestMethod]
        public void ClockIsSetFromChronyAnnouncedInOption42()
        {
            LabNetwork.Require("ip", "dnsmasq", "chronyd");
            using var lab = new LabNetwork("t");
            LabPeers.StartChrony(lab);
            LabPeers.StartDnsmasq(lab, "dhcp-option=option:ntp-server,10.77.0.1\n");
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "device.name = lab-phone\ndhcp.inform = false\n");
            var (exit, output) = lab.Run(lab.PhoneNs,
                $"dotnet {LabPeers.Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout 40 --store {lab.RunDir}/flash",
                80_000);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "asking 10.77.0.1 (from DHCP option 42)");
            var m = Regex.Match(output, @"sntp\s+info\s+time (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC from 10\.77\.0\.1 \(stratum 8, round trip (\d+) ms\)");
            Assert.IsTrue(m.Success, output);
            // chrony serves this machine's own clock: the phone's time must agree with it.
            var phoneTime = DateTime.SpecifyKind(DateTime.ParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", null), DateTimeKind.Utc);
            Assert.IsTrue(Math.Abs((DateTime.UtcNow - phoneTime).TotalSeconds) < 60, "phone time " + phoneTime + " vs host " + DateTime.UtcNow);
        }
    }
}
