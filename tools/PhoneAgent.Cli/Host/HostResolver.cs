using System.Net;
using System.Net.Sockets;
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Cli.Host
{
    /// <summary>Host names through the host's own resolver (the core has no DNS client yet):
    /// the first IPv4 address, or false.</summary>
    public sealed class HostResolver : IHostResolver
    {
        public bool TryResolve(string host, out uint address)
        {
            address = 0;
            try
            {
                foreach (var a in Dns.GetHostAddresses(host))
                {
                    if (a.AddressFamily != AddressFamily.InterNetwork) continue;
                    address = Ip4.Read(a.GetAddressBytes(), 0);
                    return true;
                }
            }
            catch (SocketException) { }
            catch (System.ArgumentException) { }
            return false;
        }
    }
}
