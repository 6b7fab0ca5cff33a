using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Eap
{
    /// <summary>Proxy EAPOL-Logoff for the PC behind the phone. The PC authenticates itself
    /// through the phone's PC port; the phone only forwards its EAPOL frames and watches them.
    /// When the PC's cable is pulled the switch cannot notice (its port still has link: the
    /// phone), so the session would stay open for anyone who plugs into the phone. IEEE 802.1X
    /// has no word for this; phones (Cisco's "proxy EAPOL-Logoff") send an EAPOL-Logoff
    /// (802.1X-2010 §11.3.2, packet type 2) to the PAE group address with the PC's MAC as
    /// source, which ends that supplicant's session on the authenticator (its Logoff handling,
    /// 802.1X-2004 §8.2.4). Observer only: it never changes, drops or delays a frame.
    ///
    /// The PC counts as authenticated after an EAP-Success from the switch that answers the
    /// PC's latest EAP-Response (same Identifier), sent to the PC's MAC or to a group address
    /// while the PC's conversation is the one outstanding; its own EAPOL-Logoff or an
    /// EAP-Failure ends that.</summary>
    public sealed class PcPortProxy
    {
        public const string Source = "8021x";

        public const int NoPc = 0;
        public const int PcAuthenticating = 1;
        public const int PcAuthenticated = 2;

        private readonly byte[] _phoneMac;
        private byte[] _pcMac;
        private int _state = NoPc;
        private int _lastResponseId = -1;
        private int _logoffsSent;

        public PcPortProxy(byte[] phoneMac)
        {
            if (phoneMac == null || phoneMac.Length != 6) throw new System.ArgumentException("phoneMac must be 6 bytes");
            _phoneMac = phoneMac;
        }

        public int State { get { return _state; } }
        /// <summary>The PC's MAC (its EAPOL source address), or null before the PC spoke.</summary>
        public byte[] PcMac { get { return _pcMac; } }
        public int LogoffsSent { get { return _logoffsSent; } }

        public static string StateName(int s)
        {
            switch (s)
            {
                case NoPc: return "no PC session";
                case PcAuthenticating: return "PC authenticating";
                case PcAuthenticated: return "PC authenticated";
                default: return "state " + s.ToString();
            }
        }

        /// <summary>An EAPOL frame the PC sent (to be forwarded to the switch).</summary>
        public void OnFrameFromPc(byte[] frame, int count, Outbox outbox)
        {
            EapolFrame f;
            string why;
            if (frame == null || count < 0 || count > frame.Length || !EapolFrame.TryDecode(frame, 0, count, out f, out why)) return;
            if ((f.Source[0] & 1) != 0 || Mac.Same(f.Source, _phoneMac)) return;   // not a station's frame
            if (_pcMac != null && !Mac.Same(f.Source, _pcMac) && _state != NoPc)
                outbox.Note(Source, Level.Warning, "a second station " + Mac.Format(f.Source) + " speaks EAPOL on the PC port; following it instead of " + Mac.Format(_pcMac));
            if (f.PacketType == Eapol.TypeLogoff)
            {
                if (_state != NoPc) outbox.Note(Source, Level.Info, "PC " + Mac.Format(f.Source) + " logged off itself");
                _pcMac = Copy(f.Source);
                _state = NoPc;
                return;
            }
            if (f.PacketType == Eapol.TypeStart)
            {
                _pcMac = Copy(f.Source);
                _state = PcAuthenticating;
                _lastResponseId = -1;
                return;
            }
            if (f.PacketType != Eapol.TypeEapPacket) return;
            EapPacket p;
            if (!EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out why) || p.Code != EapCode.Response) return;
            _pcMac = Copy(f.Source);
            if (_state != PcAuthenticated || p.Type == EapType.Identity) _state = PcAuthenticating;
            _lastResponseId = p.Identifier;
        }

        /// <summary>An EAPOL frame from the switch (to be forwarded to the PC as well).</summary>
        public void OnFrameFromSwitch(byte[] frame, int count, Outbox outbox)
        {
            if (_state != PcAuthenticating || _pcMac == null) return;
            EapolFrame f;
            string why;
            if (frame == null || count < 0 || count > frame.Length || !EapolFrame.TryDecode(frame, 0, count, out f, out why)) return;
            if (f.PacketType != Eapol.TypeEapPacket) return;
            bool toPc = Mac.Same(f.Destination, _pcMac) || Eapol.IsPaeGroup(f.Destination, 0);
            if (!toPc) return;
            EapPacket p;
            if (!EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out why) || p.Identifier != _lastResponseId) return;
            if (p.Code == EapCode.Success)
            {
                _state = PcAuthenticated;
                outbox.Note(Source, Level.Info, "PC " + Mac.Format(_pcMac) + " authenticated through the PC port");
            }
            else if (p.Code == EapCode.Failure)
            {
                _state = NoPc;
                outbox.Note(Source, Level.Info, "the switch refused PC " + Mac.Format(_pcMac));
            }
        }

        /// <summary>The PC port's link changed. Link down with a PC session open: EAPOL-Logoff on
        /// the PC's behalf, to the PAE group address, from the PC's MAC.</summary>
        public void OnPcLink(bool up, Outbox outbox)
        {
            if (up || _state == NoPc || _pcMac == null) return;
            EapolFrame logoff = EapolFrame.ToPaeGroup(_pcMac, Eapol.TypeLogoff, null);
            outbox.SendFrame(logoff.Encode());
            _logoffsSent++;
            outbox.Note(Source, Level.Info, "PC port link down: sent EAPOL-Logoff for PC " + Mac.Format(_pcMac) +
                " (" + StateName(_state) + ") so the switch closes its session (proxy logoff)");
            _state = NoPc;
            _lastResponseId = -1;
        }

        private static byte[] Copy(byte[] mac)
        {
            byte[] c = new byte[6];
            System.Array.Copy(mac, c, 6);
            return c;
        }
    }
}
