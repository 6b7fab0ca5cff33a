using System;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>Events to the serial console, in the host harness's format. Console, not Debug:
    /// Debug.WriteLine is [Conditional("DEBUG")] and vanishes from Release builds.</summary>
    public sealed class NanoEventSink : IEventSink
    {
        public void Event(long atMs, string source, int level, string text)
        {
            Console.WriteLine("[" + (atMs / 1000).ToString() + "." + (atMs % 1000).ToString() + " s] " + source + " " + Level.Name(level) + " " + text);
        }
    }
}
