using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Sip.Registration;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent sip register`: the core's registration (RegistrationClient) from this
    /// host over UDP, TCP or TLS: each step, the granted expiry, refreshes until Ctrl-C or the
    /// timeout, then un-REGISTER. Exit 0 registered, 1 not, 2 bad input.</summary>
    public static class SipCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var registrar = new Option<string>("--registrar") { Description = "registrar SIP URI, e.g. sip:10.77.0.1 or sip:sip.lab.test:5061;transport=tls", Required = true };
            var user = new Option<string>("--user") { Description = "SIP user (address-of-record user part and digest user name)", Required = true };
            var passwordFile = new Option<string>("--password-file") { Description = "file whose first line is the password", Required = true };
            var domain = new Option<string>("--domain") { Description = "SIP domain of the address-of-record (default: the registrar's host)" };
            var authDomain = new Option<string>("--auth-domain") { Description = "NTLM (MS-SIPAE) registrars: the Windows logon domain, e.g. CONTOSO; the NTLM identity is AUTH-DOMAIN\\USER" };
            var workstation = new Option<string>("--workstation") { Description = "NTLM workstation name (default: this host's name)" };
            var transport = new Option<string>("--transport") { Description = "udp, tcp or tls (default: the URI's transport parameter, else udp)" };
            transport.AcceptOnlyFromAmong("udp", "tcp", "tls");
            var roots = new Option<string>("--roots") { Description = "TLS: trust anchors (PEM or DER) for the registrar's certificate" };
            var cert = new Option<string>("--cert") { Description = "TLS: the phone's certificate (PEM or DER) for mutual TLS" };
            var key = new Option<string>("--key") { Description = "TLS: the phone's private key (PEM or DER, PKCS#8/PKCS#1)" };
            var lscStore = new Option<string>("--store") { Description = "TLS: present the LSC of this credential store (phoneagent scep enroll --store) for mutual TLS" };
            var serverName = new Option<string>("--server-name") { Description = "TLS: the name the registrar's certificate must carry (default: the domain)" };
            var expires = new Option<int>("--expires") { Description = "requested expiry in seconds", DefaultValueFactory = _ => 3600 };
            var localPort = new Option<int>("--local-port") { Description = "local SIP port", DefaultValueFactory = _ => 5060 };
            var once = new Option<bool>("--once") { Description = "exit once registered (the binding stays until it expires)" };
            var timeout = new Option<int>("--timeout") { Description = "stop (and un-register) after this many seconds; 0: run until Ctrl-C", DefaultValueFactory = _ => 0 };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "every REGISTER sent" };
            var register = new Command("register", "Register with a SIP registrar, keep the registration fresh, un-register on exit")
            {
                registrar, user, passwordFile, domain, authDomain, workstation, transport, roots, cert, key, lscStore, serverName, expires, localPort, once, timeout, verbose,
            };
            register.SetAction(r => Register(output, error, r.GetValue(registrar), r.GetValue(user), r.GetValue(passwordFile), r.GetValue(domain),
                r.GetValue(authDomain), r.GetValue(workstation), r.GetValue(transport), r.GetValue(roots), r.GetValue(cert), r.GetValue(key), r.GetValue(lscStore), r.GetValue(serverName), r.GetValue(expires),
                r.GetValue(localPort), r.GetValue(once), r.GetValue(timeout), r.GetValue(verbose)));
            return new Command("sip", "SIP") { register };
        }

        private static int Register(TextWriter o, TextWriter err, string registrar, string user, string passwordFile, string domain,
            string authDomain, string workstation, string transport, string rootsPath, string certPath, string keyPath, string storeDir, string serverName, int expires, int localPort,
            bool once, int timeoutS, bool verbose)
        {
            var uri = SipUri.TryParse(registrar, out string why);
            if (uri == null) { err.WriteLine($"error: --registrar '{registrar}': {why}"); return CliApp.BadInput; }
            string t = transport ?? uri.Transport ?? (uri.IsSecure ? "tls" : "udp");
            t = t.ToLowerInvariant();
            if (t != "udp" && t != "tcp" && t != "tls") { err.WriteLine($"error: transport '{t}' is not udp, tcp or tls"); return CliApp.BadInput; }
            if (expires < 1 || localPort < 1 || localPort > 65535 || timeoutS < 0) { err.WriteLine("error: --expires, --local-port or --timeout out of range"); return CliApp.BadInput; }
            string password;
            try { password = (File.ReadAllLines(passwordFile) is { Length: > 0 } lines) ? lines[0] : ""; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { err.WriteLine($"error: cannot read {passwordFile}: {e.Message}"); return CliApp.BadInput; }
            if (!Ip4.TryParse(uri.Host, out uint server) && !new HostResolver().TryResolve(uri.Host, out server))
            {
                err.WriteLine($"error: cannot resolve {uri.Host}");
                return CliApp.BadInput;
            }
            int port = uri.Port > 0 ? uri.Port : t == "tls" ? 5061 : 5060;
            domain ??= uri.Host;

            HostTlsPort tls = null;
            if (t == "tls")
            {
                if (string.IsNullOrEmpty(rootsPath)) { err.WriteLine("error: --transport tls needs --roots"); return CliApp.BadInput; }
                var anchors = X509Command.Load(rootsPath, err);
                if (anchors == null) return CliApp.BadInput;
                tls = new HostTlsPort(new PathValidator(anchors, null), new ValidationPolicy
                {
                    Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    HostName = serverName ?? domain,
                    Purpose = ValidationPolicy.EkuServerAuth,
                });
            }
            byte[] certDer = null, keyDer = null;
            if (!string.IsNullOrEmpty(storeDir))
            {
                if (!string.IsNullOrEmpty(certPath) || !string.IsNullOrEmpty(keyPath)) { err.WriteLine("error: --store and --cert/--key exclude each other"); return CliApp.BadInput; }
                if (t != "tls") { err.WriteLine("error: --store (the LSC for mutual TLS) needs --transport tls"); return CliApp.BadInput; }
                if (!Directory.Exists(storeDir)) { err.WriteLine($"error: --store {storeDir}: no such directory"); return CliApp.BadInput; }
                var credentials = new PhoneAgent.Core.Credentials.CredentialStore(new PhoneAgent.Core.Store.ImageStore(new PhoneAgent.Hardware.Emulated.Flash.DirectoryMedia(storeDir)));
                var id = credentials.ClientIdentity(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), out string noLsc);
                if (id == null) { err.WriteLine($"error: --store {storeDir}: {noLsc}"); return CliApp.BadInput; }
                certDer = id.CertificateDer;
                keyDer = id.PrivateKeyDer;
                o.WriteLine("mutual TLS: presenting the LSC " + id.Certificate.Describe());
            }
            else if (!string.IsNullOrEmpty(certPath) || !string.IsNullOrEmpty(keyPath))
            {
                certDer = Pem.ReadDer(certPath, err);
                keyDer = Pem.ReadDer(keyPath, err);
                if (certDer == null || keyDer == null) return CliApp.BadInput;
            }

            uint local = LocalAddressTowards(server);
            var clock = new HostClock();
            var wall = new PhoneAgent.Core.Sntp.SyncedWallClock(clock);
            wall.Set(DateTimeOffset.UtcNow.ToUnixTimeSeconds());   // the host's clock: the NTLMv2 blob's time when the registrar sends none
            var settings = new RegistrationSettings
            {
                Transport = t,
                ServerAddresses = new[] { server },
                ServerPorts = new[] { port },
                ServerName = serverName ?? domain,
                Domain = domain,
                User = user,
                Password = password,
                AuthDomain = authDomain ?? "",
                Workstation = workstation ?? Dns.GetHostName(),
                WallClock = wall,
                LocalAddress = local,
                LocalPort = localPort,
                Expires = expires,
                InstanceId = Guid.NewGuid().ToString(),
                ClientCertificateDer = certDer,
                ClientKeyDer = keyDer,
            };
            string problem = settings.Check();
            if (problem != null) { err.WriteLine("error: " + problem); return CliApp.BadInput; }

            using var udp = t == "udp" ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) : null;
            if (udp != null)
            {
                try { udp.Bind(new IPEndPoint(IPAddress.Any, localPort)); }
                catch (SocketException e) { err.WriteLine($"error: cannot bind UDP {localPort}: {e.Message}"); return CliApp.BadInput; }
                udp.Blocking = false;
            }
            var sink = new ConsoleEventSink(o, verbose);
            var client = new RegistrationClient(settings, new HostRandom(), new HostStreamConnector(), tls);
            var outbox = new Outbox();
            o.WriteLine($"registering {user}@{domain}{(settings.AuthDomain.Length > 0 ? $" (NTLM {settings.AuthDomain}\\{user})" : "")} with {Ip4.Format(server)}:{port} over {t.ToUpperInvariant()} from {Ip4.Format(local)}:{localPort}");
            using var stop = new ManualResetEventSlim();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Set(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                client.Start(clock.NowMs, outbox);
                long end = timeoutS > 0 ? clock.NowMs + timeoutS * 1000L : long.MaxValue;
                var buf = new byte[65536];
                void Receive()
                {
                    while (udp != null && udp.Available > 0)
                    {
                        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                        int n;
                        try { n = udp.ReceiveFrom(buf, ref from); }
                        catch (SocketException) { break; }
                        var ep = (IPEndPoint)from;
                        client.OnDatagram(Ip4.Read(ep.Address.GetAddressBytes(), 0), ep.Port, buf, n, clock.NowMs, outbox);
                    }
                }
                int shown = 0;
                while (!stop.IsSet && clock.NowMs < end)
                {
                    Flush(udp, outbox, sink, clock);
                    Receive();
                    client.Poll(clock.NowMs, outbox);
                    Flush(udp, outbox, sink, clock);
                    var m = client.Machine;
                    if (client.Registrations > shown)
                    {
                        shown = client.Registrations;
                        o.WriteLine($"REGISTERED: {user}@{domain} for {m.Granted} s (registration {shown}); refresh in {(m.RefreshAtMs - clock.NowMs + 999) / 1000} s");
                        if (once) return CliApp.Ok;
                    }
                    if (m.State == RegistrationMachine.Stopped || (once && m.State == RegistrationMachine.Waiting))
                    {
                        o.WriteLine("NOT REGISTERED: " + m.Diagnosis);
                        return CliApp.Failed;
                    }
                    Thread.Sleep(5);
                }
                if (once)
                {
                    o.WriteLine("NOT REGISTERED: " + (client.Machine.Diagnosis.Length > 0 ? client.Machine.Diagnosis : "no answer before the timeout"));
                    return CliApp.Failed;
                }
                bool wasRegistered = client.Machine.State == RegistrationMachine.Registered;
                client.Stop(clock.NowMs, outbox);
                long stopEnd = clock.NowMs + 5000;
                while (client.Machine.State == RegistrationMachine.Unregistering && clock.NowMs < stopEnd)
                {
                    Flush(udp, outbox, sink, clock);
                    Receive();
                    client.Poll(clock.NowMs, outbox);
                    Thread.Sleep(5);
                }
                Flush(udp, outbox, sink, clock);
                o.WriteLine(shown > 0 ? $"RESULT: registered {shown} time(s); {(wasRegistered ? "un-registered" : "not registered at the end: " + client.Machine.Diagnosis)}"
                    : "NOT REGISTERED: " + client.Machine.Diagnosis);
                return shown > 0 ? CliApp.Ok : CliApp.Failed;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }

        private static void Flush(Socket udp, Outbox outbox, ConsoleEventSink sink, HostClock clock)
        {
            for (int i = 0; i < outbox.DatagramCount; i++)
            {
                var d = outbox.DatagramAt(i);
                var a = new byte[4];
                Ip4.Write(a, 0, d.Destination);
                try { udp?.SendTo(d.Payload, new IPEndPoint(new IPAddress(a), d.DestinationPort)); }
                catch (SocketException e) { sink.Event(clock.NowMs, "sip", PhoneAgent.Core.Ports.Level.Warning, "send failed: " + e.Message); }
            }
            sink.Notes(outbox, clock.NowMs);
        }

        /// <summary>The local address the host would use towards the registrar (no packet is sent).</summary>
        private static uint LocalAddressTowards(uint server)
        {
            var a = new byte[4];
            Ip4.Write(a, 0, server);
            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Connect(new IPEndPoint(new IPAddress(a), 9));
            return Ip4.Read(((IPEndPoint)s.LocalEndPoint!).Address.GetAddressBytes(), 0);
        }
    }

    /// <summary>PEM (first block) or DER file contents.</summary>
    internal static class Pem
    {
        public static byte[] ReadDer(string path, TextWriter err)
        {
            if (string.IsNullOrEmpty(path)) { err.WriteLine("error: --cert and --key go together"); return null; }
            byte[] bytes;
            try { bytes = File.ReadAllBytes(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { err.WriteLine($"error: cannot read {path}: {e.Message}"); return null; }
            string text = System.Text.Encoding.ASCII.GetString(bytes);
            if (!text.Contains("-----BEGIN", StringComparison.Ordinal)) return bytes;
            if (!System.Security.Cryptography.PemEncoding.TryFind(text, out var f)) { err.WriteLine($"error: {path}: no PEM block"); return null; }
            return Convert.FromBase64String(text[f.Base64Data]);
        }
    }
}
