using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Sip.Auth;
using PhoneAgent.Core.Sip.Transaction;

namespace PhoneAgent.Core.Sip.Registration
{
    /// <summary>Registers the phone: RegistrationMachine decides, this class builds each
    /// REGISTER (RFC 3261 §10.2), runs it through a non-INVITE client transaction over UDP (the
    /// outbox) or a TCP/TLS stream (with RFC 5626 CRLF keep-alive), answers Digest challenges
    /// (RFC 7616/8760, strongest algorithm) or, when no Digest challenge is offered, NTLM
    /// challenges by MS-SIPAE (an NTLMv2 security association per registrar: empty token,
    /// AUTHENTICATE_MESSAGE, the 2xx's rspauth verified, refreshes and the un-REGISTER signed),
    /// and matches responses by Via branch and CSeq.</summary>
    public sealed class RegistrationClient
    {
        public const string Source = RegistrationMachine.Source;
        public const string UserAgent = "PhoneAgent/0.1";

        private readonly RegistrationSettings _s;
        private readonly IRandom _random;
        private readonly IStreamConnector _tcp;
        private readonly ITlsPort _tls;
        private readonly RegistrationMachine _machine;
        private readonly Outbox _notes = new Outbox();
        private readonly NonInviteClientTransaction _tx = new NonInviteClientTransaction();
        private readonly CrlfKeepAlive _keepAlive;
        private readonly DigestNonceCounter _nc = new DigestNonceCounter();
        private MsSipaeNtlm _ntlm;              // the MS-SIPAE security association, or null
        private int _ntlmServer = -1;           // the server index it belongs to
        private bool _ntlmProxy;                // it answers Proxy-Authenticate (else WWW-Authenticate)
        private readonly string _callId;
        private readonly string _fromTag;
        private int _cseq;
        private string _branch;
        private IStreamPort _stream;
        private SipStreamFramer _framer;
        private readonly byte[] _rx = new byte[2048];
        private int _registrations;
        private long _lastPollMs;

        /// <summary>How often the stream is read while a request over TCP/TLS awaits its answer:
        /// stream ports are polled, not event-driven, and reliable transports have no timer E.</summary>
        public const int StreamPollMs = 20;

        public RegistrationClient(RegistrationSettings settings, IRandom random, IStreamConnector tcp, ITlsPort tls)
        {
            if (settings == null || random == null) throw new System.ArgumentNullException(settings == null ? "settings" : "random");
            string problem = settings.Check();
            if (problem != null) throw new System.ArgumentException(problem);
            _s = settings;
            _random = random;
            _tcp = tcp;
            _tls = tls;
            string[] names = new string[settings.ServerAddresses.Length];
            for (int i = 0; i < names.Length; i++) names[i] = Ip4.Format(settings.ServerAddresses[i]) + ":" + settings.ServerPorts[i].ToString() + " (" + settings.Transport + ")";
            _machine = new RegistrationMachine(names, settings.Expires, random, _notes);
            _keepAlive = new CrlfKeepAlive(random);
            _callId = Token(16) + "@" + Ip4.Format(settings.LocalAddress);
            _fromTag = Token(8);
        }

        public RegistrationMachine Machine { get { return _machine; } }
        /// <summary>How many 2xx to REGISTER with an expiry this client has received.</summary>
        public int Registrations { get { return _registrations; } }

        public long NextDeadlineMs
        {
            get
            {
                long d = Deadline.Min(_machine.NextDeadlineMs, _tx.NextDeadlineMs);
                if (_stream != null) d = Deadline.Min(d, _keepAlive.NextDeadlineMs);
                if (_stream != null && _branch != null) d = Deadline.Min(d, _lastPollMs + StreamPollMs);
                return d;
            }
        }

        public void Start(long nowMs, Outbox outbox)
        {
            _lastPollMs = nowMs;
            _machine.Start(nowMs);
            Pump(nowMs, outbox);
        }

        public void Stop(long nowMs, Outbox outbox)
        {
            _keepAlive.Stop();
            _machine.Stop(nowMs);
            Pump(nowMs, outbox);
        }

