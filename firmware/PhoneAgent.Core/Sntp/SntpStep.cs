using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sntp
{
    /// <summary>Boot step after the address: the wall clock from SNTP, servers from sntp.server
    /// (IPv4 addresses) or else DHCP option 42. Done when synchronised; Warning otherwise,
    /// because a phone without time can still register, but cannot check certificate dates.</summary>
    public sealed class SntpStep : BootStep
    {
        public const int LocalPort = 50123;

        private readonly IAddressSource _address;
        private readonly uint[] _configured;
        private readonly IRandom _random;
        private readonly SyncedWallClock _wall;
        private SntpClient _client;

        public SntpStep(IAddressSource address, uint[] configured, IRandom random, SyncedWallClock wall)
        {
            if (address == null || random == null || wall == null) throw new System.ArgumentNullException(address == null ? "address" : random == null ? "random" : "wall");
            _address = address;
            _configured = configured ?? new uint[0];
            _random = random;
            _wall = wall;
        }

        public override string Name { get { return "sntp"; } }
        public SntpClient Client { get { return _client; } }

        public override string DisplayLine
        {
            get
            {
                if (Status == Done) return "Time: " + Asn1.Asn1Time.Format(_wall.UnixSeconds).Substring(5, 11);
                if (Status == Warning) return "Time: NOT SET";
                return "Time: asking";
            }
        }

        public override long NextDeadlineMs { get { return _client == null ? Deadline.None : _client.NextDeadlineMs; } }

        public override void Start(long nowMs, Outbox outbox)
        {
            uint[] servers = _configured;
            string from = "sntp.server";
            if (servers.Length == 0 && _address.Lease != null)
            {
                servers = _address.Lease.NtpServers;
                from = "DHCP option 42";
            }
            _client = new SntpClient(servers, LocalPort, _random);
            string asking = servers.Length > 0 ? "asking " + Ip4.FormatList(servers) + " (from " + from + ")" : "no SNTP server";
            if (servers.Length > 0) outbox.Note(SntpClient.Source, Level.Info, asking);
            SetStatus(Running, asking);
            _client.Start(nowMs, outbox);
            Check(nowMs, outbox);
        }

        public override void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            if (localPort != LocalPort || _client == null) return;
            _client.OnDatagram(source, sourcePort, data, count, nowMs);
            Check(nowMs, outbox);
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            if (_client == null) return;
            _client.Poll(nowMs, outbox);
            Check(nowMs, outbox);
        }

        private void Check(long nowMs, Outbox outbox)
        {
            if (_client.State == SntpClient.Synchronized)
            {
                _wall.SetMs(_client.UnixMsAt(nowMs));
                string s = "time " + Asn1.Asn1Time.Format(_wall.UnixSeconds) + " from " + Ip4.Format(_client.SyncServer) +
                    " (stratum " + _client.Stratum.ToString() + ", round trip " + _client.RoundTripMs.ToString() + " ms)";
                outbox.Note(SntpClient.Source, Level.Info, s);
                SetStatus(Done, s);
            }
            else if (_client.State == SntpClient.Failed)
            {
                string s = _client.Reason + "; certificate validity cannot be checked until the time is known";
                outbox.Note(SntpClient.Source, Level.Warning, s);
                SetStatus(Warning, s);
            }
        }
    }
}
