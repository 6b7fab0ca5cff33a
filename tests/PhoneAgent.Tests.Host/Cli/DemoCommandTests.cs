using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli;

namespace PhoneAgent.Tests.Host.Cli
{
    /// <summary>`phoneagent demo` end to end, in process: the README's first command.</summary>
    [TestClass]
    public class DemoCommandTests
    {
        private static (int exit, string output, string error) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int exit = CliApp.Run(args, o, e);
            return (exit, o.ToString(), e.ToString());
        }

        [TestMethod]
        public void DemoBootsShowsTheLeaseAndTheDisplay()
        {
            var (exit, output, error) = Run("demo", "--ascii");
            Assert.AreEqual(0, exit, output + error);
            StringAssert.Contains(output, "DHCPDISCOVER");
            StringAssert.Contains(output, "DHCPACK bound: 10.77.0.100/24 from server 10.77.0.1");
            StringAssert.Contains(output, "Display (128x64):");
            StringAssert.Contains(output, "network=on");
            StringAssert.Contains(output, "RESULT: booted");
        }

        [TestMethod]
        public void DemoEnrollsTheLscBeforeSipAndShowsItInstalled()
        {
            var (exit, output, error) = Run("demo", "--ascii");
            Assert.AreEqual(0, exit, output + error);
            StringAssert.Contains(output, "ca.lab.test is 10.77.0.1");
            StringAssert.Contains(output, "fingerprint matched the CA");
            StringAssert.Contains(output, "3. PKCSReq for \"O=PhoneAgent Demo, CN=SEP02005E100001\"");
            StringAssert.Contains(output, "6. scep     done     LSC: Installed (enrolled \"O=PhoneAgent Demo, CN=SEP02005E100001\"");
            StringAssert.Contains(output, "7. sip      done");
            StringAssert.Contains(output, "\nLSC: Installed (O=PhoneAgent Demo, CN=SEP02005E100001, expires ");
            StringAssert.Contains(output, "| LSC: Installed | SIP: 1001 reg | Ready");
            Assert.IsFalse(output.Contains("demo-challenge", System.StringComparison.Ordinal), "the challenge is never printed");
        }

        [TestMethod]
        public void ScepRejectIsAWarningWithTheFailInfoAndTheBootGoesOn()
        {
            var (exit, output, error) = Run("demo", "--ascii", "--fault", "scep-reject");
            Assert.AreEqual(0, exit, output + error);
            StringAssert.Contains(output, "LSC: Not installed: the CA answered FAILURE to the PKCSReq: badRequest");
            StringAssert.Contains(output, "| LSC: Not installed | SIP: 1001 reg | Ready (1 warning)");
            StringAssert.Contains(output, "with 1 warning(s): ");
            StringAssert.Contains(output, "\nLSC: Not installed\n");
        }

        [TestMethod]
        public void ScepPendingIsAWarningAndTheBootGoesOn()
        {
            var (exit, output, error) = Run("demo", "--ascii", "--fault", "scep-pending");
            Assert.AreEqual(0, exit, output + error);
            StringAssert.Contains(output, "CertRep PENDING: the CA holds the request");
            StringAssert.Contains(output, "| LSC: pending | SIP: 1001 reg |");
        }

        [TestMethod]
        public void AKeptStoreKeepsTheLscForTheNextBoot()
        {
            string dir = Path.Combine(Path.GetTempPath(), "phoneagent-demo-lsc-" + System.Guid.NewGuid().ToString("N"));
            try
            {
                var (exit, output, error) = Run("demo", "--store", dir);
                Assert.AreEqual(0, exit, output + error);
                StringAssert.Contains(output, "PKCSReq");
                var (exit2, output2, error2) = Run("demo", "--store", dir);
                Assert.AreEqual(0, exit2, output2 + error2);
                Assert.IsFalse(output2.Contains("PKCSReq", System.StringComparison.Ordinal), "an installed LSC is not enrolled again");
                StringAssert.Contains(output2, "6. scep     done     LSC: Installed (\"O=PhoneAgent Demo, CN=SEP02005E100001\"");
                StringAssert.Contains(output2, "; renewal from ");
            }
            finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
        }

        [TestMethod]
        public void NoDhcpServerFailsWithTheDiagnosis()
        {
            var (exit, output, _) = Run("demo", "--fault", "no-dhcp");
            Assert.AreEqual(1, exit);
            StringAssert.Contains(output, "no DHCPOFFER after 4 DHCPDISCOVERs");
            StringAssert.Contains(output, "RESULT: boot not complete");
        }

