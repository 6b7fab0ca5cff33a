using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Eap
{
    /// <summary>The EAP peer state machine of RFC 4137 §4 (figure 3), driven by the 802.1X
    /// supplicant through the lower-layer variables of §4.1.1 (portEnabled, eapRestart, eapReq
    /// and eapReqData in; eapResp, eapNoResp, eapSuccess, eapFail and eapRespData out). One
    /// Step evaluates the global transitions, then the current state's exits, and runs the
    /// entry actions of the state entered; the caller repeats until nothing changes.
    ///
    /// Deviations, each deliberate:
    /// - idleWhile/ClientTimeout is not run: under 802.1X the supplicant backend's authWhile
    ///   (IEEE 802.1X-2004 §8.2.12) supervises the conversation, and altAccept/altReject are
    ///   never set (802.1X carries no alternate indications).
    /// - a method that ends with DONE/FAIL but has a last answer (the MS-CHAPv2 Failure
    ///   acknowledgement, a TLS alert) goes to SEND_RESPONSE, not FAILURE (wpa_supplicant
    ///   does the same); the server's EAP-Failure follows.
    /// - a Success or Failure whose Identifier is the last one plus 1 is taken like one with
    ///   the last Identifier (some authenticators increment it; wpa_supplicant accepts it too).
    /// - more than MaxRounds Requests in one conversation end it in FAILURE (a loop between
    ///   switch and server must not keep the phone busy forever).
    /// - malformed EAP never reaches the machine: the codec drops it at the edge (counted).</summary>
    public sealed class EapPeer
    {
        public const int MaxRounds = 50;
        public const string Source = "dot1x";
        private const int NoId = -1;

        // Failure causes, for the diagnosis.
        public const int CauseNone = 0;
        public const int CauseServerFailure = 1;
        public const int CauseEarlySuccess = 2;
        public const int CauseMethodFailed = 3;
        public const int CauseRoundLimit = 4;

        private readonly string _identity;
        private readonly IEapMethod _method;
        private readonly EapMethodResult _result = new EapMethodResult();

        private int _state = EapPeerState.Disabled;

        // RFC 4137 §4.1.1, lower layer to peer.
        public bool PortEnabled;
        public bool EapRestart;
        public bool EapReq;
        public EapPacket EapReqData;

        // RFC 4137 §4.1.1, peer to lower layer.
        public bool EapResp;
        public bool EapNoResp;
        public bool EapSuccess;
        public bool EapFail;
        public EapPacket EapRespData;
        /// <summary>eapKeyData / eapKeyAvailable: the MSK of a key-deriving method (TLS later).</summary>
        public byte[] EapKeyData;
        public bool EapKeyAvailable;

        // RFC 4137 §4.3, peer local variables.
        private int _selectedMethod = EapType.None;
        private int _methodState = EapMethodState.None;
        private int _lastId = NoId;
        private EapPacket _lastRespData;
        private int _decision = EapDecision.Fail;
        private bool _allowNotifications = true;
        // Results of parseEapReq (§4.4 RECEIVED).
        private bool _rxReq, _rxSuccess, _rxFailure;
        private int _reqId, _reqMethod;
        private bool _ignore;

        // For the administrator.
        private int _rounds;
        private int _cause;
        private int _nakFor = EapType.None;
        private bool _identitySent;
        private string _diagnosis = "";

        /// <summary>identity: sent in EAP-Response/Identity (RFC 3748 §5.1). method: the one
        /// method this phone is configured for; every other Type is answered with a Nak
        /// proposing it (§5.3).</summary>
        public EapPeer(string identity, IEapMethod method)
        {
            if (identity == null) throw new System.ArgumentNullException(nameof(identity));
            if (method == null) throw new System.ArgumentNullException(nameof(method));
            _identity = identity;
            _method = method;
        }

        public int State { get { return _state; } }
        public string Identity { get { return _identity; } }
        public IEapMethod Method { get { return _method; } }
        public int SelectedMethod { get { return _selectedMethod; } }
        public int MethodState { get { return _methodState; } }
        public int Decision { get { return _decision; } }
        public int LastId { get { return _lastId; } }
        /// <summary>Requests taken in this conversation (reset in INITIALIZE).</summary>
        public int Rounds { get { return _rounds; } }
        public int FailureCause { get { return _cause; } }
        /// <summary>Why the conversation ended in FAILURE, for the administrator.</summary>
        public string Diagnosis { get { return _diagnosis; } }

        /// <summary>One evaluation: global transitions (§4.4: !portEnabled to DISABLED,
        /// eapRestart to INITIALIZE) first, then the current state's exits. True when a state
        /// was entered.</summary>
        public bool Step(Outbox outbox)
        {
            if (!PortEnabled)
            {
                if (_state == EapPeerState.Disabled) return false;
                return Enter(EapPeerState.Disabled, outbox);
            }
            if (EapRestart) return Enter(EapPeerState.Initialize, outbox);
            switch (_state)
            {
                case EapPeerState.Disabled:
                    return Enter(EapPeerState.Initialize, outbox);
                case EapPeerState.Initialize:
                    return Enter(EapPeerState.Idle, outbox);
                case EapPeerState.Idle:
                    return EapReq && Enter(EapPeerState.Received, outbox);
                case EapPeerState.Received:
                    return Enter(FromReceived(), outbox);
                case EapPeerState.GetMethod:
                    return Enter(_selectedMethod == _reqMethod ? EapPeerState.Method : EapPeerState.SendResponse, outbox);
                case EapPeerState.Method:
                    if (_ignore) return Enter(EapPeerState.Discard, outbox);
                    // RFC 4137 §4.4 goes to FAILURE on DONE/FAIL; a method's final answer (the
                    // MS-CHAPv2 Failure acknowledgement, a TLS alert) is sent first, as wpa_supplicant does.
                    if (_methodState == EapMethodState.Done && _decision == EapDecision.Fail && _result.ResponseData == null)
                    {
                        Fail(CauseMethodFailed);
                        return Enter(EapPeerState.Failure, outbox);
                    }
                    return Enter(EapPeerState.SendResponse, outbox);
                case EapPeerState.Identity:
                case EapPeerState.Notification:
                case EapPeerState.Retransmit:
                    return Enter(EapPeerState.SendResponse, outbox);
                case EapPeerState.SendResponse:
                case EapPeerState.Discard:
                    return Enter(EapPeerState.Idle, outbox);
                default:
                    return false; // SUCCESS and FAILURE are final until eapRestart
            }
        }

        /// <summary>RFC 4137 §4.4, RECEIVED's exits in the RFC's order.</summary>
        private int FromReceived()
        {
            bool newId = _reqId != _lastId;
            if (_rxReq && _rounds > MaxRounds)
            {
                Fail(CauseRoundLimit);
                return EapPeerState.Failure;
            }
            if (_rxReq && newId && _reqMethod == _selectedMethod && _methodState != EapMethodState.Done) return EapPeerState.Method;
            if (_rxReq && newId && _selectedMethod == EapType.None && _reqMethod != EapType.Identity && _reqMethod != EapType.Notification) return EapPeerState.GetMethod;
            if (_rxReq && newId && _selectedMethod == EapType.None && _reqMethod == EapType.Identity) return EapPeerState.Identity;
            if (_rxReq && newId && _reqMethod == EapType.Notification && _allowNotifications) return EapPeerState.Notification;
            if (_rxReq && !newId) return EapPeerState.Retransmit;
            bool matches = _lastId != NoId && (_reqId == _lastId || _reqId == ((_lastId + 1) & 0xFF));
            if (_rxSuccess && matches && _decision != EapDecision.Fail) return EapPeerState.Success;
            if (_methodState != EapMethodState.Cont && matches &&
                ((_rxFailure && _decision != EapDecision.UncondSucc) || (_rxSuccess && _decision == EapDecision.Fail)))
            {
                Fail(_rxFailure ? CauseServerFailure : CauseEarlySuccess);
                return EapPeerState.Failure;
            }
            return EapPeerState.Discard;
        }

        private bool Enter(int state, Outbox outbox)
        {
            int from = _state;
            _state = state;
            switch (state)
            {
                case EapPeerState.Disabled:
                    break;
                case EapPeerState.Initialize:
                    _selectedMethod = EapType.None;
                    _methodState = EapMethodState.None;
                    _allowNotifications = true;
                    _decision = EapDecision.Fail;
                    _lastId = NoId;
                    _lastRespData = null;
                    EapSuccess = false;
                    EapFail = false;
                    EapKeyData = null;
                    EapKeyAvailable = false;
                    EapRestart = false;
                    _rounds = 0;
                    _cause = CauseNone;
                    _nakFor = EapType.None;
                    _identitySent = false;
                    _diagnosis = "";
                    break;
                case EapPeerState.Idle:
                    break;
                case EapPeerState.Received:
                    ParseEapReq();
                    break;
                case EapPeerState.GetMethod:
                    if (AllowMethod(_reqMethod))
                    {
                        _selectedMethod = _reqMethod;
                        _methodState = EapMethodState.Init;
                        _method.Initialize();
                    }
                    else
                    {
                        EapRespData = BuildNak(outbox);
                    }
                    break;
                case EapPeerState.Method:
                    _method.Process(_reqId, EapReqData.TypeData, 0, EapReqData.TypeData.Length, _result);
                    _ignore = _result.Ignore;
                    if (!_ignore)
                    {
                        _methodState = _result.MethodState;
                        _decision = _result.Decision;
                        _allowNotifications = _result.AllowNotifications;
                        EapRespData = EapPacket.Response(_reqId, _selectedMethod, _result.ResponseData);
                        if (_method.IsKeyAvailable) EapKeyData = _method.GetKey();
                    }
                    if (_result.Note != null)
                        outbox.Note(Source, _ignore ? Level.Warning : Level.Info, _method.Name + (_ignore ? ": request ignored: " : ": ") + _result.Note);
                    break;
                case EapPeerState.Identity:
                    // RFC 3748 §5.1: the Request may carry a displayable prompt; the Response the identity.
                    if (EapReqData.TypeData.Length > 0 && EapReqData.TypeData[0] != 0)
                        outbox.Note(Source, Level.Info, "identity prompt from the authenticator: \"" + EapPacket.DisplayText(EapReqData.TypeData) + "\"");
                    EapRespData = EapPacket.Response(_reqId, EapType.Identity, Util.Ascii.GetBytes(_identity));
                    _identitySent = true;
                    break;
                case EapPeerState.Notification:
                    // RFC 3748 §5.2: shown to the user (here the administrator), answered empty.
                    outbox.Note(Source, Level.Warning, "EAP-Notification from the authenticator: \"" + EapPacket.DisplayText(EapReqData.TypeData) + "\"");
                    EapRespData = EapPacket.Response(_reqId, EapType.Notification, null);
                    break;
                case EapPeerState.Retransmit:
                    EapRespData = _lastRespData;
                    outbox.Note(Source, Level.Info, "EAP-Request id " + _reqId.ToString() + " repeated by the authenticator: sending the same response again");
                    break;
                case EapPeerState.Discard:
                    EapReq = false;
                    EapNoResp = true;
                    outbox.Note(Source, Level.Debug, "discarded " + EapReqData.Describe() + " in " + EapPeerState.Name(from) +
                        " (last id " + (_lastId == NoId ? "none" : _lastId.ToString()) + ", method " + EapMethodState.Name(_methodState) + ")");
                    break;
                case EapPeerState.SendResponse:
                    _lastId = _reqId;
                    _lastRespData = EapRespData;
                    EapReq = false;
                    EapResp = true;
                    break;
                case EapPeerState.Success:
                    if (EapKeyData != null) EapKeyAvailable = true;
                    EapSuccess = true;
                    break;
                case EapPeerState.Failure:
                    EapFail = true;
                    break;
            }
            return true;
        }

        /// <summary>RFC 4137 §4.4 parseEapReq; counts Requests for the round limit.</summary>
        private void ParseEapReq()
        {
            EapPacket p = EapReqData;
            _rxReq = p != null && p.Code == EapCode.Request;
            _rxSuccess = p != null && p.Code == EapCode.Success;
            _rxFailure = p != null && p.Code == EapCode.Failure;
            _reqId = p != null ? p.Identifier : NoId;
            _reqMethod = _rxReq ? p.Type : EapType.None;
            if (_rxReq) _rounds++;
        }

        private bool AllowMethod(int type)
        {
            return type == _method.Type && type != EapType.Expanded;
        }

        /// <summary>RFC 3748 §5.3.1 legacy Nak proposing the configured method; to an Expanded
        /// Type request, §5.3.2's Expanded Nak (Vendor-Id 0, Vendor-Type 3) proposing it in
        /// expanded form.</summary>
        private EapPacket BuildNak(Outbox outbox)
        {
            _nakFor = _reqMethod;
            EapPacket r;
            if (_reqMethod == EapType.Expanded)
            {
                byte[] d = new byte[8];
                d[0] = EapType.Expanded; // 3 octets of Vendor-Id 0 (IETF) follow, then the Vendor-Type
                Util.BigEndian.WriteUInt32(d, 4, (uint)_method.Type);
                r = EapPacket.Response(_reqId, EapType.Expanded, d);
                r.VendorId = 0;
                r.VendorType = EapType.Nak;
            }
            else
            {
                r = EapPacket.Response(_reqId, EapType.Nak, new byte[] { (byte)_method.Type });
            }
            outbox.Note(Source, Level.Warning, "the authenticator asked for " + DescribeType(EapReqData) + "; this phone is configured for " +
                _method.Name + " (dot1x.method): answering with a Nak proposing " + _method.Name);
            return r;
        }

        private static string DescribeType(EapPacket p)
        {
            if (p.Type == EapType.Expanded) return "expanded type (vendor " + p.VendorId.ToString() + ", type " + p.VendorType.ToString() + ")";
            return "EAP-" + EapType.Name(p.Type) + " (" + p.Type.ToString() + ")";
        }

        private void Fail(int cause)
        {
            _cause = cause;
            string who = "identity '" + _identity + "'";
            string m = _method.Name;
            IEapMethodDiagnosis d = _method as IEapMethodDiagnosis;
            string why = d != null && _selectedMethod != EapType.None ? d.FailureDiagnosis : null;
            if (why != null && why.Length > 0 && (cause == CauseServerFailure || cause == CauseMethodFailed))
            {
                // The method knows more than the peer (a TLS alert, an untrusted server certificate).
                _diagnosis = (cause == CauseServerFailure ? "EAP-Failure after " + m + " for " + who + ": " : m + " failed on the phone's side for " + who + ": ") + why;
                return;
            }
            switch (cause)
            {
                case CauseServerFailure:
                    if (_nakFor != EapType.None && _selectedMethod == EapType.None)
                        _diagnosis = "EAP-Failure after our Nak: the server wanted " + DescribeName(_nakFor) + " for " + who + " and refused " + m +
                            " (dot1x.method); use the method the server's policy allows";
                    else if (_selectedMethod != EapType.None && _methodState == EapMethodState.Done)
                        _diagnosis = "EAP-Failure after " + m + ": the RADIUS server refused " + who + " (" + _method.RejectionHint + ")";
                    else if (_selectedMethod != EapType.None)
                        _diagnosis = "EAP-Failure during " + m + " (method state " + EapMethodState.Name(_methodState) + "): the server ended the conversation for " + who;
                    else if (_identitySent)
                        _diagnosis = "EAP-Failure after EAP-Response/Identity: the server refused " + who + " before any method (unknown user, or no policy for it)";
                    else
                        _diagnosis = "EAP-Failure from the authenticator";
                    break;
                case CauseEarlySuccess:
                    _diagnosis = "EAP-Success before " + (_selectedMethod != EapType.None ? m + " finished" : "any method ran") +
                        ": not accepted, since the server has not authenticated " + who + " (RFC 4137 §4.4: decision FAIL)";
                    break;
                case CauseMethodFailed:
                    _diagnosis = m + " failed on the phone's side for " + who + ": " + _method.RejectionHint;
                    break;
                case CauseRoundLimit:
                    _diagnosis = "more than " + MaxRounds.ToString() + " EAP-Requests without a decision for " + who + ": gave up this attempt";
                    break;
            }
        }

        private static string DescribeName(int type)
        {
            return type == EapType.Expanded ? "an expanded EAP type" : "EAP-" + EapType.Name(type) + " (" + type.ToString() + ")";
        }
    }
}