        /// <summary>Timers, stream reads, and whatever the machine wants sent.</summary>
        public void Poll(long nowMs, Outbox outbox)
        {
            _lastPollMs = nowMs;
            ReadStream(nowMs, outbox);
            _tx.Poll(nowMs);
            byte[] again = _tx.TakeSend();
            if (again != null) Transmit(again, nowMs, outbox);
            if (_tx.TimedOut && _tx.State == NonInviteClientTransaction.Terminated && _branch != null)
            {
                _branch = null;
                _machine.OnTimeout(nowMs);
            }
            if (_stream != null)
            {
                _keepAlive.Poll(nowMs);
                byte[] ping = _keepAlive.TakePing();
                if (ping != null && !_stream.Write(ping, 0, ping.Length)) Lost(nowMs, "the connection failed while sending a keep-alive");
                if (_keepAlive.Failed) Lost(nowMs, "no keep-alive pong within 10 s (RFC 5626 §4.4.1): the flow failed");
            }
            _machine.Poll(nowMs);
            Pump(nowMs, outbox);
        }

        /// <summary>A UDP datagram to our SIP port.</summary>
        public void OnDatagram(uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            if (_s.Transport != RegistrationSettings.Udp) return;
            string why;
            SipMessage m = SipParser.TryParse(data, 0, count, out why);
            if (m != null) OnMessage(m, nowMs);
            Pump(nowMs, outbox);
        }

        private void ReadStream(long nowMs, Outbox outbox)
        {
            if (_stream == null) return;
            for (int guard = 0; guard < 16; guard++)
            {
                int n = _stream.TryRead(_rx, 0, _rx.Length);
                if (n == 0) break;
                if (n < 0) { Lost(nowMs, "the registrar closed the connection"); return; }
                _framer.Feed(_rx, 0, n);
                for (int k = 0; k < 16; k++)
                {
                    byte[] frame;
                    int kind = _framer.Next(out frame);
                    if (kind == SipFrameKind.None) break;
                    if (kind == SipFrameKind.Pong) { _keepAlive.OnPong(nowMs); continue; }
                    if (kind == SipFrameKind.Error) { Lost(nowMs, "the stream from the registrar cannot be framed: " + _framer.Error); return; }
                    string why;
                    SipMessage m = SipParser.TryParse(frame, 0, frame.Length, out why);
                    if (m != null) OnMessage(m, nowMs);
                }
            }
        }

        private void OnMessage(SipMessage m, long nowMs)
        {
            if (m.IsRequest || _branch == null) return;
            SipVia via = m.TopVia;
            SipCSeq cseq = m.CSeq;
            if (via == null || via.Branch != _branch || cseq == null || cseq.Number != _cseq || cseq.Method != "REGISTER") return;
            if (!_tx.OnResponse(nowMs, m.StatusCode) || m.StatusCode < 200) return;
            _branch = null;
            int granted = -1;
            if (m.StatusCode >= 200 && m.StatusCode < 300) granted = GrantedExpiry(m);
            int minExpires = m.MinExpires >= 0 && m.MinExpires <= int.MaxValue ? (int)m.MinExpires : -1;
            int retryAfter = m.RetryAfter != null && m.RetryAfter.Seconds <= int.MaxValue ? (int)m.RetryAfter.Seconds : -1;
            string[] www = m.WwwAuthenticate, proxy = m.ProxyAuthenticate;
            string[] challenges = null;
            bool stale = false;
            if (www.Length + proxy.Length > 0)
            {
                challenges = new string[www.Length + proxy.Length];
                for (int i = 0; i < www.Length; i++) challenges[i] = "W" + www[i];
                for (int i = 0; i < proxy.Length; i++) challenges[www.Length + i] = "P" + proxy[i];
                stale = ChallengeSet.Parse(www, proxy).AnyStale;
            }
            if (m.StatusCode >= 200 && m.StatusCode < 300 && !VerifyNtlm(m, nowMs)) return;
            if (m.StatusCode >= 200 && m.StatusCode < 300 && granted > 0)
            {
                _registrations++;
                if (_stream != null) _keepAlive.Start(nowMs, FlowTimer(m));
            }
            _machine.OnFinal(nowMs, m.StatusCode, m.ReasonPhrase, granted, minExpires, retryAfter, challenges, stale);
        }

        /// <summary>Sends what the machine asks for, opening the stream first when needed.</summary>
        private void Pump(long nowMs, Outbox outbox)
        {
            // A REGISTER that cannot be sent (no connection, an unanswerable challenge) may make
            // the machine fail over to the next server at once: bounded retries.
            for (int guard = 0; guard < 4; guard++)
            {
                Flush(outbox);
                if (!_machine.HasPending || SendPending(nowMs, outbox)) break;
            }
            Flush(outbox);
        }

