using System;
using System.Collections;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>The board's Ethernet interface through nanoFramework's System.Net (lwIP).
    /// lwIP's DHCP client owns the lease (PlatformOwnsDhcp): received options are not
    /// exposed to managed code, so the agent reads the lease and sends its own INFORM.</summary>
    public sealed class NanoNetwork : INetworkInterface
    {
        private readonly ArrayList _ports = new ArrayList();
        private bool _linkUp;

        public NanoNetwork()
        {
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
            _linkUp = CurrentAddress() != 0;
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            _linkUp = e.IsAvailable;
        }

        private static NetworkInterface Ethernet()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Ethernet) return all[i];
            }
            return null;
        }

        private static uint CurrentAddress()
        {
            NetworkInterface ni = Ethernet();
            uint a;
            return ni != null && Ip4.TryParse(ni.IPv4Address, out a) ? a : 0;
        }

        public string Name { get { return "eth0"; } }

        public byte[] MacAddress
        {
            get
            {
                NetworkInterface ni = Ethernet();
                return ni != null ? ni.PhysicalAddress : new byte[6];
            }
        }

        public bool LinkUp { get { return _linkUp; } }

        public bool PlatformOwnsDhcp { get { return true; } }

        public bool TryGetPlatformLease(out uint address, out uint netmask, out uint router)
        {
            address = 0;
            netmask = 0;
            router = 0;
            NetworkInterface ni = Ethernet();
            if (ni == null || !Ip4.TryParse(ni.IPv4Address, out address) || address == 0) return false;
            Ip4.TryParse(ni.IPv4SubnetMask, out netmask);
            Ip4.TryParse(ni.IPv4GatewayAddress, out router);
            return true;
        }

        public IDatagramPort OpenUdp(int localPort)
        {
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
                s.Bind(new IPEndPoint(IPAddress.Any, localPort));
            }
            catch (SocketException)
            {
                s.Close();
                return null;
            }
            NanoUdpPort p = new NanoUdpPort(s, localPort);
            _ports.Add(p);
            return p;
        }

        /// <summary>No raw Ethernet frames from managed nanoFramework code: EAPOL needs a native
        /// interop over ESP-IDF's L2 TAP (hardware/README.md). Until then 802.1X fails with
        /// that reason instead of pretending.</summary>
        public IFramePort OpenFrames(int etherType)
        {
            return null;
        }

        public void ApplyAddress(uint address, uint netmask, uint router)
        {
            // Only reached with net.dhcp=false (static addressing): hand it to lwIP.
            NetworkInterface ni = Ethernet();
            if (ni == null) return;
            if (address == 0) ni.EnableDhcp();
            else ni.EnableStaticIPv4(Ip4.Format(address), Ip4.Format(netmask), Ip4.Format(router));
        }

        public void WaitForActivity(int maxMs)
        {
            // Poll the first open socket for up to maxMs; the others are polled by the next turn.
            if (_ports.Count == 0 || maxMs <= 0)
            {
                System.Threading.Thread.Sleep(maxMs > 0 ? maxMs : 1);
                return;
            }
            ((NanoUdpPort)_ports[0]).Socket.Poll(maxMs * 1000, SelectMode.SelectRead);
        }

        private sealed class NanoUdpPort : IDatagramPort
        {
            public readonly Socket Socket;
            private readonly int _port;
            private bool _closed;

            public NanoUdpPort(Socket s, int port)
            {
                Socket = s;
                _port = port;
            }

            public int LocalPort { get { return _port; } }

            public bool Send(uint destination, int destinationPort, byte[] data, int offset, int count)
            {
                if (_closed) return false;
                byte[] a = new byte[4];
                Ip4.Write(a, 0, destination);
                try
                {
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
                if (_closed || !Socket.Poll(0, SelectMode.SelectRead)) return -1;
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n = Socket.ReceiveFrom(buffer, ref from);
                IPEndPoint ep = (IPEndPoint)from;
                source = Ip4.Read(ep.Address.GetAddressBytes(), 0);
                sourcePort = ep.Port;
                return n;
            }

            public void Close()
            {
                if (_closed) return;
                _closed = true;
                Socket.Close();
            }
        }
    }
}
