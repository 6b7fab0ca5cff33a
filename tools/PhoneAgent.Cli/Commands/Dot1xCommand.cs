using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent 8021x`: the phone's 802.1X supplicant on a real interface: every
    /// EAP step as it happens, then the outcome or the diagnosis. Needs root or CAP_NET_RAW.</summary>
    public static class Dot1xCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var iface = new Option<string>("--interface", "-i") { Description = "network interface, e.g. eth0", Required = true };
            var method = new Option<string>("--method") { Description = "EAP method: md5, or peap (PEAPv0 with EAP-MSCHAPv2); tls: not yet", DefaultValueFactory = _ => "md5" };
            method.AcceptOnlyFromAmong("md5", "tls", "peap");
            var identity = new Option<string>("--identity") { Description = "EAP identity (default: phoneagent)" };
            var passwordFile = new Option<string>("--password-file") { Description = "file whose first line is the password (md5, peap)" };
            var anonymous = new Option<string>("--anonymous-identity") { Description = "peap: the outer identity sent in clear (default: --identity)" };
            var roots = new Option<string>("--roots") { Description = "peap: trust anchors (PEM or DER) for the authentication server's certificate" };
            var serverName = new Option<string>("--server-name") { Description = "peap: the name the server's certificate must carry (default: none, any certificate from --roots)" };
            var timeout = new Option<int>("--timeout") { Description = "give up after this many seconds (no 802.1X is only concluded after 90 s)", DefaultValueFactory = _ => 100 };
            var keep = new Option<bool>("--keep") { Description = "exit without EAPOL-Logoff, leaving the port authorized" };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "also print ignored frames and machine details" };
            var cmd = new Command("8021x", "Authenticate the switch port with 802.1X (EAPOL) and report each EAP step and the outcome")
            {
                iface, method, identity, passwordFile, anonymous, roots, serverName, timeout, keep, verbose,
            };
            cmd.SetAction(r => Run(output, error, r.GetValue(iface), r.GetValue(method), r.GetValue(identity), r.GetValue(passwordFile),
                r.GetValue(anonymous), r.GetValue(roots), r.GetValue(serverName), r.GetValue(timeout), r.GetValue(keep), r.GetValue(verbose)));
            return cmd;
        }

        private static int Run(TextWriter o, TextWriter err, string ifName, string method, string identity, string passwordFile,
            string anonymous, string rootsPath, string serverName, int timeoutS, bool keep, bool verbose)
        {
            bool peap = method == ConfigKeys.Dot1xMethodPeap;
            if (method != ConfigKeys.Dot1xMethodMd5 && !peap)
            {
                err.WriteLine($"error: --method {method} is not in this build yet: md5 and peap authenticate (EAP-TLS comes later)");
                return CliApp.BadInput;
            }
            if (timeoutS < 1) { err.WriteLine("error: --timeout must be at least 1 second"); return CliApp.BadInput; }
            identity ??= ConfigKeys.Find(ConfigKeys.DeviceName).Default;
            if (identity.Length == 0 || identity.Length > 253) { err.WriteLine("error: --identity must be 1 to 253 characters"); return CliApp.BadInput; }
            if (string.IsNullOrEmpty(passwordFile)) { err.WriteLine($"error: {method} needs --password-file (a file whose first line is the password)"); return CliApp.BadInput; }
            if (anonymous != null && (anonymous.Length == 0 || anonymous.Length > 253)) { err.WriteLine("error: --anonymous-identity must be 1 to 253 characters"); return CliApp.BadInput; }
            HostTlsTunnelPort tunnelPort = null;
            if (peap)
            {
                if (string.IsNullOrEmpty(rootsPath)) { err.WriteLine("error: peap needs --roots (the trust anchors of the authentication server's certificate)"); return CliApp.BadInput; }
                var anchors = X509Command.Load(rootsPath, err);
                if (anchors == null) return CliApp.BadInput;
                tunnelPort = new HostTlsTunnelPort(new PathValidator(anchors, null), new ValidationPolicy
                {
                    Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    Purpose = ValidationPolicy.EkuServerAuth,
                });
            }
            string password;
            try
            {
                using var reader = new StreamReader(passwordFile);
                password = reader.ReadLine() ?? "";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                err.WriteLine($"error: cannot read the password file {passwordFile}: {e.Message}");
                return CliApp.BadInput;
            }
            if (password.Length == 0) { err.WriteLine($"error: the password file {passwordFile} has an empty first line"); return CliApp.BadInput; }
            if (peap && password.Length > MsChapV2.MaxPasswordLength) { err.WriteLine("error: MS-CHAPv2 passwords have at most 256 characters"); return CliApp.BadInput; }

            var clock = new HostClock();
            var sink = new ConsoleEventSink(o, verbose);
            LinuxInterface net;
            try { net = new LinuxInterface(ifName, false, line => sink.Event(clock.NowMs, "host", PhoneAgent.Core.Ports.Level.Warning, line)); }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                err.WriteLine("error: " + e.Message);
                return CliApp.BadInput;
            }
            using var netScope = net;
            var frames = LinuxFramePort.Open(ifName, Eapol.EtherType, out string why);
            if (frames == null)
            {
                err.WriteLine("error: " + why);
                return CliApp.BadInput;
            }
            net.Adopt(frames);

            var random = new HostRandom();
            PeapMethod peapMethod = peap ? new PeapMethod(tunnelPort, serverName, identity, new MsChapV2Method(identity, password, random)) : null;
            IEapMethod eapMethod = peap ? peapMethod : new Md5ChallengeMethod(password);
            string outer = peap && anonymous != null ? anonymous : identity;
            var supplicant = new SupplicantPae(net.MacAddress, new EapPeer(outer, eapMethod));
            var step = new Dot1xStep(supplicant, null);
            var boot = new BootSequence();
            boot.Add(new LinkStep(net));
            boot.Add(step);
            var ports = new AgentPorts { Clock = clock, Network = net, Random = random, Events = sink, Frames = frames, TlsTunnel = tunnelPort };
            var loop = new AgentLoop(ports, boot);
            o.WriteLine($"802.1X on {ifName} (MAC {Mac.Format(net.MacAddress)}) as '{outer}' with {supplicant.Peer.Method.Name}" +
                (peap ? $" (inner EAP-MSCHAPv2 as '{identity}', server certificate " + (serverName != null ? $"for {serverName}" : "for any name") + $" from {rootsPath})" : "") +
                $"; EAPOL to {Mac.Format(Eapol.PaeGroupAddress())}, timeout {timeoutS} s");

            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            int status;
            string summary, state;
            long elapsed;
            try
            {
                RealTimeRunner.Run(loop, clock, net, true, timeoutS * 1000L, stop.Token);
                // The outcome as it stood, before the Logoff below rewrites the summary.
                status = step.Status;
                summary = step.Summary;
                state = SupplicantPaeState.Name(supplicant.State);
                elapsed = supplicant.OutcomeElapsedMs;
                if (keep) loop.Detach();
                else loop.Shutdown();
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            o.WriteLine();
            switch (status)
            {
                case BootStep.Done:
                    o.WriteLine($"RESULT: {summary.Replace(": port authorized", "")} in {elapsed} ms (first EAPOL-Start to EAP-Success)" +
                        (keep ? "; port left authorized" : ""));
                    if (peapMethod != null)
                        o.WriteLine($"PEAP: version 0 (server offered {peapMethod.ServerVersion}), {peapMethod.TlsVersion ?? "TLS"} tunnel, inner EAP-MSCHAPv2 as '{identity}' with the server's authenticator response verified" +
                            (peapMethod.CryptoBindingAnswered ? "; Crypto-Binding TLV verified and answered" :
                             peapMethod.CryptoBindingRequested ? "; the server's optional Crypto-Binding TLV was not answered (SslStream cannot export the TLS tunnel key)" : ""));
                    return CliApp.Ok;
                case BootStep.Warning:
                    o.WriteLine("RESULT: not authenticated: " + summary);
                    return CliApp.Failed;
                case BootStep.Failed:
                    o.WriteLine("RESULT: refused: " + summary);
                    return CliApp.Failed;
                default:
                    o.WriteLine($"RESULT: no outcome {(stop.IsCancellationRequested ? "before Ctrl-C" : $"within {timeoutS} s")} (802.1X state {state})" +
                        (summary.Length > 0 ? ": " + summary : ""));
                    return CliApp.Failed;
            }
        }
    }
}
