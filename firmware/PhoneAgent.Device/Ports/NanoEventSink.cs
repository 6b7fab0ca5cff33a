using System.Diagnostics;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>Events to the debug/serial console, in the host harness's format.</summary>
    public sealed class NanoEventSink : IEventSink
    {
        public void Event(long atMs, string source, int level, string text)
        {
            Debug.WriteLine("[" + (atMs / 1000).ToString() + "." + (atMs % 1000).ToString() + " s] " + source + " " + Level.Name(level) + " " + text);
        }
    }
}
