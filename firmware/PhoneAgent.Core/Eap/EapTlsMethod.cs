using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Eap
{
    /// <summary>EAP-TLS, RFC 5216 (type 13), TLS 1.2. The method carries TLS records between the
    /// EAP Requests and an ITlsTunnel (the platform's TLS engine, which checks the server's
    /// certificates with the core's PathValidator); EapTlsFraming does the §2.1.5 fragments
    /// and ACKs. The conversation (§2.1.1):
    /// <code>
    ///   Request/TLS Start (S)        -> Response: ClientHello
    ///   Request: ServerHello..Done   -> (an ACK per M fragment) Response: Certificate..Finished
    ///   Request: CCS, Finished       -> Response: ACK (empty)    [tunnel Established]
    ///   Success                      -> authenticated
    /// </code>
    /// Success counts only once the tunnel is Established (until then the decision is FAIL, so
    /// the peer refuses an early EAP-Success, RFC 4137 §4.4); afterwards COND_SUCC, so a
    /// Failure still means refused. A failed handshake is answered as RFC 5216 §2.1.3 says: our
    /// alert (untrusted server) or an empty Response (the server's alert), then the server's
    /// Failure; FailureDiagnosis says which side refused what.
    ///
    /// Bounds: a reassembled server message of at most MaxMessage octets (EapTlsFraming), at
    /// most MaxBytes TLS octets in both directions per conversation; the peer allows at most
    /// EapPeer.MaxRounds Requests. Key: the MSK (RFC 5216 §2.3, the first 64 octets of the RFC
    /// 5705 export "client EAP encryption") when the platform can export it; the host's
    /// SslStream cannot, so IsKeyAvailable stays false there (wired 802.1X needs no key).
    /// TLS 1.3 (RFC 9190) is not handled: the platform ports offer TLS 1.2 only.</summary>
    public sealed class EapTlsMethod : IEapMethod, IEapMethodDiagnosis
    {
        public const int DefaultMaxBytes = 262144;
        /// <summary>RFC 5216 §2.3: Key_Material = TLS-PRF-128(master secret, this label, randoms).</summary>
        public const string KeyLabel = "client EAP encryption";

        private readonly ITlsTunnelPort _port;
        private readonly string _serverName;
        private readonly byte[] _certificate;
        private readonly byte[] _key;
        private readonly EapTlsFraming _framing;
        private readonly int _maxBytes;

        private ITlsTunnel _tunnel;
        private bool _established;
        private bool _failed;
        private bool _serverChangedCipher;
        private int _serverAlert = -1;
        private int _serverFlights;
        private byte[] _msk;
        private string _diagnosis = "";
        private bool _sawCertificateRequest;
        private bool _sentCertificate;
        private readonly string _certificateText = "";

        /// <summary>serverName: the name the RADIUS server's certificate must carry (null: the
        /// chain is checked but no name). certificateDer (optionally followed by its
        /// intermediates) and keyDer: the phone's credentials; null: no client certificate.</summary>
        public EapTlsMethod(ITlsTunnelPort port, string serverName, byte[] certificateDer, byte[] keyDer)
            : this(port, serverName, certificateDer, keyDer, EapTlsFraming.DefaultFragmentSize, EapTlsFraming.DefaultMaxMessage, DefaultMaxBytes) { }

        public EapTlsMethod(ITlsTunnelPort port, string serverName, byte[] certificateDer, byte[] keyDer, int fragmentSize, int maxMessage, int maxBytes)
        {
            if (port == null) throw new System.ArgumentNullException(nameof(port));
            if (maxBytes < maxMessage) throw new System.ArgumentException("maxBytes below maxMessage");
            _port = port;
            _serverName = serverName;
            _certificate = certificateDer;
            _key = keyDer;
            _framing = new EapTlsFraming(fragmentSize, maxMessage);
            _maxBytes = maxBytes;
            _certificateText = DescribeCertificate(certificateDer);
        }

        /// <summary>"CN=... valid from ... to ... (issuer ...)" of the leaf, for the diagnosis
        /// (the method reads no clock; the administrator compares with the date).</summary>
        private static string DescribeCertificate(byte[] der)
        {
            if (der == null || der.Length < 4 || der[0] != 0x30) return "";
            int n = der[1];
            int header = 2;
            int length = n;
            if (n >= 0x80)
            {
                int k = n & 0x7F;
                if (k < 1 || k > 3 || der.Length < 2 + k) return "";
                length = 0;
                for (int i = 0; i < k; i++) length = (length << 8) | der[2 + i];
                header += k;
            }
            if (header + length > der.Length) return "";
            byte[] leaf = der;
            if (header + length < der.Length)
            {
                leaf = new byte[header + length];
                System.Array.Copy(der, 0, leaf, 0, leaf.Length);
            }
            string error;
            X509.X509Certificate c = X509.X509Certificate.TryParse(leaf, out error);
            if (c == null) return "";
            return "the phone's certificate \"" + c.Subject.Text + "\" is valid from " + Asn1.Asn1Time.Format(c.NotBefore) + " to " +
                Asn1.Asn1Time.Format(c.NotAfter) + " (issuer \"" + c.Issuer.Text + "\")";
        }

        public int Type { get { return EapType.Tls; } }
        public string Name { get { return "EAP-TLS"; } }

        public string RejectionHint
        {
            get { return "the TLS handshake completed, so the server's policy refused this identity or certificate"; }
        }

        /// <summary>Why the conversation failed, read by EapPeer when it ends in FAILURE.</summary>
        public string FailureDiagnosis
        {
            get
            {
                if (_diagnosis.Length > 0) return _diagnosis;
                if (_tunnel == null) return "";
                if (_sentCertificate)
                    return "the server refused the phone's certificate (EAP-Failure right after the phone sent it, without a TLS alert): " +
                        (_certificateText.Length > 0 ? _certificateText + "; " : "") +
                        "renew it if it has expired, otherwise check that the server trusts its issuer (the server's log says which)";
                return "the server ended the conversation during the TLS handshake, after " + _serverFlights.ToString() +
                    " TLS message" + (_serverFlights == 1 ? "" : "s") + " from it and without a TLS alert";
            }
        }

        public bool IsKeyAvailable { get { return _msk != null; } }
        public byte[] GetKey() { return _msk; }

        /// <summary>The current tunnel (null before Start), for its PeerCertificates and Protocol.</summary>
        public ITlsTunnel Tunnel { get { return _tunnel; } }
        public bool Established { get { return _established; } }
        public EapTlsFraming Framing { get { return _framing; } }

        public void Initialize()
        {
            CloseTunnel();
            _framing.Reset();
            _established = false;
            _failed = false;
            _serverChangedCipher = false;
            _serverAlert = -1;
            _serverFlights = 0;
            _sawCertificateRequest = false;
            _sentCertificate = false;
            _msk = null;
            _diagnosis = "";
        }

        public void Process(int identifier, byte[] typeData, int offset, int count, EapMethodResult result)
        {
            result.Clear();
            result.AllowNotifications = true;
            int r = _framing.Accept(typeData, offset, count);
            if (r == EapTlsFraming.Malformed)
            {
                result.Ignore = true;
                result.Note = "malformed EAP-TLS request: " + _framing.Reason;
                return;
            }
            if (r != EapTlsFraming.Start && _tunnel == null)
            {
                result.Ignore = true;
                result.Note = "EAP-TLS data before the Start (S flag): ignored";
                return;
            }
            if (_failed && r != EapTlsFraming.Start)
            {
                Finish(result, "another request after the handshake failed; ending the method");
                return;
            }
            switch (r)
            {
                case EapTlsFraming.Start:
                    OnStart(result);
                    return;
                case EapTlsFraming.TooLarge:
                    LocalFailure(result, "the server's TLS message is too large: " + _framing.Reason);
                    return;
                case EapTlsFraming.NeedAck:
                    result.ResponseData = EapTlsFraming.Ack(0);
                    Continue(result);
                    result.Note = "fragment " + _framing.FragmentsIn.ToString() + " of the server's TLS message (" +
                        EapTlsFraming.DescribeFlags(_framing.Flags) + "): acknowledged";
                    return;
                case EapTlsFraming.Acknowledged:
                    result.ResponseData = _framing.NextFragment(0);
                    result.Note = "the server acknowledged our fragment: sending the " + (_framing.Sending ? "next" : "last") + " one (" +
                        (result.ResponseData.Length - 1).ToString() + " octets)";
                    if (_established && !_framing.Sending) HandshakeDone(result);
                    else Continue(result);
                    return;
                default:
                    OnMessage(_framing.TakeMessage(), result);
                    return;
            }
        }

        private void OnStart(EapMethodResult result)
        {
            Initialize();
            string reason;
            _tunnel = _port.Open(_serverName, _certificate, _key, out reason);
            if (_tunnel == null)
            {
                LocalFailure(result, "the phone cannot start TLS: " + (reason == null ? "no reason given" : reason));
                return;
            }
            byte[] hello = _tunnel.TakeOutgoing();
            if (hello == null || _tunnel.State == TlsTunnelState.Failed)
            {
                LocalFailure(result, "the phone's TLS engine produced no ClientHello" + FailureSuffix());
                return;
            }
            _framing.Queue(hello);
            result.ResponseData = _framing.NextFragment(0);
            Continue(result);
            result.Note = "Start: ClientHello of " + hello.Length.ToString() + " octets" +
                (_certificate == null ? " (no client certificate configured)" : "") +
                (_serverName != null ? "; the server's certificate must be valid for \"" + _serverName + "\"" : "; the server's name is not checked");
        }

        private void OnMessage(byte[] tls, EapMethodResult result)
        {
            _serverFlights++;
            if (_framing.BytesIn + _framing.BytesOut > _maxBytes)
            {
                LocalFailure(result, "more than " + _maxBytes.ToString() + " octets of TLS in one conversation");
                return;
            }
            string seen = Inspect(tls);
            _tunnel.Receive(tls, 0, tls.Length);
            byte[] reply = _tunnel.TakeOutgoing();
            int state = _tunnel.State;
            string got = "server's TLS message of " + tls.Length.ToString() + " octets in " + _framing.FragmentsIn.ToString() +
                " fragment" + (_framing.FragmentsIn == 1 ? "" : "s") + (seen.Length > 0 ? " (" + seen + ")" : "");
            if (state == TlsTunnelState.Handshaking || state == TlsTunnelState.Established)
            {
                // The flight answering a CertificateRequest carries the phone's Certificate.
                if (reply != null && _sawCertificateRequest && _certificate != null) _sentCertificate = true;
                _framing.Queue(reply);
                result.ResponseData = _framing.NextFragment(0);
                string sent = reply == null ? "; answered with an ACK" : "; sending " + reply.Length.ToString() + " octets" +
                    (_framing.Sending ? " in fragments of " + _framing.FragmentSize.ToString() : "");
                if (state == TlsTunnelState.Established)
                {
                    _established = true;
                    // Told only if a Failure follows the complete handshake.
                    _diagnosis = "the TLS handshake completed (the server's certificate was trusted" +
                        (_certificate != null ? ", the phone's presented" : "") + "), then the server refused: its policy does not admit this identity or certificate";
                    byte[] km = _tunnel.ExportKeyingMaterial(KeyLabel, 128);
                    if (km != null && km.Length >= 64)
                    {
                        _msk = new byte[64];
                        System.Array.Copy(km, 0, _msk, 0, 64);
                    }
                    result.Note = got + sent + "; TLS handshake complete (" + (_tunnel.Protocol == null ? "TLS" : _tunnel.Protocol) + ", " +
                        (_tunnel.PeerCertificates == null ? 0 : _tunnel.PeerCertificates.Length).ToString() + " server certificates validated" +
                        (_msk != null ? ", MSK exported" : ", no MSK: the platform cannot export keying material") + ")";
                    if (_framing.Sending) Continue(result);
                    else HandshakeDone(result);
                }
                else
                {
                    result.Note = got + sent;
                    Continue(result);
                }
                return;
            }

            // Failed or Closed: say who refused what, then answer as RFC 5216 §2.1.3 wants.
            _failed = true;
            _diagnosis = Diagnose();
            _framing.Queue(reply);
            result.ResponseData = _framing.NextFragment(0);
            if (reply == null && _serverAlert < 0)
            {
                // Nothing to tell the server: the method ends here (FAILURE without a Response).
                result.MethodState = EapMethodState.Done;
                result.Decision = EapDecision.Fail;
                result.ResponseData = null;
                result.Note = got + "; " + _diagnosis;
                return;
            }
            result.MethodState = EapMethodState.MayCont;
            result.Decision = EapDecision.Fail;
            result.Note = got + "; " + _diagnosis + (reply != null ? "; sending the phone's TLS alert" : "; acknowledging the alert") +
                ", expecting EAP-Failure";
        }

        private string Diagnose()
        {
            if (_serverAlert >= 0)
            {
                string alert = "TLS alert " + AlertName(_serverAlert) + " (" + _serverAlert.ToString() + ") from the server";
                if (IsCertificateAlert(_serverAlert) || _serverAlert == 116)
                {
                    if (_certificate == null)
                        return "the server wants a client certificate and none is configured (" + alert + ")";
                    return "the server refused the phone's certificate: " + alert + CertificateHint(_serverAlert);
                }
                return "the server ended the TLS handshake: " + alert;
            }
            string why = _tunnel.FailureReason;
            return "TLS handshake failed: " + (why == null || why.Length == 0 ? "no reason given by the TLS engine" : why);
        }

        private static bool IsCertificateAlert(int d)
        {
            return d == 42 || d == 43 || d == 44 || d == 45 || d == 46 || d == 48 || d == 49;
        }

        private static string CertificateHint(int d)
        {
            switch (d)
            {
                case 45: return " (renew the phone's certificate, or check the server's clock)";
                case 44: return " (the phone's certificate is revoked: enroll a new one)";
                case 48: return " (the server does not trust the phone's issuing CA: add it to the RADIUS server's CA list, or send the intermediate)";
                case 43: return " (the server cannot use this certificate type or key)";
                default: return "";
            }
        }

        /// <summary>During the handshake: MAY_CONT with decision FAIL (as wpa_supplicant's TLS
        /// methods do), so an EAP-Failure ends the conversation at once (hostapd refuses a
        /// client certificate with a bare Failure, no alert) and an early EAP-Success is refused
        /// (RFC 4137 §4.4), where CONT would discard both and wait for authWhile.</summary>
        private void Continue(EapMethodResult result)
        {
            result.MethodState = EapMethodState.MayCont;
            result.Decision = EapDecision.Fail;
        }

        /// <summary>The handshake is done and our last fragment sent: a Success may come
        /// (MAY_CONT, COND_SUCC: a Failure still means the server refused).</summary>
        private void HandshakeDone(EapMethodResult result)
        {
            result.MethodState = EapMethodState.MayCont;
            result.Decision = EapDecision.CondSucc;
        }

        private void LocalFailure(EapMethodResult result, string why)
        {
            _failed = true;
            _diagnosis = why;
            Finish(result, why);
        }

        private void Finish(EapMethodResult result, string note)
        {
            result.MethodState = EapMethodState.Done;
            result.Decision = EapDecision.Fail;
            result.ResponseData = null;
            result.Note = note;
            CloseTunnel();
        }

        private string FailureSuffix()
        {
            return _tunnel != null && _tunnel.FailureReason != null && _tunnel.FailureReason.Length > 0 ? ": " + _tunnel.FailureReason : "";
        }

        private void CloseTunnel()
        {
            if (_tunnel != null) _tunnel.Close();
            _tunnel = null;
        }

        /// <summary>Walks the server's records (RFC 5246 §6.2.1) for the notes and for alerts in
        /// clear text (before the server's ChangeCipherSpec an alert record has 2 octets).
        /// Bounded by the message; stops at the first record that does not fit.</summary>
        private string Inspect(byte[] tls)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            int p = 0;
            int records = 0;
            while (p + 5 <= tls.Length && records < 64)
            {
                int type = tls[p];
                int len = (tls[p + 3] << 8) | tls[p + 4];
                if (p + 5 + len > tls.Length) break;
                records++;
                if (type == 20) { _serverChangedCipher = true; Append(sb, "ChangeCipherSpec"); }
                else if (type == 21)
                {
                    if (!_serverChangedCipher && len == 2)
                    {
                        _serverAlert = tls[p + 6];
                        Append(sb, (tls[p + 5] == 2 ? "fatal" : "warning") + " alert " + AlertName(_serverAlert));
                    }
                    else Append(sb, "encrypted alert");
                }
                else if (type == 22 && !_serverChangedCipher)
                {
                    int q = p + 5;
                    int end = p + 5 + len;
                    while (q + 4 <= end)
                    {
                        int hl = (tls[q + 1] << 16) | (tls[q + 2] << 8) | tls[q + 3];
                        if (tls[q] == 13) _sawCertificateRequest = true;
                        Append(sb, HandshakeName(tls[q]));
                        q += 4 + hl;
                    }
                }
                else if (type == 22) Append(sb, "Finished");
                else if (type == 23) Append(sb, "application data");
                p += 5 + len;
            }
            return sb.ToString();
        }

        private static void Append(System.Text.StringBuilder sb, string s)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(s);
        }

        private static string HandshakeName(int t)
        {
            switch (t)
            {
                case 2: return "ServerHello";
                case 4: return "NewSessionTicket";
                case 11: return "Certificate";
                case 12: return "ServerKeyExchange";
                case 13: return "CertificateRequest";
                case 14: return "ServerHelloDone";
                case 20: return "Finished";
                default: return "handshake " + t.ToString();
            }
        }

        /// <summary>TLS AlertDescription names, RFC 5246 §7.2 and RFC 8446 §6.</summary>
        public static string AlertName(int d)
        {
            switch (d)
            {
                case 0: return "close_notify";
                case 10: return "unexpected_message";
                case 20: return "bad_record_mac";
                case 22: return "record_overflow";
                case 40: return "handshake_failure";
                case 42: return "bad_certificate";
                case 43: return "unsupported_certificate";
                case 44: return "certificate_revoked";
                case 45: return "certificate_expired";
                case 46: return "certificate_unknown";
                case 47: return "illegal_parameter";
                case 48: return "unknown_ca";
                case 49: return "access_denied";
                case 50: return "decode_error";
                case 51: return "decrypt_error";
                case 70: return "protocol_version";
                case 71: return "insufficient_security";
                case 80: return "internal_error";
                case 86: return "inappropriate_fallback";
                case 90: return "user_canceled";
                case 109: return "missing_extension";
                case 110: return "unsupported_extension";
                case 112: return "unrecognized_name";
                case 116: return "certificate_required";
                default: return "alert " + d.ToString();
            }
        }
    }
}
