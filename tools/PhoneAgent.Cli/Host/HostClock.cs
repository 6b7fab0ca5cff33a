using System.Diagnostics;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Host
{
    /// <summary>Monotonic milliseconds since the agent started.</summary>
    public sealed class HostClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        public long NowMs => _watch.ElapsedMilliseconds;
    }
}
