using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>Two network namespaces made for one test: "net" (the servers, 10.77.0.1/24) and
    /// "phone" (the agent, no address), joined by a veth pair, no default route, no link to
    /// the host. /etc/netns/NS/resolv.conf is created first so a DHCP client hook can never
    /// rewrite the host's resolver. Dispose kills what runs inside and deletes both.</summary>
    public sealed class LabNetwork : IDisposable
    {
        public const string ServerAddress = "10.77.0.1";
        private readonly List<Process> _started = new();

        public string NetNs { get; }
        public string PhoneNs { get; }
        public string NetIf { get; }
        public string PhoneIf { get; }
        public string RunDir { get; }

        /// <summary>Fails the test as Inconclusive (reported as skipped, never as passed) when
        /// not root or a tool is missing; CI installs the tools and runs as root.</summary>
        public static void Require(params string[] tools)
        {
            if (!OperatingSystem.IsLinux()) Assert.Inconclusive("lab tests need Linux network namespaces");
            if (Environment.UserName != "root" && Sh("id -u").Trim() != "0") Assert.Inconclusive("lab tests need root (ip netns)");
            foreach (var t in tools)
                if (Sh($"command -v {t} || true").Trim().Length == 0) Assert.Inconclusive($"lab test needs {t} (run .ci/run or tools/lab/install-peers.sh)");
        }

        public LabNetwork(string tag)
        {
            string id = tag + (Environment.ProcessId % 10000).ToString("0000");
            NetNs = "pa-" + id + "-n";
            PhoneNs = "pa-" + id + "-p";
            NetIf = "vn" + id;
            PhoneIf = "vp" + id;
            RunDir = Path.Combine(Path.GetTempPath(), "phoneagent-lab-" + id);
            Directory.CreateDirectory(RunDir);
            Dispose(); // leftovers of an earlier crashed run with the same id
            Directory.CreateDirectory(RunDir);
            foreach (var ns in new[] { NetNs, PhoneNs })
            {
                Directory.CreateDirectory("/etc/netns/" + ns);
                File.WriteAllText($"/etc/netns/{ns}/resolv.conf", "# " + ns + "\n");
                Must($"ip netns add {ns}");
                Must($"ip -n {ns} link set lo up");
            }
            Must($"ip link add {NetIf} type veth peer name {PhoneIf}");
            Must($"ip link set {NetIf} netns {NetNs}");
            Must($"ip link set {PhoneIf} netns {PhoneNs}");
            Must($"ip -n {NetNs} addr add {ServerAddress}/24 dev {NetIf}");
            Must($"ip -n {NetNs} link set {NetIf} up");
            Must($"ip -n {PhoneNs} link set {PhoneIf} up");
        }

        /// <summary>Starts a long-running process in a namespace; stopped on Dispose.</summary>
        public Process Start(string ns, string command)
        {
            var p = Process.Start(new ProcessStartInfo("ip", $"netns exec {ns} {command}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            _started.Add(p);
            return p;
        }

        /// <summary>Runs a command in a namespace to completion; returns exit code and output.</summary>
        public (int exit, string output) Run(string ns, string command, int timeoutMs)
        {
            var psi = new ProcessStartInfo("ip", $"netns exec {ns} {command}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeoutMs))
            {
                p.Kill(true);
                p.WaitForExit();
                return (-1, stdout.Result + stderr.Result + $"\n(killed after {timeoutMs} ms)");
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }

        public static string Sh(string command)
        {
            using var p = Process.Start(new ProcessStartInfo("/bin/sh", new[] { "-c", command })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            string o = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return o;
        }

        private static void Must(string command)
        {
            using var p = Process.Start(new ProcessStartInfo("/bin/sh", new[] { "-c", command })
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"`{command}` failed: {err}");
        }

        /// <summary>Waits until a file exists (a daemon's pid or lease file), up to timeoutMs.</summary>
        public static bool WaitFor(Func<bool> condition, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                if (condition()) return true;
                Thread.Sleep(50);
            }
            return condition();
        }

        public void Dispose()
        {
            foreach (var p in _started)
            {
                try { if (!p.HasExited) p.Kill(true); p.WaitForExit(2000); } catch (InvalidOperationException) { }
                p.Dispose();
            }
            _started.Clear();
            foreach (var ns in new[] { NetNs, PhoneNs })
            {
                Sh($"for pid in $(ip netns pids {ns} 2>/dev/null); do kill -9 $pid; done; ip netns del {ns} 2>/dev/null; rm -rf /etc/netns/{ns}");
            }
        }
    }
}
