using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Dns;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sip.Registration
{
    /// <summary>Boot step: SIP registration. The registrar comes from the provisioning record
    /// (DHCP option 120 from the INFORM or the lease, else sip.registrar); a name is resolved
    /// with the DNS servers of the lease (option 6) or net.dns. Done once registered; the
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
        private DnsResolver _dns;
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
                return _dns != null ? _dns.NextDeadlineMs : Deadline.None;
            }
        }

        public override void Start(long nowMs, Outbox outbox)
        {
            string registrar = Registrar(out string source);
            if (registrar.Length == 0)
            {
                SetStatus(Failed, "no SIP registrar: DHCP option 120 gave none and sip.registrar is empty");
                return;
            }
            string host = Host(registrar, out int port);
            _registrarName = host;
            if (_settings.Domain == null || _settings.Domain.Length == 0) _settings.Domain = host;
            if (_settings.ServerPorts.Length == 0) _settings.ServerPorts = new int[] { port > 0 ? port : _settings.Transport == RegistrationSettings.Tls ? 5061 : 5060 };
            if (_settings.ServerName == null) _settings.ServerName = _settings.Domain;
            uint literal;
            if (Ip4.TryParse(host, out literal))
            {
                outbox.Note(RegistrationClient.Source, Level.Info, "registrar " + registrar + " (from " + source + ")");
                Begin(literal, nowMs, outbox);
                return;
            }
            uint[] servers = _address.Lease != null && _address.Lease.DnsServers.Length > 0 ? _address.Lease.DnsServers
                : _configuredDns != 0 ? new uint[] { _configuredDns } : new uint[0];
            outbox.Note(RegistrationClient.Source, Level.Info, "registrar " + registrar + " (from " + source + "); resolving " + host);
            SetStatus(Running, "resolving " + host);
            _dns = new DnsResolver(servers, DnsPort, _random);
            _dns.Start(nowMs, host, DnsMessage.TypeA, outbox);
            CheckDns(nowMs, outbox);
        }

        public override void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            if (_client == null && _dns != null && localPort == DnsPort)
            {
                _dns.OnDatagram(source, sourcePort, data, count);
                CheckDns(nowMs, outbox);
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
            if (_client == null && _dns != null)
            {
                _dns.Poll(nowMs, outbox);
                CheckDns(nowMs, outbox);
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

        private void CheckDns(long nowMs, Outbox outbox)
        {
            if (_dns.State == DnsResolver.Answered) Begin(_dns.Addresses[0], nowMs, outbox);
            else if (_dns.State == DnsResolver.Failed) SetStatus(Failed, "cannot resolve the registrar " + _registrarName + ": " + _dns.Reason);
        }

        private void Begin(uint server, long nowMs, Outbox outbox)
        {
            _settings.ServerAddresses = new uint[] { server };
            _settings.LocalAddress = _address.Address;
            string problem = _settings.Check();
            if (problem != null)
            {
                SetStatus(Failed, "SIP settings: " + problem);
                return;
            }
            if (_settings.Transport == RegistrationSettings.Tls) PresentLsc(outbox);
            _client = new RegistrationClient(_settings, _random, _tcp, _tls);
            SetStatus(Running, "registering " + _settings.User + "@" + _settings.Domain + " with " + Ip4.Format(server));
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

        /// <summary>The registrar and where it came from: INFORM/lease option 120, else the configuration.</summary>
        private string Registrar(out string source)
        {
            if (_inform != null && _inform.Provisioning != null && _inform.Provisioning.HasSipServers)
            {
                source = _inform.Provisioning.SipServersSource;
                return _inform.Provisioning.SipServers[0];
            }
            DhcpLease lease = _address.Lease;
            if (lease != null && lease.SipServers != null)
            {
                SipServersOption o;
                string why;
                if (SipServersOption.TryDecode(lease.SipServers, out o, out why) && o.Count > 0)
                {
                    source = "DHCP option 120 in the lease";
                    return o.Encoding == SipServersOption.EncodingNames ? o.Names[0] : Ip4.Format(o.Addresses[0]);
                }
            }
            source = "configuration key sip.registrar";
            return _configuredRegistrar;
        }

        /// <summary>Host and port (0: default) of "sip:host[:port][;params]", "host:port" or "host",
        /// read with the codec's SIP URI parser; the text itself when it is no SIP URI.</summary>
        private static string Host(string registrar, out int port)
        {
            port = 0;
            string text = registrar.IndexOf("sip:") == 0 || registrar.IndexOf("sips:") == 0 ? registrar : "sip:" + registrar;
            string why;
            SipUri uri = SipUri.TryParse(text, out why);
            if (uri == null) return registrar;
            if (uri.Port > 0) port = uri.Port;
            return uri.Host;
        }
    }
}
