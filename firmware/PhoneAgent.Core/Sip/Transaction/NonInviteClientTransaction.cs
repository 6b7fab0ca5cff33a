using PhoneAgent.Core.Agent;

namespace PhoneAgent.Core.Sip.Transaction
{
    /// <summary>The non-INVITE client transaction of RFC 3261 §17.1.2 (figure 6), which carries
    /// each REGISTER: states Trying, Proceeding, Completed, Terminated; timer E retransmits over
    /// unreliable transports (T1 doubling up to T2 in Trying, T2 in Proceeding), timer F (64·T1)
    /// ends an unanswered transaction, timer K (T4, zero on reliable transports) absorbs
    /// retransmitted final responses. No I/O: the request bytes to (re)send are taken with
    /// TakeSend, responses are reported by status code, time comes in as now.</summary>
    public sealed class NonInviteClientTransaction
    {
        public const int Trying = 0;
        public const int Proceeding = 1;
        public const int Completed = 2;
        public const int Terminated = 3;

        public const int DefaultT1Ms = 500;    // §17.1.1.1: RTT estimate
        public const int DefaultT2Ms = 4000;   // maximum retransmit interval for non-INVITE
        public const int DefaultT4Ms = 5000;   // maximum time a message stays in the network

        private readonly int _t1, _t2, _t4;
        private byte[] _request;
        private bool _reliable;
        private int _state = Terminated;
        private long _timerE = Deadline.None;
        private long _timerF = Deadline.None;
        private long _timerK = Deadline.None;
        private int _interval;
        private bool _sendPending;
        private int _sends;
        private bool _timedOut;
        private bool _transportFailed;
        private int _finalStatus;

        public NonInviteClientTransaction() : this(DefaultT1Ms, DefaultT2Ms, DefaultT4Ms) { }

        public NonInviteClientTransaction(int t1Ms, int t2Ms, int t4Ms)
        {
            if (t1Ms <= 0 || t2Ms < t1Ms || t4Ms < 0) throw new System.ArgumentException("timers must satisfy 0 < T1 <= T2, T4 >= 0");
            _t1 = t1Ms;
            _t2 = t2Ms;
            _t4 = t4Ms;
        }

        public int State { get { return _state; } }
        public int Sends { get { return _sends; } }
        /// <summary>Timer F fired: no final response in 64·T1.</summary>
        public bool TimedOut { get { return _timedOut; } }
        public bool TransportFailed { get { return _transportFailed; } }
        /// <summary>The final response's status code, 0 before one arrived.</summary>
        public int FinalStatus { get { return _finalStatus; } }
        public long TimeoutMs { get { return 64L * _t1; } }

        public static string StateName(int s)
        {
            switch (s)
            {
                case Trying: return "Trying";
                case Proceeding: return "Proceeding";
                case Completed: return "Completed";
                default: return "Terminated";
            }
        }

        /// <summary>§17.1.2.2: the TU hands the request over; it is sent at once.</summary>
        public void Start(long nowMs, byte[] request, bool reliable)
        {
            if (request == null) throw new System.ArgumentNullException(nameof(request));
            _request = request;
            _reliable = reliable;
            _state = Trying;
            _sends = 0;
            _timedOut = false;
            _transportFailed = false;
            _finalStatus = 0;
            _sendPending = true;
            _interval = _t1;
            _timerE = reliable ? Deadline.None : nowMs + _t1;
            _timerF = nowMs + 64L * _t1;
            _timerK = Deadline.None;
        }

        /// <summary>The request bytes to put on the wire now, or null.</summary>
        public byte[] TakeSend()
        {
            if (!_sendPending) return null;
            _sendPending = false;
            _sends++;
            return _request;
        }

        public long NextDeadlineMs
        {
            get
            {
                if (_state == Terminated) return Deadline.None;
                return Deadline.Min(_timerE, Deadline.Min(_timerF, _timerK));
            }
        }

        /// <summary>Fires the timers due at now.</summary>
        public void Poll(long nowMs)
        {
            if (_state == Trying || _state == Proceeding)
            {
                if (nowMs >= _timerF)
                {
                    _timedOut = true;
                    Terminate();
                    return;
                }
                if (nowMs >= _timerE)
                {
                    _sendPending = true;
                    // Trying: E doubles up to T2; Proceeding: E is T2 (§17.1.2.2).
                    _interval = _state == Trying ? (_interval * 2 < _t2 ? _interval * 2 : _t2) : _t2;
                    _timerE = nowMs + _interval;
                }
            }
            else if (_state == Completed && nowMs >= _timerK)
            {
                Terminate();
            }
        }

        /// <summary>A response matched to this transaction (§17.1.3). True when it goes to the
        /// TU; false when the transaction absorbs it (a retransmitted final in Completed).</summary>
        public bool OnResponse(long nowMs, int status)
        {
            if (status < 100 || status > 699) return false;
            if (_state == Trying || _state == Proceeding)
            {
                if (status < 200)
                {
                    // The running timer E continues; when it fires in Proceeding it is reset to T2.
                    if (_state == Trying) _state = Proceeding;
                    return true;
                }
                _finalStatus = status;
                _state = Completed;
                _timerE = Deadline.None;
                _timerF = Deadline.None;
                _timerK = nowMs + (_reliable ? 0 : _t4);
                if (_reliable) Terminate();
                return true;
            }
            return false;
        }

        /// <summary>§17.1.4: a transport error ends the transaction.</summary>
        public void OnTransportError()
        {
            if (_state == Terminated) return;
            _transportFailed = true;
            Terminate();
        }

        private void Terminate()
        {
            _state = Terminated;
            _sendPending = false;
            _timerE = _timerF = _timerK = Deadline.None;
        }
    }
}
