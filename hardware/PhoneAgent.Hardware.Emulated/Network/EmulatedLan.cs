using System;
using System.Collections.Generic;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>The board's Ethernet port plugged into an in-process LAN: UDP datagrams the
    /// phone sends are handed to the emulated servers at once, and their answers queue on
    /// the phone's sockets. No sockets, no root, deterministic with a virtual clock.</summary>
    public sealed class EmulatedLan : INetworkInterface, IAddressConflictDetector, IStreamConnector
    {
        private readonly List<IEmulatedStreamServer> _streamServers = new();
        private readonly List<EmulatedStream> _streams = new();
        private readonly List<EmulatedPort> _ports = new();
        private readonly List<IEmulatedServer> _servers = new();
        private readonly List<IEmulatedFrameServer> _frameServers = new();
        private readonly Queue<(long At, byte[] Frame)> _frameQueue = new();
        private EmulatedFramePort _framePort;

        private readonly IClock _clock;

        /// <summary>clock and latencyMs model the wire: an answer becomes receivable
        /// latencyMs after the request was sent (0: at once).</summary>
        public EmulatedLan(byte[] mac, IClock clock = null, int latencyMs = 0, string name = "emu0")
        {
            if (mac is not { Length: 6 }) throw new ArgumentException("mac must be 6 bytes");
            if (latencyMs < 0 || (latencyMs > 0 && clock == null)) throw new ArgumentException("latency needs a clock");
            MacAddress = mac;
            Name = name;
            _clock = clock;
            LatencyMs = latencyMs;
        }

        public int LatencyMs { get; }

        /// <summary>When the earliest queued answer becomes receivable (long.MaxValue: none),
        /// so a virtual-time runner can jump there.</summary>
        public long NextDeliveryMs
        {
            get
            {
                long next = long.MaxValue;
                foreach (var p in _ports)
                    if (!p.Closed && p.Queue.Count > 0) next = Math.Min(next, p.Queue.Peek().At);
                if (_framePort is { Closed: false } && _frameQueue.Count > 0) next = Math.Min(next, _frameQueue.Peek().At);
                foreach (var st in _streams)
                {
                    if (st.Closed) continue;
                    if (st.ReadyAt > Now) next = Math.Min(next, st.ReadyAt);
                    if (st.Answer != null && st.AnswerAt > Now) next = Math.Min(next, st.AnswerAt);
                }
                return next;
            }
        }

        private long Now => _clock?.NowMs ?? 0;

        public string Name { get; }
        public byte[] MacAddress { get; }
        public bool LinkUp { get; set; } = true;
        public uint Address { get; private set; }
        public uint Netmask { get; private set; }
        public uint Router { get; private set; }
        public int DatagramsSent { get; private set; }

        /// <summary>Every datagram crossing the LAN, for the demo's trace.</summary>
        public event Action<string> Trace;

        public void Attach(IEmulatedServer server) => _servers.Add(server);

        /// <summary>A layer-2 peer (the 802.1X authenticator of the emulated switch port).</summary>
        public void Attach(IEmulatedFrameServer server) => _frameServers.Add(server);

        public int FramesSent { get; private set; }

        /// <summary>A TCP service (the SCEP CA's HTTP).</summary>
        public void Attach(IEmulatedStreamServer server) => _streamServers.Add(server);

        public int StreamsOpened { get; private set; }

        /// <summary>A TCP connection: established one round trip later, refused (after a round trip)
        /// when nothing listens there, null at once without a link.</summary>
        public IStreamPort Connect(uint address, int port)
        {
            if (!LinkUp) return null;
            StreamsOpened++;
            IEmulatedStreamServer server = _streamServers.Find(s => s.Accepts(address, port));
            Trace?.Invoke($"phone {Ip4.Format(Address)} -> {Ip4.Format(address)}:{port} TCP connect{(server == null ? " (nothing listens: refused)" : "")}");
            var st = new EmulatedStream(this, server, Now + 2L * LatencyMs, $"{Ip4.Format(address)}:{port}");
            _streams.RemoveAll(x => x.Closed);
            _streams.Add(st);
            return st;
        }

        private sealed class EmulatedStream : IStreamPort
        {
            private readonly EmulatedLan _lan;
            private readonly IEmulatedStreamServer _server;
            private readonly string _peer;
            private readonly List<byte> _received = new();
            private int _answerOffset;
            public readonly long ReadyAt;
            public byte[] Answer;
            public long AnswerAt;
            public bool Closed;

            public EmulatedStream(EmulatedLan lan, IEmulatedStreamServer server, long readyAt, string peer)
            {
                _lan = lan;
                _server = server;
                ReadyAt = readyAt;
                _peer = peer;
            }

            public bool Connected => _server != null && !Closed && _lan.Now >= ReadyAt;

            public bool Write(byte[] data, int offset, int count)
            {
                if (!Connected || !_lan.LinkUp) return false;
                _received.AddRange(data.AsSpan(offset, count).ToArray());
                _lan.Trace?.Invoke($"phone -> {_peer} TCP ({count} bytes)");
                if (Answer == null)
                {
                    Answer = _server.Handle(_lan.Address, _received.ToArray());
                    if (Answer != null)
                    {
                        AnswerAt = _lan.Now + 2L * _lan.LatencyMs;
                        _lan.Trace?.Invoke($"{_server.Name} {_peer} -> phone TCP ({Answer.Length} bytes, then close)");
                    }
                }
                return true;
            }

            public int TryRead(byte[] buffer, int offset, int count)
            {
                if (Closed) return -1;
                if (_lan.Now < ReadyAt) return 0;
                if (_server == null) return -1;             // refused
                if (Answer == null || _lan.Now < AnswerAt) return 0;
                int n = Math.Min(count, Answer.Length - _answerOffset);
                if (n == 0) return -1;                       // the server closed after its answer
                Array.Copy(Answer, _answerOffset, buffer, offset, n);
                _answerOffset += n;
                return n;
            }

            public void Close() => Closed = true;
        }

        /// <summary>An address another (emulated) host already uses: ARP would find it.</summary>
        public uint ConflictingAddress { get; set; }

        public bool IsInUse(uint address) => address != 0 && address == ConflictingAddress;

        public IDatagramPort OpenUdp(int localPort)
        {
            var p = new EmulatedPort(this, localPort);
            _ports.Add(p);
            return p;
        }

        /// <summary>The emulated PHY passes raw frames: one EAPOL port per LAN.</summary>
        public IFramePort OpenFrames(int etherType)
        {
            if (_framePort is { Closed: false }) return _framePort;
            _framePort = new EmulatedFramePort(this);
            return _framePort;
        }

        public void ApplyAddress(uint address, uint netmask, uint router)
        {
            Address = address;
            Netmask = netmask;
            Router = router;
        }

        public void WaitForActivity(int maxMs) { }

        /// <summary>The emulated board runs the agent's own DHCP client.</summary>
        public bool PlatformOwnsDhcp => false;

        public bool TryGetPlatformLease(out uint address, out uint netmask, out uint router)
        {
            address = netmask = router = 0;
            return false;
        }

        internal bool Deliver(int fromPort, uint destination, int destinationPort, byte[] data)
        {
            if (!LinkUp) return false;
            DatagramsSent++;
            Trace?.Invoke($"phone {Ip4.Format(Address)}:{fromPort} -> {Ip4.Format(destination)}:{destinationPort} ({data.Length} bytes)");
            foreach (var server in _servers)
            {
                if (!server.Accepts(destination, destinationPort)) continue;
                foreach (var reply in server.Handle(Address, fromPort, data))
                {
                    Trace?.Invoke($"{server.Name} {Ip4.Format(reply.Source)}:{reply.SourcePort} -> {Ip4.Format(reply.Destination)}:{reply.DestinationPort} ({reply.Data.Length} bytes)");
                    foreach (var p in _ports)
                    {
                        if (p.LocalPort == reply.DestinationPort && !p.Closed) p.Queue.Enqueue(new Pending(Now + 2L * LatencyMs, reply));
                    }
                }
            }
            return true;
        }

        internal bool DeliverFrame(byte[] frame)
        {
            if (!LinkUp) return false;
            FramesSent++;
            Trace?.Invoke($"phone frame -> {PhoneAgent.Core.Net.Mac.Format(frame[..6])} ({frame.Length} bytes, EtherType 0x{frame[12]:x2}{frame[13]:x2})");
            foreach (var server in _frameServers)
            {
                foreach (var reply in server.Handle(frame))
                {
                    Trace?.Invoke($"{server.Name} frame -> {PhoneAgent.Core.Net.Mac.Format(reply[..6])} ({reply.Length} bytes)");
                    _frameQueue.Enqueue((Now + 2L * LatencyMs, reply));
                }
            }
            return true;
        }

        private sealed class EmulatedFramePort : IFramePort
        {
            private readonly EmulatedLan _lan;
            public bool Closed;

            public EmulatedFramePort(EmulatedLan lan) => _lan = lan;

            public bool Send(byte[] frame, int offset, int count)
            {
                if (Closed) return false;
                return _lan.DeliverFrame(frame.AsSpan(offset, count).ToArray());
            }

            public int TryReceive(byte[] buffer)
            {
                if (Closed || _lan._frameQueue.Count == 0 || _lan._frameQueue.Peek().At > _lan.Now) return -1;
                var f = _lan._frameQueue.Dequeue().Frame;
                int n = Math.Min(buffer.Length, f.Length);
                Array.Copy(f, buffer, n);
                return n;
            }

            public void Close() => Closed = true;
        }

        private sealed class EmulatedPort : IDatagramPort
        {
            private readonly EmulatedLan _lan;
            public readonly Queue<Pending> Queue = new();
            public bool Closed;

            public EmulatedPort(EmulatedLan lan, int port)
            {
                _lan = lan;
                LocalPort = port;
            }

            public int LocalPort { get; }

            public bool Send(uint destination, int destinationPort, byte[] data, int offset, int count)
            {
                if (Closed) return false;
                var copy = new byte[count];
                Array.Copy(data, offset, copy, 0, count);
                return _lan.Deliver(LocalPort, destination, destinationPort, copy);
            }

            public int TryReceive(byte[] buffer, out uint source, out int sourcePort)
            {
                source = 0;
                sourcePort = 0;
                if (Closed || Queue.Count == 0 || Queue.Peek().At > _lan.Now) return -1;
                var d = Queue.Dequeue().Datagram;
                source = d.Source;
                sourcePort = d.SourcePort;
                int n = Math.Min(buffer.Length, d.Data.Length);
                Array.Copy(d.Data, buffer, n);
                return n;
            }

            public void Close() => Closed = true;
        }
    }

    internal sealed record Pending(long At, EmulatedDatagram Datagram);

    public sealed record EmulatedDatagram(uint Source, int SourcePort, uint Destination, int DestinationPort, byte[] Data);

    /// <summary>A layer-2 peer on the emulated LAN: takes whole Ethernet frames, answers with frames.</summary>
    public interface IEmulatedFrameServer
    {
        string Name { get; }
        IEnumerable<byte[]> Handle(byte[] frame);
    }

    /// <summary>A TCP service on the emulated LAN: it sees every byte the phone wrote on one
    /// connection so far and answers once the request is complete (then it closes).</summary>
    public interface IEmulatedStreamServer
    {
        string Name { get; }
        bool Accepts(uint destination, int destinationPort);
        /// <summary>The whole answer once received holds a complete request; null while it does not.</summary>
        byte[] Handle(uint source, byte[] received);
    }

    /// <summary>A service on the emulated LAN (DHCP server, later SNTP, SIP registrar).</summary>
    public interface IEmulatedServer
    {
        string Name { get; }
        bool Accepts(uint destination, int destinationPort);
        IEnumerable<EmulatedDatagram> Handle(uint source, int sourcePort, byte[] data);
    }
}
