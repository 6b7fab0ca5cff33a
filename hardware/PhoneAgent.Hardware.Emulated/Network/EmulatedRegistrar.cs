using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>A SIP registrar for the demo and fast tests (the lab uses kamailio): UDP 5060,
    /// Digest MD5 challenge (RFC 2617, checked with .NET's MD5, not the phone's code), 200 with
    /// the binding's expiry, or 401 again for a wrong password. Text-level, deliberately simple.</summary>
    public sealed class EmulatedRegistrar : IEmulatedServer
    {
        private readonly Dictionary<string, string> _users = new();

        public uint Address { get; init; } = 0x0a4d0001;
        public string Realm { get; init; } = "sip.lab.test";
        public bool Silent { get; set; }
        public int Registers { get; private set; }
        public int Bindings { get; private set; }

        public string Name => "sip-registrar";

        public void AddUser(string user, string password) => _users[user] = password;

        public bool Accepts(uint destination, int destinationPort) => destination == Address && destinationPort == 5060;

        public IEnumerable<EmulatedDatagram> Handle(uint source, int sourcePort, byte[] data)
        {
            if (Silent) yield break;
            string text = Encoding.UTF8.GetString(data);
            if (!text.StartsWith("REGISTER ", StringComparison.Ordinal)) yield break;
            Registers++;
            string Header(string name) => Regex.Match(text, "^" + name + ":[ \t]*(.*?)\r$", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value;
            string via = Header("Via"), from = Header("From"), to = Header("To"), callId = Header("Call-ID"), cseq = Header("CSeq"), contact = Header("Contact");
            string expires = Header("Expires");
            string auth = Header("Authorization");
            string reply;
            if (auth.Length == 0 || !Verify(auth))
            {
                string nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
                reply = Status("401 Unauthorized", via, from, to, callId, cseq) + $"WWW-Authenticate: Digest realm=\"{Realm}\", nonce=\"{nonce}\", algorithm=MD5\r\n";
            }
            else
            {
                if (expires != "0") Bindings++;
                reply = Status("200 OK", via, from, to, callId, cseq) + $"Contact: {contact};expires={(expires.Length > 0 ? expires : "3600")}\r\n";
            }
            reply += "Server: PhoneAgent emulated registrar\r\nContent-Length: 0\r\n\r\n";
            yield return new EmulatedDatagram(Address, 5060, source, sourcePort, Encoding.UTF8.GetBytes(reply));
        }

        private static string Status(string line, string via, string from, string to, string callId, string cseq) =>
            $"SIP/2.0 {line}\r\nVia: {via}\r\nFrom: {from}\r\nTo: {to};tag=emu1\r\nCall-ID: {callId}\r\nCSeq: {cseq}\r\n";

        private bool Verify(string auth)
        {
            string P(string n) => Regex.Match(auth, n + "=\"?([^\",]*)\"?").Groups[1].Value;
            string user = P("username");
            if (!_users.TryGetValue(user, out var password)) return false;
            string Md5(string s) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(s))).ToLowerInvariant();
            string ha1 = Md5($"{user}:{Realm}:{password}"), ha2 = Md5($"REGISTER:{P("uri")}");
            string qop = P("qop");
            string expected = qop.Length > 0 ? Md5($"{ha1}:{P("nonce")}:{P("nc")}:{P("cnonce")}:{qop}:{ha2}") : Md5($"{ha1}:{P("nonce")}:{ha2}");
            return expected == P("response");
        }
    }
}
