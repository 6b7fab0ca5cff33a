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
            var method = new Option<string>("--method") { Description = "EAP method: md5, tls (EAP-TLS) or peap (PEAPv0 with EAP-MSCHAPv2)", DefaultValueFactory = _ => "md5" };
            method.AcceptOnlyFromAmong("md5", "tls", "peap");
            var identity = new Option<string>("--identity") { Description = "EAP identity (default: phoneagent)" };
            var passwordFile = new Option<string>("--password-file") { Description = "file whose first line is the password (md5, peap)" };
            var anonymous = new Option<string>("--anonymous-identity") { Description = "peap: the outer identity sent in clear (default: --identity)" };
            var cert = new Option<string>("--cert") { Description = "tls: the phone's certificate (PEM or DER; intermediates after the leaf are sent too)" };
            var key = new Option<string>("--key") { Description = "tls: its private key (PKCS#8, PKCS#1 or SEC 1; PEM or DER)" };
            var roots = new Option<string>("--roots") { Description = "tls, peap: trust anchors (PEM or DER) for the authentication server's certificate" };
            var serverName = new Option<string>("--server-name") { Description = "tls, peap: the name the server's certificate must carry (default: not checked, chain only)" };
            var fragment = new Option<int>("--fragment-size") { Description = "tls: TLS octets per EAP fragment the phone sends", DefaultValueFactory = _ => EapTlsFraming.DefaultFragmentSize };
            var timeout = new Option<int>("--timeout") { Description = "give up after this many seconds (no 802.1X is only concluded after 90 s)", DefaultValueFactory = _ => 100 };
            var keep = new Option<bool>("--keep") { Description = "exit without EAPOL-Logoff, leaving the port authorized" };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "also print ignored frames and machine details" };
            var cmd = new Command("8021x", "Authenticate the switch port with 802.1X (EAPOL) and report each EAP step and the outcome")
            {
                iface, method, identity, passwordFile, anonymous, cert, key, roots, serverName, fragment, timeout, keep, verbose,
            };
            cmd.SetAction(r => Run(output, error, r.GetValue(iface), r.GetValue(method), r.GetValue(identity), r.GetValue(passwordFile),
                r.GetValue(anonymous), new TlsOptions(r.GetValue(cert), r.GetValue(key), r.GetValue(roots), r.GetValue(serverName), r.GetValue(fragment)),
                r.GetValue(timeout), r.GetValue(keep), r.GetValue(verbose)));
            return cmd;
        }

        private sealed record TlsOptions(string Cert, string Key, string Roots, string ServerName, int FragmentSize);

        private static int Run(TextWriter o, TextWriter err, string ifName, string method, string identity, string passwordFile,
            string anonymous, TlsOptions tls, int timeoutS, bool keep, bool verbose)
        {
            bool peap = method == ConfigKeys.Dot1xMethodPeap;
            if (timeoutS < 1) { err.WriteLine("error: --timeout must be at least 1 second"); return CliApp.BadInput; }
            identity ??= ConfigKeys.Find(ConfigKeys.DeviceName).Default;
            if (identity.Length == 0 || identity.Length > 253) { err.WriteLine("error: --identity must be 1 to 253 characters"); return CliApp.BadInput; }
            if (anonymous != null && (anonymous.Length == 0 || anonymous.Length > 253)) { err.WriteLine("error: --anonymous-identity must be 1 to 253 characters"); return CliApp.BadInput; }
            string rootsPath = tls.Roots, serverName = string.IsNullOrEmpty(tls.ServerName) ? null : tls.ServerName;
            var random = new HostRandom();
            IEapMethod eapMethod;
            PeapMethod peapMethod = null;
            HostTlsTunnelPort tunnelPort = null;
            Dot1xTls.Material material = null;
            if (method == ConfigKeys.Dot1xMethodTls)
            {
                if (tls.FragmentSize < EapTlsFraming.MinFragmentSize || tls.FragmentSize > 1398)
                {
                    err.WriteLine($"error: --fragment-size must be {EapTlsFraming.MinFragmentSize} to 1398 (an EAPOL frame must fit the Ethernet MTU)");
                    return CliApp.BadInput;
                }
                material = Dot1xTls.Load(tls.Cert, tls.Key, tls.Roots, err);
                if (material == null) return CliApp.BadInput;
                tunnelPort = material.Port;
                eapMethod = new EapTlsMethod(material.Port, serverName, material.CertificateDer, material.KeyDer,
                    tls.FragmentSize, EapTlsFraming.DefaultMaxMessage, EapTlsMethod.DefaultMaxBytes);
            }
            else
            {
                if (string.IsNullOrEmpty(passwordFile)) { err.WriteLine($"error: {method} needs --password-file (a file whose first line is the password)"); return CliApp.BadInput; }
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
                if (peap) eapMethod = peapMethod = new PeapMethod(tunnelPort, serverName, identity, new MsChapV2Method(identity, password, random));
                else eapMethod = new Md5ChallengeMethod(password);
            }

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

            if (material != null)
                o.WriteLine($"EAP-TLS: phone certificate {material.Certificates[0].Describe()}" +
                    (material.Certificates.Length > 1 ? $" with {material.Certificates.Length - 1} intermediate(s)" : "") +
                    $"; RADIUS server trusted through {material.Roots.Length} root(s)" +
                    (string.IsNullOrEmpty(tls.ServerName) ? ", its name not checked (--server-name)" : $", name \"{tls.ServerName}\"") +
                    $"; TLS 1.2; fragments of {tls.FragmentSize} octets");
            if (material != null)
            {
                var leaf = material.Certificates[0];
                long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                if (leaf.NotAfter < now)
                    o.WriteLine($"warning: the phone's certificate expired on {PhoneAgent.Core.Asn1.Asn1Time.Format(leaf.NotAfter)}: expect the server to refuse it");
                else if (leaf.NotBefore > now)
                    o.WriteLine($"warning: the phone's certificate is not valid before {PhoneAgent.Core.Asn1.Asn1Time.Format(leaf.NotBefore)}: expect the server to refuse it");
            }

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
            if (material?.Port.LastValidation is { } v)
                o.WriteLine("RADIUS server certificate: " + (v.Valid ? "valid, path " + string.Join(" <- ", Array.ConvertAll(v.Path, c => c.Subject.Text)) : "refused (" + v.Code + "): " + v.Message));
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
