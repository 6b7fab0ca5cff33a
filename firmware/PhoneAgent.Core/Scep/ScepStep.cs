using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Dns;
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Scep
{
    /// <summary>Boot step after SNTP and before SIP: the phone's LSC. An installed LSC that is
    /// valid and not yet in its renewal share (scep.renewShare) is kept: Done "LSC: Installed".
    /// Otherwise the step enrolls (no LSC) or renews (LSC due) with the SCEP machine
    /// (ScepEnrollment, RFC 8894) over the core's HTTP client (HttpFetch) on the platform's
    /// stream port, the server's name resolved with the lease's DNS servers. A failure is a
    /// Warning with the diagnosis and the phone continues without a (new) LSC; PENDING is a
    /// Warning too and the CertPolls go on after the boot (RFC 8894 §3.3.3), installing the
    /// LSC when the CA approves. Once done the step keeps a deadline at the renewal time and
    /// renews then. Secrets (the challenge, the key) never reach a note or a summary.</summary>
    public sealed class ScepStep : BootStep
    {
        public const int KeyBits = 2048;
        public const int DnsPort = 5354;
        /// <summary>Per HTTP request (GetCACaps, GetCACert, PKIOperation).</summary>
        public const int HttpTimeoutMs = 15000;
        /// <summary>How often an open HTTP exchange is polled for bytes (streams raise no events).</summary>
        public const int StreamPollMs = 10;
        /// <summary>The renewal time is checked again at least this often (the wall clock may be corrected).</summary>
        public const long RecheckMs = 24L * 3600 * 1000;
        /// <summary>Never sooner than this after a check: a CA that issues certificates already in
        /// their renewal share must not be asked again every second.</summary>
        public const long MinRecheckMs = 3600L * 1000;

        private readonly ScepSettings _settings;
        private readonly string _settingsProblem;
        private readonly int _renewPercent;
        private readonly CredentialStore _store;
        private readonly IAddressSource _address;
        private readonly uint _configuredDns;
        private readonly IWallClock _wall;
        private readonly IStreamConnector _streams;
        private readonly IRandom _random;
        private readonly IKeyPairSource _keys;

        private Outbox _out;
        private ScepEnrollment _machine;
        private HttpFetch _fetch;
        private DnsResolver _dns;
        private uint _server;
        private HttpUrl _url;
        private long _lastPollMs;
        private bool _inFlight;     // an HTTP exchange started and not yet handed to the machine
        private long _recheckMs = Deadline.None;
        private bool _installed;
        private bool _renewing;
        private int _enrollments;
        private string _display = "LSC: checking";

        /// <param name="settings">from ScepConfig.Settings; null when scep.url is not configured (an
        /// installed LSC is then only reported and checked)</param>
        /// <param name="settingsProblem">why settings is null, for the summary</param>
        /// <param name="renewPercent">renew when this percentage of the validity remains (1..99)</param>
        public ScepStep(ScepSettings settings, string settingsProblem, int renewPercent, CredentialStore store, IAddressSource address,
            uint configuredDns, IWallClock wall, IStreamConnector streams, IRandom random, IKeyPairSource keys)
        {
            if (store == null || address == null || wall == null || random == null || keys == null)
                throw new System.ArgumentNullException(store == null ? "store" : address == null ? "address" : wall == null ? "wall" : random == null ? "random" : "keys");
            if (renewPercent < 1 || renewPercent > 99) throw new System.ArgumentException("renewPercent must be 1..99");
            _settings = settings;
            _settingsProblem = settingsProblem ?? "scep.url is not set";
            _renewPercent = renewPercent;
            _store = store;
            _address = address;
            _configuredDns = configuredDns;
            _wall = wall;
            _streams = streams;
            _random = random;
            _keys = keys;
        }

        public override string Name { get { return "scep"; } }

        /// <summary>"LSC: Installed", "LSC: Not installed", "LSC: enrolling", "LSC: pending", ...</summary>
        public override string DisplayLine { get { return _display; } }

        public ScepEnrollment Enrollment { get { return _machine; } }
        /// <summary>Enrollments and renewals completed since boot.</summary>
        public int Enrollments { get { return _enrollments; } }
        public CredentialStore Store { get { return _store; } }

        public override long NextDeadlineMs
        {
            get
            {
                if (_inFlight) return Deadline.Min(_fetch.NextDeadlineMs, _lastPollMs + StreamPollMs);
                if (_dns != null && _dns.State == DnsResolver.Asking) return _dns.NextDeadlineMs;
                if (_machine != null && !_machine.Done) return _machine.HasPending ? _lastPollMs + StreamPollMs : _machine.NextDeadlineMs;
                return _recheckMs;
            }
        }

        public override void Start(long nowMs, Outbox outbox)
        {
            _out = outbox;
            Check(nowMs);
        }

        public override void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            if (localPort != DnsPort || _dns == null || _dns.State != DnsResolver.Asking) return;
            _dns.OnDatagram(source, sourcePort, data, count);
            Pump(nowMs);
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            if (_machine != null && !_machine.Done)
            {
                if (_dns != null && _dns.State == DnsResolver.Asking) _dns.Poll(nowMs, _out);
                if (!_machine.HasPending && (_fetch == null || !_fetch.Busy)) _machine.OnDeadline(nowMs);
                Pump(nowMs);
                return;
            }
            if (nowMs >= _recheckMs)
            {
                _recheckMs = Deadline.None;
                Check(nowMs);
            }
        }

        public override void Stop(long nowMs, Outbox outbox)
        {
            if (_fetch != null && _fetch.Busy) _fetch.Abort();
            _recheckMs = Deadline.None;
        }

        // ---- the decision --------------------------------------------------------------------

        /// <summary>Keep the installed LSC, or enroll/renew.</summary>
        private void Check(long nowMs)
        {
            string problem;
            CredentialSet set = _store.Load(out problem);
            X509Certificate lsc = null;
            if (set != null)
            {
                string why;
                lsc = X509Certificate.TryParse(set.CertificateDer, out why);
                if (lsc == null) problem = "the installed LSC does not parse (" + why + ")";
            }
            _installed = lsc != null;
            if (!_wall.IsSet)
            {
                // Without the time neither validity nor renewal can be judged, and a CA refuses a
                // request whose self-signed certificate is dated 1970 (badTime).
                Finish(Warning, lsc != null
                    ? "LSC: Installed (" + lsc.Describe() + ", expires " + Asn1.Asn1Time.Format(lsc.NotAfter) + "), but the clock is not set: validity and renewal not checked"
                    : "LSC: Not installed; enrollment needs the time, which SNTP did not provide");
                return;
            }
            long nowUnix = _wall.UnixSeconds;
            if (lsc != null && !CredentialStore.NeedsRenewal(lsc, nowUnix, _renewPercent))
            {
                long due = CredentialStore.RenewalDueAt(lsc, _renewPercent);
                Finish(Done, "LSC: Installed (" + lsc.Describe() + ", expires " + Asn1.Asn1Time.Format(lsc.NotAfter) + "; renewal from " + Asn1.Asn1Time.Format(due) + ")");
                ScheduleRecheck(nowMs, nowUnix, due);
                return;
            }
            if (_settings == null)
            {
                Finish(Warning, lsc == null ? "LSC: Not installed (" + (problem ?? _settingsProblem) + ")"
                    : "LSC: Installed (" + lsc.Describe() + ") " + (nowUnix > lsc.NotAfter ? "EXPIRED on " : "due for renewal, expires ") +
                      Asn1.Asn1Time.Format(lsc.NotAfter) + ", but it cannot be renewed: " + _settingsProblem);
                return;
            }
            if (problem != null) _out.Note(ScepEnrollment.Source, Level.Warning, problem + ": enrolling anew");
            Begin(nowMs, nowUnix, lsc);
        }

        private void Begin(long nowMs, long nowUnix, X509Certificate lsc)
        {
            _renewing = lsc != null;
            string why = _renewing
                ? "renewing the LSC " + lsc.Describe() + " (" + (nowUnix > lsc.NotAfter ? "expired " : "expires ") + Asn1.Asn1Time.Format(lsc.NotAfter) + ", renewal share " + _renewPercent.ToString() + " %)"
                : "no LSC installed: enrolling";
            _out.Note(ScepEnrollment.Source, Level.Info, why + " at " + _settings.Url + "; generating an RSA-" + KeyBits.ToString() + " key");
            string problem;
            _url = HttpUrl.TryParse(_settings.Url, out problem);
            if (_url == null) { Finish(Warning, Prefix() + "scep.url: " + problem); return; }
            if (_streams == null) { Finish(Warning, Prefix() + "this platform gives the agent no TCP connections for HTTP"); return; }
            ScepKeyPair key;
            try { key = _keys.NewKeyPair(KeyBits); }
            catch (System.InvalidOperationException e) { Finish(Warning, Prefix() + "key generation failed: " + e.Message); return; }
            try { _machine = new ScepEnrollment(_settings, _store, _random, _out); }
            catch (System.ArgumentException e) { Finish(Warning, Prefix() + "SCEP settings: " + e.Message); return; }
            _fetch = new HttpFetch(_streams, null);
            _display = _renewing ? "LSC: renewing" : "LSC: enrolling";
            SetStatus(Running, why + " at " + _settings.Url);
            _lastPollMs = nowMs;
            _machine.Start(key, nowMs, nowUnix);
            Pump(nowMs);
        }

        // ---- the transport: HTTP requests of the machine -----------------------------------------

        private void Pump(long nowMs)
        {
            _lastPollMs = nowMs;
            // Bounded: each pass completes at most one exchange or starts one.
            for (int guard = 0; guard < 6 && _machine != null && !_machine.Done; guard++)
            {
                if (_inFlight)
                {
                    if (_fetch.Busy) _fetch.Poll(nowMs, _out);
                    if (_fetch.Busy) break;
                    _inFlight = false;
                    if (_fetch.State == HttpFetch.Done)
                        _machine.OnResponse(_fetch.Response.StatusCode, _fetch.Response.Get("Content-Type"), _fetch.Response.Body, nowMs);
                    else if (_fetch.Response != null)
                        _machine.OnResponse(_fetch.Response.StatusCode, _fetch.Response.Get("Content-Type"), _fetch.Response.Body, nowMs);
                    else _machine.OnTransportFailure(_fetch.Reason, nowMs);
                    continue;
                }
                if (!_machine.HasPending) break;
                if (_server == 0 && !Locate(nowMs)) break;
                ScepHttpRequest r = _machine.TakePending();
                string why;
                HttpUrl u = HttpUrl.TryParse(r.Url, out why);
                if (u == null) { _machine.OnTransportFailure("the request URL is unusable: " + why, nowMs); continue; }
                if (r.Method == ScepHttpRequest.Post) _fetch.StartPost(u, _server, r.ContentType, r.Body, r.MaxResponseBytes, HttpTimeoutMs, nowMs, _out);
                else _fetch.StartGet(u, _server, r.MaxResponseBytes, HttpTimeoutMs, nowMs, _out);
                _inFlight = true;   // may already be answered (or failed) within the Start
            }
            Report(nowMs);
        }

        /// <summary>The server's address: the URL's literal, or DNS (asynchronous: false until answered).</summary>
        private bool Locate(long nowMs)
        {
            if (_url.HostIsAddress) { _server = _url.Address; return true; }
            if (_dns == null)
            {
                uint[] servers = _address.Lease != null && _address.Lease.DnsServers.Length > 0 ? _address.Lease.DnsServers
                    : _configuredDns != 0 ? new uint[] { _configuredDns } : new uint[0];
                _out.Note(ScepEnrollment.Source, Level.Info, "resolving " + _url.Host + (servers.Length > 0 ? " with " + Ip4.FormatList(servers) : ""));
                _dns = new DnsResolver(servers, DnsPort, _random);
                _dns.Start(nowMs, _url.Host, DnsMessage.TypeA, _out);
            }
            if (_dns.State == DnsResolver.Answered)
            {
                _server = _dns.Addresses[0];
                _out.Note(ScepEnrollment.Source, Level.Info, _url.Host + " is " + Ip4.Format(_server));
                return true;
            }
            if (_dns.State == DnsResolver.Failed)
            {
                _machine.TakePending();
                _machine.OnTransportFailure("cannot resolve " + _url.Host + ": " + _dns.Reason, nowMs);
            }
            return false;
        }

        // ---- results -----------------------------------------------------------------------

        private void Report(long nowMs)
        {
            if (_machine == null) return;
            if (_machine.State == ScepEnrollment.Issued && Status != Done)
            {
                X509Certificate c = _machine.IssuedCertificate;
                _installed = true;
                _enrollments++;
                long due = CredentialStore.RenewalDueAt(c, _renewPercent);
                Finish(Done, "LSC: Installed (" + (_renewing ? "renewed" : "enrolled") + " " + c.Describe() + ", expires " + Asn1.Asn1Time.Format(c.NotAfter) +
                    "; renewal from " + Asn1.Asn1Time.Format(due) + (_machine.Polls > 0 ? "; issued after " + _machine.Polls.ToString() + " CertPoll(s)" : "") + ")");
                if (_wall.IsSet) ScheduleRecheck(nowMs, _wall.UnixSeconds, due);
                _machine = null;
                return;
            }
            if (_machine.State == ScepEnrollment.Failed)
            {
                string why = _machine.Diagnosis;
                _machine = null;
                Finish(Warning, Prefix() + why);
                return;
            }
            if (_machine.State == ScepEnrollment.Pending && Status == Running)
            {
                // RFC 8894 §3.3.3: the CA holds the request for an administrator. The phone goes on
                // (registering without an LSC, or with the old one) and keeps polling.
                _display = "LSC: pending";
                SetStatus(Warning, "CertRep PENDING: the CA holds the request (transactionID " + _machine.TransactionId + ") for approval; polling, next CertPoll in " +
                    ((_machine.NextDeadlineMs - nowMs + 999) / 1000).ToString() + " s" + (_installed ? "; the installed LSC stays in use" : "; the phone goes on without an LSC"));
            }
        }

        private string Prefix()
        {
            return _installed ? "LSC: Installed, but the renewal failed: " : "LSC: Not installed: ";
        }

        private void Finish(int status, string summary)
        {
            _inFlight = false;
            _display = _installed ? "LSC: Installed" : "LSC: Not installed";
            if (_fetch != null && _fetch.Busy) _fetch.Abort();
            _dns = null;
            SetStatus(status, summary);
        }

        /// <summary>A deadline at the renewal time (or in RecheckMs, whichever is first).</summary>
        private void ScheduleRecheck(long nowMs, long nowUnix, long dueUnix)
        {
            long inMs = (dueUnix - nowUnix) * 1000L;
            if (inMs < MinRecheckMs) inMs = MinRecheckMs;
            if (inMs > RecheckMs) inMs = RecheckMs;
            _recheckMs = nowMs + inMs;
        }
    }
}