        /// <summary>Builds and sends the pending REGISTER; false when it could not be sent.</summary>
        private bool SendPending(long nowMs, Outbox outbox)
        {
            if (_s.Transport != RegistrationSettings.Udp && _stream == null && !Connect(nowMs, outbox)) return false;
            int expires = _machine.PendingExpires;
            int cseq = _cseq + 1;
            string branch = "z9hG4bK" + Token(12);
            SipMessage register = BuildRegister(expires, cseq, branch);
            string authorization, headerName;
            int answer;
            if (!Credentials(register, nowMs, out authorization, out headerName, out answer, outbox)) return false;
            _machine.Sent(answer, answer >= RegistrationMachine.AnswerNtlmNegotiate ? NtlmIdentity() : _s.AuthUser);
            _cseq = cseq;
            _branch = branch;
            if (authorization != null) register.AddHeader(headerName, authorization);
            register.AddHeader("User-Agent", UserAgent);
            byte[] request = SipWriter.Write(register);
            _tx.Start(nowMs, request, _s.Transport != RegistrationSettings.Udp);
            byte[] bytes = _tx.TakeSend();
            outbox.Note(Source, expires == 0 ? Level.Info : Level.Debug, "REGISTER CSeq " + _cseq.ToString() + " Expires " + expires.ToString() +
                (authorization != null ? " with " + headerName + " (" + RegistrationMachine.AnswerName(answer) + ")" : "") + " to " + _machine.Server);
            Transmit(bytes, nowMs, outbox);
            return true;
        }

        private void Flush(Outbox outbox)
        {
            for (int i = 0; i < _notes.NoteCount; i++) outbox.Note(_notes.NoteAt(i).Source, _notes.NoteAt(i).Level, _notes.NoteAt(i).Text);
            _notes.Clear();
        }

        private void Transmit(byte[] bytes, long nowMs, Outbox outbox)
        {
            int server = _machine.ServerIndex;
            if (_s.Transport == RegistrationSettings.Udp)
            {
                outbox.Send(_s.LocalPort, _s.ServerAddresses[server], _s.ServerPorts[server], bytes);
                return;
            }
            if (_stream == null || !_stream.Write(bytes, 0, bytes.Length))
            {
                _tx.OnTransportError();
                _branch = null;
                Lost(nowMs, "the connection to the registrar failed while sending");
            }
        }

        private bool Connect(long nowMs, Outbox outbox)
        {
            int server = _machine.ServerIndex;
            uint address = _s.ServerAddresses[server];
            int port = _s.ServerPorts[server];
            string reason = null;
            IStreamPort stream = null;
            if (_s.Transport == RegistrationSettings.Tls)
            {
                if (_tls == null) reason = "no TLS port on this platform";
                else stream = _tls.Connect(address, port, _s.ServerName, _s.ClientCertificateDer, _s.ClientKeyDer, out reason);
            }
            else if (_tcp == null) reason = "no TCP port on this platform";
            else
            {
                stream = _tcp.Connect(address, port);
                if (stream == null) reason = "the platform refused to open a TCP connection";
            }
            if (stream == null)
            {
                _machine.Sent();
                _machine.OnTransportError(nowMs, reason);
                return false;
            }
            _stream = stream;
            _framer = new SipStreamFramer();
            outbox.Note(Source, Level.Info, "connected to " + Ip4.Format(address) + ":" + port.ToString() + " over " + Upper(_s.Transport));
            return true;
        }

        private void Lost(long nowMs, string why)
        {
            if (_stream != null) _stream.Close();
            _stream = null;
            _keepAlive.Stop();
            if (_branch != null)
            {
                _branch = null;
                _tx.OnTransportError();
                _machine.OnTransportError(nowMs, why);
            }
            else if (_machine.State == RegistrationMachine.Registered)
            {
                // RFC 5626 §4.4.1: a failed flow means registering again over a new one.
                _notes.Note(Source, Level.Warning, why + "; registering again");
                _machine.Start(nowMs);
            }
        }

