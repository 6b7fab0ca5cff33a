using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>A PC port whose frames and link the test scripts.</summary>
    public sealed class ScriptedPcPort : ScriptedFramePort, IPcPort
    {
        public bool Link = true;
        public bool LinkUp { get { return Link; } }
    }
}
