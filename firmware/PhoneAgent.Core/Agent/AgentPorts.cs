using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Agent
{
    /// <summary>The platform's ports, gathered once: the device's Program and the host
    /// harness fill this and nothing else differs between them.</summary>
    public sealed class AgentPorts
    {
        public IClock Clock;
        public INetworkInterface Network;
        public IRandom Random;
        public IEventSink Events;
        public IDisplay Display;   // optional
        public ILeds Leds;         // optional
        public IKeypad Keypad;     // optional
        public IStore Store;       // optional
        public IAddressConflictDetector Conflicts; // optional
        /// <summary>Wall-clock time; PhoneAgentFactory installs one SNTP sets when none is given.</summary>
        public IWallClock WallClock;   // optional
        /// <summary>TCP and TLS for SIP over streams; without them SIP registers over UDP only.</summary>
        public IStreamConnector Streams;   // optional
        public ITlsPort Tls;               // optional
        /// <summary>TLS inside EAP (PEAP): built by the platform with the trust anchors; without it
        /// dot1x.method = peap fails the 802.1X step with the reason.</summary>
        public ITlsTunnelPort TlsTunnel;   // optional
        /// <summary>Optional: the EAPOL frame port. PhoneAgentFactory opens it from Network when
        /// 802.1X is configured; a platform or a tool may hand one in instead.</summary>
        public IFramePort Frames;
        /// <summary>Optional: the PC port. With one, EAPOL passes between the switch and the PC
        /// and the agent sends proxy EAPOL-Logoff when the PC unplugs (Eap/PcPortProxy).</summary>
        public IPcPort PcPort;
        /// <summary>Optional: where the LSC's key comes from (default: the core's RSA generator on Random).</summary>
        public Scep.IKeyPairSource Keys;
        /// <summary>Optional: the phone's certificate (DER, intermediates may follow) and key for
        /// EAP-TLS, read by the platform from dot1x.tls.certificate / dot1x.tls.key.</summary>
        public byte[] Dot1xCertificate;
        public byte[] Dot1xKey;

        public void Validate()
        {
            if (Clock == null) throw new System.ArgumentException("ports: Clock is required");
            if (Network == null) throw new System.ArgumentException("ports: Network is required");
            if (Random == null) throw new System.ArgumentException("ports: Random is required");
            if (Events == null) throw new System.ArgumentException("ports: Events is required");
        }
    }
}