        /// <summary>The Authorization/Proxy-Authorization value for the REGISTER about to be sent:
        /// the answer to the pending challenges, or the MS-SIPAE signature of an established
        /// association, or none. False when the challenge cannot be answered (the machine has
        /// been told why).</summary>
        private bool Credentials(SipMessage register, long nowMs, out string value, out string headerName, out int answer, Outbox outbox)
        {
            value = null;
            headerName = null;
            answer = RegistrationMachine.AnswerNone;
            string[] pending = _machine.PendingChallenges;
            if (pending == null)
            {
                // MS-SIPAE §3.2.5: later requests (refreshes, the un-REGISTER) are signed with the
                // established association and the next cnum.
                if (_ntlm == null || _ntlm.State != MsSipaeNtlm.Established) return true;
                if (_ntlmServer != _machine.ServerIndex)
                {
                    _ntlm.Reset();
                    return true;
                }
                value = _ntlm.Sign(SignatureFields(register, 0));
                if (value == null) return true;
                headerName = _ntlmProxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization;
                answer = RegistrationMachine.AnswerNtlmSigned;
                return true;
            }
            int w = 0, p = 0;
            for (int i = 0; i < pending.Length; i++) if (pending[i][0] == 'W') w++; else p++;
            string[] www = new string[w], proxy = new string[p];
            w = p = 0;
            for (int i = 0; i < pending.Length; i++)
            {
                if (pending[i][0] == 'W') www[w++] = pending[i].Substring(1);
                else proxy[p++] = pending[i].Substring(1);
            }
            ChallengeSet set = ChallengeSet.Parse(www, proxy);
            AuthChallenge digest = set.BestDigest(null);
            if (digest != null)
            {
                string uri = "sip:" + _s.Domain;
                uint nc = _nc.Next(digest.Nonce);
                value = DigestCredentials.Build(digest, "REGISTER", uri, _s.AuthUser, _s.Password, Token(16), nc, null);
                headerName = digest.IsProxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization;
                answer = RegistrationMachine.AnswerDigest;
                outbox.Note(Source, Level.Info, "answering the Digest " + DigestAlgorithm.Name(digest.Algorithm) + " challenge of realm \"" + digest.Realm + "\"" + (digest.Stale ? " (stale nonce)" : ""));
                return true;
            }
            AuthChallenge ntlm = set.Ntlm();
            if (ntlm == null)
            {
                _machine.Sent(RegistrationMachine.AnswerNone, null);
                _machine.Refuse("the registrar's challenge cannot be answered: " + set.Explain());
                return false;
            }
            return AnswerNtlm(ntlm, register, nowMs, out value, out headerName, out answer, outbox);
        }

        /// <summary>MS-SIPAE §3.2 / §4.1: a challenge without gssapi-data starts a new security
        /// association (answered with gssapi-data=""); the one with the CHALLENGE_MESSAGE that
        /// follows it is answered with the AUTHENTICATE_MESSAGE and the first signature.</summary>
        private bool AnswerNtlm(AuthChallenge ntlm, SipMessage register, long nowMs, out string value, out string headerName, out int answer, Outbox outbox)
        {
            value = null;
            headerName = ntlm.IsProxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization;
            answer = RegistrationMachine.AnswerNone;
            if (_s.AuthDomain.Length == 0)
            {
                _machine.Sent(RegistrationMachine.AnswerNone, null);
                _machine.Refuse("the registrar demands NTLM (MS-SIPAE, realm \"" + ntlm.Realm + "\", targetname \"" + ntlm.TargetName +
                    "\") and offers no Digest; set sip.authDomain (--auth-domain) to the account's Windows logon domain, e.g. CONTOSO, for " + _s.AuthUser);
                return false;
            }
            bool continuation = _machine.LastAnswer == RegistrationMachine.AnswerNtlmNegotiate;
            if (continuation && !ntlm.HasGssapiData)
            {
                _machine.Sent(RegistrationMachine.AnswerNone, null);
                _machine.OnUnusableResponse(nowMs, "the registrar answered our empty NTLM token with a new NTLM challenge instead of a CHALLENGE_MESSAGE (MS-SIPAE §4.1): " + ntlm.ToString());
                return false;
            }
            if (!ntlm.HasGssapiData || _ntlm == null)
            {
                if (_ntlm == null) _ntlm = new MsSipaeNtlm(_s.AuthUser, _s.AuthDomain, _s.Password, _s.Workstation, _random);
                _ntlm.Reset();
                _ntlmServer = _machine.ServerIndex;
            }
            _ntlmProxy = ntlm.IsProxy;
            SipSignatureFields fields = SignatureFields(register, 0);
            value = _ntlm.Answer(ntlm, fields, FileTimeNow());
            if (value == null)
            {
                // e.g. a registrar that only offers NTLMv1/LM, or a malformed CHALLENGE_MESSAGE.
                _machine.Sent(RegistrationMachine.AnswerNone, null);
                _machine.Refuse(_ntlm.Diagnosis);
                _ntlm.Reset();
                return false;
            }
            if (!ntlm.HasGssapiData)
            {
                answer = RegistrationMachine.AnswerNtlmNegotiate;
                outbox.Note(Source, Level.Info, "answering the NTLM challenge of realm \"" + ntlm.Realm + "\" (targetname \"" + ntlm.TargetName + "\") with an empty token (MS-SIPAE)");
                return true;
            }
            answer = RegistrationMachine.AnswerNtlmAuthenticate;
            NtlmChallengeMessage c = _ntlm.Context.Challenge;
            outbox.Note(Source, Level.Info, "answering the NTLM CHALLENGE_MESSAGE" + (c.NbDomainName != null ? " of domain " + c.NbDomainName : "") +
                " with an NTLMv2 AUTHENTICATE_MESSAGE for " + NtlmIdentity() + " (" + NtlmFlags.Describe(_ntlm.Context.NegotiatedFlags) + ")");
            if (c.Timestamp < 0 && (_s.WallClock == null || !_s.WallClock.IsSet))
                outbox.Note(Source, Level.Warning, "the CHALLENGE_MESSAGE carries no MsvAvTimestamp and the phone's clock is not set (SNTP): the NTLMv2 response carries time 0, which the registrar may refuse");
            return true;
        }

