using System;
using System.CommandLine;
using System.IO;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Store;
using PhoneAgent.Hardware.Emulated.Display;
using PhoneAgent.Hardware.Emulated.Flash;
using PhoneAgent.Hardware.Emulated.Keypad;
using PhoneAgent.Hardware.Emulated.Leds;
using PhoneAgent.Hardware.Emulated.Network;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent demo`: the emulated board boots against the in-process emulated
    /// network on virtual time (no root, no peers, finishes in well under a second).</summary>
    public static class DemoCommand
    {
        public const long VirtualLimitMs = 600_000; // 10 virtual minutes
        public const int LatencyMs = 2;             // one-way, emulated switch and server

        public static Command Create(TextWriter output, TextWriter error)
        {
            var fault = new Option<string>("--fault") { Description = "inject a network fault", DefaultValueFactory = _ => "none" };
            fault.AcceptOnlyFromAmong("none", "no-dhcp", "nak", "no-link", "inform-blocked", "conflict", "no-time", "8021x-reject", "no-8021x", "sip-reject", "sip-silent", "scep-reject", "scep-pending");
            var png = new Option<string>("--png") { Description = "also write the final display to this PNG file" };
            var ascii = new Option<bool>("--ascii") { Description = "draw the display with ASCII instead of Unicode blocks" };
            var compact = new Option<bool>("--compact") { Description = "draw the display 66 columns wide (2x2 pixels per character)" };
            var config = new Option<string>("--config") { Description = "configuration file (default: built-in demo settings)" };
            var store = new Option<string>("--store") { Description = "directory for the emulated flash (default: a temporary one)" };
            var keys = new Option<string>("--keys") { Description = "keypad script, e.g. \"123{ok}\"" };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "print every message sent and received" };
            var seed = new Option<int>("--seed") { Description = "seed for the emulated board's random numbers (repeatable runs)", DefaultValueFactory = _ => 1 };
            var pc = new Option<bool>("--pc") { Description = "a PC on the phone's PC port authenticates through it (EAP-MD5), then is unplugged: the phone logs it off (proxy EAPOL-Logoff)" };

            var cmd = new Command("demo", "Boot the emulated board against the emulated network and show each step and the display")
            {
                fault, png, ascii, compact, config, store, keys, verbose, seed, pc,
            };
            cmd.SetAction(r => Run(output, error, r.GetValue(fault), r.GetValue(png), r.GetValue(ascii), r.GetValue(compact), r.GetValue(config),
                r.GetValue(store), r.GetValue(keys), r.GetValue(verbose), r.GetValue(seed), r.GetValue(pc)));
            return cmd;
        }

        /// <summary>The built-in settings; scep.caFingerprint is the emulated CA's (its key is fixed,
        /// so the fingerprint is the same on every run).</summary>
        public static readonly string DemoConfig =
            "# built-in demo settings\n" +
            "device.name = demo-phone\n" +
            "device.mac = 02:00:5e:10:00:01\n" +
            "dot1x.enabled = true\n" +
            "dot1x.method = md5\n" +
            "dot1x.identity = demo-phone\n" +
            "dot1x.password = demo-secret\n" +
            "dhcp.option43.override.stsUri = https://override.lab.test/CertProv/CertProvisioningService.svc\n" +
            "scep.url = http://" + CaName + ":8080/scep\n" +
            "scep.challenge = demo-challenge\n" +
            "scep.caFingerprint = " + EmulatedScepCa.Fingerprint + "\n" +
            "scep.subject = O=PhoneAgent Demo,CN=SEP{MAC}\n" +
            "sip.user = 1001\n" +
            "sip.password = secret1001\n";

        public const string CaName = "ca.lab.test";

        private static int Run(TextWriter o, TextWriter err, string fault, string pngPath, bool ascii, bool compact, string configPath,
            string storeDir, string keyScript, bool verbose, int seed, bool withPc)
        {
            var cfg = ConfigLoader.Load(configPath, DemoConfig, o, err);
            if (cfg == null) return CliApp.BadInput;

            var keypad = new ScriptedKeypad();
            try { ScriptedKeypad.Parse(keyScript ?? ""); }
            catch (FormatException e) { err.WriteLine("error: --keys: " + e.Message); return CliApp.BadInput; }

            string dir = storeDir ?? Path.Combine(Path.GetTempPath(), "phoneagent-demo-" + Environment.ProcessId);
            var media = new DirectoryMedia(dir);
            var flash = new ImageStore(media);
            if (flash.LoadProblem != null) o.WriteLine("flash: " + flash.LoadProblem);
            flash.Write("boot.count", BitConverter.GetBytes(BitConverter.ToInt32(flash.Read("boot.count") ?? new byte[4]) + 1));

            var mac = PhoneAgent.Core.Net.Mac.TryParse(cfg.GetString(ConfigKeys.DeviceMac)) ?? new byte[] { 2, 0, 0x5e, 0x10, 0, 1 };
            var clock = new VirtualClock();
            var lan = new EmulatedLan(mac, clock, LatencyMs);
            var server = new EmulatedDhcpServer { Silent = fault == "no-dhcp", NakRequests = fault == "nak", DropInformAck = fault == "inform-blocked" };
            lan.Attach(server);
            // The emulated time server starts at the host's current time, so the demo's clock reads true.
            long sntpStartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            lan.Attach(new EmulatedSntpServer(clock, sntpStartMs) { Silent = fault == "no-time" });
            // DNS resolves the registrar's name from option 120; the registrar knows the configured user
            // (with another password for --fault sip-reject).
            var dns = new EmulatedDnsServer();
            dns.AddA(server.SipServer, server.ServerAddress);
            lan.Attach(dns);
            var registrar = new EmulatedRegistrar { Silent = fault == "sip-silent" };
            string sipPassword = cfg.GetString(ConfigKeys.SipPassword);
            registrar.AddUser(cfg.GetString(ConfigKeys.SipUser), fault == "sip-reject" ? sipPassword + "-changed-on-the-server" : sipPassword);
            lan.Attach(registrar);
            // The SCEP CA (HTTP on 10.77.0.1:8080) issues the LSC; its clock is the SNTP server's.
            long startUnixMs = sntpStartMs;
            var ca = new EmulatedScepCa(() => (startUnixMs + clock.NowMs) / 1000) { PendingPolls = fault == "scep-pending" ? 2 : 0 };
            string challenge = cfg.GetString(ConfigKeys.ScepChallenge);
            ca.Challenge = fault == "scep-reject" ? challenge + "-changed-on-the-server" : challenge;
            dns.AddA(CaName, server.ServerAddress);
            lan.Attach(ca);
            bool dot1x = cfg.GetBool(ConfigKeys.Dot1xEnabled);
            EmulatedAuthenticator authenticator = null;
            if (dot1x || withPc)
            {
                // The emulated switch port runs 802.1X with EAP-MD5 and knows the configured
                // identity; the faults change its password or switch 802.1X off. With a PC behind
                // the phone it is a multi-domain port: one session per station, answered unicast.
                authenticator = new EmulatedAuthenticator { Silent = fault == "no-8021x", MultiAuth = withPc };
                string identity = cfg.GetString(ConfigKeys.Dot1xIdentity);
                if (identity.Length == 0) identity = cfg.GetString(ConfigKeys.DeviceName);
                string password = cfg.GetString(ConfigKeys.Dot1xPassword);
                if (dot1x) authenticator.AddUser(identity, fault == "8021x-reject" ? password + "-changed-on-the-server" : password);
                lan.Attach(authenticator);
            }
            EmulatedPcPort pcPort = null;
            if (withPc)
            {
                var emulatedPc = new EmulatedPc();
                authenticator.AddUser(emulatedPc.Identity, emulatedPc.Password);
                pcPort = new EmulatedPcPort(emulatedPc);
                pcPort.Plug();
            }
            lan.LinkUp = fault != "no-link";
            if (fault == "conflict") lan.ConflictingAddress = server.PoolStart; // another host squats on the first address
            if (verbose) lan.Trace += line => o.WriteLine("           wire  " + line);

            var display = new EmulatedDisplay();
            var leds = new EmulatedLeds();
            var sink = new ConsoleEventSink(o, verbose);
            leds.Changed += (led, state) => sink.Event(clock.NowMs, "led", PhoneAgent.Core.Ports.Level.Debug,
                PhoneAgent.Core.Ports.Led.Name(led) + " " + PhoneAgent.Core.Ports.Led.StateName(state));

            var ports = new AgentPorts
            {
                Clock = clock,
                Network = lan,
                Random = new SeedRandom(seed),
                Events = sink,
                Display = display,
                Leds = leds,
                Keypad = keypad,
                Store = flash,
                Conflicts = lan,
                Streams = lan,
                Keys = new HostKeyPairSource(),
                PcPort = pcPort,
            };
            o.WriteLine($"PhoneAgent demo: emulated board (MAC {PhoneAgent.Core.Net.Mac.Format(mac)}) on an emulated LAN" +
                $" with a DHCP server at 10.77.0.1{(dot1x ? " behind an 802.1X switch port (EAP-MD5)" : "")}; virtual time; fault: {fault}");
            o.WriteLine();
            var loop = PhoneAgentFactory.Create(cfg, ports);
            VirtualRunner.Run(loop, clock, VirtualLimitMs, () => lan.NextDeliveryMs);
            long bootMs = clock.NowMs;
            if (!string.IsNullOrEmpty(keyScript))
            {
                // The keys are pressed once the boot has settled, as a user at the phone would.
                keypad.Feed(keyScript);
                while (keypad.Pending > 0) loop.Turn();
            }
            if (pcPort != null)
            {
                // The PC's cable is pulled a second after the boot; the phone notices the PC
                // port's link within AgentLoop.LinkPollMs and logs the PC off.
                VirtualRunner.For(loop, clock, 1000, () => lan.NextDeliveryMs);
                sink.Event(clock.NowMs, "demo", PhoneAgent.Core.Ports.Level.Info, "the PC's cable is pulled from the phone's PC port");
                pcPort.Unplug();
                VirtualRunner.For(loop, clock, 500, () => lan.NextDeliveryMs);
            }
            BoardOutput.Summary(o, loop.Boot);
            BoardOutput.Lsc(o, flash);
            if (withPc)
            {
                o.WriteLine("Switch port (802.1X, one session per station):");
                foreach (var line in authenticator.Log) o.WriteLine("  " + line);
                o.WriteLine("  authorized now: " + (authenticator.AuthorizedStations.Count == 0 ? "none" : string.Join(", ", authenticator.AuthorizedStations)));
            }
            BoardOutput.Display(o, display, loop.Screen, leds, ascii, compact);
            if (!string.IsNullOrEmpty(keyScript)) o.WriteLine($"Keypad: scripted keys pressed after boot; display page {loop.Screen.Page}");
            o.WriteLine($"Flash: {dir} (boot count {BitConverter.ToInt32(flash.Read("boot.count"))})");
            if (!BoardOutput.Png(o, err, display, pngPath)) return CliApp.BadInput;
            o.WriteLine();
            o.WriteLine("Shutdown:");
            VirtualRunner.Shutdown(loop, clock, 3000, () => lan.NextDeliveryMs);
            if (storeDir == null) { try { Directory.Delete(dir, true); } catch (IOException) { } }

            o.WriteLine();
            if (loop.Boot.IsComplete)
            {
                int warnings = loop.Boot.WarningCount;
                string warning = sink.LastWarning;
                for (int i = 0; i < loop.Boot.Count && warning == null; i++)
                    if (loop.Boot.StepAt(i).Status == BootStep.Warning) warning = loop.Boot.StepAt(i).Name + ": " + loop.Boot.StepAt(i).Summary;
                o.WriteLine($"RESULT: booted in {bootMs} ms of virtual time" + (warnings > 0 ? $", with {warnings} warning(s): {warning}" : ""));
                return CliApp.Ok;
            }
            string why = loop.Boot.FailedStep != null ? loop.Boot.FailedStep.Name + ": " + loop.Boot.FailedStep.Summary
                : sink.LastWarning ?? "the boot did not finish";
            o.WriteLine(loop.Boot.Halted
                ? $"RESULT: boot stopped after {bootMs} ms of virtual time: {why}"
                : $"RESULT: boot not complete after {VirtualLimitMs / 1000} s of virtual time: {why}");
            return CliApp.Failed;
        }
    }

    /// <summary>A seeded IRandom for repeatable demo runs (the device uses its hardware RNG).</summary>
    internal sealed class SeedRandom : PhoneAgent.Core.Ports.IRandom
    {
        private readonly Random _r;
        public SeedRandom(int seed) => _r = new Random(seed);
#pragma warning disable CA5394 // repeatable demo jitter, not security
        public void NextBytes(byte[] buffer) => _r.NextBytes(buffer);
        public int Next(int maxExclusive) => _r.Next(maxExclusive);
#pragma warning restore CA5394
    }
}
