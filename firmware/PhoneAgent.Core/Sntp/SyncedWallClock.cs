using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sntp
{
    /// <summary>Wall-clock time as an offset from the monotonic clock: set once by SNTP (or an
    /// operator), then it advances with the monotonic clock, so later steps (certificate
    /// checks, SCEP, SIP) read the same time the device and the host would.</summary>
    public sealed class SyncedWallClock : IWallClock
    {
        private readonly IClock _clock;
        private long _offsetMs;
        private bool _set;

        public SyncedWallClock(IClock clock)
        {
            if (clock == null) throw new System.ArgumentNullException(nameof(clock));
            _clock = clock;
        }

        public bool IsSet { get { return _set; } }

        public long UnixSeconds { get { return UnixMs / 1000; } }

        public long UnixMs { get { return _clock.NowMs + _offsetMs; } }

        public void Set(long unixSeconds) { SetMs(unixSeconds * 1000); }

        public void SetMs(long unixMs)
        {
            _offsetMs = unixMs - _clock.NowMs;
            _set = true;
        }
    }
}
