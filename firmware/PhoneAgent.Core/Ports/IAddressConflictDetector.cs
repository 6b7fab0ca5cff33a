namespace PhoneAgent.Core.Ports
{
    /// <summary>Whether another host already uses an address (an ARP probe, RFC 5227, or lwIP's
    /// address conflict detection on the device). Optional: without it no DECLINE is sent.</summary>
    public interface IAddressConflictDetector
    {
        bool IsInUse(uint address);
    }
}
