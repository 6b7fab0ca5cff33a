using System.Collections;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>An INetworkInterface the test drives by hand: it records what the agent
    /// sends and delivers what the test injects. No peer logic of its own.</summary>
    public sealed class ScriptedNetwork : INetworkInterface
    {
        private readonly byte[] _mac;
        private readonly ArrayList _ports = new ArrayList();
        private readonly ArrayList _sent = new ArrayList();

        public bool Link = true;
        public uint AppliedAddress;
        public uint AppliedNetmask;
        public int ApplyCount;

        public ScriptedNetwork(byte[] mac) { _mac = mac; }

        public string Name { get { return "test0"; } }
        public byte[] MacAddress { get { return _mac; } }
        public bool LinkUp { get { return Link; } }

        public int SentCount { get { return _sent.Count; } }
        public SentDatagram SentAt(int i) { return (SentDatagram)_sent[i]; }
        public SentDatagram LastSent { get { return _sent.Count == 0 ? null : (SentDatagram)_sent[_sent.Count - 1]; } }

        public IDatagramPort OpenUdp(int localPort)
        {
            ScriptedPort p = new ScriptedPort(this, localPort);
            _ports.Add(p);
            return p;
        }

        /// <summary>The EAPOL port (null until opened, or always when NoFrames is set).</summary>
        public ScriptedFramePort Frames;
        public bool NoFrames;

        public IFramePort OpenFrames(int etherType)
        {
            if (NoFrames) return null;
            if (Frames == null) Frames = new ScriptedFramePort();
            return Frames;
        }

        public void ApplyAddress(uint address, uint netmask, uint router)
        {
            AppliedAddress = address;
            AppliedNetmask = netmask;
            ApplyCount++;
        }

        public void WaitForActivity(int maxMs) { }

        /// <summary>When set, the scripted platform owns DHCP and reports PlatformAddress.</summary>
        public bool PlatformDhcp;
        public uint PlatformAddress;

        public bool PlatformOwnsDhcp { get { return PlatformDhcp; } }

        public bool TryGetPlatformLease(out uint address, out uint netmask, out uint router)
        {
            address = PlatformAddress;
            netmask = 0xffffff00;
            router = 0;
            return PlatformAddress != 0;
        }

        /// <summary>Queues a datagram for the agent's socket on localPort.</summary>
        public void Inject(int localPort, uint source, int sourcePort, byte[] data)
        {
            for (int i = 0; i < _ports.Count; i++)
            {
                ScriptedPort p = (ScriptedPort)_ports[i];
                if (p.LocalPort == localPort) { p.Queue.Add(new SentDatagram(localPort, source, sourcePort, data)); return; }
            }
            throw new System.InvalidOperationException("no socket open on port " + localPort.ToString());
        }

        internal void Record(SentDatagram d) { _sent.Add(d); }

        private sealed class ScriptedPort : IDatagramPort
        {
            private readonly ScriptedNetwork _net;
            private readonly int _port;
            public readonly ArrayList Queue = new ArrayList();

            public ScriptedPort(ScriptedNetwork net, int port) { _net = net; _port = port; }

            public int LocalPort { get { return _port; } }

            public bool Send(uint destination, int destinationPort, byte[] data, int offset, int count)
            {
                byte[] copy = new byte[count];
                System.Array.Copy(data, offset, copy, 0, count);
                _net.Record(new SentDatagram(_port, destination, destinationPort, copy));
                return true;
            }

            public int TryReceive(byte[] buffer, out uint source, out int sourcePort)
            {
                source = 0;
                sourcePort = 0;
                if (Queue.Count == 0) return -1;
                SentDatagram d = (SentDatagram)Queue[0];
                Queue.RemoveAt(0);
                source = d.Address;
                sourcePort = d.Port;
                int n = d.Data.Length < buffer.Length ? d.Data.Length : buffer.Length;
                System.Array.Copy(d.Data, buffer, n);
                return n;
            }

            public void Close() { }
        }
    }

    /// <summary>A datagram seen on the scripted network; Address/Port are the far end.</summary>
    public sealed class SentDatagram
    {
        public readonly int LocalPort;
        public readonly uint Address;
        public readonly int Port;
        public readonly byte[] Data;

        public SentDatagram(int localPort, uint address, int port, byte[] data)
        {
            LocalPort = localPort;
            Address = address;
            Port = port;
            Data = data;
        }
    }

    /// <summary>An IFramePort the test drives: frames sent are kept, frames injected are received.</summary>
    public class ScriptedFramePort : IFramePort
    {
        private readonly ArrayList _sent = new ArrayList();
        private readonly ArrayList _queue = new ArrayList();
        public bool Closed;

        public int SentCount { get { return _sent.Count; } }
        public byte[] SentAt(int i) { return (byte[])_sent[i]; }

        public void Inject(byte[] frame) { _queue.Add(frame); }

        public bool Send(byte[] frame, int offset, int count)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(frame, offset, copy, 0, count);
            _sent.Add(copy);
            return !Closed;
        }

        public int TryReceive(byte[] buffer)
        {
            if (_queue.Count == 0) return -1;
            byte[] f = (byte[])_queue[0];
            _queue.RemoveAt(0);
            int n = f.Length < buffer.Length ? f.Length : buffer.Length;
            System.Array.Copy(f, buffer, n);
            return n;
        }

        public void Close() { Closed = true; }
    }
}
