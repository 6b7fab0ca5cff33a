using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Sip.Registration;

namespace PhoneAgent.Bench
{
    /// <summary>One registration refresh cycle as the phone lives it, a proxy for the device
    /// heap: the refresh timer fires, REGISTER goes out, a 401 challenge comes back and is
    /// answered (MD5 digest), the 200 comes back. The registrar's two answers are made by string
    /// templating from the request's branch and CSeq: that small share of the figure is the
    /// benchmark's, not the phone's.</summary>
    [MemoryDiagnoser]
    public class SipRefreshBenchmarks
    {
        private sealed class FixedRandom : IRandom
        {
            private readonly Random _r = new Random(5);
            public void NextBytes(byte[] buffer) => _r.NextBytes(buffer);
            public int Next(int maxExclusive) => _r.Next(maxExclusive);
        }

        private const uint Server = 0x0a4d0001;
        private RegistrationClient _client;
        private Outbox _out;
        private long _now;

        [GlobalSetup]
        public void Setup()
        {
            var s = new RegistrationSettings
            {
                ServerAddresses = new[] { Server }, ServerPorts = new[] { 5060 }, Domain = "sip.lab.test",
                User = "1001", Password = "secret1001", LocalAddress = 0x0a4d0002, LocalPort = 5060, Expires = 3600,
            };
            _client = new RegistrationClient(s, new FixedRandom(), null, null);
            _out = new Outbox();
            _client.Start(0, _out);
            Answer();
        }

        [Benchmark(Description = "SIP registration refresh cycle (REGISTER, 401, REGISTER with digest, 200)")]
        public int RefreshCycle()
        {
            _now = _client.Machine.RefreshAtMs;
            _client.Poll(_now, _out);
            Answer();
            return _client.Registrations;
        }

        /// <summary>Answers the REGISTER in the outbox with 401, then its successor with 200.</summary>
        private void Answer()
        {
            for (int round = 0; round < 2; round++)
            {
                byte[] req = _out.DatagramAt(_out.DatagramCount - 1).Payload;
                string text = Encoding.ASCII.GetString(req);
                bool authorized = text.Contains("\r\nAuthorization:", StringComparison.Ordinal);
                string reply = (authorized ? "SIP/2.0 200 OK\r\n" : "SIP/2.0 401 Unauthorized\r\n") +
                    Line(text, "Via") + Line(text, "From") + Line(text, "To").TrimEnd('\r', '\n') + ";tag=b1\r\n" +
                    Line(text, "Call-ID") + Line(text, "CSeq") +
                    (authorized ? Line(text, "Contact").TrimEnd('\r', '\n') + ";expires=3600\r\n"
                                : "WWW-Authenticate: Digest realm=\"sip.lab.test\", nonce=\"abcdef0123456789\"\r\n") +
                    "Content-Length: 0\r\n\r\n";
                _out.Clear();
                byte[] b = Encoding.ASCII.GetBytes(reply);
                _client.OnDatagram(Server, 5060, b, b.Length, _now, _out);
                if (authorized) break;
            }
            _out.Clear();
        }

        private static string Line(string text, string name)
        {
            int a = text.IndexOf("\r\n" + name + ":", StringComparison.Ordinal) + 2;
            int b = text.IndexOf("\r\n", a, StringComparison.Ordinal) + 2;
            return text.Substring(a, b - a);
        }
    }
}
