using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Boot step: obtain a lease with the DhcpClient machine and apply it to the
    /// interface; stays active for renewals, and removes the address if the lease is lost.</summary>
    public sealed class DhcpStep : BootStep, IAddressSource
    {
        public const string StoreKey = "dhcp.lease";

        private readonly DhcpClient _client;
        private readonly INetworkInterface _net;
        private readonly IStore _store;
        private readonly IAddressConflictDetector _conflicts;
        private uint _storedAddress;
        private int _appliedVersion;
        private uint _applied;
        private int _malformed;

        public DhcpStep(DhcpClient client, INetworkInterface net) : this(client, net, null, null) { }

        /// <summary>store (optional) remembers the last address for INIT-REBOOT; conflicts
        /// (optional) is asked about each newly bound address.</summary>
        public DhcpStep(DhcpClient client, INetworkInterface net, IStore store, IAddressConflictDetector conflicts)
        {
            _store = store;
            _conflicts = conflicts;
            if (client == null) throw new System.ArgumentNullException(nameof(client));
            if (net == null) throw new System.ArgumentNullException(nameof(net));
            _client = client;
            _net = net;
        }

        public override string Name { get { return "dhcp"; } }

        public DhcpClient Client { get { return _client; } }

        public uint Address { get { return _client.Lease != null ? _client.Lease.Address : 0; } }
        public DhcpLease Lease { get { return _client.Lease; } }
        public string Origin { get { return "DHCP"; } }

        /// <summary>Datagrams on port 68 that failed to decode.</summary>
        public int MalformedCount { get { return _malformed; } }

        public override string DisplayLine
        {
            get
            {
                DhcpLease l = _client.Lease;
                if (l != null) return "IP " + Ip4.Format(l.Address) + "/" + l.PrefixLength.ToString();
                return "DHCP " + DhcpClientState.Name(_client.State);
            }
        }

        public override long NextDeadlineMs { get { return _client.NextDeadlineMs; } }

        public override void Start(long nowMs, Outbox outbox)
        {
            SetStatus(Running, "requesting a lease");
            byte[] last = _store != null ? _store.Read(StoreKey) : null;
            _storedAddress = last != null && last.Length == 8 ? Util.BigEndian.ReadUInt32(last, 0) : 0;
            _client.StartWithPrevious(_storedAddress, nowMs, outbox);
            Sync(nowMs, outbox);
        }

        public override void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            if (localPort != DhcpClient.ClientPort) return;
            DhcpMessage m;
            string reason;
            if (!DhcpCodec.TryDecode(data, 0, count, out m, out reason))
            {
                _malformed++;
                outbox.Note(DhcpClient.Source, Level.Debug, "dropped a malformed datagram from " + Ip4.Format(source) + ": " + reason);
                return;
            }
            int before = _client.State;
            _client.OnMessage(m, nowMs, outbox);
            if (before != _client.State) Touch();
            Sync(nowMs, outbox);
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            int before = _client.State;
            _client.OnDeadline(nowMs, outbox);
            if (before != _client.State) Touch();
            Sync(nowMs, outbox);
        }

        /// <summary>Link back after an outage: the phone may sit on another network now, so the
        /// lease is verified with INIT-REBOOT (RFC 2131 §3.2 and §4.4.2: a client that may have
        /// moved verifies its address; ACK keeps it, NAK starts over).</summary>
        public override void OnLink(bool up, long nowMs, Outbox outbox)
        {
            DhcpLease l = _client.Lease;
            if (!up || l == null) return;
            int before = _client.State;
            _client.StartWithPrevious(l.Address, nowMs, outbox);
            if (before != _client.State) Touch();
            Sync(nowMs, outbox);
        }

        /// <summary>Orderly shutdown: DHCPRELEASE (RFC 2131 §4.4.6) and the address removed.</summary>
        public override void Stop(long nowMs, Outbox outbox)
        {
            _client.Release(nowMs, outbox);
        }

        /// <summary>The RELEASE has gone out (from the address): now remove the address.</summary>
        public override void Cleanup()
        {
            Sync(0, null);
        }

        /// <summary>Shutdown that keeps the lease allocated (the address stays for a script).</summary>
        public void StopKeepingLease()
        {
            _client.Stop();
        }

        private void Sync(long nowMs, Outbox outbox)
        {
            if (_client.LeaseVersion == _appliedVersion) return;
            _appliedVersion = _client.LeaseVersion;
            DhcpLease l = _client.Lease;
            if (l != null && _conflicts != null && l.Address != _applied && _conflicts.IsInUse(l.Address))
            {
                _client.ReportConflict(nowMs, outbox);
                _appliedVersion = _client.LeaseVersion;
                SetStatus(Running, "address " + Ip4.Format(l.Address) + " was in use; declined");
                return;
            }
            if (l == null)
            {
                _applied = 0;
                _net.ApplyAddress(0, 0, 0);
                if (_client.State == DhcpClientState.Stopped) SetStatus(Status, "lease released at shutdown");
                else SetStatus(Status == Done ? Done : Running, "lease lost; requesting a new one");
                return;
            }
            _net.ApplyAddress(l.Address, l.Netmask, l.Router);
            _applied = l.Address;
            if (_store != null && l.Address != _storedAddress)
            {
                byte[] b = new byte[8];
                Util.BigEndian.WriteUInt32(b, 0, l.Address);
                Util.BigEndian.WriteUInt32(b, 4, l.Server);
                _store.Write(StoreKey, b); // only when the address changes: renewals do not wear the flash
                _storedAddress = l.Address;
            }
            SetStatus(Done, l.Describe());
        }
    }
}
