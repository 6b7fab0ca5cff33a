namespace PhoneAgent.Core.Ports
{
    /// <summary>The phone's PC port, where a desk phone's PC plugs in: the EAPOL frames
    /// (EtherType 0x888E) trapped from it, a way to deliver the switch's EAPOL frames to it, and
    /// its link. Other traffic is switched in hardware and never reaches the agent. Optional: the
    /// supported boards have one Ethernet port (hardware/README.md); the emulated board has one.</summary>
    public interface IPcPort : IFramePort
    {
        /// <summary>Whether a PC is plugged in (carrier on the PC port).</summary>
        bool LinkUp { get; }
    }
}
