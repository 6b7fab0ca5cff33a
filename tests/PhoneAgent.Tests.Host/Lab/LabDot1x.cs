using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The wired 802.1X lab, as in ../shared/lab/2-8021x (seen to work there): hostapd
    /// 2.10 (driver=wired, use_pae_group_addr=1) on the server end of the veth pair, with its
    /// internal EAP server or as an authenticator for FreeRADIUS 3.2 on 127.0.0.1 inside the
    /// server namespace (tools/lab/8021x/make-freeradius-conf.sh); wpa_supplicant 2.10
    /// (driver=wired) as the reference supplicant. User md5user / md5pass.</summary>
    public static class LabDot1x
    {
        public const string User = "md5user";
        public const string Password = "md5pass";

        private const string WiredAuthenticator =
            "driver=wired\nlogger_stdout=-1\nlogger_stdout_level=1\nieee8021x=1\neapol_version=2\neap_reauth_period=0\nuse_pae_group_addr=1\n";

        /// <summary>hostapd with its internal EAP server (eap_server=1, MD5 user) or, with
        /// radius, as the authenticator of a FreeRADIUS at 127.0.0.1:1812 (secret testing123).</summary>
        public static void StartHostapd(LabNetwork lab, bool radius)
        {
            if (radius)
                Launch(lab, "own_ip_addr=127.0.0.1\nnas_identifier=lab-switch\nauth_server_addr=127.0.0.1\nauth_server_port=1812\nauth_server_shared_secret=testing123\n");
            else
                StartHostapdEapServer(lab, $"\"{User}\" MD5 \"{Password}\"\n", null);
        }

        /// <summary>hostapd's internal EAP server with the given eap_user lines; with clientCa (a
        /// file of CA certificates for client certificates, e.g. the lab's ca-bundle.crt) it also
        /// serves TLS methods as radius.lab.test with the lab PKI's server certificate and key.</summary>
        public static void StartHostapdEapServer(LabNetwork lab, string eapUsers, string clientCa)
        {
            string users = Path.Combine(lab.RunDir, "hostapd.eap_user");
            File.WriteAllText(users, eapUsers);
            string pki = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki"));
            Launch(lab, $"eap_server=1\neap_user_file={users}\n" + (clientCa == null ? "" :
                $"ca_cert={clientCa}\nserver_cert={pki}/server-chain.crt\nprivate_key={pki}/server.key\n"));
        }

        private static void Launch(LabNetwork lab, string lines)
        {
            string conf = Path.Combine(lab.RunDir, "hostapd.conf");
            File.WriteAllText(conf, $"interface={lab.NetIf}\n" + WiredAuthenticator + lines);
            var p = lab.Start(lab.NetNs, $"sh -c \"exec hostapd -t {conf} > {lab.RunDir}/hostapd.log 2>&1\"");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited || HostapdLog(lab).Contains("AP-ENABLED", StringComparison.Ordinal), 10000) && !p.HasExited,
                "hostapd did not start: " + HostapdLog(lab));
        }

        public static void StartFreeRadius(LabNetwork lab)
        {
            string dir = Path.Combine(lab.RunDir, "freeradius");
            string script = Path.Combine(RepoPaths.Root, "tools", "lab", "8021x", "make-freeradius-conf.sh");
            string made = LabNetwork.Sh($"bash {script} {dir} 2>&1");
            Assert.IsTrue(made.Contains("Configuration appears to be OK", StringComparison.Ordinal), "FreeRADIUS configuration: " + made);
            var p = lab.Start(lab.NetNs, $"sh -c \"exec freeradius -X -d {dir} > {lab.RunDir}/freeradius.log 2>&1\"");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited || FreeRadiusLog(lab).Contains("Ready to process requests", StringComparison.Ordinal), 15000) && !p.HasExited,
                "freeradius did not start: " + FreeRadiusLog(lab));
        }

        public static string HostapdLog(LabNetwork lab) => ReadShared(Path.Combine(lab.RunDir, "hostapd.log"));
        public static string FreeRadiusLog(LabNetwork lab) => ReadShared(Path.Combine(lab.RunDir, "freeradius.log"));

        /// <summary>A log another process is still writing.</summary>
        internal static string ReadShared(string f)
        {
            if (!File.Exists(f)) return "";
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(s).ReadToEnd();
        }

        /// <summary>A fresh MAC for the phone end: the authenticator keeps per-station state (after
        /// a failure it stays quiet towards that MAC for quietPeriod, 60 s), so every run is a new station.</summary>
        public static string NewPhoneMac(LabNetwork lab, int n)
        {
            string mac = "02:00:5e:77:00:" + n.ToString("x2", CultureInfo.InvariantCulture);
            var (exit, output) = lab.Run(lab.PhoneNs, $"ip link set dev {lab.PhoneIf} address {mac}", 5000);
            Assert.AreEqual(0, exit, output);
            return mac;
        }

        public static string PasswordFile(LabNetwork lab, string password)
        {
            string f = Path.Combine(lab.RunDir, "pw-" + password);
            File.WriteAllText(f, password + "\n");
            return f;
        }

        public sealed record Timed(int Exit, string Output, long MarkerMs, long TotalMs);

        /// <summary>Runs a command in a namespace, timing (from launch) the first output line that
        /// matches marker; with killAtMarker the process is stopped there (wpa_supplicant runs on).</summary>
        public static Timed RunTimed(string ns, string command, string marker, bool killAtMarker, int timeoutMs)
        {
            var psi = new ProcessStartInfo("ip", $"netns exec {ns} {command}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var rx = new Regex(marker);
            var sb = new StringBuilder();
            long markerAt = -1;
            using var seen = new ManualResetEventSlim();
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            DataReceivedEventHandler onLine = (_, e) =>
            {
                if (e.Data == null) return;
                lock (sb)
                {
                    sb.AppendLine(e.Data);
                    if (markerAt < 0 && rx.IsMatch(e.Data))
                    {
                        markerAt = sw.ElapsedMilliseconds;
                        seen.Set();
                    }
                }
            };
            p.OutputDataReceived += onLine;
            p.ErrorDataReceived += onLine;
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (killAtMarker)
            {
                seen.Wait(timeoutMs);
                if (!p.HasExited) p.Kill(true);
            }
            if (!p.WaitForExit(timeoutMs)) p.Kill(true);
            p.WaitForExit();
            long total = sw.ElapsedMilliseconds;
            lock (sb) return new Timed(p.ExitCode, sb.ToString(), markerAt, total);
        }

        /// <summary>wpa_supplicant -D wired with EAP-MD5, stopped at its EAP outcome.</summary>
        public static Timed WpaSupplicant(LabNetwork lab, string password)
        {
            string conf = Path.Combine(lab.RunDir, "wpas-" + password + ".conf");
            File.WriteAllText(conf,
                "ap_scan=0\nnetwork={\n    key_mgmt=IEEE8021X\n    eap=MD5\n" +
                $"    identity=\"{User}\"\n    password=\"{password}\"\n    eapol_flags=0\n}}\n");
            return RunTimed(lab.PhoneNs, $"wpa_supplicant -D wired -i {lab.PhoneIf} -c {conf} -t -dd",
                "CTRL-EVENT-EAP-(SUCCESS|FAILURE)", true, 20000);
        }

        /// <summary>wpa_supplicant's own time from its last EAPOL-Start (txStart) to EAP-Success, in ms.</summary>
        public static double WpaProtocolMs(string log)
        {
            double start = -1, done = -1;
            foreach (string line in log.Split('\n'))
            {
                var m = Regex.Match(line, @"^(\d+\.\d+): ");
                if (!m.Success) continue;
                double t = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (line.Contains("EAPOL: txStart", StringComparison.Ordinal) && done < 0) start = t;
                if (line.Contains("CTRL-EVENT-EAP-SUCCESS", StringComparison.Ordinal) && done < 0) done = t;
            }
            return start < 0 || done < 0 ? -1 : Math.Round((done - start) * 1000, 2);
        }

        /// <summary>Ours: the "in N ms (first EAPOL-Start to EAP-Success)" of the RESULT line.</summary>
        public static long OurProtocolMs(string output)
        {
            var m = Regex.Match(output, @"in (\d+) ms \(first EAPOL-Start to EAP-Success\)");
            return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        }
    }
}