        /// <summary>MS-SIPAE §3.2.5.2: a 2xx to an NTLM-authenticated or signed REGISTER must carry
        /// the registrar's signature (Authentication-Info / Proxy-Authentication-Info rspauth); a
        /// missing or wrong one fails the attempt. True when the response may be used.</summary>
        private bool VerifyNtlm(SipMessage m, long nowMs)
        {
            int answer = _machine.LastAnswer;
            if (answer != RegistrationMachine.AnswerNtlmAuthenticate && answer != RegistrationMachine.AnswerNtlmSigned) return true;
            string what = m.StatusCode.ToString() + " " + m.ReasonPhrase + " from " + _machine.Server;
            string info = m.GetHeader(_ntlmProxy ? "Proxy-Authentication-Info" : "Authentication-Info");
            if (info == null) info = m.GetHeader(_ntlmProxy ? "Authentication-Info" : "Proxy-Authentication-Info");
            string reason;
            if (info == null) reason = "carries no " + (_ntlmProxy ? "Proxy-Authentication-Info" : "Authentication-Info") + " with the registrar's NTLM signature (rspauth), which MS-SIPAE §3.2.5.2 requires";
            else if (_ntlm.VerifyResponse(info, SignatureFields(m, m.StatusCode), out reason))
            {
                if (answer == RegistrationMachine.AnswerNtlmAuthenticate)
                    _notes.Note(Source, Level.Info, "the registrar's NTLM signature (rspauth) verifies: security association with " + _ntlm.TargetName + " established");
                return true;
            }
            _ntlm.Reset();
            _machine.OnUnusableResponse(nowMs, what + " " + reason + ": not trusted (an impostor, or a proxy that rewrote the message); the registration is not counted");
            return false;
        }

        /// <summary>The fields MS-SIPAE signs, as the message spells them: Call-ID, CSeq, From and
        /// To URI and tag, P-Asserted-Identity URIs, Expires, the status code of a response.</summary>
        private static SipSignatureFields SignatureFields(SipMessage m, int statusCode)
        {
            SipSignatureFields f = new SipSignatureFields();
            f.CallId = m.GetHeader(SipHeaderNames.CallId) ?? "";
            string cseq = (m.GetHeader(SipHeaderNames.CSeq) ?? "").Trim();
            int sp = cseq.IndexOf(' ');
            if (sp < 0) sp = cseq.IndexOf('\t');
            f.CSeqNumber = sp < 0 ? cseq : cseq.Substring(0, sp);
            f.CSeqMethod = sp < 0 ? "" : cseq.Substring(sp + 1).Trim();
            SipSignatureFields.SplitNameAddr(m.GetHeader(SipHeaderNames.From), out f.FromUri, out f.FromTag);
            SipSignatureFields.SplitNameAddr(m.GetHeader(SipHeaderNames.To), out f.ToUri, out f.ToTag);
            string[] asserted = m.GetValues("P-Asserted-Identity");
            for (int i = 0; asserted != null && i < asserted.Length && i < 2; i++)
            {
                string uri, tag;
                SipSignatureFields.SplitNameAddr(asserted[i], out uri, out tag);
                if (uri.Length >= 4 && Util.Ascii.EqualsIgnoreCase(uri.Substring(0, 4), "tel:")) f.AssertedTelUri = uri;
                else f.AssertedSipUri = uri;
            }
            f.Expires = m.GetHeader(SipHeaderNames.Expires) ?? "";
            f.ResponseCode = statusCode;
            return f;
        }

