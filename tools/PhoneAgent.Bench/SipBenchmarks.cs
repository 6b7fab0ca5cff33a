using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using PhoneAgent.Core.Sip;

namespace PhoneAgent.Bench
{
    /// <summary>The SIP codec on the messages of a registration: parsing SIPp's REGISTER and
    /// kamailio's 200 OK (frames 1 and 4 of tests/vectors/sip/register-kamailio-sipp.pcap, the
    /// same text as SipVectors.UdpRegister / Udp200), and writing a REGISTER built from views.</summary>
    [MemoryDiagnoser]
    public class SipBenchmarks
    {
        private const string Register =
            "REGISTER sip:sip.lab.test SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-15007-1-0;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15007SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>\r\n" +
            "Call-ID: 1-15007@127.0.0.1\r\n" +
            "CSeq: 1 REGISTER\r\n" +
            "Contact: <sip:1001@127.0.0.1:5070;transport=UDP>\r\n" +
            "Expires: 300\r\n" +
            "User-Agent: SIPp-lab\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        private const string Ok =
            "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-15007-1-2;rport=5070;received=127.0.0.1\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15007SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>;tag=9dd61ff61e802d8e2bef5f14621ef3c2.b058dc6d\r\n" +
            "Call-ID: 1-15007@127.0.0.1\r\n" +
            "CSeq: 2 REGISTER\r\n" +
            "Contact: <sip:1001@127.0.0.1:5070;transport=UDP>;expires=300\r\n" +
            "Server: kamailio (5.6.3 (x86_64/linux))\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        private byte[] _register, _ok;
        private SipMessage _built;

        [GlobalSetup]
        public void Setup()
        {
            _register = Encoding.ASCII.GetBytes(Register);
            _ok = Encoding.ASCII.GetBytes(Ok);
            if (SipParser.TryParse(_register, out string e) == null || SipParser.TryParse(_ok, out e) == null) throw new InvalidOperationException(e);
            _built = SipMessage.CreateRequest("REGISTER", "sip:sip.lab.test");
            _built.AddHeader("Via", new SipVia("UDP", "10.77.0.2", 5060, "z9hG4bK-1f2e3d", true).ToString());
            _built.AddHeader("Max-Forwards", "70");
            var from = new SipAddress(null, new SipUri("sip", "1001", "sip.lab.test", -1));
            from.Parameters.Add("tag", "a73kszlfl", false);
            _built.AddHeader("From", from.ToString());
            _built.AddHeader("To", new SipAddress(null, new SipUri("sip", "1001", "sip.lab.test", -1)).ToString());
            _built.AddHeader("Call-ID", "843817637684230@10.77.0.2");
            _built.AddHeader("CSeq", new SipCSeq(1, "REGISTER").ToString());
            _built.AddHeader("Contact", "<sip:1001@10.77.0.2:5060>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000a95a0e128>\"");
            _built.AddHeader("Expires", "3600");
            _built.AddHeader("User-Agent", "PhoneAgent");
        }

        [Benchmark(Description = "parse REGISTER (SIPp, 350 B)")]
        public SipMessage ParseRegister() => SipParser.TryParse(_register, out _);

        [Benchmark(Description = "parse 200 OK (kamailio, 400 B)")]
        public SipMessage ParseOk() => SipParser.TryParse(_ok, out _);

        [Benchmark(Description = "write REGISTER")]
        public byte[] WriteRegister() => SipWriter.Write(_built);
    }
}
