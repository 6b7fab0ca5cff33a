using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Scep
{
    /// <summary>LSC enrollment by SCEP (RFC 8894 §2.5, §4), as a machine without I/O: it says
    /// which HTTP request to make next (TakePending) and consumes the answers (OnResponse,
    /// OnTransportFailure) and its poll deadline (OnDeadline). The sequence: GetCACaps (§3.5) →
    /// GetCACert (§4.2) → the configured CA fingerprint is checked before anything else is sent →
    /// PKCSReq signed with a self-signed certificate of the new key (§2.3), or RenewalReq signed
    /// with the installed LSC when it is valid, from this CA, and the CA offers Renewal (§3.3.1)
    /// → CertRep: SUCCESS installs certificate, key and CA chain through CredentialStore;
    /// FAILURE stops with failInfo in words; PENDING (§2.5.1 CERT-REQ-PENDING) sends CertPoll
    /// (§3.3.3) with the same transactionID after PollFirstSec, doubling to PollMaxIntervalSec,
    /// for at most PollMaxTotalSec. Every reply must be signed by the CA or its RA, answer our
    /// transactionID and carry our senderNonce as recipientNonce (§3.2.1.5). Each step leaves a
    /// note for the administrator; secrets never appear in them.</summary>
    public sealed class ScepEnrollment
    {
        public const string Source = "scep";

        public const int Idle = 0;
        public const int GettingCaCaps = 1;
        public const int GettingCaCert = 2;
        public const int Requesting = 3;      // PKCSReq or RenewalReq sent, CertRep awaited
        public const int Pending = 4;         // RFC 8894 §2.5.1 CERT-REQ-PENDING: waiting to poll
        public const int Polling = 5;         // CertPoll sent, CertRep awaited
        public const int Issued = 6;          // §2.5.1 CERT-ISSUED, and installed
        public const int Failed = 7;

        public const string OperationGetCaCaps = "GetCACaps";
        public const string OperationGetCaCert = "GetCACert";
        public const string OperationPkiOperation = "PKIOperation";

        private readonly ScepSettings _s;
        private readonly CredentialStore _store;
        private readonly IRandom _random;
        private readonly Outbox _out;

        private int _state = Idle;
        private ScepKeyPair _newKey;
        private long _startMs, _startUnix;
        private ScepCaps _caps;
        private ScepCaCertificates _ca;
        private bool _renewal;
        private X509Certificate _signer;          // signs our requests and receives the CertRep
        private ScepKeyPair _signerKey;
        private string _hash, _cipher, _transactionId;
        private byte[] _senderNonce;
        private ScepHttpRequest _pending;
        private bool _awaiting;
        private long _firstPendingMs, _nextPollMs = Deadline.None;
        private int _pollIntervalSec, _polls;
        private string _diagnosis = "";
        private CredentialSet _result;
        private X509Certificate _issued;

        public ScepEnrollment(ScepSettings settings, CredentialStore store, IRandom random, Outbox output)
        {
            if (settings == null || store == null || random == null || output == null) throw new System.ArgumentNullException("settings, store, random and output are required");
            if (settings.Url == null || !(settings.Url.StartsWith("http://") || settings.Url.StartsWith("https://"))) throw new System.ArgumentException("the SCEP URL must start with http:// or https://");
            if (settings.CaFingerprint != null) ScepCaCertificates.CheckPinFormat(settings.CaFingerprint);
            else if (!settings.AllowUnpinned) throw new System.ArgumentException("a CA fingerprint (sha256:HEX) is required unless AllowUnpinned is set");
            if (settings.SubjectDer == null) throw new System.ArgumentException("a subject name is required");
            if (settings.PollFirstSec < 1 || settings.PollMaxIntervalSec < settings.PollFirstSec || settings.PollMaxTotalSec < settings.PollFirstSec)
                throw new System.ArgumentException("polling times must be positive, first <= interval cap, first <= total");
            _s = settings;
            _store = store;
            _random = random;
            _out = output;
        }

        public int State { get { return _state; } }
        public string StateName() { return StateName(_state); }
        /// <summary>Why enrollment failed, in words ("" while none).</summary>
        public string Diagnosis { get { return _diagnosis; } }
        public bool HasPending { get { return _pending != null; } }
        public bool IsRenewal { get { return _renewal; } }
        public string TransactionId { get { return _transactionId; } }
        public int Polls { get { return _polls; } }
        public ScepCaps Caps { get { return _caps; } }
        public ScepCaCertificates CaCertificates { get { return _ca; } }
        /// <summary>The installed credential set after SUCCESS, else null.</summary>
        public CredentialSet Result { get { return _result; } }
        public X509Certificate IssuedCertificate { get { return _issued; } }
        public long NextDeadlineMs { get { return _state == Pending ? _nextPollMs : Deadline.None; } }
        public bool Done { get { return _state == Issued || _state == Failed; } }

        public static string StateName(int s)
        {
            switch (s)
            {
                case Idle: return "Idle";
                case GettingCaCaps: return "GettingCaCaps";
                case GettingCaCert: return "GettingCaCert";
                case Requesting: return "Requesting";
                case Pending: return "Pending";
                case Polling: return "Polling";
                case Issued: return "Issued";
                case Failed: return "Failed";
                default: return "state " + s.ToString();
            }
        }

        /// <summary>Begins with GetCACaps. newKey is the key to certify; nowUnix the wall-clock time
        /// (the self-signed certificate's validity and the installation time depend on it).</summary>
        public void Start(ScepKeyPair newKey, long nowMs, long nowUnix)
        {
            if (newKey == null) throw new System.ArgumentNullException(nameof(newKey));
            if (_state != Idle) throw new System.InvalidOperationException("enrollment already started");
            _newKey = newKey;
            _startMs = nowMs;
            _startUnix = nowUnix;
            Enter(GettingCaCaps);
        }

        /// <summary>The request to make now (and forget here); null when none.</summary>
        public ScepHttpRequest TakePending()
        {
            ScepHttpRequest r = _pending;
            _pending = null;
            return r;
        }

        /// <summary>The HTTP answer to the last request: status code, Content-Type (may be null) and body.</summary>
        public void OnResponse(int status, string contentType, byte[] body, long nowMs)
        {
            if (!_awaiting) { _out.Note(Source, Level.Debug, "ignored an HTTP answer nobody was waiting for (" + StateName() + ")"); return; }
            _awaiting = false;
            switch (_state)
            {
                case GettingCaCaps: OnCaps(status, body); break;
                case GettingCaCert: OnCaCert(status, contentType, body, nowMs); break;
                case Requesting:
                case Polling: OnCertRep(status, contentType, body, nowMs); break;
            }
        }

        /// <summary>The request could not be made or answered (refused, timed out, closed early).</summary>
        public void OnTransportFailure(string reason, long nowMs)
        {
            if (!_awaiting) return;
            _awaiting = false;
            switch (_state)
            {
                case GettingCaCaps:
                case GettingCaCert:
                    Fail("cannot reach the SCEP server at " + _s.Url + ": " + reason);
                    break;
                case Requesting:
                    Fail("the " + RequestName() + " could not be delivered to " + _s.Url + ": " + reason);
                    break;
                case Polling:
                    _out.Note(Source, Level.Warning, "CertPoll " + _polls.ToString() + " got no answer (" + reason + "); the request stays pending");
                    SchedulePoll(nowMs);
                    break;
            }
        }

        public void OnDeadline(long nowMs)
        {
            if (_state != Pending || nowMs < _nextPollMs) return;
            SendPoll();
        }

        // ---- steps -------------------------------------------------------------------------

        private void Enter(int state)
        {
            _state = state;
            switch (state)
            {
                case GettingCaCaps: Queue(NewRequest(OperationGetCaCaps, ScepHttpRequest.Get, Query(OperationGetCaCaps, _s.CaIdentifier))); break;
                case GettingCaCert: Queue(NewRequest(OperationGetCaCert, ScepHttpRequest.Get, Query(OperationGetCaCert, _s.CaIdentifier))); break;
            }
        }

        private void OnCaps(int status, byte[] body)
        {
            if (status == 200) _caps = ScepCaps.Parse(body);
            else _caps = new ScepCaps();
            if (_caps.Received)
                _out.Note(Source, Level.Info, "1. GetCACaps: " + Join(_caps.Keywords) + " -> " + _caps.Describe());
            else
                _out.Note(Source, Level.Warning, "1. GetCACaps " + (status == 200 ? "answered nothing usable" : "answered HTTP " + status.ToString()) +
                    ": assuming a CA from before RFC 8894 -> " + _caps.Describe());
            if (_caps.HashName == Crypto.HashAlgorithm.Sha1Name)
                _out.Note(Source, Level.Warning, "the CA offers no SHA-256: the request is signed with SHA-1, which FIPS mode and modern CAs refuse");
            Enter(GettingCaCert);
        }

        private void OnCaCert(int status, string contentType, byte[] body, long nowMs)
        {
            if (status != 200) { Fail("GetCACert answered HTTP " + status.ToString() + ": check the SCEP URL" + (_s.CaIdentifier != null ? " and the CA identifier" : "") + "; nothing was sent to the CA"); return; }
            string error;
            _ca = ScepCaCertificates.TryParse(contentType, body, _s.CaFingerprint, _s.AllowUnpinned, out error);
            if (_ca == null) { Fail("stopped before sending any request: " + error); return; }
            _out.Note(Source, _s.CaFingerprint == null ? Level.Warning : Level.Info, "2. GetCACert: " + _ca.Summary);
            long now = UnixAt(nowMs);
            if (now > _ca.Ca.NotAfter) _out.Note(Source, Level.Warning, "the CA certificate expired on " + Asn1.Asn1Time.Format(_ca.Ca.NotAfter) + " (or the phone's clock is wrong)");
            _hash = _caps.HashName;
            _cipher = _caps.ContentEncryption;
            ChooseSigner(now);
            if (_state != Failed) SendRequest(now);
        }

        // RenewalReq with the installed LSC when it can be used for it; PKCSReq with a self-signed
        // certificate of the new key otherwise (RFC 8894 §2.3, §3.3.1).
        private void ChooseSigner(long now)
        {
            string problem;
            CredentialSet current = _store.Load(out problem);
            string why = null;
            X509Certificate lsc = null;
            ScepKeyPair lscKey = null;
            if (current == null) why = problem == null ? "" : problem;   // "": nothing installed, a first enrollment
            else
            {
                lsc = X509Certificate.TryParse(current.CertificateDer, out problem);
                lscKey = lsc == null ? null : ScepKeyPair.TryDecode(current.PrivateKeyDer, out problem);
                if (lsc == null || lscKey == null) why = "the installed LSC is unusable (" + problem + ")";
                else if (!lscKey.Matches(lsc)) why = "the installed LSC's key does not match its certificate";
                else if (now >= lsc.NotAfter) why = "the installed LSC expired on " + Asn1.Asn1Time.Format(lsc.NotAfter);
                else if (!NameMatch.Equal(lsc.Issuer, _ca.Ca.Subject)) why = "the installed LSC was issued by \"" + lsc.Issuer.Text + "\", not by this CA";
                else if (!_caps.Renewal) why = "the CA does not offer Renewal in GetCACaps";
            }
            if (why == null)
            {
                _renewal = true;
                _signer = lsc;
                _signerKey = lscKey;
                return;
            }
            if (why.Length > 0) _out.Note(Source, Level.Info, "not renewing: " + why + "; enrolling anew with PKCSReq");
            _renewal = false;
            _signerKey = _newKey;
            if (now < 946684800) _out.Note(Source, Level.Warning, "the phone's clock says " + Asn1.Asn1Time.Format(now) + ": set the time (SNTP) first, or the CA may refuse the self-signed certificate (badTime)");
            string e;
            try
            {
                byte[] self = CertificateBuilder.SelfSigned(_s.SubjectDer, _newKey.Modulus, _newKey.Exponent, _newKey.Key, _hash, now, _s.SelfSignedValidDays, _random);
                _signer = X509Certificate.TryParse(self, out e);
            }
            catch (System.ArgumentException x) { _signer = null; e = x.Message; }
            if (_signer == null) Fail("could not make the self-signed certificate of RFC 8894 §2.3: " + e);
        }

        private void SendRequest(long now)
        {
            if (!_renewal && _s.ChallengePassword == null)
                _out.Note(Source, Level.Warning, "no challenge password configured: a CA that requires one answers FAILURE badRequest");
            byte[] csr;
            byte[] message;
            try
            {
                Pkcs10Builder b = new Pkcs10Builder(_s.SubjectDer);
                // A RenewalReq is authenticated by the LSC, but CAs that enforce a challenge on every
                // CSR (micromdm scepserver 2.1.0: "invalid challenge") need it there too; it
                // travels encrypted for the CA either way.
                b.ChallengePassword = _s.ChallengePassword;
                b.DnsNames = _s.DnsNames;
                b.IpAddresses = _s.IpAddresses;
                b.Uris = _s.Uris;
                b.Emails = _s.Emails;
                b.KeyUsage = _s.KeyUsage;
                b.ExtendedKeyUsages = _s.ExtendedKeyUsages;
                csr = b.Build(_newKey.Modulus, _newKey.Exponent, _newKey.Key, _hash);
                _transactionId = ScepMessageWriter.TransactionId(_newKey.Modulus, _newKey.Exponent, _hash);
                _senderNonce = ScepMessageWriter.NewNonce(_random);
                message = ScepMessageWriter.Request(_renewal ? ScepCodes.RenewalReq : ScepCodes.PkcsReq, csr, _transactionId, _senderNonce,
                    _signer, _signerKey.Key, _ca.Recipient, _hash, _cipher, _random);
            }
            catch (System.ArgumentException e) { Fail("could not build the " + RequestName() + ": " + e.Message); return; }
            catch (System.InvalidOperationException e) { Fail("could not build the " + RequestName() + ": " + e.Message); return; }
            _state = Requesting;
            SendPkiOperation(message);
            _out.Note(Source, Level.Info, "3. " + RequestName() + " for \"" + SubjectText() + "\" (RSA " + _newKey.Bits.ToString() + ", transactionID " + _transactionId +
                (_renewal ? ", signed by the installed LSC serial " + _signer.SerialHex : ", signed by a self-signed certificate, challenge password " + (_s.ChallengePassword == null ? "not set" : "set")) +
                ") encrypted for " + (_ca.HasRa ? "the RA" : "the CA") + " \"" + _ca.Recipient.Subject.Text + "\" with " + CmsAlgorithms.ContentName(_cipher) +
                ", " + _hash + ", sent by " + _pending.Method);
        }

        private void SendPoll()
        {
            _polls++;
            _senderNonce = ScepMessageWriter.NewNonce(_random);
            byte[] message;
            try
            {
                byte[] ias = ScepMessageWriter.IssuerAndSubject(_ca.Ca.Subject.Der, _s.SubjectDer);
                message = ScepMessageWriter.Request(ScepCodes.CertPoll, ias, _transactionId, _senderNonce, _signer, _signerKey.Key, _ca.Recipient, _hash, _cipher, _random);
            }
            catch (System.ArgumentException e) { Fail("could not build the CertPoll: " + e.Message); return; }
            catch (System.InvalidOperationException e) { Fail("could not build the CertPoll: " + e.Message); return; }
            _state = Polling;
            _nextPollMs = Deadline.None;
            SendPkiOperation(message);
            _out.Note(Source, Level.Info, "CertPoll " + _polls.ToString() + " for transactionID " + _transactionId);
        }

        private void OnCertRep(int status, string contentType, byte[] body, long nowMs)
        {
            bool polling = _state == Polling;
            string what = polling ? "CertPoll " + _polls.ToString() : RequestName();
            if (status != 200)
            {
                if (polling && status >= 500) { _out.Note(Source, Level.Warning, "the CA answered HTTP " + status.ToString() + " to " + what + "; the request stays pending"); SchedulePoll(nowMs); return; }
                Fail("the CA answered HTTP " + status.ToString() + " to the " + what + " (no CertRep)" + (status == 404 || status == 405 ? ": check the SCEP URL" : ""));
                return;
            }
            string type = ScepCaCertificates.MediaType(contentType);
            if (type != ScepCodes.ContentTypePkiMessage)
                _out.Note(Source, Level.Warning, "the answer's Content-Type is \"" + (contentType ?? "") + "\", not " + ScepCodes.ContentTypePkiMessage + " (RFC 8894 §4.3); reading it anyway");
            string error;
            ScepPkiMessage m = ScepPkiMessage.TryParse(body, out error);
            if (m == null) { Fail("the answer to the " + what + " is not a SCEP pkiMessage: " + error); return; }
            if (m.MessageType != ScepCodes.CertRep) { Fail("the answer to the " + what + " is a " + ScepCodes.MessageTypeName(m.MessageType) + ", not a CertRep"); return; }
            X509Certificate by = m.VerifySignature(_ca.Signers, out error);
            if (by == null) { Fail("the CertRep is not signed by the CA or its RA, so it is not trusted: " + error); return; }
            if (m.TransactionId != _transactionId) { Fail("the CertRep answers transactionID " + m.TransactionId + ", not ours (" + _transactionId + ")"); return; }
            if (m.RecipientNonce == null || !Same(m.RecipientNonce, _senderNonce)) { Fail("the CertRep's recipientNonce is " + (m.RecipientNonce == null ? "missing" : "not the senderNonce we sent") + " (RFC 8894 §3.2.1.5): a stale or replayed reply"); return; }
            switch (m.PkiStatus)
            {
                case ScepCodes.Success: OnSuccess(m, nowMs); break;
                case ScepCodes.Failure:
                    Fail("the CA answered FAILURE to the " + what + ": " + (m.FailInfo < 0 ? "no failInfo given" : ScepCodes.FailInfoWords(m.FailInfo)) +
                        (m.FailInfoText != null ? " (the CA says: \"" + m.FailInfoText + "\")" : ""));
                    break;
                case ScepCodes.Pending:
                    if (!polling) _firstPendingMs = nowMs;   // the clock of PollMaxTotalSec starts at the first PENDING
                    _out.Note(Source, Level.Info, "CertRep PENDING: the CA holds the request for approval (transactionID " + _transactionId + ")");
                    SchedulePoll(nowMs);
                    break;
                default:
                    Fail("the CertRep's pkiStatus is " + m.PkiStatus.ToString() + ", which RFC 8894 §3.2.1.3 does not define");
                    break;
            }
        }

        private void OnSuccess(ScepPkiMessage m, long nowMs)
        {
            string error;
            byte[] inner = m.DecryptEnvelope(_signer, _signerKey.Key, _random, out error);
            if (inner == null) { Fail("CertRep SUCCESS, but its certificates cannot be read: " + error); return; }
            if (CmsAlgorithms.IsReadOnly(m.EnvelopeAlgorithm))
                _out.Note(Source, Level.Warning, "the CA encrypted its reply with " + CmsAlgorithms.ContentName(m.EnvelopeAlgorithm) + " although we sent " +
                    CmsAlgorithms.ContentName(_cipher) + ": accepted, since the reply carries only certificates, but the CA software is outdated");
            X509Certificate[] certs = CmsCertsOnly.TryParseCertificates(inner, out error);
            if (certs == null) { Fail("CertRep SUCCESS, but the decrypted content is not a certs-only SignedData: " + error); return; }
            X509Certificate issued = null;
            for (int i = 0; i < certs.Length && issued == null; i++) if (_newKey.Matches(certs[i])) issued = certs[i];
            if (issued == null) { Fail("CertRep SUCCESS with " + certs.Length.ToString() + " certificate(s), none of them for our key"); return; }
            string why = SignatureCheck.Verify(issued, _ca.Ca, null, false);
            if (why != null) { Fail("the issued certificate " + issued.Describe() + " is not signed by the CA " + _ca.Ca.Describe() + ": " + why); return; }
            long now = UnixAt(nowMs);
            if (now > issued.NotAfter) { Fail("the issued certificate expired on " + Asn1.Asn1Time.Format(issued.NotAfter)); return; }
            if (!Same(issued.Subject.Der, _s.SubjectDer)) _out.Note(Source, Level.Info, "the CA issued the certificate for \"" + issued.Subject.Text + "\" (asked for \"" + SubjectText() + "\")");

            CredentialSet set = new CredentialSet();
            set.CertificateDer = issued.Der;
            set.PrivateKeyDer = _newKey.ExportPkcs1();
            set.ChainDer = new byte[_ca.Chain.Length][];
            for (int i = 0; i < _ca.Chain.Length; i++) set.ChainDer[i] = _ca.Chain[i].Der;
            set.InstalledAt = now;
            set.Origin = _renewal ? "renew" : "enroll";
            // Where it came from, so a renewal can go back there (the challenge is never stored).
            set.EnrollUrl = _s.Url;
            set.CaFingerprint = _s.CaFingerprint != null ? _s.CaFingerprint : "sha256:" + Util.Hex.Bytes(_ca.Ca.Sha256Fingerprint);
            string problem;
            bool stored;
            try { stored = _store.Install(set, out problem); }
            catch (System.InvalidOperationException e) { stored = false; problem = e.Message; }
            System.Array.Clear(set.PrivateKeyDer, 0, set.PrivateKeyDer.Length);
            if (!stored) { Fail("the LSC was issued but could not be stored: " + problem); return; }
            _issued = issued;
            _result = set;
            _state = Issued;
            _out.Note(Source, Level.Info, "4. CertRep SUCCESS: LSC " + issued.Describe() + " valid until " + Asn1.Asn1Time.Format(issued.NotAfter) +
                " installed with its key and " + set.ChainDer.Length.ToString() + " CA certificate(s)" + (_polls > 0 ? " after " + _polls.ToString() + " poll(s)" : ""));
        }

        // PENDING or a transient poll failure: the next CertPoll after the doubled interval, unless
        // that would pass the total polling time.
        private void SchedulePoll(long nowMs)
        {
            _pollIntervalSec = _pollIntervalSec == 0 ? _s.PollFirstSec : _pollIntervalSec * 2;
            if (_pollIntervalSec > _s.PollMaxIntervalSec) _pollIntervalSec = _s.PollMaxIntervalSec;
            long at = nowMs + _pollIntervalSec * 1000L;
            if (at - _firstPendingMs > _s.PollMaxTotalSec * 1000L)
            {
                Fail("the request is still PENDING after " + ((nowMs - _firstPendingMs) / 1000).ToString() + " s and " + _polls.ToString() +
                    " poll(s): approve transactionID " + _transactionId + " at the CA, then restart enrollment (the limit is " + _s.PollMaxTotalSec.ToString() + " s)");
                return;
            }
            _state = Pending;
            _nextPollMs = at;
            _out.Note(Source, Level.Info, "next CertPoll in " + _pollIntervalSec.ToString() + " s");
        }

        // ---- HTTP --------------------------------------------------------------------------

        private void SendPkiOperation(byte[] message)
        {
            if (_caps.UsePost)
            {
                ScepHttpRequest r = NewRequest(OperationPkiOperation, ScepHttpRequest.Post, Query(OperationPkiOperation, null));
                r.ContentType = ScepCodes.ContentTypePkiMessage;
                r.Body = message;
                Queue(r);
            }
            else Queue(NewRequest(OperationPkiOperation, ScepHttpRequest.Get, Query(OperationPkiOperation, Util.Base64.Encode(message))));
        }

        private ScepHttpRequest NewRequest(string operation, string method, string url)
        {
            ScepHttpRequest r = new ScepHttpRequest();
            r.Operation = operation;
            r.Method = method;
            r.Url = url;
            r.MaxResponseBytes = _s.MaxResponseBytes;
            return r;
        }

        private void Queue(ScepHttpRequest r)
        {
            _pending = r;
            _awaiting = true;
        }

        /// <summary>url?operation=OP[&amp;message=VALUE], the value percent-encoded (RFC 8894 §4.1).</summary>
        private string Query(string operation, string message)
        {
            string q = (_s.Url.IndexOf('?') >= 0 ? "&" : "?") + "operation=" + operation;
            if (message != null) q += "&message=" + EncodeQueryValue(message);
            return _s.Url + q;
        }

        /// <summary>Percent-encodes every octet but RFC 3986 §2.3's unreserved characters (so base64's
        /// '+', '/' and '=' become %2B, %2F and %3D, as RFC 8894 §4.1 asks).</summary>
        public static string EncodeQueryValue(string value)
        {
            byte[] b = System.Text.Encoding.UTF8.GetBytes(value);
            System.Text.StringBuilder sb = new System.Text.StringBuilder(b.Length * 3);
            const string hex = "0123456789ABCDEF";
            for (int i = 0; i < b.Length; i++)
            {
                int c = b[i];
                bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
                if (unreserved) sb.Append((char)c);
                else sb.Append('%').Append(hex[c >> 4]).Append(hex[c & 15]);
            }
            return sb.ToString();
        }

        // ---- helpers -----------------------------------------------------------------------

        private void Fail(string why)
        {
            _state = Failed;
            _diagnosis = why;
            _pending = null;
            _awaiting = false;
            _nextPollMs = Deadline.None;
            _out.Note(Source, Level.Error, "enrollment failed: " + why);
        }

        private long UnixAt(long nowMs) { return _startUnix + (nowMs - _startMs) / 1000; }

        private string RequestName() { return _renewal ? "RenewalReq" : "PKCSReq"; }

        private string SubjectText()
        {
            string e;
            X509Name n = X509Name.TryParse(new Asn1.DerReader(_s.SubjectDer), out e);
            return n == null ? "?" : n.Text;
        }

        private static string Join(string[] a)
        {
            string s = "";
            for (int i = 0; i < a.Length; i++) s += (i > 0 ? " " : "") + a[i];
            return s;
        }

        private static bool Same(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            int d = 0;
            for (int i = 0; i < a.Length; i++) d |= a[i] ^ b[i];
            return d == 0;
        }
    }
}
