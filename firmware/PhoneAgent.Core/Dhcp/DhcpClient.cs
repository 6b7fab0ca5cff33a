using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>The DHCP client machine of RFC 2131 §4.4 (figure 5): one method per
    /// transition, no I/O (datagrams and notes go to the outbox), no clock reads.</summary>
    public sealed class DhcpClient
    {
        public const int ClientPort = 68;
        public const int ServerPort = 67;
        public const string Source = "dhcp";

        // RFC 2131 §4.1: first retransmission after 4 s, doubled up to 64 s, each ±1 s.
        public const int FirstRetransmitMs = 4000;
        public const int MaxRetransmitMs = 64000;
        public const int JitterMs = 1000;
        // RFC 2131 §4.4.5: in RENEWING/REBINDING wait half the remaining time, at least 60 s.
        public const int MinRenewRetransmitMs = 60000;
        // REQUESTING gives up after this many sends and returns to INIT (RFC 2131 §4.4.1).
        public const int MaxRequestSends = 5;
        // After this many unanswered DISCOVERs (about 60 s) the "no server" diagnosis is given.
        public const int NoServerAfterDiscovers = 4;
        // RFC 2131 §3.1 step 5: wait at least ten seconds after a DHCPDECLINE.
        public const int DeclineWaitMs = 10000;

        private readonly byte[] _mac;
        private readonly IRandom _random;
        private readonly string _hostName;
        private readonly string _vendorClass;

        private int _state = DhcpClientState.Stopped;
        private uint _xid;
        private long _startedMs;
        private long _deadlineMs = Deadline.None;
        private int _sends;
        private int _retransmitMs;
        private DhcpMessage _offer;
        private DhcpLease _lease;
        private uint _previous;
        private int _leaseVersion;
        private int _discoversWithoutOffer;

        public DhcpClient(byte[] mac, IRandom random, string hostName, string vendorClass)
        {
            if (mac == null || mac.Length != 6) throw new System.ArgumentException("mac must be 6 bytes");
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            _mac = mac;
            _random = random;
            _hostName = hostName;
            _vendorClass = vendorClass;
        }

        public int State { get { return _state; } }
        public DhcpLease Lease { get { return _lease; } }
        /// <summary>Incremented whenever a lease is granted, renewed or lost.</summary>
        public int LeaseVersion { get { return _leaseVersion; } }
        public long NextDeadlineMs { get { return _deadlineMs; } }
        public uint Xid { get { return _xid; } }
        /// <summary>DISCOVERs sent since the last OFFER: the "no server" counter.</summary>
        public int DiscoversWithoutOffer { get { return _discoversWithoutOffer; } }

        public void Start(long nowMs, Outbox outbox)
        {
            EnterInit(nowMs, outbox);
        }

        public void OnMessage(DhcpMessage m, long nowMs, Outbox outbox)
        {
            if (m.Op != DhcpMessage.OpReply || m.Xid != _xid || !SameClient(m)) return;
            int type = m.MessageType;
            switch (_state)
            {
                case DhcpClientState.Selecting:
                    if (type == DhcpMessageType.Offer) OnOffer(m, nowMs, outbox);
                    break;
                case DhcpClientState.Requesting:
                case DhcpClientState.Rebooting:
                case DhcpClientState.Renewing:
                case DhcpClientState.Rebinding:
                    if (type == DhcpMessageType.Ack) OnAck(m, nowMs, outbox);
                    else if (type == DhcpMessageType.Nak) OnNak(m, nowMs, outbox);
                    break;
            }
        }

        public void OnDeadline(long nowMs, Outbox outbox)
        {
            if (nowMs < _deadlineMs) return;
            switch (_state)
            {
                case DhcpClientState.Init:
                    EnterInit(nowMs, outbox); // the wait after a DECLINE is over
                    break;
                case DhcpClientState.Rebooting:
                    if (_sends >= MaxRequestSends)
                    {
                        outbox.Note(Source, Level.Info, "no answer to DHCPREQUEST for the previous address " + Ip4.Format(_previous) +
                            " after " + _sends.ToString() + " tries; starting over from INIT");
                        EnterInit(nowMs, outbox);
                    }
                    else SendRebootRequest(nowMs, outbox);
                    break;
                case DhcpClientState.Selecting:
                    if (_discoversWithoutOffer == NoServerAfterDiscovers)
                        outbox.Note(Source, Level.Warning, "no DHCPOFFER after " + NoServerAfterDiscovers.ToString() + " DHCPDISCOVERs in " +
                            ((nowMs - _startedMs) / 1000).ToString() + " s: no DHCP server or relay answers on this link; still trying every 64 s");
                    SendDiscover(nowMs, outbox);
                    break;
                case DhcpClientState.Requesting:
                    if (_sends >= MaxRequestSends)
                    {
                        outbox.Note(Source, Level.Warning, "no DHCPACK or DHCPNAK from " + Ip4.Format(OfferServer()) +
                            " after " + _sends.ToString() + " DHCPREQUESTs; back to INIT");
                        EnterInit(nowMs, outbox);
                    }
                    else SendRequest(nowMs, outbox);
                    break;
                case DhcpClientState.Bound:
                    EnterRenewing(nowMs, outbox);
                    break;
                case DhcpClientState.Renewing:
                    if (nowMs >= LeaseMs(_lease.RebindingSeconds)) EnterRebinding(nowMs, outbox);
                    else SendRenewal(nowMs, outbox, false);
                    break;
                case DhcpClientState.Rebinding:
                    if (nowMs >= LeaseMs(_lease.LeaseSeconds)) LeaseExpired(nowMs, outbox);
                    else SendRenewal(nowMs, outbox, true);
                    break;
            }
        }

        /// <summary>RFC 2131 §4.4.2: start in INIT-REBOOT with the address of an earlier lease;
        /// the server confirms it (ACK) or refuses it (NAK, back to INIT).</summary>
        public void StartWithPrevious(uint previousAddress, long nowMs, Outbox outbox)
        {
            if (previousAddress == 0) { Start(nowMs, outbox); return; }
            _previous = previousAddress;
            _state = DhcpClientState.InitReboot;
            _xid = NewXid();
            _startedMs = nowMs;
            _sends = 0;
            _retransmitMs = FirstRetransmitMs;
            _offer = null;
            _state = DhcpClientState.Rebooting;
            outbox.Note(Source, Level.Info, "INIT-REBOOT: asking to keep " + Ip4.Format(previousAddress));
            SendRebootRequest(nowMs, outbox);
        }

        /// <summary>RFC 2131 §4.4.1: the offered address is in use by another host (an ARP probe
        /// or the platform's conflict detection said so): DHCPDECLINE it, drop the lease and
        /// restart from INIT after at least ten seconds (RFC 2131 §3.1 step 5).</summary>
        public void ReportConflict(long nowMs, Outbox outbox)
        {
            if (_lease == null) return;
            DhcpMessage m = NewMessage(DhcpMessageType.Decline, nowMs);
            m.SetUInt32(DhcpOption.RequestedAddress, _lease.Address);
            m.SetUInt32(DhcpOption.ServerIdentifier, _lease.Server);
            m.Flags = 0;
            Emit(m, Ip4.Broadcast, outbox);
            outbox.Note(Source, Level.Error, "address " + Ip4.Format(_lease.Address) + " from server " + Ip4.Format(_lease.Server) +
                " is already used by another host: DHCPDECLINE sent; another address will be requested in 10 s");
            _lease = null;
            _leaseVersion++;
            _state = DhcpClientState.Init;
            _deadlineMs = nowMs + DeclineWaitMs;
        }

        /// <summary>RFC 2131 §4.4.6: give the lease back (orderly shutdown), unicast to the server.</summary>
        public void Release(long nowMs, Outbox outbox)
        {
            if (_lease != null && (_state == DhcpClientState.Bound || _state == DhcpClientState.Renewing || _state == DhcpClientState.Rebinding))
            {
                DhcpMessage m = NewMessage(DhcpMessageType.Release, nowMs);
                m.CiAddr = _lease.Address;
                m.Flags = 0;
                m.SetUInt32(DhcpOption.ServerIdentifier, _lease.Server);
                Emit(m, _lease.Server, outbox);
                outbox.Note(Source, Level.Info, "DHCPRELEASE of " + Ip4.Format(_lease.Address) + " to " + Ip4.Format(_lease.Server));
                _lease = null;
                _leaseVersion++;
            }
            Stop();
        }

        /// <summary>Stops the machine without telling the server (the lease stays allocated).</summary>
        public void Stop()
        {
            _state = DhcpClientState.Stopped;
            _deadlineMs = Deadline.None;
        }

        // ---- transitions -------------------------------------------------------------

        private void EnterInit(long nowMs, Outbox outbox)
        {
            _state = DhcpClientState.Init;
            _offer = null;
            _xid = NewXid();
            _startedMs = nowMs;
            _sends = 0;
            _discoversWithoutOffer = 0;
            _retransmitMs = FirstRetransmitMs;
            // RFC 2131 §4.4.1: INIT sends DHCPDISCOVER and moves to SELECTING.
            _state = DhcpClientState.Selecting;
            SendDiscover(nowMs, outbox);
        }

        private void OnOffer(DhcpMessage m, long nowMs, Outbox outbox)
        {
            uint server;
            if (m.YiAddr == 0 || !m.TryGetUInt32(DhcpOption.ServerIdentifier, out server))
            {
                outbox.Note(Source, Level.Warning, "ignored a DHCPOFFER without yiaddr or server identifier (option 54)");
                return;
            }
            _offer = m;
            _discoversWithoutOffer = 0;
            outbox.Note(Source, Level.Info, "DHCPOFFER " + Ip4.Format(m.YiAddr) + " from " + Ip4.Format(server) +
                (m.GiAddr != 0 ? " via relay " + Ip4.Format(m.GiAddr) : ""));
            _state = DhcpClientState.Requesting;
            _sends = 0;
            _retransmitMs = FirstRetransmitMs;
            SendRequest(nowMs, outbox);
        }

        private void OnAck(DhcpMessage m, long nowMs, Outbox outbox)
        {
            uint leaseSeconds;
            if (m.YiAddr == 0 || !m.TryGetUInt32(DhcpOption.LeaseTime, out leaseSeconds))
            {
                outbox.Note(Source, Level.Warning, "ignored a DHCPACK without yiaddr or lease time (option 51)");
                return;
            }
            DhcpLease l = new DhcpLease();
            l.Address = m.YiAddr;
            l.LeaseSeconds = leaseSeconds;
            l.GrantedAtMs = nowMs;
            l.RelayAddress = m.GiAddr;
            if (!m.TryGetUInt32(DhcpOption.ServerIdentifier, out l.Server)) l.Server = _lease != null ? _lease.Server : OfferServer();
            if (!m.TryGetUInt32(DhcpOption.SubnetMask, out l.Netmask)) l.Netmask = 0xFFFFFF00;
            byte[] routers = m.Get(DhcpOption.Router);
            if (routers != null && routers.Length >= 4) l.Router = Util.BigEndian.ReadUInt32(routers, 0);
            byte[] dns = m.Get(DhcpOption.DomainNameServer);
            if (dns != null)
            {
                l.DnsServers = new uint[dns.Length / 4];
                for (int i = 0; i < l.DnsServers.Length; i++) l.DnsServers[i] = Util.BigEndian.ReadUInt32(dns, i * 4);
            }
            byte[] ntp = m.Get(DhcpOption.NtpServers);
            if (ntp != null)
            {
                l.NtpServers = new uint[ntp.Length / 4];
                for (int i = 0; i < l.NtpServers.Length; i++) l.NtpServers[i] = Util.BigEndian.ReadUInt32(ntp, i * 4);
            }
            byte[] domain = m.Get(DhcpOption.DomainName);
            if (domain != null) l.DomainName = Util.Ascii.Printable(domain, 0, domain.Length);
            l.VendorSpecific = m.Get(DhcpOption.VendorSpecific);
            l.SipServers = m.Get(DhcpOption.SipServers);
            // RFC 2131 §4.4.5 defaults: T1 = 0.5 and T2 = 0.875 of the lease.
            if (!m.TryGetUInt32(DhcpOption.RenewalTime, out l.RenewalSeconds)) l.RenewalSeconds = leaseSeconds / 2;
            if (!m.TryGetUInt32(DhcpOption.RebindingTime, out l.RebindingSeconds)) l.RebindingSeconds = (uint)(leaseSeconds * 7UL / 8);
            if (l.RenewalSeconds > l.RebindingSeconds || l.RebindingSeconds > leaseSeconds)
            {
                l.RenewalSeconds = leaseSeconds / 2;
                l.RebindingSeconds = (uint)(leaseSeconds * 7UL / 8);
            }
            string verb = _state == DhcpClientState.Requesting ? "bound: " : _state == DhcpClientState.Rebooting ? "kept after reboot: " : "renewed: ";
            _lease = l;
            _leaseVersion++;
            _state = DhcpClientState.Bound;
            _deadlineMs = leaseSeconds == DhcpLease.Infinite ? Deadline.None : LeaseMs(l.RenewalSeconds);
            outbox.Note(Source, Level.Info, "DHCPACK " + verb + l.Describe());
        }

        private void OnNak(DhcpMessage m, long nowMs, Outbox outbox)
        {
            byte[] text = m.Get(DhcpOption.Message);
            outbox.Note(Source, Level.Warning, "DHCPNAK in " + DhcpClientState.Name(_state) +
                (text != null ? ": \"" + Util.Ascii.Printable(text, 0, text.Length) + "\"" : "") + "; restarting from INIT");
            if (_lease != null) { _lease = null; _leaseVersion++; }
            EnterInit(nowMs, outbox);
        }

        private void EnterRenewing(long nowMs, Outbox outbox)
        {
            _state = DhcpClientState.Renewing;
            _xid = NewXid();
            SendRenewal(nowMs, outbox, false);
        }

        private void EnterRebinding(long nowMs, Outbox outbox)
        {
            _state = DhcpClientState.Rebinding;
            outbox.Note(Source, Level.Warning, "no answer from " + Ip4.Format(_lease.Server) + " by T2; rebinding by broadcast");
            SendRenewal(nowMs, outbox, true);
        }

        private void LeaseExpired(long nowMs, Outbox outbox)
        {
            outbox.Note(Source, Level.Error, "lease on " + Ip4.Format(_lease.Address) + " expired without renewal; address removed");
            _lease = null;
            _leaseVersion++;
            EnterInit(nowMs, outbox);
        }

        // ---- messages ----------------------------------------------------------------

        private void SendDiscover(long nowMs, Outbox outbox)
        {
            DhcpMessage m = NewRequest(DhcpMessageType.Discover, nowMs);
            Emit(m, Ip4.Broadcast, outbox);
            _discoversWithoutOffer++;
            ScheduleRetransmit(nowMs);
        }

        private void SendRequest(long nowMs, Outbox outbox)
        {
            DhcpMessage m = NewRequest(DhcpMessageType.Request, nowMs);
            // RFC 2131 §4.3.2 table 4, SELECTING: requested IP and server identifier, ciaddr 0.
            m.SetUInt32(DhcpOption.RequestedAddress, _offer.YiAddr);
            m.SetUInt32(DhcpOption.ServerIdentifier, OfferServer());
            Emit(m, Ip4.Broadcast, outbox);
            ScheduleRetransmit(nowMs);
        }

        private void SendRebootRequest(long nowMs, Outbox outbox)
        {
            // RFC 2131 §4.3.2 table 4, INIT-REBOOT: requested IP MUST, server identifier MUST NOT, ciaddr 0.
            DhcpMessage m = NewRequest(DhcpMessageType.Request, nowMs);
            m.SetUInt32(DhcpOption.RequestedAddress, _previous);
            Emit(m, Ip4.Broadcast, outbox);
            ScheduleRetransmit(nowMs);
        }

        private void SendRenewal(long nowMs, Outbox outbox, bool broadcast)
        {
            // RFC 2131 §4.3.2 table 4, RENEWING/REBINDING: ciaddr set, no 50, no 54;
            // unicast to the server while renewing, broadcast while rebinding.
            DhcpMessage m = NewRequest(DhcpMessageType.Request, nowMs);
            m.CiAddr = _lease.Address;
            m.Flags = 0;
            Emit(m, broadcast ? Ip4.Broadcast : _lease.Server, outbox);
            long limit = LeaseMs(broadcast ? _lease.LeaseSeconds : _lease.RebindingSeconds);
            long wait = (limit - nowMs) / 2;
            if (wait < MinRenewRetransmitMs) wait = MinRenewRetransmitMs;
            _deadlineMs = nowMs + wait < limit ? nowMs + wait : limit;
        }

        private DhcpMessage NewRequest(int type, long nowMs)
        {
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpRequest;
            m.Xid = _xid;
            long secs = (nowMs - _startedMs) / 1000;
            m.Secs = secs > 0xFFFF ? 0xFFFF : (int)secs;
            // Broadcast replies: before an address is configured, unicast to yiaddr cannot reach
            // a plain UDP socket (lwIP on the device, an unnumbered interface on the host).
            m.Flags = DhcpMessage.FlagBroadcast;
            m.SetByte(DhcpOption.MessageType, type);
            m.SetClient(_mac);
            m.Set(DhcpOption.MaxMessageSize, new byte[] { 0x05, 0xDC }); // 1500
            if (_hostName != null && _hostName.Length > 0) m.Set(DhcpOption.HostName, Util.Ascii.GetBytes(_hostName));
            if (_vendorClass != null && _vendorClass.Length > 0) m.Set(DhcpOption.VendorClassIdentifier, Util.Ascii.GetBytes(_vendorClass));
            m.Set(DhcpOption.ParameterRequestList, new byte[] {
                DhcpOption.SubnetMask, DhcpOption.Router, DhcpOption.DomainNameServer, DhcpOption.DomainName,
                DhcpOption.NtpServers, DhcpOption.LeaseTime, DhcpOption.ServerIdentifier,
                DhcpOption.RenewalTime, DhcpOption.RebindingTime, DhcpOption.VendorSpecific, DhcpOption.SipServers });
            _sends++;
            return m;
        }

        /// <summary>DECLINE and RELEASE: type, client identifier, nothing else (RFC 2131 table 5).</summary>
        private DhcpMessage NewMessage(int type, long nowMs)
        {
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpRequest;
            m.Xid = NewXid();
            m.SetByte(DhcpOption.MessageType, type);
            m.SetClient(_mac);
            return m;
        }

        private void Emit(DhcpMessage m, uint destination, Outbox outbox)
        {
            outbox.Send(ClientPort, destination, ServerPort, DhcpCodec.Encode(m));
            int type = m.MessageType;
            if (type == DhcpMessageType.Decline || type == DhcpMessageType.Release) return; // their callers say more
            outbox.Note(Source, _sends == 1 ? Level.Info : Level.Debug, DhcpMessageType.Name(m.MessageType) + " xid 0x" + Util.Hex.UInt32(m.Xid) +
                " to " + Ip4.Format(destination) + " (send " + _sends.ToString() + ")");
        }

        private void ScheduleRetransmit(long nowMs)
        {
            _deadlineMs = nowMs + _retransmitMs + _random.Next(2 * JitterMs + 1) - JitterMs;
            _retransmitMs = _retransmitMs * 2 > MaxRetransmitMs ? MaxRetransmitMs : _retransmitMs * 2;
        }

        private long LeaseMs(uint seconds)
        {
            return _lease.GrantedAtMs + (long)seconds * 1000;
        }

        private uint OfferServer()
        {
            uint s;
            return _offer != null && _offer.TryGetUInt32(DhcpOption.ServerIdentifier, out s) ? s : 0;
        }

        private bool SameClient(DhcpMessage m)
        {
            for (int i = 0; i < 6; i++) if (m.ChAddr[i] != _mac[i]) return false;
            return true;
        }

        private uint NewXid()
        {
            byte[] b = new byte[4];
            _random.NextBytes(b);
            return Util.BigEndian.ReadUInt32(b, 0);
        }
    }
}
