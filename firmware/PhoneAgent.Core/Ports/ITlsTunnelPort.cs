namespace PhoneAgent.Core.Ports
{
    /// <summary>A TLS client whose records travel inside another protocol (EAP-TLS, RFC 5216;
    /// PEAP): the core carries the bytes, the platform runs the handshake. Like ITlsPort, the
    /// platform hands the server's certificates to the core's PathValidator during the
    /// handshake (the port is built with it), so an untrusted server fails the handshake.
    /// On the host: SslStream over an in-memory duplex stream. On the device: needs native
    /// support (mbedTLS with memory BIOs), which stable nanoFramework does not expose.</summary>
    public interface ITlsTunnelPort
    {
        /// <summary>Starts a client handshake (the ClientHello is then in TakeOutgoing); null with
        /// reason set when the platform cannot. clientCertificateDer/clientKeyDer may be null.
        /// clientCertificateDer is the phone's certificate in DER, optionally followed by its
        /// intermediate CA certificates (concatenated DER, leaf first), which the platform then
        /// sends with it (an LSC chain; RADIUS servers often know only the root). serverName:
        /// the name the server's certificate must carry (RFC 6125), or null for no name check.</summary>
        ITlsTunnel Open(string serverName, byte[] clientCertificateDer, byte[] clientKeyDer, out string reason);
    }

    /// <summary>One TLS session inside a tunnel. Synchronous: each call returns once the
    /// engine has produced all it can from what it was given.</summary>
    public interface ITlsTunnel
    {
        /// <summary>TlsTunnelState.Handshaking, Established, Failed or Closed.</summary>
        int State { get; }

        /// <summary>Why the handshake or the session failed, in words ("" when it did not).</summary>
        string FailureReason { get; }

        /// <summary>TLS records the server sent (EAP fragments already reassembled).</summary>
        void Receive(byte[] data, int offset, int count);

        /// <summary>TLS records to send to the server, or null when there are none.</summary>
        byte[] TakeOutgoing();

        /// <summary>Application data to send through the established tunnel (PEAP phase 2);
        /// the records appear in TakeOutgoing.</summary>
        void Write(byte[] data, int offset, int count);

        /// <summary>Application data the server sent through the tunnel, or null.</summary>
        byte[] TakeIncoming();

        /// <summary>DER certificates the server presented, leaf first, or null.</summary>
        byte[][] PeerCertificates { get; }

        /// <summary>"TLSv1.2", "TLSv1.3": the negotiated version, null before the handshake.</summary>
        string Protocol { get; }

        /// <summary>RFC 5705 keying material (RFC 5216 §2.3 MSK: label "client EAP encryption"),
        /// or null where the platform cannot export it.</summary>
        byte[] ExportKeyingMaterial(string label, int length);

        void Close();
    }

    /// <summary>Values of ITlsTunnel.State.</summary>
    public static class TlsTunnelState
    {
        public const int Handshaking = 0;
        public const int Established = 1;
        public const int Failed = 2;
        public const int Closed = 3;

        public static string Name(int s)
        {
            switch (s)
            {
                case Handshaking: return "Handshaking";
                case Established: return "Established";
                case Failed: return "Failed";
                case Closed: return "Closed";
                default: return "state " + s.ToString();
            }
        }
    }
}
