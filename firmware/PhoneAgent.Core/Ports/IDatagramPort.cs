namespace PhoneAgent.Core.Ports
{
    /// <summary>A UDP socket bound to one local port on the phone's interface.
    /// Addresses are IPv4 in host order (see Net.Ip4).</summary>
    public interface IDatagramPort
    {
        int LocalPort { get; }

        /// <summary>Queues one datagram; false when the platform refused it (no route,
        /// interface down), so the machine's retransmission takes over.</summary>
        bool Send(uint destination, int destinationPort, byte[] data, int offset, int count);

        /// <summary>Non-blocking: copies the next datagram into buffer and returns its length,
        /// or -1 when none is waiting. Longer datagrams are truncated to the buffer.</summary>
        int TryReceive(byte[] buffer, out uint source, out int sourcePort);

        void Close();
    }
}
