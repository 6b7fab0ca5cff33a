namespace PhoneAgent.Core.Ports
{
    /// <summary>Raw Ethernet frames of one EtherType (0x888E, EAPOL) on the wired port.
    /// Host: AF_PACKET socket. Device: needs native interop (see hardware/README.md).</summary>
    public interface IFramePort
    {
        /// <summary>Sends one whole frame (destination, source, EtherType, payload).</summary>
        bool Send(byte[] frame, int offset, int count);

        /// <summary>Copies the next received frame into buffer; -1 when none is waiting. Never blocks.</summary>
        int TryReceive(byte[] buffer);

        void Close();
    }
}
