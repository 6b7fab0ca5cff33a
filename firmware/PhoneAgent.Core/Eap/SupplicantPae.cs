using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Eap
{
    /// <summary>The 802.1X supplicant of IEEE 802.1X-2004: the Supplicant PAE state machine
    /// (§8.2.11, figure 8-17) and, merged into this class as a second state variable, the
    /// Supplicant Backend state machine (§8.2.12, figure 8-18) that carries EAP between the
    /// PAE and the EAP peer (RFC 4137, EapPeer). The three machines share the variables of
    /// §8.2.2.2 exactly as the standard does; after every input they are stepped in turn until
    /// none changes state (§8.2.1: exit conditions are evaluated continuously).
    ///
    /// No I/O, no clock: frames go to the outbox, time comes in as nowMs, and the timers
    /// startWhen, heldWhile and authWhile are absolute deadlines ("== 0" means "reached").
    /// The errata applied by wpa_supplicant and others are applied here too: the backend's
    /// INITIALIZE clears eapReq, and its FAIL and SUCCESS clear eapolEap (so the Success
    /// frame itself does not restart the PAE). portValid is always TRUE on a wired port.
    ///
    /// When maxStart EAPOL-Starts go unanswered the PAE moves to AUTHENTICATED, as the
    /// standard prescribes: the port is taken to be uncontrolled (no 802.1X), so a phone on
    /// such a port still boots. A later EAP-Request restarts authentication (RESTART).</summary>
    public sealed class SupplicantPae
    {
        public const string Source = "dot1x";

        // IEEE 802.1X-2004 §8.2.11.1.2 and §8.2.12.1.2 default values.
        public const int HeldPeriodMs = 60000;
        public const int StartPeriodMs = 30000;
        public const int MaxStart = 3;
        public const int AuthPeriodMs = 30000;

        private const int MaxStepsPerEvent = 64;

        private readonly byte[] _mac;
        private readonly EapPeer _peer;

        // No state before Start: the first step enters DISCONNECTED and INITIALIZE with their actions.
        private int _pae = SupplicantPaeState.None;
        private int _backend = SupplicantBackendState.None;
        private bool _started;

        // §8.2.2.2 global variables (eapRestart, eapSuccess, eapFail, eapReq, eapResp and
        // eapNoResp live on the EapPeer, the higher layer they belong to).
        private bool _initialize;
        private bool _portEnabled;
        private readonly bool _portValid = true;
        private bool _eapolEap;
        private bool _suppAbort, _suppFail, _suppStart, _suppSuccess, _suppTimeout;
        private bool _keyRun, _keyDone;
        private bool _authorized; // suppPortStatus
        private int _portControl = PortControl.Auto;
        private int _sPortMode = PortControl.Auto;

        // §8.2.11.1 Supplicant PAE variables.
        private bool _userLogoff;
        private bool _logoffSent;
        private int _startCount;

        // Timers as absolute deadlines (§8.2.2.1).
        private long _startWhen, _heldWhile, _authWhile;
        private long _now;

        // For the administrator.
        private int _outcome = Dot1xOutcome.Pending;
        private int _outcomeVersion;
        private string _summary = "";
        private long _attemptStartMs = -1;
        private long _outcomeAtMs;
        private byte[] _authenticator;
        private string _lastSent = "";
        private int _malformed;
        private int _ignored;
        private int _startsSent;

        public SupplicantPae(byte[] mac, EapPeer peer)
        {
            if (mac == null || mac.Length != 6) throw new System.ArgumentException("mac must be 6 bytes");
            if (peer == null) throw new System.ArgumentNullException(nameof(peer));
            _mac = mac;
            _peer = peer;
        }

        public int State { get { return _pae; } }
        public int BackendState { get { return _backend; } }
        public EapPeer Peer { get { return _peer; } }
        /// <summary>suppPortStatus: Authorized after EAP-Success, and also after maxStart
        /// unanswered Starts (no authenticator), or when forced.</summary>
        public bool PortAuthorized { get { return _authorized; } }
        public int StartCount { get { return _startCount; } }
        /// <summary>keyRun (§8.2.2.2): set by the backend's SUCCESS; for key-deriving methods later.</summary>
        public bool KeyRun { get { return _keyRun; } }
        public int StartsSent { get { return _startsSent; } }
        /// <summary>How the last attempt ended; OutcomeVersion changes with every new outcome.</summary>
        public int Outcome { get { return _outcome; } }
        public int OutcomeVersion { get { return _outcomeVersion; } }
        /// <summary>One line: who authenticated how, or the diagnosis.</summary>
        public string Summary { get { return _summary; } }
        /// <summary>From the first EAPOL-Start of the attempt to its outcome, in ms (-1 before any Start).</summary>
        public long OutcomeElapsedMs { get { return _attemptStartMs < 0 ? -1 : _outcomeAtMs - _attemptStartMs; } }
        /// <summary>The MAC the last EAP packet came from (null before any).</summary>
        public byte[] Authenticator { get { return _authenticator; } }
        /// <summary>EAP packets that failed to decode.</summary>
        public int MalformedCount { get { return _malformed; } }
        /// <summary>Frames not for this supplicant (our own echo, other addresses, other types).</summary>
        public int IgnoredCount { get { return _ignored; } }

        public long NextDeadlineMs
        {
            get
            {
                long d = Deadline.None;
                if (!_started || !_portEnabled) return d;
                if (_pae == SupplicantPaeState.Connecting) d = Deadline.Min(d, _startWhen);
                if (_pae == SupplicantPaeState.Held) d = Deadline.Min(d, _heldWhile);
                if (_backend == SupplicantBackendState.Receive) d = Deadline.Min(d, _authWhile);
                return d;
            }
        }

        // ---- inputs ----------------------------------------------------------------

        /// <summary>The port comes up: initialize, then DISCONNECTED to CONNECTING (EAPOL-Start).</summary>
        public void Start(long nowMs, Outbox outbox)
        {
            _now = nowMs;
            _started = true;
            _portEnabled = true;
            _peer.PortEnabled = true;
            _initialize = true;
            Run(outbox);
            _initialize = false;
            Run(outbox);
        }

        /// <summary>An EAPOL frame from the port. Only EAP Requests, Success and Failure to the
        /// PAE group address or this MAC are taken; our own frames (a packet socket sees what it
        /// sends), other supplicants' Responses, Starts and Logoffs, and EAPOL-Key are ignored.</summary>
        public void OnFrame(EapolFrame f, long nowMs, Outbox outbox)
        {
            _now = nowMs;
            if (!_started) return;
            if (Net.Mac.Same(f.Source, _mac) || !(Net.Mac.Same(f.Destination, _mac) || Eapol.IsPaeGroup(f.Destination, 0)))
            {
                _ignored++;
                return;
            }
            if (f.PacketType != Eapol.TypeEapPacket)
            {
                _ignored++;
                if (f.PacketType != Eapol.TypeKey)
                    outbox.Note(Source, Level.Debug, "ignored " + Eapol.TypeName(f.PacketType) + " from " + Net.Mac.Format(f.Source));
                return;
            }
            EapPacket p;
            string reason;
            if (!EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out reason))
            {
                _malformed++;
                outbox.Note(Source, Level.Debug, "dropped a malformed EAP packet from " + Net.Mac.Format(f.Source) + ": " + reason);
                return;
            }
            if (p.Code == EapCode.Response)
            {
                _ignored++; // another supplicant's, seen on a shared segment
                return;
            }
            _authenticator = f.Source;
            outbox.Note(Source, Level.Info, p.Describe() + " from " + Net.Mac.Format(f.Source));
            _eapolEap = true;
            _peer.EapReqData = p;
            Run(outbox);
        }

        public void OnDeadline(long nowMs, Outbox outbox)
        {
            _now = nowMs;
            if (!_started) return;
            Run(outbox);
        }

        /// <summary>userLogoff (§8.2.11.1.1): the phone shuts down; LOGOFF sends EAPOL-Logoff.</summary>
        public void Logoff(long nowMs, Outbox outbox)
        {
            _now = nowMs;
            _userLogoff = true;
            if (_started) Run(outbox);
        }

        /// <summary>portEnabled: the link went down (false) or up again (true).</summary>
        public void SetPortEnabled(bool enabled, long nowMs, Outbox outbox)
        {
            _now = nowMs;
            _portEnabled = enabled;
            _peer.PortEnabled = enabled;
            if (_started) Run(outbox);
        }

        /// <summary>portControl (§8.2.2.2): Auto, ForceAuthorized or ForceUnauthorized.</summary>
        public void SetPortControl(int control, long nowMs, Outbox outbox)
        {
            if (control < PortControl.Auto || control > PortControl.ForceUnauthorized) throw new System.ArgumentException("portControl out of range");
            _now = nowMs;
            _portControl = control;
            if (_started) Run(outbox);
        }

        // ---- the machines --------------------------------------------------------------

        private void Run(Outbox outbox)
        {
            for (int i = 0; i < MaxStepsPerEvent; i++)
            {
                bool changed = StepPae(outbox);
                changed |= StepBackend(outbox);
                changed |= _peer.Step(outbox);
                if (!changed) return;
            }
            outbox.Note(Source, Level.Warning, "802.1X machines did not settle in " + MaxStepsPerEvent.ToString() + " steps (PAE " +
                SupplicantPaeState.Name(_pae) + ", backend " + SupplicantBackendState.Name(_backend) + ", EAP " + EapPeerState.Name(_peer.State) + ")");
        }

        private bool Expired(long deadline) { return _now >= deadline; }

        /// <summary>IEEE 802.1X-2004 §8.2.11, figure 8-17: global transitions, then the
        /// current state's exits. True when a state was entered.</summary>
        private bool StepPae(Outbox o)
        {
            bool down = _initialize || !_portEnabled;
            if (_userLogoff && !_logoffSent && !down) return EnterPae(SupplicantPaeState.Logoff, o);
            if ((_portControl == PortControl.Auto && _sPortMode != _portControl) || down)
            {
                // Held in DISCONNECTED while the condition lasts; re-entering changes nothing.
                if (_pae == SupplicantPaeState.Disconnected && down) return false;
                return EnterPae(SupplicantPaeState.Disconnected, o);
            }
            if (_portControl == PortControl.ForceAuthorized && _sPortMode != _portControl) return EnterPae(SupplicantPaeState.SForceAuth, o);
            if (_portControl == PortControl.ForceUnauthorized && _sPortMode != _portControl) return EnterPae(SupplicantPaeState.SForceUnauth, o);

            switch (_pae)
            {
                case SupplicantPaeState.Logoff:
                    return !_userLogoff && EnterPae(SupplicantPaeState.Disconnected, o);
                case SupplicantPaeState.Disconnected:
                    return EnterPae(SupplicantPaeState.Connecting, o);
                case SupplicantPaeState.Connecting:
                    // A received Request is taken before another Start when both are due.
                    if (_eapolEap) return EnterPae(SupplicantPaeState.Restart, o);
                    if (!Expired(_startWhen)) return false;
                    if (_startCount < MaxStart) return EnterPae(SupplicantPaeState.Connecting, o);
                    return EnterPae(_portValid ? SupplicantPaeState.Authenticated : SupplicantPaeState.Held, o);
                case SupplicantPaeState.Authenticating:
                    if (_suppSuccess && _portValid) return EnterPae(SupplicantPaeState.Authenticated, o);
                    if (_suppFail || (_keyDone && !_portValid)) return EnterPae(SupplicantPaeState.Held, o);
                    if (_suppTimeout) return EnterPae(SupplicantPaeState.Connecting, o);
                    return false;
                case SupplicantPaeState.Authenticated:
                    if (_eapolEap && _portValid) return EnterPae(SupplicantPaeState.Restart, o);
                    if (!_portValid) return EnterPae(SupplicantPaeState.Disconnected, o);
                    return false;
                case SupplicantPaeState.Held:
                    if (Expired(_heldWhile)) return EnterPae(SupplicantPaeState.Connecting, o);
                    if (_eapolEap) return EnterPae(SupplicantPaeState.Restart, o);
                    return false;
                case SupplicantPaeState.Restart:
                    return !_peer.EapRestart && EnterPae(SupplicantPaeState.Authenticating, o);
                default:
                    return false; // S_FORCE_AUTH, S_FORCE_UNAUTH: left only by a global transition
            }
        }

        private bool EnterPae(int state, Outbox o)
        {
            int from = _pae;
            _pae = state;
            switch (state)
            {
                case SupplicantPaeState.Logoff:
                    bool wasAuthenticated = _authorized && _outcome == Dot1xOutcome.Authenticated;
                    TxLogoff(o);
                    _logoffSent = true;
                    _authorized = false;
                    SetOutcome(Dot1xOutcome.LoggedOff, wasAuthenticated ? "EAPOL-Logoff sent: the port is unauthorized again" : "EAPOL-Logoff sent", Level.Info, o);
                    break;
                case SupplicantPaeState.Disconnected:
                    _sPortMode = PortControl.Auto;
                    _startCount = 0;
                    _logoffSent = false;
                    _authorized = false;
                    _suppAbort = true;
                    break;
                case SupplicantPaeState.Connecting:
                    if (from == SupplicantPaeState.Authenticating && _suppTimeout)
                        SetOutcome(Dot1xOutcome.TimedOut, "no EAP packet from the authenticator for " + (AuthPeriodMs / 1000).ToString() +
                            " s after our " + _lastSent + ": it or its RADIUS server stopped answering; starting over with EAPOL-Start", Level.Warning, o);
                    _startWhen = _now + StartPeriodMs;
                    _startCount++;
                    _eapolEap = false;
                    TxStart(o);
                    break;
                case SupplicantPaeState.Authenticating:
                    _startCount = 0;
                    _suppSuccess = false;
                    _suppFail = false;
                    _suppTimeout = false;
                    _keyRun = false;
                    _keyDone = false;
                    _suppStart = true;
                    break;
                case SupplicantPaeState.Authenticated:
                    _authorized = true;
                    if (from == SupplicantPaeState.Connecting) NoAuthenticator(o);
                    else
                        SetOutcome(Dot1xOutcome.Authenticated, "authenticated as '" + _peer.Identity + "' with " + _peer.Method.Name +
                            (_authenticator != null ? " by " + Net.Mac.Format(_authenticator) : "") + ": port authorized", Level.Info, o);
                    break;
                case SupplicantPaeState.Held:
                    _heldWhile = _now + HeldPeriodMs;
                    _authorized = false;
                    string why = _peer.Diagnosis.Length > 0 ? _peer.Diagnosis : "authentication failed";
                    SetOutcome(Dot1xOutcome.Failed, why, Level.Error, o);
                    o.Note(Source, Level.Info, "HELD: next attempt in " + (HeldPeriodMs / 1000).ToString() + " s");
                    break;
                case SupplicantPaeState.Restart:
                    _peer.EapRestart = true;
                    if (from != SupplicantPaeState.Connecting) _attemptStartMs = _now; // the authenticator began this attempt
                    break;
                case SupplicantPaeState.SForceAuth:
                    _authorized = true;
                    _sPortMode = PortControl.ForceAuthorized;
                    break;
                case SupplicantPaeState.SForceUnauth:
                    _authorized = false;
                    _sPortMode = PortControl.ForceUnauthorized;
                    TxLogoff(o);
                    break;
            }
            return true;
        }

        private void NoAuthenticator(Outbox o)
        {
            long seconds = (_now - _attemptStartMs) / 1000;
            string text = _authenticator == null
                ? "no EAPOL from the switch after " + MaxStart.ToString() + " EAPOL-Starts in " + seconds.ToString() + " s: port not 802.1X-controlled, continuing"
                : "the authenticator " + Net.Mac.Format(_authenticator) + " answered before but not the last " + MaxStart.ToString() +
                  " EAPOL-Starts: port taken as not 802.1X-controlled (IEEE 802.1X-2004 §8.2.11), continuing";
            SetOutcome(Dot1xOutcome.NoAuthenticator, text, Level.Warning, o);
        }

        /// <summary>IEEE 802.1X-2004 §8.2.12, figure 8-18.</summary>
        private bool StepBackend(Outbox o)
        {
            if (_initialize || _suppAbort)
            {
                if (_backend == SupplicantBackendState.Initialize && !_suppAbort) return false; // held while initialize lasts
                return EnterBackend(SupplicantBackendState.Initialize, o);
            }
            switch (_backend)
            {
                case SupplicantBackendState.Initialize:
                    return EnterBackend(SupplicantBackendState.Idle, o);
                case SupplicantBackendState.Idle:
                    if (_peer.EapFail && _suppStart) return EnterBackend(SupplicantBackendState.Fail, o);
                    if (_eapolEap && _suppStart) return EnterBackend(SupplicantBackendState.Request, o);
                    if (_peer.EapSuccess && _suppStart) return EnterBackend(SupplicantBackendState.Success, o);
                    return false;
                case SupplicantBackendState.Request:
                    if (_peer.EapResp) return EnterBackend(SupplicantBackendState.Response, o);
                    if (_peer.EapNoResp) return EnterBackend(SupplicantBackendState.Receive, o);
                    if (_peer.EapFail) return EnterBackend(SupplicantBackendState.Fail, o);
                    if (_peer.EapSuccess) return EnterBackend(SupplicantBackendState.Success, o);
                    return false;
                case SupplicantBackendState.Response:
                    return EnterBackend(SupplicantBackendState.Receive, o);
                case SupplicantBackendState.Receive:
                    if (_eapolEap) return EnterBackend(SupplicantBackendState.Request, o);
                    if (_peer.EapFail) return EnterBackend(SupplicantBackendState.Fail, o);
                    if (Expired(_authWhile)) return EnterBackend(SupplicantBackendState.Timeout, o);
                    if (_peer.EapSuccess) return EnterBackend(SupplicantBackendState.Success, o);
                    return false;
                case SupplicantBackendState.Fail:
                case SupplicantBackendState.Timeout:
                case SupplicantBackendState.Success:
                    return EnterBackend(SupplicantBackendState.Idle, o);
                default:
                    return false;
            }
        }

        private bool EnterBackend(int state, Outbox o)
        {
            _backend = state;
            switch (state)
            {
                case SupplicantBackendState.Initialize:
                    // abortSupp (§8.2.12.1.3 a): nothing is held outside these machines.
                    _suppAbort = false;
                    _peer.EapReq = false; // errata
                    break;
                case SupplicantBackendState.Idle:
                    _suppStart = false;
                    break;
                case SupplicantBackendState.Request:
                    _authWhile = _now; // authWhile = 0
                    _peer.EapReq = true;
                    // getSuppRsp (§8.2.12.1.3 b): the EAP peer runs in the same Run loop.
                    break;
                case SupplicantBackendState.Response:
                    TxSuppRsp(o);
                    _peer.EapResp = false;
                    break;
                case SupplicantBackendState.Receive:
                    _authWhile = _now + AuthPeriodMs;
                    _eapolEap = false;
                    _peer.EapNoResp = false;
                    break;
                case SupplicantBackendState.Fail:
                    _suppFail = true;
                    _eapolEap = false; // errata
                    break;
                case SupplicantBackendState.Timeout:
                    _suppTimeout = true;
                    break;
                case SupplicantBackendState.Success:
                    _keyRun = true;
                    _suppSuccess = true;
                    _eapolEap = false; // errata
                    break;
            }
            return true;
        }

        // ---- transmission (§8.2.11.1.2 txStart, txLogoff; §8.2.12.1.3 c txSuppRsp) --------

        private void TxStart(Outbox o)
        {
            if (_startCount == 1) _attemptStartMs = _now;
            _startsSent++;
            Send(Eapol.TypeStart, null, o);
            o.Note(Source, Level.Info, "EAPOL-Start " + _startCount.ToString() + " of " + MaxStart.ToString());
        }

        private void TxLogoff(Outbox o)
        {
            Send(Eapol.TypeLogoff, null, o);
        }

        private void TxSuppRsp(Outbox o)
        {
            EapPacket r = _peer.EapRespData;
            if (r == null) return;
            Send(Eapol.TypeEapPacket, r.Encode(), o);
            _lastSent = r.Describe();
            o.Note(Source, Level.Info, _lastSent);
        }

        private void Send(int type, byte[] body, Outbox o)
        {
            o.SendFrame(EapolFrame.ToPaeGroup(_mac, type, body).Encode());
        }

        private void SetOutcome(int outcome, string summary, int level, Outbox o)
        {
            _outcome = outcome;
            _summary = summary;
            _outcomeAtMs = _now;
            _outcomeVersion++;
            o.Note(Source, level, summary);
        }
    }
}
