using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>DHCPINFORM (RFC 2131 §3.4, §4.4.3): a phone that already has an address asks
    /// for configuration only. ciaddr carries the address; the server answers with DHCPACK
    /// sent unicast to ciaddr (RFC 2131 §4.3.5: kea), to the packet's source (dnsmasq), or
    /// broadcast; all arrive on the client's UDP 68 socket and are matched on xid and chaddr.
    /// DHCPNAK is ignored while informing. Retransmission: 4, 8, 16 s ±1 s (RFC 2131 §4.1),
    /// then the client gives up after MaxSends sends and a last wait.</summary>
    public sealed class DhcpInformClient
    {
        public const string Source = "inform";
        public const int MaxSends = 4;   // sends at 0, ~4, ~12, ~28 s; gives up at ~60 s

        public const int Idle = 0;
        public const int Informing = 1;
        public const int Acked = 2;
        public const int GaveUp = 3;

        private readonly byte[] _mac;
        private readonly IRandom _random;
        private readonly string _vendorClass;
        private int _state = Idle;
        private uint _xid;
        private uint _ciaddr;
        private uint _destination;
        private int _sends;
        private int _retransmitMs;
        private long _startedMs;
        private long _deadlineMs = Deadline.None;
        private DhcpMessage _ack;
        private uint _ackSource;
        private int _naksIgnored;

        public DhcpInformClient(byte[] mac, IRandom random, string vendorClass)
        {
            if (mac == null || mac.Length != 6) throw new System.ArgumentException("mac must be 6 bytes");
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            _mac = mac;
            _random = random;
            _vendorClass = vendorClass;
        }

        public int State { get { return _state; } }
        public uint Xid { get { return _xid; } }
        public int Sends { get { return _sends; } }
        public long NextDeadlineMs { get { return _deadlineMs; } }
        public long StartedMs { get { return _startedMs; } }
        public uint Destination { get { return _destination; } }
        /// <summary>The DHCPACK, once received.</summary>
        public DhcpMessage Ack { get { return _ack; } }
        /// <summary>The IP source address of the DHCPACK.</summary>
        public uint AckSource { get { return _ackSource; } }
        public int NaksIgnored { get { return _naksIgnored; } }

        public static string StateName(int s)
        {
            switch (s)
            {
                case Idle: return "idle";
                case Informing: return "informing";
                case Acked: return "acked";
                case GaveUp: return "gave up";
                default: return "state " + s.ToString();
            }
        }

        /// <summary>Starts informing for ciaddr; destination is 255.255.255.255 or a server.</summary>
        public void Start(uint ciaddr, uint destination, long nowMs, Outbox outbox)
        {
            if (ciaddr == 0) throw new System.ArgumentException("DHCPINFORM needs the phone's address (ciaddr)");
            _ciaddr = ciaddr;
            _destination = destination == 0 ? Ip4.Broadcast : destination;
            byte[] b = new byte[4];
            _random.NextBytes(b);
            _xid = Util.BigEndian.ReadUInt32(b, 0);
            _sends = 0;
            _ack = null;
            _naksIgnored = 0;
            _startedMs = nowMs;
            _retransmitMs = DhcpClient.FirstRetransmitMs;
            _state = Informing;
            Send(nowMs, outbox);
        }

        public void OnMessage(DhcpMessage m, uint source, long nowMs, Outbox outbox)
        {
            if (_state != Informing || m.Op != DhcpMessage.OpReply || m.Xid != _xid) return;
            for (int i = 0; i < 6; i++) if (m.ChAddr[i] != _mac[i]) return;
            int type = m.MessageType;
            if (type == DhcpMessageType.Nak)
            {
                // RFC 2131 §3.4: a server must not NAK an INFORM; some do. Keep waiting for an ACK.
                _naksIgnored++;
                outbox.Note(Source, Level.Warning, "ignored a DHCPNAK to DHCPINFORM from " + Ip4.Format(source));
                return;
            }
            if (type != DhcpMessageType.Ack) return;
            _ack = m;
            _ackSource = source;
            _state = Acked;
            _deadlineMs = Deadline.None;
            uint server;
            outbox.Note(Source, Level.Info, "DHCPACK to DHCPINFORM from " + Ip4.Format(source) +
                (m.TryGetUInt32(DhcpOption.ServerIdentifier, out server) && server != source ? " (server identifier " + Ip4.Format(server) + ")" : "") +
                " after " + (nowMs - _startedMs).ToString() + " ms, send " + _sends.ToString());
        }

        public void OnDeadline(long nowMs, Outbox outbox)
        {
            if (_state != Informing || nowMs < _deadlineMs) return;
            if (_sends >= MaxSends)
            {
                _state = GaveUp;
                _deadlineMs = Deadline.None;
                return;
            }
            Send(nowMs, outbox);
        }

        private void Send(long nowMs, Outbox outbox)
        {
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpRequest;
            m.Xid = _xid;
            m.CiAddr = _ciaddr;      // RFC 2131 table 5: ciaddr = client's address; flags 0 (unicast reply)
            long secs = (nowMs - _startedMs) / 1000;
            m.Secs = secs > 0xFFFF ? 0xFFFF : (int)secs;
            m.SetByte(DhcpOption.MessageType, DhcpMessageType.Inform);
            m.SetClient(_mac);
            if (_vendorClass != null && _vendorClass.Length > 0) m.Set(DhcpOption.VendorClassIdentifier, Util.Ascii.GetBytes(_vendorClass));
            m.Set(DhcpOption.ParameterRequestList, new byte[] {
                DhcpOption.SubnetMask, DhcpOption.Router, DhcpOption.DomainNameServer, DhcpOption.DomainName,
                DhcpOption.NtpServers, DhcpOption.VendorSpecific, DhcpOption.TftpServerName,
                DhcpOption.SipServers, DhcpOption.TftpServerAddress });
            _sends++;
            outbox.Send(DhcpClient.ClientPort, _destination, DhcpClient.ServerPort, DhcpCodec.Encode(m));
            outbox.Note(Source, _sends == 1 ? Level.Info : Level.Debug, "DHCPINFORM xid 0x" + Util.Hex.UInt32(_xid) + " ciaddr " +
                Ip4.Format(_ciaddr) + " to " + Ip4.Format(_destination) + " (send " + _sends.ToString() + " of " + MaxSends.ToString() + ")");
            _deadlineMs = nowMs + _retransmitMs + _random.Next(2 * DhcpClient.JitterMs + 1) - DhcpClient.JitterMs;
            _retransmitMs = _retransmitMs * 2 > DhcpClient.MaxRetransmitMs ? DhcpClient.MaxRetransmitMs : _retransmitMs * 2;
        }
    }
}
