using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.X509;
using PhoneAgent.Hardware.Emulated.Display;
using PhoneAgent.Hardware.Emulated.Flash;
using PhoneAgent.Hardware.Emulated.Keypad;
using PhoneAgent.Hardware.Emulated.Leds;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent run`: the same agent on a real Linux interface (for example in a
    /// network namespace), real time, with the emulated display, keypad, LEDs and flash.</summary>
    public static class RunCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var config = new Option<string>("--config") { Description = "configuration file", Required = true };
            var iface = new Option<string>("--interface", "-i") { Description = "network interface, e.g. veth-phone", Required = true };
            var noApply = new Option<bool>("--no-apply") { Description = "do not configure the leased address on the interface" };
            var exitWhenReady = new Option<bool>("--exit-when-ready") { Description = "exit 0 as soon as every boot step is done, keeping the lease and address" };
            var timeout = new Option<int>("--timeout") { Description = "give up after this many seconds (0: run until Ctrl-C)", DefaultValueFactory = _ => 0 };
            var png = new Option<string>("--png") { Description = "write the final display to this PNG file" };
            var ascii = new Option<bool>("--ascii") { Description = "draw the display with ASCII" };
            var compact = new Option<bool>("--compact") { Description = "draw the display 66 columns wide (2x2 pixels per character)" };
            var store = new Option<string>("--store") { Description = "directory for the emulated flash", DefaultValueFactory = _ => "phoneagent-flash" };
            var keysStdin = new Option<bool>("--keys-stdin") { Description = "read keypad lines from standard input (0-9 * # {up} {down} {ok} {back})" };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "print every message sent and received" };
            var roots = new Option<string>("--roots") { Description = "PEM/DER trust anchors for TLS in the boot (SIP over TLS); the registrar's chain is validated by the core" };
            var cmd = new Command("run", "Run the agent on a real interface")
            {
                config, iface, noApply, exitWhenReady, timeout, png, ascii, compact, store, keysStdin, verbose, roots,
            };
            cmd.SetAction(r => Run(output, error, r.GetValue(config), r.GetValue(iface), !r.GetValue(noApply), r.GetValue(exitWhenReady),
                r.GetValue(timeout), r.GetValue(png), r.GetValue(ascii), r.GetValue(compact), r.GetValue(store), r.GetValue(keysStdin), r.GetValue(verbose),
                r.GetValue(roots)));
            return cmd;
        }

        private static int Run(TextWriter o, TextWriter err, string configPath, string ifName, bool apply, bool exitWhenReady,
            int timeoutS, string pngPath, bool ascii, bool compact, string storeDir, bool keysStdin, bool verbose, string rootsPath)
        {
            if (timeoutS < 0) { err.WriteLine("error: --timeout must be 0 or more"); return CliApp.BadInput; }
            var cfg = ConfigLoader.Load(configPath, null, o, err);
            if (cfg == null) return CliApp.BadInput;
            // TLS in the boot: the core validates the server's chain against these anchors, for
            // the name each connection asks for (the SIP domain), at the current time.
            var anchors = string.IsNullOrEmpty(rootsPath) ? new PhoneAgent.Core.X509.X509Certificate[0] : X509Command.Load(rootsPath, err);
            if (anchors == null) return CliApp.BadInput;
            if (anchors.Length == 0 && PhoneAgent.Core.Util.Ascii.Lower(cfg.GetString(ConfigKeys.SipTransport)) == "tls")
                o.WriteLine("warning: sip.transport = tls without --roots: no registrar certificate can be trusted");
            // TLS inside EAP (dot1x.method tls or peap): the anchors of dot1x.roots; for EAP-TLS also
            // the manufacturing certificate and key (an LSC in the store is presented instead).
            HostTlsTunnelPort tunnel = null;
            Dot1xTls.Material dot1xTls = null;
            string eapMethod = cfg.GetString(ConfigKeys.Dot1xMethod);
            if (cfg.GetBool(ConfigKeys.Dot1xEnabled) && (eapMethod == ConfigKeys.Dot1xMethodTls || eapMethod == ConfigKeys.Dot1xMethodPeap))
            {
                string eapRoots = cfg.GetString(ConfigKeys.Dot1xRoots);
                if (eapRoots.Length == 0) { err.WriteLine($"error: dot1x.method = {eapMethod} needs dot1x.roots (the trust anchors of the authentication server's certificate)"); return CliApp.BadInput; }
                if (eapMethod == ConfigKeys.Dot1xMethodTls && (cfg.GetString(ConfigKeys.Dot1xTlsCertificate).Length > 0 || cfg.GetString(ConfigKeys.Dot1xTlsKey).Length > 0))
                {
                    dot1xTls = Dot1xTls.Load(cfg.GetString(ConfigKeys.Dot1xTlsCertificate), cfg.GetString(ConfigKeys.Dot1xTlsKey), eapRoots, err);
                    if (dot1xTls == null) return CliApp.BadInput;
                    tunnel = dot1xTls.Port;
                }
                else
                {
                    var eapAnchors = X509Command.Load(eapRoots, err);
                    if (eapAnchors == null) return CliApp.BadInput;
                    tunnel = new HostTlsTunnelPort(new PathValidator(eapAnchors, null), new ValidationPolicy { Purpose = ValidationPolicy.EkuServerAuth });
                }
            }

            var clock = new HostClock();
            var sink = new ConsoleEventSink(o, verbose);
            LinuxInterface net;
            try { net = new LinuxInterface(ifName, apply, line => sink.Event(clock.NowMs, "host", PhoneAgent.Core.Ports.Level.Warning, line)); }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                err.WriteLine("error: " + e.Message);
                return CliApp.BadInput;
            }
            using var _ = net;
            using var keypad = new ScriptedKeypad();
            if (keysStdin) keypad.FollowReader(Console.In, m => err.WriteLine("keypad: " + m));
            var display = new EmulatedDisplay();
            var leds = new EmulatedLeds();
            var flash = new ImageStore(new DirectoryMedia(storeDir));
            if (flash.LoadProblem != null) o.WriteLine("flash: " + flash.LoadProblem);

            var ports = new AgentPorts
            {
                Clock = clock, Network = net, Random = new HostRandom(), Events = sink,
                Display = display, Leds = leds, Keypad = keypad, Store = flash,
                Streams = new HostStreamConnector(),
                Tls = new HostTlsPort(new PathValidator(anchors, null), new ValidationPolicy { Purpose = ValidationPolicy.EkuServerAuth }),
                Keys = new HostKeyPairSource(),
                TlsTunnel = tunnel,
            };
            if (dot1xTls != null)
            {
                ports.Dot1xCertificate = dot1xTls.CertificateDer;
                ports.Dot1xKey = dot1xTls.KeyDer;
            }
            var loop = PhoneAgentFactory.Create(cfg, ports);
            o.WriteLine($"PhoneAgent on {ifName} (MAC {PhoneAgent.Core.Net.Mac.Format(net.MacAddress)}); Ctrl-C stops" +
                (timeoutS > 0 ? $", timeout {timeoutS} s" : ""));

            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                RealTimeRunner.Run(loop, clock, net, exitWhenReady, timeoutS * 1000L, stop.Token);
                // Ready and asked to exit: keep the lease for whatever runs next. Otherwise (Ctrl-C,
                // timeout, failure) shut down as a phone does: DHCPRELEASE.
                if (exitWhenReady && loop.Boot.IsComplete) loop.Detach();
                else RealTimeRunner.Shutdown(loop, clock, net, 3000);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            BoardOutput.Summary(o, loop.Boot);
            BoardOutput.Lsc(o, flash);
            BoardOutput.Display(o, display, loop.Screen, leds, ascii, compact);
            if (!BoardOutput.Png(o, err, display, pngPath)) return CliApp.BadInput;
            if (loop.Boot.IsComplete) return CliApp.Ok;
            o.WriteLine("RESULT: " + (loop.Boot.FailedStep != null
                ? loop.Boot.FailedStep.Name + ": " + loop.Boot.FailedStep.Summary
                : "boot not complete" + (sink.LastWarning != null ? ": " + sink.LastWarning : "")));
            return stop.IsCancellationRequested && !exitWhenReady && timeoutS == 0 ? CliApp.Ok : CliApp.Failed;
        }
    }
}
