using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.X509;
using PhoneAgent.Hardware.Emulated.Flash;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent scep enroll`: the core's SCEP enrollment (ScepEnrollment) over the
    /// core's HTTP client (HttpFetch on a host socket), into a credential store in a directory
    /// (the same crash-safe image the device keeps in flash). With an LSC already in the store
    /// it renews when the CA offers Renewal. Exit 0 issued and installed, 1 not, 2 bad input.</summary>
    public static class ScepCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var url = new Option<string>("--url") { Description = "SCEP URL, e.g. http://10.77.0.1:2016/scep", Required = true };
            var challenge = new Option<string>("--challenge-file") { Description = "file whose first line is the challenge password", Required = true };
            var fingerprint = new Option<string>("--ca-fingerprint") { Description = "sha256:HEX or sha1:HEX of the CA certificate (checked before anything is sent)", Required = true };
            var store = new Option<string>("--store") { Description = "directory of the credential store", Required = true };
            var cn = new Option<string>("--cn") { Description = "subject common name (default: SEP + the MAC)", DefaultValueFactory = _ => "" };
            var mac = new Option<string>("--mac") { Description = "the phone's MAC (subject and URN SAN)", DefaultValueFactory = _ => "02:00:5e:10:00:01" };
            var dns = new Option<string>("--dns") { Description = "a DNS subjectAltName" };
            var timeout = new Option<int>("--timeout") { Description = "seconds for the whole enrollment", DefaultValueFactory = _ => 60 };
            var enroll = new Command("enroll", "Enroll (or renew) the phone's LSC by SCEP and install it in the store")
            {
                url, challenge, fingerprint, store, cn, mac, dns, timeout,
            };
            enroll.SetAction(r => Enroll(output, error, r.GetValue(url), r.GetValue(challenge), r.GetValue(fingerprint), r.GetValue(store),
                r.GetValue(cn), r.GetValue(mac), r.GetValue(dns), r.GetValue(timeout)));
            return new Command("scep", "LSC enrollment (SCEP, RFC 8894)") { enroll };
        }

        private static int Enroll(TextWriter o, TextWriter err, string url, string challengeFile, string fingerprint, string storeDir,
            string cn, string macText, string dns, int timeoutS)
        {
            string challenge;
            try { challenge = File.ReadAllLines(challengeFile) is { Length: > 0 } l ? l[0] : ""; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { err.WriteLine($"error: cannot read {challengeFile}: {e.Message}"); return CliApp.BadInput; }
            byte[] mac = PhoneAgent.Core.Net.Mac.TryParse(macText);
            if (mac == null) { err.WriteLine($"error: --mac '{macText}' is not a MAC address"); return CliApp.BadInput; }
            if (HttpUrl.TryParse(url, out string why) is null) { err.WriteLine($"error: --url: {why}"); return CliApp.BadInput; }
            if (timeoutS < 1 || timeoutS > 3600) { err.WriteLine("error: --timeout must be 1..3600"); return CliApp.BadInput; }
            if (string.IsNullOrEmpty(cn)) cn = "SEP" + Convert.ToHexString(mac);

            Directory.CreateDirectory(storeDir);
            var credentials = new CredentialStore(new ImageStore(new DirectoryMedia(storeDir)));
            o.WriteLine(credentials.Status());
            var settings = new ScepSettings
            {
                Url = url,
                CaFingerprint = fingerprint,
                ChallengePassword = challenge,
                SubjectDer = new X509NameBuilder().Add(X509NameBuilder.OidCommonName, cn).ToDer(),
                DnsNames = string.IsNullOrEmpty(dns) ? new string[0] : new[] { dns },
                Uris = new[] { X509Encoding.MacUrn(mac) },
            };
            var clock = new HostClock();
            var outbox = new Outbox();
            var sink = new ConsoleEventSink(o, false);
            var random = new HostRandom();
            var machine = new ScepEnrollment(settings, credentials, random, outbox);
            o.WriteLine("generating an RSA-2048 key (FIPS 186-5 A.1.3) ...");
            var key = ScepKeyPair.From(RsaKeyGenerator.Generate(2048, random));
            machine.Start(key, clock.NowMs, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var http = new HttpFetch(new HostStreamConnector(), new HostResolver());
            var resolver = new HostResolver();
            long end = clock.NowMs + timeoutS * 1000L;
            bool fetching = false;
            while (!machine.Done && clock.NowMs < end)
            {
                sink.Notes(outbox, clock.NowMs);
                if (!fetching)
                {
                    var req = machine.TakePending();
                    if (req != null)
                    {
                        var u = HttpUrl.TryParse(req.Url, out why);
                        uint address = 0;
                        if (u == null || (!u.HostIsAddress && !resolver.TryResolve(u.Host, out address)))
                        {
                            machine.OnTransportFailure(u == null ? why : "cannot resolve " + u.Host, clock.NowMs);
                            continue;
                        }
                        if (u.HostIsAddress) address = u.Address;
                        o.WriteLine($"  {req.Method} {req.Operation}");
                        if (req.Method == ScepHttpRequest.Post) http.StartPost(u, address, req.ContentType, req.Body, req.MaxResponseBytes, 10000, clock.NowMs, outbox);
                        else http.StartGet(u, address, req.MaxResponseBytes, 10000, clock.NowMs, outbox);
                        fetching = true;
                    }
                    else if (machine.NextDeadlineMs <= clock.NowMs) machine.OnDeadline(clock.NowMs);
                }
                if (fetching)
                {
                    http.Poll(clock.NowMs, outbox);
                    if (!http.Busy)
                    {
                        fetching = false;
                        if (http.State == HttpFetch.Done)
                            machine.OnResponse(http.Response.StatusCode, http.Response.Get("Content-Type"), http.Response.Body, clock.NowMs);
                        else machine.OnTransportFailure(http.Reason, clock.NowMs);
                    }
                }
                Thread.Sleep(2);
            }
            sink.Notes(outbox, clock.NowMs);
            if (machine.State == ScepEnrollment.Issued)
            {
                o.WriteLine($"ISSUED ({(machine.IsRenewal ? "renewal" : "enrollment")}): {machine.IssuedCertificate.Describe()}, valid until {PhoneAgent.Core.Asn1.Asn1Time.Format(machine.IssuedCertificate.NotAfter)}");
                o.WriteLine(credentials.Status());
                return CliApp.Ok;
            }
            o.WriteLine("NOT ISSUED: " + (machine.Diagnosis.Length > 0 ? machine.Diagnosis : "no result within " + timeoutS + " s (state " + machine.StateName() + ")"));
            return CliApp.Failed;
        }
    }
}
