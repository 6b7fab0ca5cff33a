using PhoneAgent.Core.Net;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>What a DHCPACK granted, with the times it was granted at (agent ms).</summary>
    public sealed class DhcpLease
    {
        public const uint Infinite = 0xFFFFFFFF; // RFC 2132 §9.2

        public uint Address;
        public uint Netmask;
        public uint Router;
        public uint Server;          // option 54
        public uint RelayAddress;    // giaddr of the ACK; 0 when not relayed
        public uint LeaseSeconds;
        public uint RenewalSeconds;  // T1
        public uint RebindingSeconds; // T2
        public uint[] DnsServers = new uint[0];
        public uint[] NtpServers = new uint[0];   // option 42, for SNTP
        public string DomainName = "";
        /// <summary>Options 43 and 120 as the lease ACK carried them (null when absent): dnsmasq
        /// sends both in the lease ACK too when the vendor class matched.</summary>
        public byte[] VendorSpecific;
        public byte[] SipServers;
        public long GrantedAtMs;

        public int PrefixLength { get { int p = Ip4.PrefixLength(Netmask); return p < 0 ? 32 : p; } }

        public string Describe()
        {
            string s = Ip4.Format(Address) + "/" + PrefixLength.ToString() + " from server " + Ip4.Format(Server);
            if (RelayAddress != 0) s += " via relay " + Ip4.Format(RelayAddress);
            s += LeaseSeconds == Infinite ? ", infinite lease" : ", lease " + LeaseSeconds.ToString() + " s";
            if (Router != 0) s += ", router " + Ip4.Format(Router);
            return s;
        }
    }
}
