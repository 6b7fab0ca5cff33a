namespace PhoneAgent.Core.Ports
{
    /// <summary>A connected byte stream (TCP), non-blocking reads.</summary>
    public interface IStreamPort
    {
        /// <summary>False while a connection started by IStreamConnector.Connect is still being set
        /// up (TryRead then returns 0); once the attempt has failed (refused, unreachable) TryRead
        /// returns -1 without Connected ever having been true.</summary>
        bool Connected { get; }

        /// <summary>Writes all bytes or returns false when the connection failed.</summary>
        bool Write(byte[] data, int offset, int count);

        /// <summary>Bytes read into buffer, 0 when none are waiting, -1 when the peer closed.</summary>
        int TryRead(byte[] buffer, int offset, int count);

        void Close();
    }

    public interface IStreamConnector
    {
        /// <summary>Starts a TCP connection without waiting for it; null when the platform refused at once.</summary>
        IStreamPort Connect(uint address, int port);
    }
}
