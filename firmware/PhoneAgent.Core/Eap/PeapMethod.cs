using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Eap
{
    /// <summary>PEAPv0 with an inner EAP method (EAP-MSCHAPv2), EAP Type 25, as Microsoft's
    /// [MS-PEAP] and draft-josefsson-pppext-eap-tls-eap-06 describe it and hostapd, FreeRADIUS and
    /// NPS run it.
    ///
    /// Phase 1: the server's Start (S flag, its highest version in the low flag bits) is answered
    /// with version 0 (this phone speaks PEAPv0 only; a server that insists on another version
    /// fails the handshake) and the ClientHello of a TLS client opened on the ITlsTunnelPort; TLS
    /// records travel in EapTlsFraming (RFC 5216 §2.1.5). The port validates the server's chain
    /// with the core's PathValidator (anchors, serverName, the serverAuth EKU) during the
    /// handshake: an untrusted server fails the handshake with the port's reason.
    ///
    /// Phase 2, inside the tunnel: inner EAP packets without their Code/Identifier/Length header
    /// ([MS-PEAP] §2.2.3 "compressed": Type and Type-Data only) — Identity (answered with the
    /// inner identity), the inner method, anything else Nak'ed proposing the inner method; the
    /// Extensions method (Type 33, full EAP header, [MS-PEAP] §2.2.8) with the Result TLV
    /// (Success 1 / Failure 2), answered with our own Result: Success only when the inner method
    /// succeeded (for EAP-MSCHAPv2: the server's authenticator response was verified).
    /// A Crypto-Binding TLV ([MS-PEAP] §2.2.8.2.2) is verified and answered (PeapCryptoBinding)
    /// when the port exports the tunnel key; without an exporter (.NET's SslStream) it is left
    /// unanswered, which hostapd accepts (FreeRADIUS does not send it). A full-header Identity
    /// request (FreeRADIUS sends one) is taken too, as wpa_supplicant does.
    ///
    /// Outcome: DONE with COND_SUCC after our Result Success; DONE/FAIL with the Result Failure
    /// answered (then the server's EAP-Failure); RejectionHint carries the reason: the inner
    /// method's diagnosis (for MS-CHAPv2 the E= code in words) or the TLS port's.</summary>
    public sealed class PeapMethod : IEapMethod
    {
        public const int TypeExtensions = 33;
        public const int TlvResult = 3;
        public const int TlvNak = 4;
        public const int TlvCryptoBinding = 12;
        public const int ResultSuccess = 1;
        public const int ResultFailure = 2;
        /// <summary>The PEAP version this phone speaks.</summary>
        public const int Version = 0;
        /// <summary>Phase-2 packets longer than this are refused (inner packets are small).</summary>
        public const int MaxInner = 4096;

        private const int PhaseIdle = 0;
        private const int PhaseHandshake = 1;
        private const int PhaseTunnel = 2;
        private const int PhaseDone = 3;

        private readonly ITlsTunnelPort _port;
        private readonly string _serverName;
        private readonly string _innerIdentity;
        private readonly IEapMethod _inner;
        private readonly EapTlsFraming _framing;
        private readonly EapMethodResult _innerResult = new EapMethodResult();

        private ITlsTunnel _tunnel;
        private int _phase;
        private int _serverVersion;
        private bool _innerStarted;
        private bool _innerSucceeded;
        private bool _innerFailed;
        private bool _hardFailure;
        private bool _cryptoBindingSeen;
        private bool _cryptoBindingAnswered;
        private byte[] _msk;
        private string _failure = "";
        private string _tlsVersion;
        private int _serverCertificates;

        /// <summary>port: the platform's TLS-in-EAP client (validating the server as built).
        /// serverName: the name the server's certificate must carry (RFC 6125), or null to accept
        /// any certificate that validates to the port's anchors. innerIdentity: the identity
        /// inside the tunnel (the outer one may be "anonymous"). inner: the inner method
        /// (an MsChapV2Method with the same identity).</summary>
        public PeapMethod(ITlsTunnelPort port, string serverName, string innerIdentity, IEapMethod inner)
            : this(port, serverName, innerIdentity, inner, new EapTlsFraming())
        {
        }

        public PeapMethod(ITlsTunnelPort port, string serverName, string innerIdentity, IEapMethod inner, EapTlsFraming framing)
        {
            if (port == null) throw new System.ArgumentNullException(nameof(port));
            if (innerIdentity == null) throw new System.ArgumentNullException(nameof(innerIdentity));
            if (inner == null) throw new System.ArgumentNullException(nameof(inner));
            if (framing == null) throw new System.ArgumentNullException(nameof(framing));
            _port = port;
            _serverName = serverName;
            _innerIdentity = innerIdentity;
            _inner = inner;
            _framing = framing;
        }

        public int Type { get { return EapType.Peap; } }
        public string Name { get { return "PEAP"; } }

        public string RejectionHint
        {
            get
            {
                if (_failure.Length > 0) return _failure;
                if (_innerStarted) return "inside the tunnel: " + _inner.RejectionHint;
                return "the server refused the TLS tunnel";
            }
        }

        public IEapMethod Inner { get { return _inner; } }
        /// <summary>"TLSv1.2" once the tunnel is up.</summary>
        public string TlsVersion { get { return _tlsVersion; } }
        /// <summary>The server's PEAP version offered in its Start.</summary>
        public int ServerVersion { get { return _serverVersion; } }
        /// <summary>True when the server sent a Crypto-Binding TLV.</summary>
        public bool CryptoBindingRequested { get { return _cryptoBindingSeen; } }
        /// <summary>True when it was verified and answered (the port exported the tunnel key).</summary>
        public bool CryptoBindingAnswered { get { return _cryptoBindingAnswered; } }
        public bool IsKeyAvailable { get { return _msk != null; } }
        /// <summary>The MSK (64 bytes of the TLS PRF with "client EAP encryption") when the port can export it.</summary>
        public byte[] GetKey() { return _msk; }

        public void Initialize()
        {
            CloseTunnel();
            _framing.Reset();
            _phase = PhaseIdle;
            _serverVersion = 0;
            _innerStarted = false;
            _innerSucceeded = false;
            _innerFailed = false;
            _hardFailure = false;
            _cryptoBindingSeen = false;
            _cryptoBindingAnswered = false;
            _msk = null;
            _failure = "";
            _tlsVersion = null;
            _serverCertificates = 0;
        }

        public void Process(int identifier, byte[] typeData, int offset, int count, EapMethodResult result)
        {
            result.Clear();
            if (_phase == PhaseDone)
            {
                Ignore(result, "request after PEAP ended");
                return;
            }
            if (typeData == null || offset < 0 || count < 0 || offset > typeData.Length - count)
            {
                Ignore(result, "no Type-Data");
                return;
            }
            int kind = _framing.Accept(typeData, offset, count);
            switch (kind)
            {
                case EapTlsFraming.Malformed:
                    Ignore(result, _framing.Reason);
                    return;
                case EapTlsFraming.TooLarge:
                    Fail(result, null, "the server's TLS message is too large: " + _framing.Reason);
                    return;
                case EapTlsFraming.Start:
                    OnStart(result);
                    return;
                case EapTlsFraming.NeedAck:
                    Continue(result, EapTlsFraming.Ack(Version), "TLS fragment " + _framing.FragmentsIn.ToString() + " received: acknowledged");
                    return;
                case EapTlsFraming.Acknowledged:
                    Continue(result, _framing.NextFragment(Version), null);
                    return;
                default:
                    byte[] records = _framing.TakeMessage();
                    if (records.Length == 0)
                    {
                        if (_phase == PhaseTunnel && _innerSucceeded)
                        {
                            // wpa_supplicant's workaround: Cisco ACS ends PEAPv0 with a TLS ACK.
                            Finish(result, EapTlsFraming.Ack(Version), true, "the server ended phase 2 with an empty request: acknowledged");
                            return;
                        }
                        Continue(result, EapTlsFraming.Ack(Version), null);
                        return;
                    }
                    OnTlsData(records, result);
                    return;
            }
        }

        private void OnStart(EapMethodResult result)
        {
            if (_phase != PhaseIdle)
            {
                // A new Start in the same conversation: begin again (RFC 5216 §3.1 S flag).
                CloseTunnel();
                _innerStarted = false;
                _innerSucceeded = false;
                _innerFailed = false;
                _hardFailure = false;
            }
            _serverVersion = _framing.Flags & EapTlsFraming.VersionMask;
            string reason;
            _tunnel = _port.Open(_serverName, null, null, out reason);
            if (_tunnel == null)
            {
                Fail(result, null, "cannot start TLS for PEAP on this platform: " + (reason == null ? "no reason given" : reason));
                return;
            }
            _inner.Initialize();
            _phase = PhaseHandshake;
            byte[] hello = _tunnel.TakeOutgoing();
            if (hello == null || _tunnel.State == TlsTunnelState.Failed)
            {
                Fail(result, null, "TLS did not start: " + _tunnel.FailureReason);
                return;
            }
            _framing.Queue(hello);
            Continue(result, _framing.NextFragment(Version),
                "Start (server offers PEAP version " + _serverVersion.ToString() + "): answering with PEAPv0 and a " +
                hello.Length.ToString() + "-byte ClientHello" + (_serverName != null ? " for " + _serverName : " (no server name: any certificate from the trusted roots is accepted)"));
        }

        private void OnTlsData(byte[] records, EapMethodResult result)
        {
            if (_tunnel == null || _phase == PhaseIdle)
            {
                Ignore(result, "TLS data before the PEAP Start");
                return;
            }
            int before = _tunnel.State;
            _tunnel.Receive(records, 0, records.Length);
            if (_tunnel.State == TlsTunnelState.Failed || _tunnel.State == TlsTunnelState.Closed)
            {
                string why = _tunnel.FailureReason;
                if (why == null || why.Length == 0) why = "the TLS session was " + TlsTunnelState.Name(_tunnel.State);
                string what = before == TlsTunnelState.Handshaking
                    ? "the TLS handshake with the authentication server failed; the phone's TLS engine says: " + why
                    : "the PEAP tunnel failed: " + why;
                byte[] alert = _tunnel.TakeOutgoing();
                Fail(result, alert, what);
                return;
            }
            string note = null;
            if (before == TlsTunnelState.Handshaking && _tunnel.State == TlsTunnelState.Established)
            {
                _phase = PhaseTunnel;
                _tlsVersion = _tunnel.Protocol;
                byte[][] certs = _tunnel.PeerCertificates;
                _serverCertificates = certs == null ? 0 : certs.Length;
                note = "TLS tunnel established (" + (_tlsVersion == null ? "TLS" : _tlsVersion) + ", the server's chain of " +
                    _serverCertificates.ToString() + " certificate(s) validated)";
            }
            // Phase 2: every inner packet the server sent through the tunnel.
            for (int guard = 0; guard < 8 && _tunnel.State == TlsTunnelState.Established; guard++)
            {
                byte[] inner = _tunnel.TakeIncoming();
                if (inner == null) break;
                if (_phase == PhaseTunnel)
                {
                    string n = Phase2(inner, result);
                    if (n != null) note = note == null ? n : note + "; " + n;
                    if (_hardFailure)
                    {
                        result.Note = note;
                        CloseTunnel();
                        return;
                    }
                }
            }
            byte[] outgoing = _tunnel.TakeOutgoing();
            byte[] response;
            if (outgoing != null)
            {
                _framing.Queue(outgoing);
                response = _framing.NextFragment(Version);
            }
            else
            {
                response = EapTlsFraming.Ack(Version);
            }
            if (_phase == PhaseDone)
            {
                result.ResponseData = response;
                if (note != null) result.Note = note;
                return;
            }
            Continue(result, response, note);
        }

        /// <summary>One inner packet; writes the answer into the tunnel. Returns a note.</summary>
        private string Phase2(byte[] p, EapMethodResult result)
        {
            if (p.Length == 0) return null;
            if (p.Length > MaxInner) return "inner packet of " + p.Length.ToString() + " bytes ignored (cap " + MaxInner.ToString() + ")";
            // Full EAP header: Extensions (Type 33) always ([MS-PEAP] §2.2.3); an Identity request
            // of exactly 5 bytes (FreeRADIUS); inner Success/Failure (PEAPv1 style).
            bool full = p.Length >= 5 && p[0] == EapCode.Request && p[4] == TypeExtensions;
            if (!full && p.Length == 5 && p[0] == EapCode.Request && p[2] == 0 && p[3] == 5 && p[4] == EapType.Identity) full = true;
            if (!full && p.Length == 4 && (p[0] == EapCode.Success || p[0] == EapCode.Failure) && p[2] == 0 && p[3] == 4)
            {
                if (p[0] == EapCode.Failure && !_innerSucceeded)
                {
                    _innerFailed = true;
                    FinishInTunnel(result, false, "the server sent EAP-Failure inside the tunnel");
                    return "inner EAP-Failure";
                }
                return "inner EAP-" + (p[0] == EapCode.Success ? "Success" : "Failure") + " ignored (PEAPv1 style)";
            }
            int type, dataOffset, id;
            if (full)
            {
                int length = Util.BigEndian.ReadUInt16(p, 2);
                if (length < 5 || length > p.Length) return "inner packet with Length " + length.ToString() + " in " + p.Length.ToString() + " bytes ignored";
                id = p[1];
                type = p[4];
                dataOffset = 5;
                if (length < p.Length)
                {
                    byte[] cut = new byte[length];
                    System.Array.Copy(p, 0, cut, 0, length);
                    p = cut;
                }
            }
            else
            {
                id = -1;
                type = p[0];
                dataOffset = 1;
            }
            int dataCount = p.Length - dataOffset;
            if (type == TypeExtensions) return Extensions(p, dataOffset, dataCount, id < 0 ? 0 : id, full, result);
            if (type == EapType.Identity)
            {
                byte[] idBytes = Util.Ascii.GetBytes(_innerIdentity);
                WriteInner(EapType.Identity, idBytes);
                return "inner Identity: answered '" + _innerIdentity + "'";
            }
            if (type == EapType.Notification)
            {
                WriteInner(EapType.Notification, new byte[0]);
                return "inner Notification \"" + Util.Ascii.Printable(p, dataOffset, dataCount > 200 ? 200 : dataCount) + "\"";
            }
            if (type == _inner.Type)
            {
                if (_innerSucceeded || _innerFailed) return "inner " + _inner.Name + " request after it ended: ignored";
                _innerStarted = true;
                _inner.Process(id < 0 ? 0 : id, p, dataOffset, dataCount, _innerResult);
                string note = "inner " + _inner.Name + (_innerResult.Note != null ? ": " + _innerResult.Note : "");
                if (_innerResult.Ignore) return note + " (ignored)";
                if (_innerResult.MethodState == EapMethodState.Done)
                {
                    if (_innerResult.Decision != EapDecision.Fail) _innerSucceeded = true;
                    else _innerFailed = true;
                }
                if (_innerResult.ResponseData == null)
                {
                    // The inner method ended the conversation itself (e.g. an impostor's S=).
                    _phase = PhaseDone;
                    _hardFailure = true;
                    _failure = "inside the tunnel: " + _inner.RejectionHint;
                    result.MethodState = EapMethodState.Done;
                    result.Decision = EapDecision.Fail;
                    result.AllowNotifications = false;
                    result.ResponseData = null;
                    return note;
                }
                WriteInner(_inner.Type, _innerResult.ResponseData);
                return note;
            }
            // RFC 3748 §5.3.1: propose the inner method.
            WriteInner(EapType.Nak, new byte[] { (byte)_inner.Type });
            return "inner EAP-" + EapType.Name(type) + " (" + type.ToString() + ") requested: Nak proposing " + _inner.Name;
        }

        /// <summary>[MS-PEAP] §2.2.8 Extensions: TLVs of Type (14 bits, M 0x8000, R 0x4000),
        /// Length, Value. The Result TLV decides; the answer is our Result TLV.</summary>
        private string Extensions(byte[] p, int offset, int count, int id, bool full, EapMethodResult result)
        {
            int status = 0;
            int binding = -1;
            bool unknownMandatory = false;
            int unknownType = 0;
            int pos = offset;
            int end = offset + count;
            for (int guard = 0; guard < 32 && end - pos >= 4; guard++)
            {
                int t = Util.BigEndian.ReadUInt16(p, pos);
                int len = Util.BigEndian.ReadUInt16(p, pos + 2);
                bool mandatory = (t & 0x8000) != 0;
                t &= 0x3FFF;
                if (len > end - pos - 4) return "Extensions TLV " + t.ToString() + " of " + len.ToString() + " bytes overruns the packet: ignored";
                if (t == TlvResult)
                {
                    if (len < 2) return "Result TLV shorter than 2 bytes: ignored";
                    status = Util.BigEndian.ReadUInt16(p, pos + 4);
                }
                else if (t == TlvCryptoBinding)
                {
                    _cryptoBindingSeen = true;
                    if (len == 56) binding = pos;
                }
                else if (mandatory)
                {
                    unknownMandatory = true;
                    unknownType = t;
                }
                pos += 4 + len;
            }
            if (status != ResultSuccess && status != ResultFailure) return "Extensions request without a Result TLV: ignored";
            bool ok = status == ResultSuccess && _innerSucceeded && !unknownMandatory;
            // [MS-PEAP] §3.1.5.5: verify and answer the Crypto-Binding TLV when the platform
            // can export the tunnel key; otherwise leave it unanswered (optional for hostapd).
            byte[] bindingResponse = null;
            string bindingProblem = null;
            byte[] bindingMsk = null;
            if (ok && binding >= 0)
            {
                byte[] tk = _tunnel.ExportKeyingMaterial(PeapCryptoBinding.TunnelKeyLabel, 60);
                if (tk != null && tk.Length >= 40)
                {
                    byte[] imck = PeapCryptoBinding.Imck(tk, _inner.IsKeyAvailable ? _inner.GetKey() : null);
                    byte[] cmk = PeapCryptoBinding.Cmk(imck);
                    bindingProblem = PeapCryptoBinding.CheckRequest(cmk, p, binding, Version);
                    if (bindingProblem == null)
                    {
                        bindingResponse = PeapCryptoBinding.Response(cmk, p, binding, Version);
                        bindingMsk = PeapCryptoBinding.Msk(PeapCryptoBinding.Ipmk(imck));
                    }
                    else ok = false;
                }
            }
            int tlvs = 6 + (bindingResponse != null ? PeapCryptoBinding.TlvLength : 0);
            byte[] r = new byte[(full ? 4 : 0) + 1 + tlvs];
            int o = 0;
            if (full)
            {
                r[0] = EapCode.Response;
                r[1] = (byte)id;
                Util.BigEndian.WriteUInt16(r, 2, r.Length);
                o = 4;
            }
            r[o] = TypeExtensions;
            r[o + 1] = 0x80;                         // M: the Result TLV is mandatory
            r[o + 2] = TlvResult;
            Util.BigEndian.WriteUInt16(r, o + 3, 2);
            Util.BigEndian.WriteUInt16(r, o + 5, ok ? ResultSuccess : ResultFailure);
            if (bindingResponse != null) System.Array.Copy(bindingResponse, 0, r, o + 7, bindingResponse.Length);
            _tunnel.Write(r, 0, r.Length);
            if (ok)
            {
                _cryptoBindingAnswered = bindingResponse != null;
                _msk = bindingMsk != null ? bindingMsk : _tunnel.ExportKeyingMaterial(PeapCryptoBinding.TunnelKeyLabel, 64);
                _phase = PhaseDone;
                result.MethodState = EapMethodState.Done;
                result.Decision = EapDecision.CondSucc;
                result.AllowNotifications = false;
                return "Result TLV Success: answered Success" + (bindingResponse != null ? " with the Crypto-Binding TLV (the server's Compound_MAC verified)" :
                    _cryptoBindingSeen ? " (the server's Crypto-Binding TLV is not answered: this platform cannot export the TLS tunnel key; optional for the server)" : "");
            }
            string why;
            if (bindingProblem != null) why = "Crypto-Binding: " + bindingProblem + ": the TLS tunnel and the inner authentication do not end at the same server (a relay in between?); answered Failure";
            else if (status == ResultSuccess && unknownMandatory) why = "the server's Extensions carry an unknown mandatory TLV " + unknownType.ToString() + ": answered Failure";
            else if (status == ResultSuccess) why = "the server reported Success before the inner " + _inner.Name + " succeeded: refused (answered Failure)";
            else if (_innerFailed || _innerStarted) why = "inside the tunnel: " + _inner.RejectionHint;
            else why = "the server ended phase 2 with a Result TLV Failure before any inner method";
            _failure = why;
            _phase = PhaseDone;
            result.MethodState = EapMethodState.Done;
            result.Decision = EapDecision.Fail;
            result.AllowNotifications = false;
            return "Result TLV " + (status == ResultSuccess ? "Success" : "Failure") + ": answered Failure (" + why + ")";
        }

        private void FinishInTunnel(EapMethodResult result, bool success, string why)
        {
            if (!success) _failure = _innerStarted ? "inside the tunnel: " + _inner.RejectionHint : why;
            _phase = PhaseDone;
            result.MethodState = EapMethodState.Done;
            result.Decision = success ? EapDecision.CondSucc : EapDecision.Fail;
            result.AllowNotifications = false;
        }

        /// <summary>A compressed inner response: Type and Type-Data, no header ([MS-PEAP] §2.2.3).</summary>
        private void WriteInner(int type, byte[] data)
        {
            byte[] r = new byte[1 + data.Length];
            r[0] = (byte)type;
            System.Array.Copy(data, 0, r, 1, data.Length);
            _tunnel.Write(r, 0, r.Length);
        }

        private void Continue(EapMethodResult result, byte[] response, string note)
        {
            result.ResponseData = response;
            result.MethodState = EapMethodState.MayCont;
            result.Decision = EapDecision.Fail;
            result.AllowNotifications = true;
            result.Note = note;
        }

        private void Finish(EapMethodResult result, byte[] response, bool success, string note)
        {
            _phase = PhaseDone;
            result.ResponseData = response;
            result.MethodState = EapMethodState.Done;
            result.Decision = success ? EapDecision.CondSucc : EapDecision.Fail;
            result.AllowNotifications = false;
            result.Note = note;
        }

        /// <summary>Ends PEAP on our side: with a last answer (a TLS alert) when there is one,
        /// else without (the peer goes to FAILURE at once).</summary>
        private void Fail(EapMethodResult result, byte[] tlsRecords, string why)
        {
            _failure = why;
            _phase = PhaseDone;
            byte[] response = null;
            if (tlsRecords != null && tlsRecords.Length > 0)
            {
                _framing.Queue(tlsRecords);
                response = _framing.NextFragment(Version);
            }
            result.ResponseData = response;
            result.MethodState = EapMethodState.Done;
            result.Decision = EapDecision.Fail;
            result.AllowNotifications = false;
            result.Note = why;
            CloseTunnel();
        }

        private void CloseTunnel()
        {
            if (_tunnel != null)
            {
                _tunnel.Close();
                _tunnel = null;
            }
        }

        private static void Ignore(EapMethodResult result, string why)
        {
            result.Ignore = true;
            result.Note = why;
        }
    }
}
