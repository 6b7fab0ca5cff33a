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
    /// it renews when the CA offers Renewal. `phoneagent scep renew` renews the installed LSC from
    /// the URL and CA pin recorded at enrollment (or given) and refuses an empty store.
    /// Exit 0 issued and installed, 1 not, 2 bad input.</summary>
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
            var pollFirst = new Option<int>("--poll-first") { Description = "seconds to the first CertPoll after PENDING (doubling)", DefaultValueFactory = _ => 10 };
            var pollMax = new Option<int>("--poll-max") { Description = "largest interval between CertPolls, seconds", DefaultValueFactory = _ => 300 };
            var enroll = new Command("enroll", "Enroll (or renew) the phone's LSC by SCEP and install it in the store")
            {
                url, challenge, fingerprint, store, cn, mac, dns, timeout, pollFirst, pollMax,
            };
            enroll.SetAction(r => Enroll(output, error, r.GetValue(url), r.GetValue(challenge), r.GetValue(fingerprint), r.GetValue(store),
                r.GetValue(cn), r.GetValue(mac), r.GetValue(dns), r.GetValue(timeout), r.GetValue(pollFirst), r.GetValue(pollMax)));

            var rStore = new Option<string>("--store") { Description = "directory of the credential store holding the LSC to renew", Required = true };
            var rUrl = new Option<string>("--url") { Description = "SCEP URL (default: the one the LSC was enrolled from)" };
            var rFingerprint = new Option<string>("--ca-fingerprint") { Description = "sha256:HEX of the CA (default: the one checked at enrollment)" };
            var rChallenge = new Option<string>("--challenge-file") { Description = "challenge password file, for CAs that want it in a RenewalReq too" };
            var rTimeout = new Option<int>("--timeout") { Description = "seconds for the whole renewal", DefaultValueFactory = _ => 60 };
            var rPollFirst = new Option<int>("--poll-first") { Description = "seconds to the first CertPoll after PENDING (doubling)", DefaultValueFactory = _ => 10 };
            var rPollMax = new Option<int>("--poll-max") { Description = "largest interval between CertPolls, seconds", DefaultValueFactory = _ => 300 };
            var renew = new Command("renew", "Renew the LSC in the store (RenewalReq signed with it; subject and SANs kept)")
            {
                rStore, rUrl, rFingerprint, rChallenge, rTimeout, rPollFirst, rPollMax,
            };
            renew.SetAction(r => Renew(output, error, r.GetValue(rStore), r.GetValue(rUrl), r.GetValue(rFingerprint), r.GetValue(rChallenge),
                r.GetValue(rTimeout), r.GetValue(rPollFirst), r.GetValue(rPollMax)));
            return new Command("scep", "LSC enrollment (SCEP, RFC 8894)") { enroll, renew };
        }

        private static int Enroll(TextWriter o, TextWriter err, string url, string challengeFile, string fingerprint, string storeDir,
            string cn, string macText, string dns, int timeoutS, int pollFirst, int pollMax)
        {
            string challenge = ReadChallenge(challengeFile, err);
            if (challenge == null) return CliApp.BadInput;
            byte[] mac = PhoneAgent.Core.Net.Mac.TryParse(macText);
            if (mac == null) { err.WriteLine($"error: --mac '{macText}' is not a MAC address"); return CliApp.BadInput; }
            if (!CheckCommon(err, url, fingerprint, timeoutS, pollFirst, pollMax)) return CliApp.BadInput;
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
                PollFirstSec = pollFirst,
                PollMaxIntervalSec = pollMax,
                PollMaxTotalSec = timeoutS,
            };
            return Drive(o, settings, credentials, timeoutS);
        }

        /// <summary>`scep renew`: the installed LSC signs a RenewalReq for a new key; URL and CA pin
        /// from the options or from what the store recorded at enrollment; subject and SANs kept.</summary>
        private static int Renew(TextWriter o, TextWriter err, string storeDir, string url, string fingerprint, string challengeFile,
            int timeoutS, int pollFirst, int pollMax)
        {
            string challenge = null;
            if (!string.IsNullOrEmpty(challengeFile) && (challenge = ReadChallenge(challengeFile, err)) == null) return CliApp.BadInput;
            if (!Directory.Exists(storeDir)) { err.WriteLine($"error: --store {storeDir}: no such directory (enroll first: phoneagent scep enroll)"); return CliApp.BadInput; }
            var credentials = new CredentialStore(new ImageStore(new DirectoryMedia(storeDir)));
            o.WriteLine(credentials.Status());
            var set = credentials.Load(out string problem);
            var lsc = set == null ? null : PhoneAgent.Core.X509.X509Certificate.TryParse(set.CertificateDer, out problem);
            if (lsc == null)
            {
                o.WriteLine("NOT RENEWED: " + (set == null && problem == null ? $"the store {storeDir} holds no LSC: there is nothing to renew (enroll first: phoneagent scep enroll)"
                    : "the stored LSC is unusable: " + problem));
                return CliApp.Failed;
            }
            string urlFrom = "--url", pinFrom = "--ca-fingerprint";
            if (string.IsNullOrEmpty(url)) { url = set.EnrollUrl; urlFrom = "recorded at enrollment"; }
            if (string.IsNullOrEmpty(fingerprint)) { fingerprint = set.CaFingerprint; pinFrom = "recorded at enrollment"; }
            if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(fingerprint))
            {
                err.WriteLine("error: the store does not record where this LSC came from (enrolled by an older build): give --url and --ca-fingerprint");
                return CliApp.BadInput;
            }
            if (!CheckCommon(err, url, fingerprint, timeoutS, pollFirst, pollMax)) return CliApp.BadInput;
            o.WriteLine($"renewing at {url} ({urlFrom}), CA fingerprint {fingerprint} ({pinFrom}), challenge password {(challenge == null ? "not given" : "from " + challengeFile)}");
            var settings = new ScepSettings
            {
                Url = url,
                CaFingerprint = fingerprint,
                ChallengePassword = challenge,
                SubjectDer = lsc.Subject.Der,
                DnsNames = lsc.DnsNames,
                IpAddresses = lsc.IpAddresses,
                Uris = lsc.UriNames,
                Emails = lsc.EmailAddresses,
                PollFirstSec = pollFirst,
                PollMaxIntervalSec = pollMax,
                PollMaxTotalSec = timeoutS,
            };
            return Drive(o, settings, credentials, timeoutS);
        }

        private static string ReadChallenge(string file, TextWriter err)
        {
            try { return File.ReadAllLines(file) is { Length: > 0 } l ? l[0] : ""; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { err.WriteLine($"error: cannot read {file}: {e.Message}"); return null; }
        }

        private static bool CheckCommon(TextWriter err, string url, string fingerprint, int timeoutS, int pollFirst, int pollMax)
        {
            if (HttpUrl.TryParse(url, out string why) is null) { err.WriteLine($"error: --url: {why}"); return false; }
            try { ScepCaCertificates.CheckPinFormat(fingerprint); }
            catch (ArgumentException e) { err.WriteLine($"error: --ca-fingerprint: {e.Message}"); return false; }
            if (timeoutS < 1 || timeoutS > 3600) { err.WriteLine("error: --timeout must be 1..3600"); return false; }
            if (pollFirst < 1 || pollMax < pollFirst || pollFirst > timeoutS) { err.WriteLine("error: --poll-first must be 1..--poll-max and at most --timeout"); return false; }
            return true;
        }

        /// <summary>The core's machine over the core's HTTP client until issued, failed or timed out.</summary>
        private static int Drive(TextWriter o, ScepSettings settings, CredentialStore credentials, int timeoutS)
        {
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
            string why;
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
                        if (http.Response != null)
                            machine.OnResponse(http.Response.StatusCode, http.Response.Get("Content-Type"), http.Response.Body, clock.NowMs);
                        else machine.OnTransportFailure(http.Reason, clock.NowMs);
                    }
                }
                Thread.Sleep(2);
            }
            sink.Notes(outbox, clock.NowMs);
            if (machine.State == ScepEnrollment.Issued)
            {
                o.WriteLine($"ISSUED ({(machine.IsRenewal ? "renewal" : "enrollment")}): {machine.IssuedCertificate.Describe()}, valid until {PhoneAgent.Core.Asn1.Asn1Time.Format(machine.IssuedCertificate.NotAfter)}" +
                    (machine.Polls > 0 ? $" after {machine.Polls} CertPoll(s)" : ""));
                o.WriteLine(credentials.Status());
                return CliApp.Ok;
            }
            o.WriteLine("NOT ISSUED: " + (machine.Diagnosis.Length > 0 ? machine.Diagnosis : "no result within " + timeoutS + " s (state " + machine.StateName() + ")"));
            return CliApp.Failed;
        }
    }
}
