using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Agent
{
    /// <summary>Time that moves only when told: tests and the demo jump it to the next
    /// deadline instead of sleeping.</summary>
    public sealed class VirtualClock : IClock
    {
        private long _now;

        public long NowMs { get { return _now; } }

        public void AdvanceTo(long ms)
        {
            if (ms < _now) throw new System.ArgumentException("time cannot go back");
            _now = ms;
        }

        public void Advance(long ms) { AdvanceTo(_now + ms); }
    }
}
