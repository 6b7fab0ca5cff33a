using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Boot step on platforms whose own DHCP client owns the lease (lwIP on the
    /// device, which does not hand received options to managed code): wait for the
    /// address and report it. Options 43/120 then come from the agent's own DHCPINFORM.</summary>
    public sealed class PlatformLeaseStep : BootStep, IAddressSource
    {
        public const int PollMs = 250;
        public const int WarnAfterMs = 30000;

        private readonly INetworkInterface _net;
        private long _startedMs;
        private long _deadlineMs = Deadline.None;
        private uint _address;
        private bool _warned;

        public PlatformLeaseStep(INetworkInterface net)
        {
            if (net == null) throw new System.ArgumentNullException(nameof(net));
            _net = net;
        }

        public override string Name { get { return "dhcp"; } }

        public uint Address { get { return _address; } }
        public DhcpLease Lease { get { return null; } }
        public string Origin { get { return "the platform's DHCP client"; } }

        public override string DisplayLine
        {
            get { return _address != 0 ? "IP " + Ip4.Format(_address) : "DHCP (platform)"; }
        }

        public override long NextDeadlineMs { get { return _deadlineMs; } }

        public override void Start(long nowMs, Outbox outbox)
        {
            _startedMs = nowMs;
            SetStatus(Running, "waiting for the platform's DHCP lease");
            Poll(nowMs, outbox);
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            Poll(nowMs, outbox);
        }

        private void Poll(long nowMs, Outbox outbox)
        {
            uint a, m, r;
            bool has = _net.TryGetPlatformLease(out a, out m, out r);
            if (!has) a = 0;
            if (a != _address)
            {
                _address = a;
                if (a != 0)
                {
                    string s = "platform DHCP lease " + Ip4.Format(a) + "/" + Ip4.PrefixLength(m).ToString() +
                        (r != 0 ? ", router " + Ip4.Format(r) : "");
                    outbox.Note("dhcp", Level.Info, s);
                    SetStatus(Done, s);
                }
                else
                {
                    outbox.Note("dhcp", Level.Warning, "the platform's DHCP lease was lost");
                    SetStatus(Running, "lease lost; the platform is requesting a new one");
                }
            }
            if (_address == 0 && !_warned && nowMs - _startedMs >= WarnAfterMs)
            {
                _warned = true;
                outbox.Note("dhcp", Level.Warning, "no DHCP lease after " + (WarnAfterMs / 1000).ToString() +
                    " s: no DHCP server or relay answers on this VLAN");
                Touch();
            }
            _deadlineMs = nowMs + PollMs;
        }
    }
}
