using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>`phoneagent 8021x --method peap` (PEAPv0/EAP-MSCHAPv2, real TLS through the host's
    /// tunnel port) against hostapd 2.10's internal EAP server and against hostapd in front of
    /// FreeRADIUS 3.2.1, as in ../shared/lab/2-8021x (wpas-peap.conf seen to work there): the
    /// server sends leaf + "Lab Issuing CA", the phone trusts root.crt only and checks the name
    /// radius.lab.test. wpa_supplicant 2.10 with the same settings is the reference: same
    /// outcomes, and both times to authenticated are printed (no timed assertions).
    /// Namespaces pa-peap*-n / pa-peap*-p.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class PeapLabTests
    {
        private const string User = "peapuser";
        private const string Password = "peappass";
        private const string Anonymous = "anonymous";
        private const string ServerName = "radius.lab.test";

        private static string Pki => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki"));

        private static void RequirePki()
        {
            if (!File.Exists(Path.Combine(Pki, "server-chain.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
        }

        /// <summary>hostapd (driver=wired) with its internal EAP server: PEAP for the outer
        /// identities, MSCHAPV2 for peapuser in phase 2 (hostapd.eap_user as in the lab recipe).</summary>
        private static void StartHostapdPeap(LabNetwork lab) =>
            LabDot1x.StartHostapdEapServer(lab, $"\"{Anonymous}\" PEAP\n\"{User}\" PEAP\n\"{User}\" MSCHAPV2 \"{Password}\" [2]\n", $"{Pki}/ca-bundle.crt");

        /// <summary>FreeRADIUS with the lab PKI (tools/lab/8021x/make-freeradius-conf.sh DEST PKI):
        /// Debian's eap module (PEAP, inner-tunnel MSCHAPv2) and peapuser/peappass.
        /// With sendError the eap module's mschapv2 section gets send_error = yes, so a wrong
        /// password is answered with an MS-CHAPv2 Failure "E=691 ..." inside the tunnel (by
        /// default FreeRADIUS ends phase 2 with the Result TLV alone).</summary>
        private static System.Diagnostics.Process StartFreeRadiusPeap(LabNetwork lab, bool sendError)
        {
            string dir = Path.Combine(lab.RunDir, "freeradius");
            string script = Path.Combine(RepoPaths.Root, "tools", "lab", "8021x", "make-freeradius-conf.sh");
            string made = LabNetwork.Sh($"bash {script} {dir} {Pki} 2>&1");
            Assert.IsTrue(made.Contains("Configuration appears to be OK", StringComparison.Ordinal), "FreeRADIUS configuration: " + made);
            if (sendError)
            {
                string eap = Path.Combine(dir, "mods-available", "eap");
                File.WriteAllText(eap, File.ReadAllText(eap).Replace("#\tsend_error = no", "\tsend_error = yes", StringComparison.Ordinal));
                Assert.IsTrue(File.ReadAllText(eap).Contains("\tsend_error = yes", StringComparison.Ordinal), "send_error set");
            }
            string log = Path.Combine(lab.RunDir, "freeradius.log");
            if (File.Exists(log)) File.Delete(log);
            var p = lab.Start(lab.NetNs, $"sh -c \"exec freeradius -X -d {dir} > {log} 2>&1\"");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited || LabDot1x.FreeRadiusLog(lab).Contains("Ready to process requests", StringComparison.Ordinal), 15000) && !p.HasExited,
                "freeradius did not start: " + LabDot1x.FreeRadiusLog(lab));
            return p;
        }

        private static string Ours(LabNetwork lab, string password, string roots = null, string serverName = ServerName) =>
            $"dotnet {LabPeers.Phoneagent} 8021x --interface {lab.PhoneIf} --method peap --identity {User} --anonymous-identity {Anonymous} " +
            $"--password-file {LabDot1x.PasswordFile(lab, password)} --roots {roots ?? Path.Combine(Pki, "root.crt")} " +
            (serverName != null ? $"--server-name {serverName} " : "") + "--timeout 20";

        /// <summary>wpa_supplicant -D wired with the lab recipe's wpas-peap.conf settings.</summary>
        private static LabDot1x.Timed WpaSupplicant(LabNetwork lab, string password)
        {
            string conf = Path.Combine(lab.RunDir, "wpas-peap-" + password + ".conf");
            File.WriteAllText(conf,
                "ap_scan=0\nnetwork={\n    key_mgmt=IEEE8021X\n    eap=PEAP\n" +
                $"    identity=\"{User}\"\n    anonymous_identity=\"{Anonymous}\"\n    password=\"{password}\"\n" +
                $"    phase1=\"peapver=0\"\n    phase2=\"auth=MSCHAPV2\"\n    ca_cert=\"{Pki}/root.crt\"\n    domain_match=\"{ServerName}\"\n    eapol_flags=0\n}}\n");
            return LabDot1x.RunTimed(lab.PhoneNs, $"wpa_supplicant -D wired -i {lab.PhoneIf} -c {conf} -t -dd",
                "CTRL-EVENT-EAP-(SUCCESS|FAILURE)", true, 20000);
        }

        private const string Wrong691 = $"RESULT: refused: EAP-Failure after PEAP: the RADIUS server refused identity '{Anonymous}' (inside the tunnel: wrong password (or unknown user): MS-CHAPv2 error 691";

        private static void CompareWithWpaSupplicant(LabNetwork lab, string server, Func<string> serverLog, string accepted, string rejected, string wrongPassword)
        {
            // Right password: ours, then the reference, each as a new station.
            string macOurs = LabDot1x.NewPhoneMac(lab, 0x21);
            var ours = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, Password), "RESULT:", false, 40000);
            Assert.AreEqual(0, ours.Exit, ours.Output + LabDot1x.HostapdLog(lab));
            StringAssert.Contains(ours.Output, "EAP-Request/PEAP");
            StringAssert.Contains(ours.Output, "TLS tunnel established");
            StringAssert.Contains(ours.Output, "inner EAP-MSCHAPv2: Success: the server proved it knows the password");
            StringAssert.Contains(ours.Output, $"RESULT: authenticated as '{Anonymous}' with PEAP");
            StringAssert.Contains(ours.Output, $"inner EAP-MSCHAPv2 as '{User}'");
            StringAssert.Contains(LabDot1x.HostapdLog(lab), $"STA {macOurs} IEEE 802.1X: authenticated");
            StringAssert.Contains(serverLog(), accepted);
            Assert.IsFalse(ours.Output.Contains(Password, StringComparison.Ordinal), "the password is never printed");

            LabDot1x.NewPhoneMac(lab, 0x22);
            var wpa = WpaSupplicant(lab, Password);
            StringAssert.Contains(wpa.Output, "CTRL-EVENT-EAP-SUCCESS", "the reference authenticates too");

            Console.WriteLine($"time to authenticated, PEAPv0/EAP-MSCHAPv2 via {server}:");
            Console.WriteLine($"  phoneagent 8021x: {ours.MarkerMs} ms from launch (dotnet start-up included), {LabDot1x.OurProtocolMs(ours.Output)} ms from EAPOL-Start to EAP-Success");
            Console.WriteLine($"  wpa_supplicant:   {wpa.MarkerMs} ms from launch, {LabDot1x.WpaProtocolMs(wpa.Output)} ms from EAPOL-Start to EAP-Success");
            foreach (string line in ours.Output.Split('\n'))
                if (line.StartsWith("PEAP:", StringComparison.Ordinal) || line.StartsWith("RESULT:", StringComparison.Ordinal)) Console.WriteLine("  " + line.TrimEnd());

            // Wrong password: both refused; ours says why (the inner MS-CHAPv2 error 691).
            LabDot1x.NewPhoneMac(lab, 0x23);
            var bad = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, "not-" + Password), "RESULT:", false, 40000);
            Assert.AreEqual(1, bad.Exit, bad.Output);
            StringAssert.Contains(bad.Output, wrongPassword);
            StringAssert.Contains(serverLog(), rejected);
            Assert.IsFalse(bad.Output.Contains("not-" + Password, StringComparison.Ordinal), "the password is never printed");
            Console.WriteLine("  wrong password: " + Line(bad.Output, "RESULT:"));

            LabDot1x.NewPhoneMac(lab, 0x24);
            var wpaBad = WpaSupplicant(lab, "not-" + Password);
            StringAssert.Contains(wpaBad.Output, "CTRL-EVENT-EAP-FAILURE", "the reference is refused too");
        }

        private static string Line(string output, string prefix)
        {
            foreach (string line in output.Split('\n'))
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line.TrimEnd();
            return "";
        }

        [TestMethod]
        public void PeapWithHostapdInternalServerAgreesWithWpaSupplicant()
        {
            LabNetwork.Require("ip", "hostapd", "wpa_supplicant");
            RequirePki();
            using var lab = new LabNetwork("peap");
            StartHostapdPeap(lab);
            CompareWithWpaSupplicant(lab, "hostapd's internal EAP server", () => LabDot1x.HostapdLog(lab),
                "CTRL-EVENT-EAP-SUCCESS", "CTRL-EVENT-EAP-FAILURE", Wrong691);
        }

        [TestMethod]
        public void PeapThroughHostapdAndFreeRadiusAgreesWithWpaSupplicant()
        {
            LabNetwork.Require("ip", "hostapd", "wpa_supplicant", "freeradius");
            RequirePki();
            using var lab = new LabNetwork("peapr");
            var radius = StartFreeRadiusPeap(lab, sendError: false);
            LabDot1x.StartHostapd(lab, radius: true);
            // FreeRADIUS's default: the inner refusal carries no MS-CHAPv2 error code.
            CompareWithWpaSupplicant(lab, "hostapd and FreeRADIUS", () => LabDot1x.FreeRadiusLog(lab),
                "Sent Access-Accept", "Sent Access-Reject",
                $"RESULT: refused: EAP-Failure after PEAP: the RADIUS server refused identity '{Anonymous}' (inside the tunnel: the server refused our MS-CHAPv2 response without an error code: wrong password or unknown user?)");

            // With send_error = yes it sends "E=691 R=1 ..." inside the tunnel: the 691 diagnosis.
            radius.Kill(true);
            radius.WaitForExit(5000);
            StartFreeRadiusPeap(lab, sendError: true);
            LabDot1x.NewPhoneMac(lab, 0x25);
            var bad = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, "not-" + Password), "RESULT:", false, 40000);
            Assert.AreEqual(1, bad.Exit, bad.Output);
            StringAssert.Contains(bad.Output, Wrong691);
            StringAssert.Contains(LabDot1x.FreeRadiusLog(lab), "Sent Access-Reject");
            Console.WriteLine("  wrong password, send_error = yes: " + Line(bad.Output, "RESULT:"));
        }

        [TestMethod]
        public void RunWithDot1xPeapAuthenticatesThePortThenLeases()
        {
            // The boot step from the configuration keys: dot1x.method = peap, the outer and inner
            // identities, the server name and the anchors (dot1x.roots).
            LabNetwork.Require("ip", "hostapd", "dnsmasq");
            RequirePki();
            using var lab = new LabNetwork("peapd");
            StartHostapdPeap(lab); // before dnsmasq: hostapd's wired driver also opens UDP 67
            LabPeers.StartDnsmasq(lab);
            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "device.name = lab-phone\ndhcp.inform = false\ndot1x.enabled = true\ndot1x.method = peap\n" +
                $"dot1x.identity = {User}\ndot1x.anonymousIdentity = {Anonymous}\ndot1x.serverName = {ServerName}\ndot1x.password = {Password}\ndot1x.roots = {Pki}/root.crt\n");
            var (exit, output) = lab.Run(lab.PhoneNs,
                $"dotnet {LabPeers.Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --exit-when-ready --timeout 40 --ascii --store {lab.RunDir}/flash",
                60_000);
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, $"2. 802.1x   done     authenticated as '{Anonymous}' with PEAP");
            StringAssert.Contains(output, "inner EAP-MSCHAPv2: Success");
            StringAssert.Contains(output, "DHCPACK bound: 10.77.0.1");
            Assert.IsTrue(output.IndexOf("port authorized", StringComparison.Ordinal) < output.IndexOf("DHCPDISCOVER", StringComparison.Ordinal), "DHCP only after 802.1X");
            StringAssert.Contains(LabDot1x.HostapdLog(lab), "IEEE 802.1X: authenticated");
            Assert.IsFalse(output.Contains(Password, StringComparison.Ordinal), "the password is never printed");
        }

        [TestMethod]
        public void UntrustedOrMisnamedServerIsRefusedWithThePortsReason()
        {
            LabNetwork.Require("ip", "hostapd", "openssl");
            RequirePki();
            using var lab = new LabNetwork("peapc");
            StartHostapdPeap(lab);
            // A root the server does not chain to.
            string otherRoot = Path.Combine(lab.RunDir, "other-root.crt");
            string made = LabNetwork.Sh($"openssl req -x509 -newkey rsa:2048 -nodes -keyout {lab.RunDir}/other-root.key -out {otherRoot} " +
                "-subj '/CN=Other Root CA' -days 2 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>&1");
            Assert.IsTrue(File.Exists(otherRoot), made);
            LabDot1x.NewPhoneMac(lab, 0x31);
            var r = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, Password, roots: otherRoot), "RESULT:", false, 40000);
            Assert.AreEqual(1, r.Exit, r.Output);
            StringAssert.Contains(r.Output, "RESULT: refused: ");
            StringAssert.Contains(r.Output, "the TLS handshake with the authentication server failed; the phone's TLS engine says: untrusted server certificate (");
            StringAssert.Contains(r.Output, "Lab Issuing CA", "the untrusted issuer is named: " + r.Output);
            Assert.IsFalse(r.Output.Contains("PEAP: inner", StringComparison.Ordinal), "no inner packet (nothing derived from the password) reaches an untrusted server");
            Assert.IsFalse(r.Output.Contains("TLS tunnel established", StringComparison.Ordinal), r.Output);
            Console.WriteLine("untrusted root: " + Line(r.Output, "RESULT:"));

            // The right root, the wrong name.
            LabDot1x.NewPhoneMac(lab, 0x32);
            r = LabDot1x.RunTimed(lab.PhoneNs, Ours(lab, Password, serverName: "nps.other.test"), "RESULT:", false, 40000);
            Assert.AreEqual(1, r.Exit, r.Output);
            StringAssert.Contains(r.Output, "the TLS handshake with the authentication server failed; the phone's TLS engine says: untrusted server certificate (");
            StringAssert.Contains(r.Output, "nps.other.test", r.Output);
            Console.WriteLine("wrong name: " + Line(r.Output, "RESULT:"));
        }
    }
}
