namespace PhoneAgent.Core.Ports
{
    /// <summary>TLS client over the platform's stack. The certificates the server sent
    /// are handed back so the core's validator, not the platform, decides trust.</summary>
    public interface ITlsPort
    {
        /// <summary>Connects and completes the handshake; null with reason set on failure.
        /// clientCertificateDer/clientKeyDer may be null (no mutual TLS).</summary>
        IStreamPort Connect(uint address, int port, string serverName,
            byte[] clientCertificateDer, byte[] clientKeyDer, out string reason);

        /// <summary>DER certificates the server presented in the last handshake, leaf first,
        /// or null where the platform cannot expose them (nanoFramework's SslStream).</summary>
        byte[][] LastPeerCertificates { get; }
    }
}
