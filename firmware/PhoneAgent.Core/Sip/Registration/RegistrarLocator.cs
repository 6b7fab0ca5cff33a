using System.Collections;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Dns;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sip.Registration
{
    /// <summary>Turns the registrar entries (DHCP option 120 names or addresses, or sip.registrar)
    /// into the addresses and ports to try, in order, as RFC 3263 §4.2 says for a client that
    /// knows its transport: an IP address is used as it is (port given or default); a name with
    /// a port is looked up as A records; a name without one first as SRV
    /// (_sip._udp / _sip._tcp / _sips._tcp, RFC 2782 order), each target then by the reply's
    /// additional A record or its own A query; no SRV record means the name's A records on the
    /// default port. One DNS question at a time; at most MaxServers results.</summary>
    public sealed class RegistrarLocator
    {
        public const string Source = RegistrationMachine.Source;
        public const int MaxServers = 8;
        public const int MaxEntries = 8;

        public const int Idle = 0;
        public const int Resolving = 1;
        public const int Done = 2;
        public const int Failed = 3;

        private const int KindSrv = 0;      // SRV for an entry without a port
        private const int KindA = 1;        // A for an entry with a port, or after no SRV
        private const int KindTarget = 2;   // A for an SRV target
        private const int KindKnown = 3;    // an SRV target whose A record came with the SRV reply

        private sealed class Lookup
        {
            public string Entry;     // the registrar entry as configured, for notes
            public string Name;
            public int Kind;
            public int Port;
            public uint Address;     // KindKnown
        }

        private readonly DnsResolver _dns;
        private readonly string _transport;
        private readonly ArrayList _queue = new ArrayList();
        private readonly ArrayList _addresses = new ArrayList();
        private readonly ArrayList _ports = new ArrayList();
        private readonly ArrayList _problems = new ArrayList();
        private Lookup _current;
        private int _state = Idle;
        private string _reason = "";

        public RegistrarLocator(uint[] dnsServers, int localPort, string transport, IRandom random)
        {
            _dns = new DnsResolver(dnsServers, localPort, random);
            _transport = transport ?? RegistrationSettings.Udp;
        }

        public int State { get { return _state; } }
        /// <summary>Why no server was found ("" unless Failed).</summary>
        public string Reason { get { return _reason; } }
        public long NextDeadlineMs { get { return _state == Resolving ? _dns.NextDeadlineMs : Deadline.None; } }

        public uint[] Addresses
        {
            get
            {
                uint[] a = new uint[_addresses.Count];
                for (int i = 0; i < a.Length; i++) a[i] = (uint)_addresses[i];
                return a;
            }
        }

        public int[] Ports
        {
            get
            {
                int[] p = new int[_ports.Count];
                for (int i = 0; i < p.Length; i++) p[i] = (int)_ports[i];
                return p;
            }
        }

        public int DefaultPort { get { return _transport == RegistrationSettings.Tls ? 5061 : 5060; } }

        /// <summary>The SRV owner name for this transport (RFC 3263 §4.2, RFC 5630 for sips).</summary>
        public string SrvName(string host)
        {
            if (_transport == RegistrationSettings.Tls) return "_sips._tcp." + host;
            return (_transport == RegistrationSettings.Tcp ? "_sip._tcp." : "_sip._udp.") + host;
        }

        public void Start(long nowMs, string[] entries, Outbox output)
        {
            _queue.Clear();
            _addresses.Clear();
            _ports.Clear();
            _problems.Clear();
            _current = null;
            _state = Resolving;
            int n = entries == null ? 0 : entries.Length;
            if (n > MaxEntries)
            {
                output.Note(Source, Level.Warning, n.ToString() + " registrar entries; using the first " + MaxEntries.ToString());
                n = MaxEntries;
            }
            for (int i = 0; i < n; i++)
            {
                string entry = entries[i];
                if (entry == null || entry.Length == 0) continue;
                int port;
                string host = Host(entry, out port);
                uint literal;
                if (Ip4.TryParse(host, out literal)) Add(literal, port > 0 ? port : DefaultPort);
                else if (port > 0) _queue.Add(NewLookup(entry, host, KindA, port));
                else _queue.Add(NewLookup(entry, host, KindSrv, 0));
            }
            Next(nowMs, output);
        }

        public void OnDatagram(uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox output)
        {
            if (_state != Resolving || _current == null) return;
            _dns.OnDatagram(source, sourcePort, data, count);
            Check(nowMs, output);
        }

        public void Poll(long nowMs, Outbox output)
        {
            if (_state != Resolving || _current == null) return;
            _dns.Poll(nowMs, output);
            Check(nowMs, output);
        }

        private void Check(long nowMs, Outbox output)
        {
            int s = _dns.State;
            if (s != DnsResolver.Answered && s != DnsResolver.Failed) return;
            Lookup l = _current;
            _current = null;
            if (l.Kind == KindSrv)
            {
                if (s == DnsResolver.Answered)
                {
                    DnsRecord[] srv = _dns.Services;
                    string list = "";
                    // Targets go first in the queue, in RFC 2782 order, before the remaining entries.
                    int at = 0;
                    for (int i = 0; i < srv.Length; i++)
                    {
                        list += (i > 0 ? ", " : "") + srv[i].Target + ":" + srv[i].Port.ToString() + " (priority " + srv[i].Priority.ToString() + ", weight " + srv[i].Weight.ToString() + ")";
                        if (srv[i].Address != 0) _queue.Insert(at++, NewResolved(l.Entry, srv[i].Target, srv[i].Address, srv[i].Port));
                        else _queue.Insert(at++, NewLookup(l.Entry, srv[i].Target, KindTarget, srv[i].Port));
                    }
                    output.Note(Source, Level.Info, "SRV " + SrvName(l.Name) + ": " + list);
                }
                else
                {
                    // RFC 3263 §4.2: no SRV records -> the name's A records on the default port.
                    output.Note(Source, Level.Info, "no SRV record " + SrvName(l.Name) + " (" + _dns.Reason + "); using the A record of " + l.Name + " on port " + DefaultPort.ToString());
                    _queue.Insert(0, NewLookup(l.Entry, l.Name, KindA, DefaultPort));
                }
            }
            else if (s == DnsResolver.Answered)
            {
                uint[] a = _dns.Addresses;
                for (int i = 0; i < a.Length; i++) Add(a[i], l.Port);
                output.Note(Source, Level.Info, l.Name + " is " + Ip4.FormatList(a) + " (port " + l.Port.ToString() + ")");
            }
            else _problems.Add(l.Name + ": " + _dns.Reason);
            Next(nowMs, output);
        }

        private void Next(long nowMs, Outbox output)
        {
            while (_queue.Count > 0 && _addresses.Count < MaxServers)
            {
                Lookup l = (Lookup)_queue[0];
                _queue.RemoveAt(0);
                if (l.Kind == KindKnown)
                {
                    Add(l.Address, l.Port);
                    continue;
                }
                _current = l;
                _dns.Start(nowMs, l.Kind == KindSrv ? SrvName(l.Name) : l.Name, l.Kind == KindSrv ? DnsMessage.TypeSrv : DnsMessage.TypeA, output);
                if (_dns.State == DnsResolver.Asking) return;
                Check(nowMs, output);
                return;
            }
            if (_current != null) return;
            if (_addresses.Count > 0)
            {
                _state = Done;
                return;
            }
            _state = Failed;
            string why = "";
            for (int i = 0; i < _problems.Count; i++) why += (i > 0 ? "; " : "") + (string)_problems[i];
            _reason = why.Length > 0 ? why : "no registrar entry";
        }

        private void Add(uint address, int port)
        {
            if (address == 0 || _addresses.Count >= MaxServers) return;
            for (int i = 0; i < _addresses.Count; i++) if ((uint)_addresses[i] == address && (int)_ports[i] == port) return;
            _addresses.Add(address);
            _ports.Add(port);
        }

        private static Lookup NewResolved(string entry, string name, uint address, int port)
        {
            Lookup l = NewLookup(entry, name, KindKnown, port);
            l.Address = address;
            return l;
        }

        private static Lookup NewLookup(string entry, string name, int kind, int port)
        {
            Lookup l = new Lookup();
            l.Entry = entry;
            l.Name = name;
            l.Kind = kind;
            l.Port = port;
            return l;
        }

        /// <summary>Host and port (0: none) of "sip:host[:port][;params]", "host:port" or "host",
        /// read with the codec's SIP URI parser; the text itself when it is no SIP URI.</summary>
        public static string Host(string registrar, out int port)
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
