using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sntp
{
    /// <summary>An SNTP client (RFC 4330 §5) that sets the phone's wall clock at boot, before
    /// any certificate is checked. One request per server in turn, each answered within 5 s
    /// or abandoned; never more than one request per 15 s to the same server (§10). A reply
    /// counts only when it is mode 4 from the server asked, echoes our transmit nonce as its
    /// originate timestamp, has stratum 1..15 and is not "unsynchronised" (LI 3); stratum 0 is
    /// a kiss-o'-death (§8) and that server is not asked again. The time is the server's
    /// transmit timestamp plus half the round trip less the server's own hold time.</summary>
    public sealed class SntpClient
    {
        public const string Source = "sntp";
        public const int ServerPort = 123;
        public const int AnswerTimeoutMs = 5000;
        public const int MinIntervalMs = 15000;   // RFC 4330 §10: at most one request per 15 s per server
        public const int Rounds = 2;

        public const int Idle = 0;
        public const int Asking = 1;
        public const int Synchronized = 2;
        public const int Failed = 3;

        private readonly uint[] _servers;
        private readonly int _localPort;
        private readonly IRandom _random;
        private readonly long[] _lastSentMs;
        private readonly bool[] _kissed;
        private int _state = Idle;
        private int _attempt;
        private int _current;
        private ulong _nonce;
        private long _sentMs;
        private long _deadline = Deadline.None;
        private string _reason = "";
        private string _problems = "";
        private long _unixMsAtSync;
        private long _syncMonotonicMs;
        private uint _syncServer;
        private int _stratum;
        private long _roundTripMs;

        public SntpClient(uint[] servers, int localPort, IRandom random)
        {
            _servers = servers ?? new uint[0];
            _localPort = localPort;
            _random = random;
            _lastSentMs = new long[_servers.Length];
            _kissed = new bool[_servers.Length];
            for (int i = 0; i < _lastSentMs.Length; i++) _lastSentMs[i] = long.MinValue / 2;
        }

        public int State { get { return _state; } }
        public string Reason { get { return _reason; } }
        public long NextDeadlineMs { get { return _state == Asking ? _deadline : Deadline.None; } }
        public uint SyncServer { get { return _syncServer; } }
        public int Stratum { get { return _stratum; } }
        public long RoundTripMs { get { return _roundTripMs; } }

        /// <summary>Unix milliseconds at the given monotonic time, once synchronised.</summary>
        public long UnixMsAt(long monotonicMs) { return _unixMsAtSync + (monotonicMs - _syncMonotonicMs); }

        public static string StateName(int s)
        {
            switch (s)
            {
                case Idle: return "Idle";
                case Asking: return "Asking";
                case Synchronized: return "Synchronized";
                default: return "Failed";
            }
        }

        public void Start(long nowMs, Outbox output)
        {
            _attempt = 0;
            _problems = "";
            if (_servers.Length == 0) { Fail("no SNTP server: none configured (sntp.server) and none from DHCP option 42"); return; }
            _state = Asking;
            SendNext(nowMs, output);
        }

        public void Poll(long nowMs, Outbox output)
        {
            if (_state != Asking || nowMs < _deadline) return;
            if (_nonce != 0)
            {
                Problem(Ip4.Format(_servers[_current]) + " did not answer within " + (AnswerTimeoutMs / 1000).ToString() + " s");
                _nonce = 0;
                _attempt++;
            }
            SendNext(nowMs, output);
        }

        public void OnDatagram(uint source, int sourcePort, byte[] data, int count, long nowMs)
        {
            if (_state != Asking || _nonce == 0 || source != _servers[_current] || sourcePort != ServerPort) return;
            string why;
            SntpPacket p = SntpPacket.TryParse(data, count, out why);
            if (p == null || p.Mode != SntpPacket.ModeServer || p.Originate != _nonce) return;   // not our reply
            string server = Ip4.Format(source);
            _nonce = 0;
            _attempt++;
            if (p.Stratum == 0)
            {
                _kissed[_current] = true;
                Problem(server + " sent a kiss-o'-death (" + p.ReferenceId + ")");
            }
            else if (p.Leap == 3 || p.Stratum > 15) Problem(server + " is not synchronised itself (leap indicator 3 or stratum " + p.Stratum.ToString() + ")");
            else if (p.Transmit == 0) Problem(server + " sent no transmit timestamp");
            else
            {
                long t2 = SntpPacket.UnixMs(p.Receive), t3 = SntpPacket.UnixMs(p.Transmit);
                long rtt = nowMs - _sentMs;
                long hold = t3 - t2;
                if (hold < 0 || hold > rtt) hold = 0;
                _roundTripMs = rtt;
                _unixMsAtSync = t3 + (rtt - hold) / 2;
                _syncMonotonicMs = nowMs;
                _syncServer = source;
                _stratum = p.Stratum;
                _state = Synchronized;
                _deadline = Deadline.None;
                return;
            }
            _deadline = nowMs;   // ask the next server on the next poll
        }

        private void SendNext(long nowMs, Outbox output)
        {
            while (_attempt < Rounds * _servers.Length && _kissed[_attempt % _servers.Length]) _attempt++;
            if (_attempt >= Rounds * _servers.Length)
            {
                Fail("no usable time: " + _problems);
                return;
            }
            int s = _attempt % _servers.Length;
            long earliest = _lastSentMs[s] + MinIntervalMs;
            if (nowMs < earliest)
            {
                _deadline = earliest;
                return;
            }
            _current = s;
            byte[] nonce = new byte[8];
            _random.NextBytes(nonce);
            _nonce = 0;
            for (int i = 0; i < 8; i++) _nonce = (_nonce << 8) | nonce[i];
            if (_nonce == 0) _nonce = 1;
            _sentMs = nowMs;
            _lastSentMs[s] = nowMs;
            _deadline = nowMs + AnswerTimeoutMs;
            output.Send(_localPort, _servers[s], ServerPort, SntpPacket.Request(_nonce));
        }

        private void Problem(string p)
        {
            _problems += (_problems.Length > 0 ? "; " : "") + p;
        }

        private void Fail(string reason)
        {
            _state = Failed;
            _reason = reason;
            _deadline = Deadline.None;
        }
    }
}
