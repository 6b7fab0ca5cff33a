namespace PhoneAgent.Core.Ports
{
    /// <summary>The phone's one wired interface: link state, MAC, UDP sockets, and the
    /// address configuration the DHCP result is applied to.</summary>
    public interface INetworkInterface
    {
        string Name { get; }
        byte[] MacAddress { get; }
        bool LinkUp { get; }

        IDatagramPort OpenUdp(int localPort);

        /// <summary>Raw Ethernet frames of one EtherType (0x888E for 802.1X), bound to this
        /// interface and joined to the PAE group address; null where the platform cannot
        /// (the device without native L2 support; the host without root or CAP_NET_RAW).</summary>
        IFramePort OpenFrames(int etherType);

        /// <summary>Applies an address (0 clears it). On the device lwIP owns this; on
        /// the host harness it is an `ip addr` change or an emulated one.</summary>
        void ApplyAddress(uint address, uint netmask, uint router);

        /// <summary>True where the platform's own DHCP client holds the lease (lwIP on the
        /// device): the agent then reads the lease instead of running its own client.</summary>
        bool PlatformOwnsDhcp { get; }

        /// <summary>The platform's current lease; false while it has none.</summary>
        bool TryGetPlatformLease(out uint address, out uint netmask, out uint router);

        /// <summary>Blocks at most maxMs or until a datagram may be waiting; returns at
        /// once on emulated networks, where the virtual clock is advanced instead.</summary>
        void WaitForActivity(int maxMs);
    }
}
