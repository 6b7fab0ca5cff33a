using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Dns;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sip.Registration
{
    /// <summary>Boot step: SIP registration. The registrars come from the provisioning record
    /// (every server DHCP option 120 lists, from the INFORM or the lease, else sip.registrar);
    /// RegistrarLocator turns them into addresses (RFC 3263 §4.2: SRV, then A) with the DNS
    /// servers of the lease (option 6) or net.dns, and the registration fails over across them
    /// in that order. Done once registered; the
    /// registration then keeps refreshing while the phone runs, and Stop un-registers.
    /// Over UDP in the boot sequence (TCP and TLS need a stream port the platform hands in).</summary>
    public sealed class SipStep : BootStep
    {
        public const int DnsPort = 5353;

        private readonly IAddressSource _address;
        private readonly InformStep _inform;
        private readonly string _configuredRegistrar;
        private readonly uint _configuredDns;
        private readonly RegistrationSettings _settings;
        private readonly IRandom _random;
        private readonly IStreamConnector _tcp;
        private readonly ITlsPort _tls;
        private RegistrarLocator _locator;
        private Credentials.CredentialStore _identityStore;
        private IWallClock _wall;
        private string _registrarName;
        private RegistrationClient _client;
        private int _shown;

        public SipStep(IAddressSource address, InformStep inform, string configuredRegistrar, uint configuredDns,
            RegistrationSettings settings, IRandom random, IStreamConnector tcp, ITlsPort tls)
        {
            if (address == null || settings == null || random == null) throw new System.ArgumentNullException(address == null ? "address" : settings == null ? "settings" : "random");
            _address = address;
            _inform = inform;
            _configuredRegistrar = configuredRegistrar ?? "";
            _configuredDns = configuredDns;
            _settings = settings;
            _random = random;
            _tcp = tcp;
            _tls = tls;
        }

        /// <summary>Over TLS, present the LSC of this store as the client certificate (mutual TLS),
        /// read when registration begins, so an LSC the SCEP step just installed is the one used.
        /// A certificate set in the settings takes precedence.</summary>
        public void UseClientIdentity(Credentials.CredentialStore store, IWallClock wall)
        {
            _identityStore = store;
            _wall = wall;
        }

        public override string Name { get { return "sip"; } }
        public RegistrationClient Client { get { return _client; } }

        public override string DisplayLine
        {
            get
            {
                if (_client != null && _client.Machine.State == RegistrationMachine.Registered) return "SIP: " + _settings.User + " reg";
                if (Status == Failed) return "SIP: FAILED";
                return "SIP: registering";
            }
        }

        public override long NextDeadlineMs
        {
            get
            {
                if (_client != null) return _client.NextDeadlineMs;
                return _locator != null ? _locator.NextDeadlineMs : Deadline.None;
            }
        }

        public override void Start(long nowMs, Outbox outbox)
        {
            string source;
            string[] registrars = Registrars(out source);
            if (registrars.Length == 0)
            {
                SetStatus(Failed, "no SIP registrar: DHCP option 120 gave none and sip.registrar is empty");
                return;
            }
            int port;
            string host = RegistrarLocator.Host(registrars[0], out port);
            _registrarName = host;
            if (_settings.Domain == null || _settings.Domain.Length == 0) _settings.Domain = host;
            // RFC 5922 §4: the registrar's certificate must carry the SIP domain, not the SRV target.
            if (_settings.ServerName == null) _settings.ServerName = _settings.Domain;
            string list = registrars[0];
            for (int i = 1; i < registrars.Length; i++) list += ", " + registrars[i];
            outbox.Note(RegistrationClient.Source, Level.Info, "registrar " + list + " (from " + source + ")");
            uint[] servers = _address.Lease != null && _address.Lease.DnsServers.Length > 0 ? _address.Lease.DnsServers
                : _configuredDns != 0 ? new uint[] { _configuredDns } : new uint[0];
            _locator = new RegistrarLocator(servers, DnsPort, _settings.Transport, _random);
            SetStatus(Running, "locating " + host);
            _locator.Start(nowMs, registrars, outbox);
            CheckLocator(nowMs, outbox);
        }

        public override void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            if (_client == null && _locator != null && localPort == DnsPort)
            {
                _locator.OnDatagram(source, sourcePort, data, count, nowMs, outbox);
                CheckLocator(nowMs, outbox);
                return;
            }
            if (_client != null && localPort == _settings.LocalPort)
            {
                _client.OnDatagram(source, sourcePort, data, count, nowMs, outbox);
                Check();
            }
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            if (_client == null && _locator != null)
            {
                _locator.Poll(nowMs, outbox);
                CheckLocator(nowMs, outbox);
                return;
            }
            if (_client == null) return;
            _client.Poll(nowMs, outbox);
            Check();
        }

        public override void Stop(long nowMs, Outbox outbox)
        {
            if (_client != null) _client.Stop(nowMs, outbox);
        }

        public override bool Stopping { get { return _client != null && _client.Machine.State == RegistrationMachine.Unregistering; } }

        private void CheckLocator(long nowMs, Outbox outbox)
        {
            if (_client != null) return;
            if (_locator.State == RegistrarLocator.Done) Begin(_locator.Addresses, _locator.Ports, nowMs, outbox);
            else if (_locator.State == RegistrarLocator.Failed) SetStatus(Failed, "cannot locate the registrar " + _registrarName + ": " + _locator.Reason);
        }

        private void Begin(uint[] servers, int[] ports, long nowMs, Outbox outbox)
        {
            _settings.ServerAddresses = servers;
            _settings.ServerPorts = ports;
            _settings.LocalAddress = _address.Address;
            string problem = _settings.Check();
            if (problem != null)
            {
                SetStatus(Failed, "SIP settings: " + problem);
                return;
            }
            if (_settings.Transport == RegistrationSettings.Tls) PresentLsc(outbox);
            _client = new RegistrationClient(_settings, _random, _tcp, _tls);
            SetStatus(Running, "registering " + _settings.User + "@" + _settings.Domain + " with " + Ip4.Format(servers[0]) + ":" + ports[0].ToString() +
                (servers.Length > 1 ? " (then " + (servers.Length - 1).ToString() + " more)" : ""));
            _client.Start(nowMs, outbox);
            Check();
        }

        private void PresentLsc(Outbox outbox)
        {
            if (_identityStore == null || _settings.ClientCertificateDer != null) return;
            string why;
            Credentials.TlsClientIdentity id = _identityStore.ClientIdentity(_wall != null && _wall.IsSet ? _wall.UnixSeconds : 0, out why);
            if (id == null)
            {
                outbox.Note(RegistrationClient.Source, Level.Info, "no client certificate for mutual TLS: " + why);
                return;
            }
            _settings.ClientCertificateDer = id.CertificateDer;
            _settings.ClientKeyDer = id.PrivateKeyDer;
            outbox.Note(RegistrationClient.Source, Level.Info, "mutual TLS: presenting the LSC " + id.Certificate.Describe());
        }

        private void Check()
        {
            RegistrationMachine m = _client.Machine;
            if (_client.Registrations > _shown && m.State == RegistrationMachine.Registered)
            {
                _shown = _client.Registrations;
                SetStatus(Done, "registered as " + _settings.User + "@" + _settings.Domain + " with " + m.Server + " for " + m.Granted.ToString() + " s");
            }
            else if (m.State == RegistrationMachine.Stopped && Status != Failed) SetStatus(Failed, m.Diagnosis);
            else if (m.State == RegistrationMachine.Waiting && Status == Running) SetStatus(Warning, "not registered yet: " + m.Diagnosis);
        }

        /// <summary>The registrar entries in failover order and where they came from: INFORM or
        /// lease option 120 (every server it lists), else the configuration.</summary>
        private string[] Registrars(out string source)
        {
            if (_inform != null && _inform.Provisioning != null && _inform.Provisioning.HasSipServers)
            {
                source = _inform.Provisioning.SipServersSource;
                return _inform.Provisioning.SipServers;
            }
            DhcpLease lease = _address.Lease;
            if (lease != null && lease.SipServers != null)
            {
                SipServersOption o;
                string why;
                if (SipServersOption.TryDecode(lease.SipServers, out o, out why) && o.Count > 0)
                {
                    source = "DHCP option 120 in the lease";
                    string[] r = new string[o.Count];
                    for (int i = 0; i < r.Length; i++) r[i] = o.Encoding == SipServersOption.EncodingNames ? o.Names[i] : Ip4.Format(o.Addresses[i]);
                    return r;
                }
            }
            source = "configuration key sip.registrar";
            return _configuredRegistrar.Length > 0 ? new string[] { _configuredRegistrar } : new string[0];
        }
    }
}
