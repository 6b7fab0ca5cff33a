using System;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>Milliseconds since boot from the system tick count (monotonic: SNTP changes
    /// DateTime.UtcNow, never this).</summary>
    public sealed class NanoClock : IClock
    {
        public long NowMs { get { return Environment.TickCount64; } }
    }
}
