using PhoneAgent.Core.Dhcp;

namespace PhoneAgent.Core.Net
{
    /// <summary>The boot step that gave the phone its address: DHCP, the platform's DHCP, or
    /// static configuration. Later steps (INFORM) read the address and, when there is one,
    /// the lease, to know which server and relay the phone's DHCP traffic took.</summary>
    public interface IAddressSource
    {
        /// <summary>The current address, 0 while there is none.</summary>
        uint Address { get; }

        /// <summary>The lease when the agent's own DHCP client holds one; null otherwise.</summary>
        DhcpLease Lease { get; }

        /// <summary>How the address was obtained, for the report ("DHCP", "static", ...).</summary>
        string Origin { get; }
    }
}
