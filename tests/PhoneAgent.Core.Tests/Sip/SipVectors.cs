namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>Real messages of a digest REGISTER exchange between SIPp 3.6.1 (client, scenario
    /// ../shared/lab/3-sip/sipp-register-auth.xml) and kamailio 5.6.3 (registrar, the lab config on
    /// 127.0.0.1), captured with tshark on the loopback of a private network namespace:
    /// tests/vectors/sip/register-kamailio-sipp.pcap (see tests/vectors/sip/README.md). UDP and TCP
    /// payloads exactly as on the wire. Lab credentials only (1001/secret1001).</summary>
    public static class SipVectors
    {
        /// <summary>frame 1, sipp to kamailio over UDP: the first REGISTER (no credentials) (350 bytes).</summary>
        public const string UdpRegister =
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

        /// <summary>frame 2, kamailio's 401 with the digest challenge (437 bytes).</summary>
        public const string Udp401 =
            "SIP/2.0 401 Unauthorized\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-15007-1-0;rport=5070;received=127.0.0.1\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15007SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>;tag=9dd61ff61e802d8e2bef5f14621ef3c2.315bf465\r\n" +
            "Call-ID: 1-15007@127.0.0.1\r\n" +
            "CSeq: 1 REGISTER\r\n" +
            "WWW-Authenticate: Digest realm=\"sip.lab.test\", nonce=\"awNhiWsDYF3LhWvNRvKUGKA8qRsWkUa+\"\r\n" +
            "Server: kamailio (5.6.3 (x86_64/linux))\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>frame 3, the REGISTER repeated with Authorization (MD5 digest of the lab password) (534 bytes).</summary>
        public const string UdpRegisterAuth =
            "REGISTER sip:sip.lab.test SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-15007-1-2;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15007SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>\r\n" +
            "Call-ID: 1-15007@127.0.0.1\r\n" +
            "CSeq: 2 REGISTER\r\n" +
            "Contact: <sip:1001@127.0.0.1:5070;transport=UDP>\r\n" +
            "Authorization: Digest username=\"1001\",realm=\"sip.lab.test\",uri=\"sip:127.0.0.1:5060\",nonce=\"awNhiWsDYF3LhWvNRvKUGKA8qRsWkUa+\",response=\"8b4db294c9928c52a9cf939d4903fd64\",algorithm=MD5\r\n" +
            "Expires: 300\r\n" +
            "User-Agent: SIPp-lab\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>frame 4, kamailio's 200 OK with the binding and its expires (400 bytes).</summary>
        public const string Udp200 =
            "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-15007-1-2;rport=5070;received=127.0.0.1\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15007SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>;tag=9dd61ff61e802d8e2bef5f14621ef3c2.1069f465\r\n" +
            "Call-ID: 1-15007@127.0.0.1\r\n" +
            "CSeq: 2 REGISTER\r\n" +
            "Contact: <sip:1001@127.0.0.1:5070;transport=UDP>;expires=300\r\n" +
            "Server: kamailio (5.6.3 (x86_64/linux))\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>frame 8, the same exchange over TCP: REGISTER (350 bytes).</summary>
        public const string TcpRegister =
            "REGISTER sip:sip.lab.test SIP/2.0\r\n" +
            "Via: SIP/2.0/TCP 127.0.0.1:5072;branch=z9hG4bK-15009-1-0;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15009SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>\r\n" +
            "Call-ID: 1-15009@127.0.0.1\r\n" +
            "CSeq: 1 REGISTER\r\n" +
            "Contact: <sip:1001@127.0.0.1:5072;transport=TCP>\r\n" +
            "Expires: 300\r\n" +
            "User-Agent: SIPp-lab\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>frame 10, 401 over TCP (437 bytes).</summary>
        public const string Tcp401 =
            "SIP/2.0 401 Unauthorized\r\n" +
            "Via: SIP/2.0/TCP 127.0.0.1:5072;branch=z9hG4bK-15009-1-0;rport=5072;received=127.0.0.1\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15009SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>;tag=9dd61ff61e802d8e2bef5f14621ef3c2.47d220bb\r\n" +
            "Call-ID: 1-15009@127.0.0.1\r\n" +
            "CSeq: 1 REGISTER\r\n" +
            "WWW-Authenticate: Digest realm=\"sip.lab.test\", nonce=\"awNhimsDYF7kpXmqvy2b/oV5tF8TJ943\"\r\n" +
            "Server: kamailio (5.6.3 (x86_64/linux))\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>frame 12, REGISTER with Authorization over TCP (534 bytes).</summary>
        public const string TcpRegisterAuth =
            "REGISTER sip:sip.lab.test SIP/2.0\r\n" +
            "Via: SIP/2.0/TCP 127.0.0.1:5072;branch=z9hG4bK-15009-1-2;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15009SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>\r\n" +
            "Call-ID: 1-15009@127.0.0.1\r\n" +
            "CSeq: 2 REGISTER\r\n" +
            "Contact: <sip:1001@127.0.0.1:5072;transport=TCP>\r\n" +
            "Authorization: Digest username=\"1001\",realm=\"sip.lab.test\",uri=\"sip:127.0.0.1:5060\",nonce=\"awNhimsDYF7kpXmqvy2b/oV5tF8TJ943\",response=\"4a5d1f27085302593390741cef35de96\",algorithm=MD5\r\n" +
            "Expires: 300\r\n" +
            "User-Agent: SIPp-lab\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>frame 13, 200 OK over TCP listing both bindings (UDP, expires=299; TCP, expires=300) (453 bytes).</summary>
        public const string Tcp200 =
            "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/TCP 127.0.0.1:5072;branch=z9hG4bK-15009-1-2;rport=5072;received=127.0.0.1\r\n" +
            "From: <sip:1001@sip.lab.test>;tag=15009SIPpTag001\r\n" +
            "To: <sip:1001@sip.lab.test>;tag=9dd61ff61e802d8e2bef5f14621ef3c2.66e020bb\r\n" +
            "Call-ID: 1-15009@127.0.0.1\r\n" +
            "CSeq: 2 REGISTER\r\n" +
            "Contact: <sip:1001@127.0.0.1:5070;transport=UDP>;expires=299, <sip:1001@127.0.0.1:5072;transport=TCP>;expires=300\r\n" +
            "Server: kamailio (5.6.3 (x86_64/linux))\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        /// <summary>frame 20: a client's RFC 5626 keep-alive ping on TCP; frame 22: kamailio's pong.</summary>
        public const string TcpPing = "\r\n\r\n";
        public const string TcpPong = "\r\n";
    }
}
