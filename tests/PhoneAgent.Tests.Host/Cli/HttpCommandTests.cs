using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli;
using PhoneAgent.Cli.Host;

namespace PhoneAgent.Tests.Host.Cli
{
    /// <summary>`phoneagent http get` input checks (exit 2) and the host TCP connector against an
    /// in-process .NET TcpListener on 127.0.0.1 (the real-server cases are in Lab/HttpLabTests).</summary>
    [TestClass]
    public class HttpCommandTests
    {
        private static (int exit, string output, string error) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int exit = CliApp.Run(args, o, e);
            return (exit, o.ToString(), e.ToString());
        }

        [TestMethod]
        public void BadInputExitsTwo()
        {
            var (exit, _, err) = Run("http", "get", "ftp://ca.example.com/x");
            Assert.AreEqual(2, exit);
            StringAssert.Contains(err, "unsupported scheme 'ftp'");
            (exit, _, err) = Run("http", "get", "https://ca.example.com/x");
            Assert.AreEqual(2, exit);
            StringAssert.Contains(err, "needs TLS");
            (exit, _, err) = Run("http", "get", "http://127.0.0.1/x", "--max", "0");
            Assert.AreEqual(2, exit);
            StringAssert.Contains(err, "--max must be");
            (exit, _, err) = Run("http", "get", "http://ca.example.com/x", "--address", "10.0.0");
            Assert.AreEqual(2, exit);
            StringAssert.Contains(err, "not an IPv4 address");
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int p = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return p;
        }

        private static bool Until(System.Func<bool> condition)
        {
            for (int i = 0; i < 500; i++)
            {
                if (condition()) return true;
                Thread.Sleep(10);
            }
            return false;
        }

        [TestMethod]
        public void HostConnectorFollowsTheStreamContract()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var stream = new HostStreamConnector().Connect(0x7f000001, port);
                Assert.IsNotNull(stream);
                Assert.IsTrue(Until(() => stream.Connected), "connected");
                using var peer = listener.AcceptTcpClient();
                var buf = new byte[64];
                Assert.AreEqual(0, stream.TryRead(buf, 0, buf.Length), "nothing waiting: 0, at once");
                Assert.IsTrue(stream.Write(new byte[] { 1, 2, 3 }, 0, 3));
                var got = new byte[3];
                Assert.AreEqual(3, peer.GetStream().Read(got, 0, 3));
                CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, got);
                peer.GetStream().Write(new byte[] { 9, 8 }, 0, 2);
                int n = 0;
                Assert.IsTrue(Until(() => (n = stream.TryRead(buf, 0, buf.Length)) != 0));
                Assert.AreEqual(2, n);
                peer.Close();
                Assert.IsTrue(Until(() => stream.TryRead(buf, 0, buf.Length) == -1), "peer close: -1");
                stream.Close();
            }
            finally
            {
                listener.Stop();
            }
            int closed = FreePort();
            var refused = new HostStreamConnector().Connect(0x7f000001, closed);
            Assert.IsNotNull(refused, "a refused connect shows later, not as null");
            var b = new byte[8];
            Assert.IsTrue(Until(() => refused.TryRead(b, 0, b.Length) == -1), "refused: -1");
            Assert.IsFalse(refused.Connected);
            refused.Close();
        }
    }
}