        [TestMethod]
        public void NoLinkFailsAndSaysCheckTheCable()
        {
            var (exit, output, _) = Run("demo", "--fault", "no-link");
            Assert.AreEqual(1, exit);
            StringAssert.Contains(output, "check the cable");
        }

        [TestMethod]
        public void NakIsReportedAndRetried()
        {
            var (exit, output, _) = Run("demo", "--fault", "nak");
            Assert.AreEqual(1, exit);
            StringAssert.Contains(output, "DHCPNAK in REQUESTING");
        }

        [TestMethod]
        public void DemoLearnsProvisioningFromInform()
        {
            var (exit, output, _) = Run("demo");
            Assert.AreEqual(0, exit);
            StringAssert.Contains(output, "DHCPINFORM xid");
            StringAssert.Contains(output, "provisioning URL https://web.lab.test:443/CertProv/CertProvisioningService.svc (from DHCP option 43 in the DHCPACK to DHCPINFORM from 10.77.0.1)");
            StringAssert.Contains(output, "DHCPRELEASE of 10.77.0.100");
        }

        [TestMethod]
        public void BlockedInformAckIsDiagnosedAndTheOverrideUsed()
        {
            var (exit, output, _) = Run("demo", "--fault", "inform-blocked");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "The INFORM ACK travels unicast from 10.77.0.1 UDP 67 to 10.77.0.100 UDP 68");
            StringAssert.Contains(output, "(from configuration key dhcp.option43.override.stsUri)");
            StringAssert.Contains(output, "with 1 warning(s)");
        }

        [TestMethod]
        public void AddressConflictIsDeclined()
        {
            var (exit, output, _) = Run("demo", "--fault", "conflict");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "DHCPDECLINE sent");
            StringAssert.Contains(output, "DHCPACK bound: 10.77.0.101/24");
        }

        [TestMethod]
        public void DemoAuthenticatesThePortBeforeDhcp()
        {
            var (exit, output, error) = Run("demo", "--ascii");
            Assert.AreEqual(0, exit, output + error);
            StringAssert.Contains(output, "EAP-Request/MD5-Challenge");
            StringAssert.Contains(output, "authenticated as 'demo-phone' with MD5-Challenge");
            Assert.IsTrue(output.IndexOf("authenticated as", System.StringComparison.Ordinal) < output.IndexOf("DHCPDISCOVER", System.StringComparison.Ordinal), "802.1X before DHCP");
            StringAssert.Contains(output, "802.1X: authorized");
            StringAssert.Contains(output, "EAPOL-Logoff sent");
            Assert.IsFalse(output.Contains("demo-secret", System.StringComparison.Ordinal), "the password is never printed");
        }

        [TestMethod]
        public void RefusedPasswordStopsTheBootWithTheDiagnosis()
        {
            var (exit, output, _) = Run("demo", "--fault", "8021x-reject", "--ascii");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "RESULT: boot stopped after 12 ms of virtual time: 802.1x: EAP-Failure after MD5-Challenge: the RADIUS server refused identity 'demo-phone' (wrong password?)");
            StringAssert.Contains(output, "802.1X: REFUSED");
            Assert.IsFalse(output.Contains("DHCPDISCOVER", System.StringComparison.Ordinal));
        }

        [TestMethod]
        public void PortWithout8021xStillBoots()
        {
            var (exit, output, _) = Run("demo", "--fault", "no-8021x", "--ascii");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "[    60.000 s] dot1x info  EAPOL-Start 3 of 3");
            StringAssert.Contains(output, "no EAPOL from the switch after 3 EAPOL-Starts in 90 s: port not 802.1X-controlled, continuing");
            StringAssert.Contains(output, "DHCPACK bound: 10.77.0.100/24");
            StringAssert.Contains(output, "with 1 warning(s)");
        }

        [TestMethod]
        public void Dot1xCommandBadInputExitsWith2()
        {
            string pw = Path.Combine(Path.GetTempPath(), "phoneagent-8021x-pw");
            File.WriteAllText(pw, "pw\n");
            var (exit, _, error) = Run("8021x", "--interface", "lo", "--method", "tls", "--cert", pw);
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "EAP-TLS needs the phone's certificate, its key and the roots");
            (exit, _, error) = Run("8021x", "--interface", "lo", "--method", "tls", "--cert", pw, "--key", pw, "--roots", pw);
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "is malformed");
            (exit, _, error) = Run("8021x", "--interface", "lo");
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "md5 needs --password-file");
            (exit, _, error) = Run("8021x", "--interface", "nosuchif0", "--password-file", pw);
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "no interface 'nosuchif0'");
            (exit, _, error) = Run("8021x", "--interface", "lo", "--password-file", "/nonexistent/pw");
            Assert.AreEqual(2, exit);
            Assert.AreNotEqual(0, Run("8021x", "--interface", "lo", "--method", "leap", "--password-file", pw).exit);
        }

        [TestMethod]
        public void DhcpInformBadInputExitsWith2()
        {
            Assert.AreEqual(2, Run("dhcp", "inform", "--interface", "nosuchif0", "--address", "10.77.0.2").exit);
            Assert.AreEqual(2, Run("dhcp", "inform", "--interface", "lo", "--server", "not-an-ip").exit);
            Assert.AreEqual(2, Run("dhcp", "inform", "--interface", "lo", "--address", "10.77.0.300").exit);
        }

        [TestMethod]
        public void PngIsWritten()
        {
            string png = Path.Combine(Path.GetTempPath(), "phoneagent-demo-test.png");
            File.Delete(png);
            var (exit, output, error) = Run("demo", "--png", png);
            Assert.AreEqual(0, exit, output + error);
            byte[] b = File.ReadAllBytes(png);
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, b[..4]);
        }

        [TestMethod]
        public void KeysPageThroughTheStepDetails()
        {
            var (exit, output, error) = Run("demo", "--keys", "{down}{down}", "--ascii");
            Assert.AreEqual(0, exit, output + error);
            StringAssert.Contains(output, "display page 2");
        }

        [TestMethod]
        public void BadInputExitsWith2()
        {
            Assert.AreEqual(2, Run("demo", "--keys", "12x").exit);
            Assert.AreEqual(2, Run("demo", "--config", "/nonexistent/phone.conf").exit);
            string bad = Path.Combine(Path.GetTempPath(), "phoneagent-bad.conf");
            File.WriteAllText(bad, "sip.registar = sip:lab.test\n");
            var (exit, _, error) = Run("demo", "--config", bad);
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "line 1: error: unknown key 'sip.registar'");
            Assert.AreNotEqual(0, Run("demo", "--fault", "meteor").exit);
        }

        [TestMethod]
        public void ConfigCheckHidesSecrets()
        {
            string f = Path.Combine(Path.GetTempPath(), "phoneagent-secret.conf");
            File.WriteAllText(f, "sip.password = correct-horse\ndevice.name = desk\n");
            var (exit, output, error) = Run("config", "check", f);
            Assert.AreEqual(0, exit, error);
            StringAssert.Contains(output, "sip.password = (set)");
            Assert.IsFalse((output + error).Contains("correct-horse", System.StringComparison.Ordinal));
        }

        [TestMethod]
        public void PcBehindThePhoneIsLoggedOffWhenUnplugged()
        {
            var (exit, output, _) = Run("demo", "--pc", "--compact");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "PC 02:00:5e:20:00:01 authenticated through the PC port");
            StringAssert.Contains(output, "sent EAPOL-Logoff for PC 02:00:5e:20:00:01");
            // The emulated switch's own record: the PC's session closed by a Logoff from the PC's
            // MAC, the phone's session untouched.
            StringAssert.Contains(output, "02:00:5e:20:00:01: EAP-Success (pc-user), port session authorized");
            StringAssert.Contains(output, "02:00:5e:20:00:01: EAPOL-Logoff, session closed");
            StringAssert.Contains(output, "authorized now: 02:00:5e:10:00:01");
            var pulled = System.Text.RegularExpressions.Regex.Match(output, @"\[\s*(\d+\.\d+) s\] demo\s+info\s+the PC's cable is pulled");
            var seen = System.Text.RegularExpressions.Regex.Match(output, @"\[\s*(\d+\.\d+) s\] pcport\s+info\s+PC port link down");
            Assert.IsTrue(pulled.Success && seen.Success, output);
            double delay = double.Parse(seen.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) -
                double.Parse(pulled.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.IsTrue(delay <= 0.1001, "virtual time from unplug to notice: " + delay + " s (link polled every 100 ms)");
        }
    }
}
