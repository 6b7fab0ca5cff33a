using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Eap
{
    /// <summary>Boot step "802.1x" (before DHCP when dot1x.enabled = true): decodes EAPOL
    /// frames for the SupplicantPae and turns its outcome into the step's status. Done on
    /// EAP-Success; Warning when no authenticator answered (the port is open, the boot goes
    /// on); Failed on EAP-Failure (the machine keeps running: HELD, then a new attempt, but the
    /// boot stops here, since DHCP on an unauthorized port cannot work). Stop sends EAPOL-Logoff.</summary>
    public sealed class Dot1xStep : BootStep
    {
        private readonly SupplicantPae _supplicant;
        private readonly string _unavailable;
        private int _seenOutcome;
        private int _badFrames;

        /// <summary>unavailable: null when the platform gave a frame port; otherwise why not,
        /// and the step fails at Start with that reason.</summary>
        public Dot1xStep(SupplicantPae supplicant, string unavailable)
        {
            if (supplicant == null) throw new System.ArgumentNullException(nameof(supplicant));
            _supplicant = supplicant;
            _unavailable = unavailable;
        }

        public override string Name { get { return "802.1x"; } }

        public SupplicantPae Supplicant { get { return _supplicant; } }

        /// <summary>Frames that were not EAPOL or failed to decode.</summary>
        public int MalformedFrames { get { return _badFrames; } }

        public override string DisplayLine
        {
            get
            {
                switch (Status)
                {
                    case Done: return "802.1X: authorized";
                    case Warning: return "802.1X: none (open)";
                    case Failed: return "802.1X: REFUSED";
                    default: return "802.1X " + SupplicantPaeState.Name(_supplicant.State);
                }
            }
        }

        public override long NextDeadlineMs { get { return _supplicant.NextDeadlineMs; } }

        public override void Start(long nowMs, Outbox outbox)
        {
            if (_unavailable != null)
            {
                outbox.Note(SupplicantPae.Source, Level.Error, _unavailable);
                SetStatus(Failed, _unavailable);
                return;
            }
            SetStatus(Running, "authenticating as '" + _supplicant.Peer.Identity + "' with " + _supplicant.Peer.Method.Name);
            _supplicant.Start(nowMs, outbox);
            Sync();
        }

        public override void OnFrame(byte[] frame, int count, long nowMs, Outbox outbox)
        {
            if (_unavailable != null) return;
            EapolFrame f;
            string reason;
            if (!EapolFrame.TryDecode(frame, 0, count, out f, out reason))
            {
                _badFrames++;
                outbox.Note(SupplicantPae.Source, Level.Debug, "dropped a frame: " + reason);
                return;
            }
            int before = _supplicant.State;
            _supplicant.OnFrame(f, nowMs, outbox);
            if (before != _supplicant.State) Touch();
            Sync();
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            int before = _supplicant.State;
            _supplicant.OnDeadline(nowMs, outbox);
            if (before != _supplicant.State) Touch();
            Sync();
        }

        /// <summary>portEnabled (IEEE 802.1X-2004 §8.2.2.2 d): link down takes the PAE to
        /// DISCONNECTED; link up starts it again (EAPOL-Start), which is how a restarted switch,
        /// whose port came up unauthorized, gets the phone authenticated again.</summary>
        public override void OnLink(bool up, long nowMs, Outbox outbox)
        {
            if (_unavailable != null) return;
            int before = _supplicant.State;
            _supplicant.SetPortEnabled(up, nowMs, outbox);
            if (before != _supplicant.State) Touch();
            Sync();
        }

        /// <summary>Orderly shutdown: EAPOL-Logoff (IEEE 802.1X-2004 §8.2.11 LOGOFF).</summary>
        public override void Stop(long nowMs, Outbox outbox)
        {
            if (_unavailable != null) return;
            _supplicant.Logoff(nowMs, outbox);
        }

        private void Sync()
        {
            if (_supplicant.OutcomeVersion == _seenOutcome) return;
            _seenOutcome = _supplicant.OutcomeVersion;
            string s = _supplicant.Summary;
            int o = _supplicant.Outcome;
            if (o == Dot1xOutcome.Authenticated) SetStatus(Done, s);
            else if (o == Dot1xOutcome.NoAuthenticator) SetStatus(Warning, s);
            // A refusal fails the step; once the boot went on, a later refusal (re-authentication)
            // is told in the summary without halting what already runs.
            else if (o == Dot1xOutcome.Failed) SetStatus(IsFinished ? Status : Failed, s);
            else SetStatus(Status, s); // timed out (starting over), logged off
        }
    }
}
