using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sip.Transaction
{
    /// <summary>RFC 5626 §4.4.1 keep-alive on a connection-oriented flow (TCP, TLS): a
    /// double-CRLF "ping" at a random 80..100 % of the registrar's Flow-Timer, or, without one,
    /// at a random 95..120 s; the single-CRLF "pong" must come back within 10 s or the flow has
    /// failed (the registration then re-registers on a new connection).</summary>
    public sealed class CrlfKeepAlive
    {
        public static readonly byte[] Ping = new byte[] { 13, 10, 13, 10 };
        public const int PongTimeoutMs = 10000;

        private readonly IRandom _random;
        private long _nextPingMs = Deadline.None;
        private long _pongDueMs = Deadline.None;
        private bool _pingPending;
        private bool _failed;
        private int _flowTimerSec = -1;

        public CrlfKeepAlive(IRandom random)
        {
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            _random = random;
        }

        public bool Failed { get { return _failed; } }
        public long NextPingMs { get { return _nextPingMs; } }
        public long NextDeadlineMs { get { return Deadline.Min(_nextPingMs, _pongDueMs); } }

        /// <summary>(Re)starts the schedule, e.g. after a 2xx to REGISTER; flowTimerSec is the
        /// Flow-Timer header's value, or -1 without one.</summary>
        public void Start(long nowMs, int flowTimerSec)
        {
            _flowTimerSec = flowTimerSec;
            _failed = false;
            _pongDueMs = Deadline.None;
            Schedule(nowMs);
        }

        public void Stop()
        {
            _nextPingMs = _pongDueMs = Deadline.None;
            _pingPending = false;
        }

        /// <summary>The ping to send now, or null.</summary>
        public byte[] TakePing()
        {
            if (!_pingPending) return null;
            _pingPending = false;
            return Ping;
        }

        public void Poll(long nowMs)
        {
            if (nowMs >= _pongDueMs)
            {
                _failed = true;
                Stop();
                return;
            }
            if (nowMs >= _nextPingMs)
            {
                _pingPending = true;
                _pongDueMs = nowMs + PongTimeoutMs;
                _nextPingMs = Deadline.None;
            }
        }

        /// <summary>The framer saw a pong (a lone CRLF between messages).</summary>
        public void OnPong(long nowMs)
        {
            if (_pongDueMs == Deadline.None) return;
            _pongDueMs = Deadline.None;
            Schedule(nowMs);
        }

        private void Schedule(long nowMs)
        {
            long ms;
            if (_flowTimerSec > 0) ms = (long)_flowTimerSec * (800 + _random.Next(201));          // 80..100 % in ‰ of seconds
            else ms = 95000L + _random.Next(25001);                                                 // 95..120 s
            _nextPingMs = nowMs + ms;
        }
    }
}
