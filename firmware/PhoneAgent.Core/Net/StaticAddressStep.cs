using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Net
{
    /// <summary>Boot step when net.dhcp=false: apply the configured address.</summary>
    public sealed class StaticAddressStep : BootStep, IAddressSource
    {
        private readonly INetworkInterface _net;
        private readonly uint _address;
        private readonly uint _netmask;
        private readonly uint _router;

        private readonly bool _apply;

        public StaticAddressStep(INetworkInterface net, uint address, uint netmask, uint router)
            : this(net, address, netmask, router, true) { }

        /// <summary>apply false: the address is already on the interface (or only used as
        /// ciaddr by `phoneagent dhcp inform`); nothing is configured.</summary>
        public StaticAddressStep(INetworkInterface net, uint address, uint netmask, uint router, bool apply)
        {
            _apply = apply;
            if (net == null) throw new System.ArgumentNullException(nameof(net));
            _net = net;
            _address = address;
            _netmask = netmask;
            _router = router;
        }

        public override string Name { get { return "address"; } }

        public override string DisplayLine
        {
            get { return Status == Done ? "IP " + Ip4.Format(_address) + "/" + Ip4.PrefixLength(_netmask).ToString() : base.DisplayLine; }
        }

        public uint Address { get { return Status == Done ? _address : 0; } }
        public PhoneAgent.Core.Dhcp.DhcpLease Lease { get { return null; } }
        public string Origin { get { return _apply ? "static configuration" : "given address (not applied)"; } }

        public override void Start(long nowMs, Outbox outbox)
        {
            if (_address == 0)
            {
                SetStatus(Failed, "net.dhcp is false but net.address is not set");
                return;
            }
            if (_apply) _net.ApplyAddress(_address, _netmask, _router);
            string s = (_apply ? "static address " : "using address ") + Ip4.Format(_address) + "/" + Ip4.PrefixLength(_netmask).ToString() +
                (_router != 0 ? ", router " + Ip4.Format(_router) : "");
            outbox.Note("net", Level.Info, s);
            SetStatus(Done, s);
        }
    }
}
