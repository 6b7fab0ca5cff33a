namespace PhoneAgent.Core.Ports
{
    /// <summary>A connected byte stream (TCP), non-blocking reads.</summary>
    public interface IStreamPort
    {
        bool Connected { get; }

        /// <summary>Writes all bytes or returns false when the connection failed.</summary>
        bool Write(byte[] data, int offset, int count);

        /// <summary>Bytes read into buffer, 0 when none are waiting, -1 when the peer closed.</summary>
        int TryRead(byte[] buffer, int offset, int count);

        void Close();
    }

    public interface IStreamConnector
    {
        /// <summary>Starts a TCP connection; null when the platform refused at once.</summary>
        IStreamPort Connect(uint address, int port);
    }
}