        private string NtlmIdentity()
        {
            return _s.AuthDomain + "\\" + _s.AuthUser;
        }

        /// <summary>Now as a FILETIME (100 ns since 1601-01-01 UTC) from the wall clock, 0 when unknown.</summary>
        private long FileTimeNow()
        {
            if (_s.WallClock == null || !_s.WallClock.IsSet) return 0;
            return (_s.WallClock.UnixSeconds + 11644473600L) * 10000000L;
        }

        /// <summary>The REGISTER without credentials and User-Agent (added after it is signed).</summary>
        private SipMessage BuildRegister(int expires, int cseq, string branch)
        {
            string transport = Upper(_s.Transport);
            string local = Ip4.Format(_s.LocalAddress) + ":" + _s.LocalPort.ToString();
            SipMessage m = SipMessage.CreateRequest("REGISTER", "sip:" + _s.Domain);
            m.AddHeader(SipHeaderNames.Via, "SIP/2.0/" + transport + " " + local + ";branch=" + branch + ";rport");
            m.AddHeader(SipHeaderNames.MaxForwards, "70");
            m.AddHeader(SipHeaderNames.From, "<sip:" + _s.User + "@" + _s.Domain + ">;tag=" + _fromTag);
            m.AddHeader(SipHeaderNames.To, "<sip:" + _s.User + "@" + _s.Domain + ">");
            m.AddHeader(SipHeaderNames.CallId, _callId);
            m.AddHeader(SipHeaderNames.CSeq, cseq.ToString() + " REGISTER");
            m.AddHeader(SipHeaderNames.Contact, "<" + ContactUri() + ">;+sip.instance=\"<urn:uuid:" + _s.InstanceId + ">\"");
            m.AddHeader(SipHeaderNames.Expires, expires.ToString());
            return m;
        }

        private string ContactUri()
        {
            return "sip:" + _s.User + "@" + Ip4.Format(_s.LocalAddress) + ":" + _s.LocalPort.ToString() +
                (_s.Transport == RegistrationSettings.Udp ? "" : ";transport=" + _s.Transport);
        }

        /// <summary>The expiry granted to our Contact: its expires parameter, else Expires.</summary>
        private int GrantedExpiry(SipMessage m)
        {
            // Registrars list every binding of the address-of-record; ours is the one with our
            // +sip.instance (RFC 5626 §4.2), else the one with our Contact URI.
            string instance = "\"<urn:uuid:" + _s.InstanceId + ">\"";
            for (int pass = 0; pass < 2; pass++)
            {
                for (int i = 0; i < m.ContactCount; i++)
                {
                    SipAddress c = m.ContactAt(i);
                    if (c == null || c.Uri == null) continue;
                    if (c.Uri.User != _s.User || c.Uri.Port != _s.LocalPort || c.Uri.Host != Ip4.Format(_s.LocalAddress)) continue;
                    if (pass == 0 && c.Instance != instance && c.Instance != "<urn:uuid:" + _s.InstanceId + ">") continue;
                    if (c.Expires >= 0) return c.Expires > int.MaxValue ? int.MaxValue : (int)c.Expires;
                }
            }
            if (m.ContactCount == 0 && m.Expires < 0) return -1;
            if (m.Expires >= 0) return m.Expires > int.MaxValue ? int.MaxValue : (int)m.Expires;
            return m.ContactCount > 0 ? 0 : -1;
        }

        private static int FlowTimer(SipMessage m)
        {
            string v = m.GetHeader("Flow-Timer");
            int n;
            return v != null && Config.AgentConfig.TryParseInt(v, out n) && n > 0 ? n : -1;
        }

        private static string Upper(string s)
        {
            char[] c = new char[s.Length];
            for (int i = 0; i < s.Length; i++) c[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
            return new string(c);
        }

        private string Token(int bytes)
        {
            byte[] b = new byte[bytes];
            _random.NextBytes(b);
            return Util.Hex.Bytes(b);
        }
    }
}
