using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Boot step: obtain a lease with the DhcpClient machine and apply it to the
    /// interface; stays active for renewals, and removes the address if the lease is lost.</summary>
    public sealed class DhcpStep : BootStep, IAddressSource
    {
        private readonly DhcpClient _client;
        private readonly INetworkInterface _net;
        private int _appliedVersion;
        private int _malformed;

        public DhcpStep(DhcpClient client, INetworkInterface net)
        {
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
            _client.Start(nowMs, outbox);
            Sync(outbox);
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
            Sync(outbox);
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            int before = _client.State;
            _client.OnDeadline(nowMs, outbox);
            if (before != _client.State) Touch();
            Sync(outbox);
        }

        public override void Stop(long nowMs, Outbox outbox)
        {
            _client.Stop();
        }

        private void Sync(Outbox outbox)
        {
            if (_client.LeaseVersion == _appliedVersion) return;
            _appliedVersion = _client.LeaseVersion;
            DhcpLease l = _client.Lease;
            if (l == null)
            {
                _net.ApplyAddress(0, 0, 0);
                SetStatus(Status == Done ? Done : Running, "lease lost; requesting a new one");
                return;
            }
            _net.ApplyAddress(l.Address, l.Netmask, l.Router);
            SetStatus(Done, l.Describe());
        }
    }
}
