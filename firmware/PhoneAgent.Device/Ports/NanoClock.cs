using nanoFramework.Hardware.Esp32;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>Milliseconds since boot from the ESP32 high-resolution timer (microseconds since
    /// boot). Monotonic: SNTP changes DateTime.UtcNow, never this. CoreLibrary 1.17 has no
    /// Environment.TickCount64.</summary>
    public sealed class NanoClock : IClock
    {
        public long NowMs { get { return (long)(HighResTimer.GetCurrent() / 1000); } }
    }
}
