using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using PhoneAgent.Core.Eap;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>The emulated switch port's 802.1X authenticator with its own EAP-MD5 server
    /// (for the demo and fast tests; interoperability is shown by the lab tests against
    /// hostapd and FreeRADIUS). Like hostapd with use_pae_group_addr=1: EAPOL-Start is answered
    /// with EAP-Request/Identity, a known identity gets an MD5-Challenge (16 random bytes), the
    /// response is checked with .NET's MD5 (not the core's), then EAP-Success or EAP-Failure
    /// with the response's Identifier (RFC 3748 §4.2). Unknown identities and Naks get a Failure.</summary>
    public sealed class EmulatedAuthenticator : IEmulatedFrameServer
    {
        private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
        private readonly Random _random;
        private int _id;
        private int _pendingId = -1;
        private int _pendingType;
        private string _identity;
        private byte[] _challenge;

        public EmulatedAuthenticator(int seed = 1)
        {
            _random = new Random(seed);
#pragma warning disable CA5394 // emulated server: repeatable identifiers and challenges
            _id = _random.Next(256);
#pragma warning restore CA5394
        }

        public byte[] Mac { get; init; } = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0xfe };
        public string Name => "authenticator";

        /// <summary>No 802.1X on the port: every frame is ignored.</summary>
        public bool Silent { get; set; }

        public int Starts { get; private set; }
        public int Logoffs { get; private set; }
        public int Successes { get; private set; }
        public int Failures { get; private set; }
        /// <summary>The identity authorized last (null when none, or after a Logoff).</summary>
        public string Authorized { get; private set; }

        public void AddUser(string identity, string password) => _users[identity] = password;

        public IEnumerable<byte[]> Handle(byte[] frame)
        {
            if (Silent || !EapolFrame.TryDecode(frame, 0, frame.Length, out var f, out _)) yield break;
            switch (f.PacketType)
            {
                case Eapol.TypeStart:
                    Starts++;
                    _identity = null;
                    yield return Request(EapType.Identity, Array.Empty<byte>());
                    break;
                case Eapol.TypeLogoff:
                    Logoffs++;
                    Authorized = null;
                    _pendingId = -1;
                    break;
                case Eapol.TypeEapPacket:
                    if (!EapPacket.TryDecode(f.Body, 0, f.Body.Length, out var p, out _) || p.Code != EapCode.Response || p.Identifier != _pendingId) yield break;
                    var answer = OnResponse(p);
                    if (answer != null) yield return answer;
                    break;
            }
        }

        private byte[] OnResponse(EapPacket p)
        {
            if (p.Type == EapType.Identity && _pendingType == EapType.Identity)
            {
                _identity = System.Text.Encoding.UTF8.GetString(p.TypeData);
                if (!_users.ContainsKey(_identity)) return Finish(p.Identifier, false);
                _challenge = new byte[16];
#pragma warning disable CA5394
                _random.NextBytes(_challenge);
#pragma warning restore CA5394
                var data = new byte[1 + _challenge.Length];
                data[0] = (byte)_challenge.Length;
                _challenge.CopyTo(data, 1);
                return Request(EapType.Md5Challenge, data);
            }
            if (p.Type == EapType.Md5Challenge && _pendingType == EapType.Md5Challenge && _identity != null)
            {
                var secret = System.Text.Encoding.UTF8.GetBytes(_users[_identity]);
                var input = new byte[1 + secret.Length + _challenge.Length];
                input[0] = (byte)p.Identifier;
                secret.CopyTo(input, 1);
                _challenge.CopyTo(input, 1 + secret.Length);
#pragma warning disable CA5351 // EAP-MD5 is MD5 by definition (RFC 3748 §5.4)
                var expected = MD5.HashData(input);
#pragma warning restore CA5351
                bool ok = p.TypeData.Length == 17 && p.TypeData[0] == 16 && CryptographicOperations.FixedTimeEquals(expected, p.TypeData.AsSpan(1));
                return Finish(p.Identifier, ok);
            }
            return Finish(p.Identifier, false); // Nak or anything unexpected
        }

        private byte[] Request(int type, byte[] data)
        {
            _id = (_id + 1) & 0xFF;
            _pendingId = _id;
            _pendingType = type;
            var p = new EapPacket { Code = EapCode.Request, Identifier = _id, Type = type, TypeData = data };
            return Frame(p.Encode());
        }

        private byte[] Finish(int id, bool success)
        {
            _pendingId = -1;
            if (success) { Successes++; Authorized = _identity; }
            else { Failures++; Authorized = null; }
            var p = new EapPacket { Code = success ? EapCode.Success : EapCode.Failure, Identifier = id };
            return Frame(p.Encode());
        }

        private byte[] Frame(byte[] body) => EapolFrame.ToPaeGroup(Mac, Eapol.TypeEapPacket, body).Encode();
    }
}
