using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Host
{
    /// <summary>A real Linux interface: UDP sockets bound to it with SO_BINDTODEVICE (so
    /// broadcasts go out of this interface even with no address yet), link state and MAC
    /// from /sys/class/net, and the lease applied with `ip addr` when applyAddress is set.</summary>
    public sealed class LinuxInterface : INetworkInterface, IDisposable
    {
        private const int SolSocket = 1;
        private const int SoBindToDevice = 25;

        private readonly List<UdpPort> _ports = new();
        private readonly List<LinuxFramePort> _frames = new();
        private readonly bool _applyAddress;
        private readonly Action<string> _log;
        private uint _applied;
        private uint _appliedMask;

        public LinuxInterface(string name, bool applyAddress, Action<string> log)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 15 || name.Contains('/'))
                throw new ArgumentException($"'{name}' is not an interface name");
            if (!Directory.Exists("/sys/class/net/" + name))
                throw new ArgumentException($"no interface '{name}' in this network namespace (see `ip link`)");
            Name = name;
            _applyAddress = applyAddress;
            _log = log ?? (_ => { });
            MacAddress = ReadMac(name) ?? throw new ArgumentException($"'{name}' has no Ethernet MAC address");
        }

        public string Name { get; }
        public byte[] MacAddress { get; }

        public bool LinkUp => Carrier(Name);

        /// <summary>Carrier on the interface (sysfs); false while it is down or gone.</summary>
        internal static bool Carrier(string name)
        {
            try { return File.ReadAllText($"/sys/class/net/{name}/carrier").Trim() == "1"; }
            catch (IOException) { return false; } // carrier is unreadable while the interface is down
        }

        /// <summary>The interface's MAC address (sysfs), or null when there is none or no such interface.</summary>
        internal static byte[] ReadMac(string name)
        {
            try { return Mac.TryParse(File.ReadAllText($"/sys/class/net/{name}/address").Trim()); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        }

        public IDatagramPort OpenUdp(int localPort)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                s.EnableBroadcast = true;
                s.SetRawSocketOption(SolSocket, SoBindToDevice, Encoding.ASCII.GetBytes(Name + "\0"));
                s.Bind(new IPEndPoint(IPAddress.Any, localPort));
                s.Blocking = false;
            }
            catch (SocketException e)
            {
                s.Dispose();
                string hint = e.SocketErrorCode == SocketError.AccessDenied
                    ? " (binding a port below 1024 or to a device needs root or CAP_NET_BIND_SERVICE/CAP_NET_RAW)"
                    : e.SocketErrorCode == SocketError.AddressAlreadyInUse ? " (another DHCP client or server holds it)" : "";
                _log($"cannot open UDP port {localPort} on {Name}: {e.Message}{hint}");
                return null;
            }
            var p = new UdpPort(s, localPort);
            _ports.Add(p);
            return p;
        }

        /// <summary>An AF_PACKET socket for the EtherType (EAPOL); null, with the reason logged
        /// (naming CAP_NET_RAW), when the kernel refuses it.</summary>
        public IFramePort OpenFrames(int etherType)
        {
            var p = LinuxFramePort.Open(Name, etherType, out string error);
            if (p == null) { _log(error); return null; }
            _frames.Add(p);
            return p;
        }

        /// <summary>Takes a frame port opened by the caller (so it can report a failure itself)
        /// into WaitForActivity and Dispose.</summary>
        public void Adopt(LinuxFramePort port) => _frames.Add(port);

        public void ApplyAddress(uint address, uint netmask, uint router)
        {
            if (!_applyAddress)
            {
                _log(address == 0 ? "address would be removed (--no-apply)" : $"address {Ip4.Format(address)}/{Ip4.PrefixLength(netmask)} not applied (--no-apply)");
                return;
            }
            if (address == _applied && netmask == _appliedMask) return;
            if (_applied != 0) Ip("addr", "del", $"{Ip4.Format(_applied)}/{Ip4.PrefixLength(_appliedMask)}", "dev", Name);
            _applied = 0;
            if (address == 0) return;
            if (Ip("addr", "add", $"{Ip4.Format(address)}/{Ip4.PrefixLength(netmask)}", "dev", Name))
            {
                _applied = address;
                _appliedMask = netmask;
            }
            // The router is recorded, not installed as a default route: lab namespaces have no
            // way out and must not get one.
        }

        private bool Ip(params string[] args)
        {
            var psi = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            try
            {
                using var p = Process.Start(psi)!;
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode == 0) return true;
                _log($"ip {string.Join(' ', args)} failed: {err.Trim()}");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                _log($"cannot run ip(8): {e.Message} (install iproute2)");
            }
            return false;
        }

        /// <summary>On the host the agent's own DHCP client runs (no other client may run).</summary>
        public bool PlatformOwnsDhcp => false;

        public bool TryGetPlatformLease(out uint address, out uint netmask, out uint router)
        {
            address = netmask = router = 0;
            return false;
        }

        public void WaitForActivity(int maxMs)
        {
            if (maxMs <= 0) return;
            var read = new List<Socket>();
            foreach (var p in _ports) if (!p.Closed) read.Add(p.Socket);
            foreach (var f in _frames) if (!f.Closed) read.Add(f.Socket);
            if (read.Count == 0)
            {
                System.Threading.Thread.Sleep(maxMs);
                return;
            }
            Socket.Select(read, null, null, maxMs * 1000);
        }

        public void Dispose()
        {
            foreach (var p in _ports) p.Close();
            foreach (var f in _frames) f.Close();
        }

        private sealed class UdpPort : IDatagramPort
        {
            public readonly Socket Socket;
            public bool Closed;
            private EndPoint _any = new IPEndPoint(IPAddress.Any, 0);

            public UdpPort(Socket s, int port)
            {
                Socket = s;
                LocalPort = port;
            }

            public int LocalPort { get; }

            public bool Send(uint destination, int destinationPort, byte[] data, int offset, int count)
            {
                try
                {
                    var a = new byte[4];
                    Ip4.Write(a, 0, destination);
                    Socket.SendTo(data, offset, count, SocketFlags.None, new IPEndPoint(new IPAddress(a), destinationPort));
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }

            public int TryReceive(byte[] buffer, out uint source, out int sourcePort)
            {
                source = 0;
                sourcePort = 0;
                if (Closed || Socket.Available == 0) return -1;
                try
                {
                    int n = Socket.ReceiveFrom(buffer, ref _any);
                    var ep = (IPEndPoint)_any;
                    source = Ip4.Read(ep.Address.GetAddressBytes(), 0);
                    sourcePort = ep.Port;
                    return n;
                }
                catch (SocketException)
                {
                    return -1;
                }
            }

            public void Close()
            {
                if (Closed) return;
                Closed = true;
                Socket.Dispose();
            }
        }
    }
}
