using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sip.Registration
{
    /// <summary>The phone's registration, RFC 3261 §10.2 with the failure handling of RFC 5626
    /// §4.5: REGISTER, answer a 401/407 challenge once per nonce (again when stale=true; for
    /// MS-SIPAE NTLM exactly two rounds: the empty token, then the AUTHENTICATE_MESSAGE), 423 →
    /// retry with Min-Expires, 2xx → registered, refresh at a random 80..90 % of the granted
    /// expiry; 403/404 stop with a diagnosis; 5xx/6xx, timeouts and transport errors move to
    /// the next server (DHCP option 120 or configuration order) and, when every server failed,
    /// wait min(1800 s, 30 s · 2^failures) × random 50..100 % (or Retry-After) and start over.
    /// RFC 3261 names no registration states: these are ours. The machine decides only; the
    /// glue builds the REGISTER from Pending and runs it through a client transaction.</summary>
    public sealed class RegistrationMachine
    {
        public const string Source = "sip";

        public const int Unregistered = 0;
        public const int Registering = 1;     // a REGISTER is outstanding (first, refresh or after a challenge)
        public const int Registered = 2;
        public const int Waiting = 3;         // backing off before the next attempt
        public const int Stopped = 4;         // refused for good (403/404, bad configuration)
        public const int Unregistering = 5;   // Expires: 0 outstanding
        public const int Off = 6;             // unregistered after Stop

        public const int DefaultExpires = 3600;
        public const int BaseBackoffSec = 30;   // RFC 5626 §4.5: base-time when all flows failed
        public const int MaxBackoffSec = 1800;  // max-time
        public const int MaxChallengeRounds = 3;

        // What the REGISTER just sent carried (the glue says so in Sent): it decides what a
        // 401/407 to it means.
        public const int AnswerNone = 0;             // no credentials
        public const int AnswerDigest = 1;           // a Digest response: a new challenge means refused, unless stale (RFC 7616 §3.3)
        public const int AnswerNtlmNegotiate = 2;    // MS-SIPAE gssapi-data="" (§4.1 step 3): the next 401/407 carries the CHALLENGE_MESSAGE
        public const int AnswerNtlmAuthenticate = 3; // the AUTHENTICATE_MESSAGE (§4.1 step 5): a new challenge means refused
        public const int AnswerNtlmSigned = 4;       // signed with an established security association (§3.2.5): a challenge means the registrar dropped it

        public static string AnswerName(int a)
        {
            switch (a)
            {
                case AnswerNone: return "none";
                case AnswerDigest: return "Digest";
                case AnswerNtlmNegotiate: return "NTLM empty token";
                case AnswerNtlmAuthenticate: return "NTLM AUTHENTICATE_MESSAGE";
                default: return "NTLM signature";
            }
        }

        private readonly string[] _servers;
        private readonly IRandom _random;
        private readonly int _requestedExpires;
        private readonly Outbox _out;
        private int _state = Unregistered;
        private int _server;
        private int _failures;                  // consecutive failed attempts over all servers
        private int _serversTriedThisRound;
        private int _expiresToAsk;
        private int _granted;
        private long _registeredAtMs;
        private long _refreshAtMs = Deadline.None;
        private long _retryAtMs = Deadline.None;
        private int _challengeRounds;
        private string[] _challenges;           // to answer in the next REGISTER, or null
        private bool _pending;
        private int _answer = AnswerNone;       // what the outstanding (or last) REGISTER carried
        private string _identity = "";          // whose credentials it carried (no secret)
        private string _diagnosis = "";

        public RegistrationMachine(string[] servers, int expires, IRandom random, Outbox output)
        {
            if (servers == null || servers.Length == 0) throw new System.ArgumentException("no registrar to register with");
            if (random == null || output == null) throw new System.ArgumentNullException(random == null ? "random" : "output");
            _servers = servers;
            _requestedExpires = expires > 0 ? expires : DefaultExpires;
            _random = random;
            _out = output;
        }

        public int State { get { return _state; } }
        public string Server { get { return _servers[_server]; } }
        public int ServerIndex { get { return _server; } }
        /// <summary>The expiry the registrar granted (seconds), 0 when not registered.</summary>
        public int Granted { get { return _state == Registered ? _granted : 0; } }
        public long RefreshAtMs { get { return _refreshAtMs; } }
        public long RetryAtMs { get { return _retryAtMs; } }
        public int Failures { get { return _failures; } }
        /// <summary>The latest failure, in words for the administrator ("" when none).</summary>
        public string Diagnosis { get { return _diagnosis; } }

        /// <summary>A REGISTER should be sent now (see PendingExpires, PendingChallenges).</summary>
        public bool HasPending { get { return _pending; } }
        public int PendingExpires { get { return _state == Unregistering ? 0 : _expiresToAsk; } }
        /// <summary>The challenges (WWW-/Proxy-Authenticate values) the REGISTER must answer, or null.</summary>
        public string[] PendingChallenges { get { return _challenges; } }
        /// <summary>What the last REGISTER carried (AnswerNone ... AnswerNtlmSigned).</summary>
        public int LastAnswer { get { return _answer; } }

        public long NextDeadlineMs { get { return Deadline.Min(_refreshAtMs, _retryAtMs); } }

        public static string StateName(int s)
        {
            switch (s)
            {
                case Unregistered: return "Unregistered";
                case Registering: return "Registering";
                case Registered: return "Registered";
                case Waiting: return "Waiting";
                case Stopped: return "Stopped";
                case Unregistering: return "Unregistering";
                default: return "Off";
            }
        }

        public void Start(long nowMs)
        {
            _expiresToAsk = _requestedExpires;
            _challengeRounds = 0;
            _challenges = null;
            Send(Registering);
        }

        /// <summary>The glue took the pending REGISTER and started its transaction; with pending
        /// challenges it answered them with Digest, else it carried no credentials.</summary>
        public void Sent() { Sent(_challenges != null ? AnswerDigest : AnswerNone, null); }

        /// <summary>The glue took the pending REGISTER; answer says what credentials it carried
        /// and identity whose (e.g. "CONTOSO\\alice", never a secret), for the diagnosis.</summary>
        public void Sent(int answer, string identity)
        {
            _pending = false;
            _answer = answer;
            _identity = identity ?? "";
        }

        /// <summary>Did the registrar refuse the credentials of the last REGISTER by challenging
        /// it again? Not after a stale Digest nonce, the MS-SIPAE empty token (its answer is the
        /// CHALLENGE_MESSAGE) or a signed request (the registrar dropped the association).</summary>
        private bool CredentialsRefused(bool challengeStale)
        {
            return (_answer == AnswerDigest && !challengeStale) || _answer == AnswerNtlmAuthenticate;
        }

        public void Poll(long nowMs)
        {
            if (_state == Registered && nowMs >= _refreshAtMs)
            {
                _refreshAtMs = Deadline.None;
                _challengeRounds = 0;
                _challenges = null;
                _out.Note(Source, Level.Info, "refreshing the registration with " + Server);
                Send(Registering);
            }
            else if (_state == Waiting && nowMs >= _retryAtMs)
            {
                _retryAtMs = Deadline.None;
                _challengeRounds = 0;
                _challenges = null;
                _expiresToAsk = _requestedExpires;
                Send(Registering);
            }
        }

        /// <summary>The final response to the outstanding REGISTER.</summary>
        /// <param name="granted">the expiry the 2xx grants for our Contact (its expires
        /// parameter, else the Expires header), -1 when absent</param>
        /// <param name="minExpires">Min-Expires of a 423, -1 when absent</param>
        /// <param name="retryAfterSec">Retry-After, -1 when absent</param>
        /// <param name="challenges">WWW-/Proxy-Authenticate values of a 401/407</param>
        /// <param name="challengeStale">a challenge said stale=true (the nonce expired, not the password)</param>
        public void OnFinal(long nowMs, int status, string reason, int granted, int minExpires, int retryAfterSec, string[] challenges, bool challengeStale)
        {
            if (_state == Unregistering)
            {
                // The registrar challenges an un-REGISTER like any REGISTER: answer it once.
                if ((status == 401 || status == 407) && challenges != null && challenges.Length > 0 && !CredentialsRefused(challengeStale) && ++_challengeRounds <= MaxChallengeRounds)
                {
                    _challenges = challenges;
                    _pending = true;
                    return;
                }
                _state = Off;
                _out.Note(Source, Level.Info, status >= 200 && status < 300 ? "unregistered from " + Server : "un-REGISTER answered " + status.ToString() + " " + reason);
                return;
            }
            if (_state != Registering) return;
            string what = status.ToString() + " " + reason + " from " + Server;
            if (status >= 200 && status < 300)
            {
                int g = granted >= 0 ? granted : _expiresToAsk;
                if (g == 0)
                {
                    Fail(nowMs, what + " granted no expiry for our Contact (it did not list it): the registrar kept no binding", -1);
                    return;
                }
                _granted = g;
                _failures = 0;
                _serversTriedThisRound = 0;
                _registeredAtMs = nowMs;
                // Refresh at a random 80..90 % of the granted time (spreads phones out after an outage).
                long percent = 80 + _random.Next(11);
                _refreshAtMs = nowMs + (long)g * 10L * percent;
                _state = Registered;
                _diagnosis = "";
                _out.Note(Source, Level.Info, "registered with " + Server + " for " + g.ToString() + " s");
                return;
            }
            if (status == 401 || status == 407)
            {
                if (challenges == null || challenges.Length == 0)
                {
                    Fail(nowMs, what + " carries no " + (status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate") + " challenge", -1);
                    return;
                }
                if (_answer == AnswerNtlmAuthenticate)
                {
                    // MS-SIPAE: a fresh challenge after the AUTHENTICATE_MESSAGE is the refusal.
                    Fail(nowMs, what + " again after our NTLMv2 AUTHENTICATE_MESSAGE: the registrar refused the NTLMv2 response for " + _identity +
                        ": wrong password, or the account is locked, disabled, expired or not enabled for this service (check the logon domain and user too)", -1);
                    return;
                }
                if (CredentialsRefused(challengeStale))
                {
                    // Our credentials were refused: a wrong password (or user) for this realm.
                    Fail(nowMs, what + " again after our credentials: the registrar refused the user name or password", -1);
                    return;
                }
                if (_answer == AnswerNtlmSigned)
                    _out.Note(Source, Level.Info, what + " to our signed REGISTER: the registrar dropped the NTLM security association; starting a new one");
                if (++_challengeRounds > MaxChallengeRounds)
                {
                    Fail(nowMs, what + ": " + MaxChallengeRounds.ToString() + " challenges in a row", -1);
                    return;
                }
                _challenges = challenges;
                Send(Registering);
                return;
            }
            if (status == 423)
            {
                if (minExpires <= _expiresToAsk || minExpires > 86400)
                {
                    Fail(nowMs, what + " without a usable Min-Expires (" + minExpires.ToString() + ")", -1);
                    return;
                }
                _out.Note(Source, Level.Warning, what + ": asking again with Min-Expires " + minExpires.ToString() + " s");
                _expiresToAsk = minExpires;
                Send(Registering);
                return;
            }
            if (status == 403 || status == 404)
            {
                _state = Stopped;
                _diagnosis = what + (status == 403
                    ? ": the registrar forbids this user from registering (account disabled, or not allowed from this address)"
                    : ": the registrar does not know this address-of-record (check sip.user and the domain)");
                _out.Note(Source, Level.Error, _diagnosis);
                return;
            }
            Fail(nowMs, what, retryAfterSec);
        }

        /// <summary>Stops for good with the diagnosis (e.g. a challenge this phone cannot answer).</summary>
        public void Refuse(string diagnosis)
        {
            _state = Stopped;
            _pending = false;
            _diagnosis = diagnosis;
            _refreshAtMs = _retryAtMs = Deadline.None;
            _out.Note(Source, Level.Error, diagnosis);
        }

        /// <summary>The final response to the outstanding REGISTER cannot be trusted or used
        /// (e.g. its MS-SIPAE signature is missing or wrong): this attempt failed with the
        /// diagnosis, as if the server had not answered (next server, then backoff).</summary>
        public void OnUnusableResponse(long nowMs, string why)
        {
            if (_state == Unregistering)
            {
                _state = Off;
                _out.Note(Source, Level.Warning, "un-REGISTER: " + why);
                return;
            }
            if (_state == Registering) Fail(nowMs, why, -1);
        }

        /// <summary>Timer F fired: no final response in 32 s.</summary>
        public void OnTimeout(long nowMs)
        {
            if (_state == Unregistering) { _state = Off; return; }
            if (_state == Registering) Fail(nowMs, "no answer from " + Server + " to REGISTER within 32 s", -1);
        }

        public void OnTransportError(long nowMs, string reason)
        {
            if (_state == Unregistering) { _state = Off; return; }
            if (_state == Registering) Fail(nowMs, "cannot reach " + Server + ": " + reason, -1);
        }

        /// <summary>Shutdown: un-REGISTER (Expires: 0) when registered, else just stop.</summary>
        public void Stop(long nowMs)
        {
            _refreshAtMs = Deadline.None;
            _retryAtMs = Deadline.None;
            if (_state == Registered || _state == Registering)
            {
                _challenges = null;
                _challengeRounds = 0;
                Send(Unregistering);
            }
            else _state = Off;
        }

        /// <summary>Moves to the next server, or backs off when every server failed this round.</summary>
        private void Fail(long nowMs, string why, int retryAfterSec)
        {
            _diagnosis = why;
            _challenges = null;
            _challengeRounds = 0;
            _serversTriedThisRound++;
            if (retryAfterSec < 0 && _serversTriedThisRound < _servers.Length)
            {
                _server = (_server + 1) % _servers.Length;
                _out.Note(Source, Level.Warning, why + "; trying " + Server);
                _expiresToAsk = _requestedExpires;
                Send(Registering);
                return;
            }
            _failures++;
            _serversTriedThisRound = 0;
            long waitMs;
            if (retryAfterSec >= 0) waitMs = (long)(retryAfterSec < MaxBackoffSec ? retryAfterSec : MaxBackoffSec) * 1000L;
            else
            {
                // RFC 5626 §4.5: W = min(max-time, base-time * 2^consecutive-failures), so the
                // first retry comes 30..60 s after the first failure, the third's bound is 240 s.
                long cap = BaseBackoffSec;
                for (int i = 0; i < _failures && cap < MaxBackoffSec; i++) cap *= 2;
                if (cap > MaxBackoffSec) cap = MaxBackoffSec;
                waitMs = cap * 1000L * (50 + _random.Next(51)) / 100L;
            }
            _server = (_server + 1) % _servers.Length;
            _state = Waiting;
            _retryAtMs = nowMs + waitMs;
            _out.Note(Source, Level.Error, why + "; will try to register again in " + ((waitMs + 999) / 1000).ToString() + " s" +
                (retryAfterSec >= 0 ? " (Retry-After)" : ""));
        }

        private void Send(int state)
        {
            _state = state;
            _pending = true;
        }
    }
}
