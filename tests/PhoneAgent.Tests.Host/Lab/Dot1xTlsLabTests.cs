using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>`phoneagent 8021x --method tls` against real authenticators over a veth pair,
    /// with the lab PKI (../shared/lab/pki: root -> intermediate -> server/client, RSA 2048):
    /// hostapd 2.10's internal EAP server and hostapd in front of FreeRADIUS 3.2, each sending
    /// leaf + intermediate; the phone sends leaf + intermediate too and trusts root.crt only.
    /// Refusals: a phone that does not trust the server's root, and an expired phone
    /// certificate (made here, signed by the lab intermediate). wpa_supplicant runs the same
    /// exchange as the reference; both times to authenticated are printed, not asserted.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class Dot1xTlsLabTests
    {
        private const string Identity = "phone1.lab.test";
        private const string ServerName = "radius.lab.test";

        private static string Pki(string f) => Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki", f);

        private static void RequirePki()
        {
            if (!File.Exists(Pki("client-chain.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
        }

        /// <summary>hostapd (driver=wired): its internal EAP server with the lab PKI, or the
        /// authenticator of a FreeRADIUS at 127.0.0.1:1812.</summary>
        private static void StartHostapd(LabNetwork lab, bool radius)
        {
            if (radius) LabDot1x.StartHostapd(lab, radius: true);
            else LabDot1x.StartHostapdEapServer(lab, $"\"{Identity}\" TLS\n", Pki("ca-bundle.crt"));
        }

        private static void StartFreeRadius(LabNetwork lab)
        {
            string dir = Path.Combine(lab.RunDir, "freeradius");
            string script = Path.Combine(RepoPaths.Root, "tools", "lab", "8021x", "make-freeradius-conf.sh");
            string made = LabNetwork.Sh($"bash {script} {dir} {Path.GetDirectoryName(Pki("root.crt"))} 2>&1");
            Assert.IsTrue(made.Contains("Configuration appears to be OK", StringComparison.Ordinal), "FreeRADIUS configuration: " + made);
            var p = lab.Start(lab.NetNs, $"sh -c \"exec freeradius -X -d {dir} > {lab.RunDir}/freeradius.log 2>&1\"");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited || LabDot1x.FreeRadiusLog(lab).Contains("Ready to process requests", StringComparison.Ordinal), 15000) && !p.HasExited,
                "freeradius did not start: " + LabDot1x.FreeRadiusLog(lab));
        }

        private static string Ours(LabNetwork lab, string cert, string key, string roots) =>
            $"dotnet {LabPeers.Phoneagent} 8021x --interface {lab.PhoneIf} --method tls --identity {Identity} " +
            $"--cert {cert} --key {key} --roots {roots} --server-name {ServerName} --timeout 20";

        private static LabDot1x.Timed WpaSupplicant(LabNetwork lab)
        {
            string conf = Path.Combine(lab.RunDir, "wpas-tls.conf");
            File.WriteAllText(conf,
                "ap_scan=0\nnetwork={\n    key_mgmt=IEEE8021X\n    eap=TLS\n" +
                $"    identity=\"{Identity}\"\n    ca_cert=\"{Pki("root.crt")}\"\n    client_cert=\"{Pki("client-chain.crt")}\"\n" +
                $"    private_key=\"{Pki("client.key")}\"\n    domain_match=\"{ServerName}\"\n    eapol_flags=0\n}}\n");
            return LabDot1x.RunTimed(lab.PhoneNs, $"wpa_supplicant -D wired -i {lab.PhoneIf} -c {conf} -t -dd",
                "CTRL-EVENT-EAP-(SUCCESS|FAILURE)", true, 20000);
        }

        private static void AuthenticatesLikeWpaSupplicant(LabNetwork lab, string server, Func<string> serverLog, string accepted)
        {
            string mac = LabDot1x.NewPhoneMac(lab, 0x21);
            var ours = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, Pki("client-chain.crt"), Pki("client.key"), Pki("root.crt")), "authenticated as", false, 30000);
            Console.WriteLine(ours.Output);
            Assert.AreEqual(0, ours.Exit, ours.Output + LabDot1x.HostapdLog(lab));
            StringAssert.Contains(ours.Output, "EAP-Request/TLS");
            StringAssert.Contains(ours.Output, "TLS handshake complete (TLSv1.2, 2 server certificates validated, no MSK");
            StringAssert.Contains(ours.Output, $"RESULT: authenticated as '{Identity}' with EAP-TLS");
            StringAssert.Contains(ours.Output, "RADIUS server certificate: valid");
            StringAssert.Contains(LabDot1x.HostapdLog(lab), $"STA {mac} IEEE 802.1X: authenticated");
            StringAssert.Contains(serverLog(), accepted);

            LabDot1x.NewPhoneMac(lab, 0x22);
            var wpa = WpaSupplicant(lab);
            StringAssert.Contains(wpa.Output, "CTRL-EVENT-EAP-SUCCESS", "the reference authenticates too");
            Console.WriteLine($"time to authenticated, EAP-TLS via {server}:");
            Console.WriteLine($"  phoneagent 8021x: {ours.MarkerMs} ms from launch (dotnet start-up included), {LabDot1x.OurProtocolMs(ours.Output)} ms from EAPOL-Start to EAP-Success");
            Console.WriteLine($"  wpa_supplicant:   {wpa.MarkerMs} ms from launch, {LabDot1x.WpaProtocolMs(wpa.Output)} ms from EAPOL-Start to EAP-Success");
        }

        [TestMethod]
        public void TlsWithHostapdInternalServerAgreesWithWpaSupplicant()
        {
            LabNetwork.Require("ip", "hostapd", "wpa_supplicant");
            RequirePki();
            using var lab = new LabNetwork("eaptlsh");
            StartHostapd(lab, radius: false);
            AuthenticatesLikeWpaSupplicant(lab, "hostapd's internal EAP server", () => LabDot1x.HostapdLog(lab), "CTRL-EVENT-EAP-SUCCESS");
        }

        [TestMethod]
        public void TlsThroughHostapdAndFreeRadiusAgreesWithWpaSupplicant()
        {
            LabNetwork.Require("ip", "hostapd", "wpa_supplicant", "freeradius");
            RequirePki();
            using var lab = new LabNetwork("eaptlsr");
            StartFreeRadius(lab);
            StartHostapd(lab, radius: true);
            AuthenticatesLikeWpaSupplicant(lab, "hostapd and FreeRADIUS", () => LabDot1x.FreeRadiusLog(lab), "Sent Access-Accept");
        }

        [TestMethod]
        public void RunWithTlsAuthenticatesThePortThenLeases()
        {
            // The boot with dot1x.method = tls: certificate, key and roots from the configuration.
            LabNetwork.Require("ip", "hostapd", "dnsmasq");
            RequirePki();
            using var lab = new LabNetwork("eaptlsd");
            StartHostapd(lab, radius: false); // before dnsmasq: hostapd's wired driver also opens UDP 67
            LabPeers.StartDnsmasq(lab);
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "device.name = lab-phone\ndhcp.inform = false\nsntp.enabled = false\ndot1x.enabled = true\ndot1x.method = tls\n" +
                $"dot1x.identity = {Identity}\ndot1x.serverName = {ServerName}\ndot1x.roots = {Pki("root.crt")}\n" +
                $"dot1x.tls.certificate = {Pki("client-chain.crt")}\ndot1x.tls.key = {Pki("client.key")}\n");
            var (exit, output) = lab.Run(lab.PhoneNs,
                $"dotnet {LabPeers.Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout 40 --ascii --store {lab.RunDir}/flash",
                60_000);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, $"802.1x   done     authenticated as '{Identity}' with EAP-TLS");
            StringAssert.Contains(output, "DHCPACK bound: 10.77.0.");
            Assert.IsTrue(output.IndexOf("port authorized", StringComparison.Ordinal) < output.IndexOf("DHCPDISCOVER", StringComparison.Ordinal), "DHCP only after 802.1X");
            StringAssert.Contains(LabDot1x.HostapdLog(lab), "IEEE 802.1X: authenticated");
        }

        [TestMethod]
        public void UntrustedServerIsRefusedWithTheValidatorsReason()
        {
            LabNetwork.Require("ip", "hostapd");
            RequirePki();
            using var lab = new LabNetwork("eaptlsu");
            StartHostapd(lab, radius: false);
            // The phone trusts some other root: the server's intermediate has no anchor.
            using var otherKey = RSA.Create(2048);
            var other = new CertificateRequest("CN=Some Other Root", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            other.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            string otherRoot = Path.Combine(lab.RunDir, "other-root.crt");
            File.WriteAllText(otherRoot, other.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)).ExportCertificatePem());
            LabDot1x.NewPhoneMac(lab, 0x23);
            var r = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, Pki("client-chain.crt"), Pki("client.key"), otherRoot), "RESULT:", false, 30000);
            Console.WriteLine(r.Output);
            Assert.AreEqual(1, r.Exit, r.Output);
            StringAssert.Contains(r.Output, $"RESULT: refused: EAP-Failure after EAP-TLS for identity '{Identity}': TLS handshake failed: untrusted server certificate (missing-issuer)");
            StringAssert.Contains(r.Output, "Lab Issuing CA");
            StringAssert.Contains(r.Output, "sending the phone's TLS alert");
            // hostapd saw our unknown_ca alert, not a certificate from us.
            string log = LabDot1x.HostapdLog(lab);
            StringAssert.Contains(log, "unknown CA");
            Assert.IsFalse(log.Contains("IEEE 802.1X: authenticated", StringComparison.Ordinal), "the port stays unauthorized");
        }

        /// <summary>A phone certificate that expired 10 minutes ago (leaf + lab intermediate, PEM), its key.</summary>
        private static (string cert, string key, long notAfter) ExpiredCertificate(LabNetwork lab)
        {
            using var issuer = X509Certificate2.CreateFromPemFile(Pki("int.crt"), Pki("int.key"));
            using var key = RSA.Create(2048);
            var req = new CertificateRequest($"CN={Identity}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
            // Valid from just after the issuer's own start (the lab PKI may be recent) until 10 minutes ago.
            var notBefore = new DateTimeOffset(issuer.NotBefore.ToUniversalTime()).AddMinutes(1);
            var notAfter = DateTimeOffset.UtcNow.AddMinutes(-10);
            if (notAfter <= notBefore) Assert.Inconclusive("the lab intermediate is younger than 11 minutes: no room for an expired certificate under it");
            using var expired = req.Create(issuer, notBefore, notAfter, new byte[] { 0x51, 0x6e, 0x02 });
            string cert = Path.Combine(lab.RunDir, "expired.crt");
            string keyFile = Path.Combine(lab.RunDir, "expired.key");
            File.WriteAllText(cert, expired.ExportCertificatePem() + "\n" + File.ReadAllText(Pki("int.crt")));
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
            return (cert, keyFile, new DateTimeOffset(expired.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
        }

        [TestMethod]
        public void ExpiredPhoneCertificateIsRefusedByFreeRadius()
        {
            LabNetwork.Require("ip", "hostapd", "freeradius");
            RequirePki();
            using var lab = new LabNetwork("eaptlsx");
            StartFreeRadius(lab);
            StartHostapd(lab, radius: true);
            var (cert, keyFile, notAfter) = ExpiredCertificate(lab);
            LabDot1x.NewPhoneMac(lab, 0x25);
            var r = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, cert, keyFile, Pki("root.crt")), "RESULT:", false, 30000);
            Console.WriteLine(r.Output);
            Assert.AreEqual(1, r.Exit, r.Output);
            // FreeRADIUS 3.2 writes the certificate_expired alert but answers with Access-Reject
            // only, so the switch sends a bare EAP-Failure, as hostapd's own server does.
            StringAssert.Contains(r.Output, $"RESULT: refused: EAP-Failure after EAP-TLS for identity '{Identity}': the server refused the phone's certificate " +
                $"(EAP-Failure right after the phone sent it, without a TLS alert): the phone's certificate \"CN={Identity}\" is valid from");
            StringAssert.Contains(r.Output, " to " + PhoneAgent.Core.Asn1.Asn1Time.Format(notAfter));
            string log = LabDot1x.FreeRadiusLog(lab);
            StringAssert.Contains(log, "Sent Access-Reject");
            StringAssert.Matches(log, new System.Text.RegularExpressions.Regex("certificate (has )?expired", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        }

        [TestMethod]
        public void ExpiredPhoneCertificateIsRefusedByTheServer()
        {
            LabNetwork.Require("ip", "hostapd");
            RequirePki();
            using var lab = new LabNetwork("eaptlse");
            StartHostapd(lab, radius: false);
            var (cert, keyFile, notAfter) = ExpiredCertificate(lab);
            LabDot1x.NewPhoneMac(lab, 0x24);
            var r = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, cert, keyFile, Pki("root.crt")), "RESULT:", false, 30000);
            Console.WriteLine(r.Output);
            Assert.AreEqual(1, r.Exit, r.Output);
            StringAssert.Contains(r.Output, "warning: the phone's certificate expired on");
            // hostapd 2.10 refuses it with a bare EAP-Failure (no alert): the phone names its certificate and its validity.
            StringAssert.Contains(r.Output, $"RESULT: refused: EAP-Failure after EAP-TLS for identity '{Identity}': the server refused the phone's certificate " +
                $"(EAP-Failure right after the phone sent it, without a TLS alert): the phone's certificate \"CN={Identity}\" is valid from");
            StringAssert.Contains(r.Output, " to " + PhoneAgent.Core.Asn1.Asn1Time.Format(notAfter));
            Assert.IsFalse(r.Output.Contains("no EAP packet from the authenticator", StringComparison.Ordinal), "the Failure is taken at once, not after authWhile");
            string log = LabDot1x.HostapdLog(lab);
            StringAssert.Contains(log, "CTRL-EVENT-EAP-FAILURE");
            Assert.IsFalse(log.Contains("IEEE 802.1X: authenticated", StringComparison.Ordinal), "the port stays unauthorized");
        }
    }
}
