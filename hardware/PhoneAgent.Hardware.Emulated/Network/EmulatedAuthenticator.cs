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
    /// with the response's Identifier (RFC 3748 §4.2). Unknown identities and Naks get a Failure.
    /// One conversation per station (source MAC), as a multi-domain switch port keeps for a phone
    /// and the PC behind it; with MultiAuth the answers go to the station's own MAC instead of the
    /// group address, so each supplicant hears only its own conversation.</summary>
    public sealed class EmulatedAuthenticator : IEmulatedFrameServer
    {
        private sealed class Session
        {
            public byte[] Mac;
            public int PendingId = -1;
            public int PendingType;
            public string Identity;
            public byte[] Challenge;
        }

        private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
        private readonly Random _random;
        private int _id;

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

        /// <summary>Answers to the station's MAC (multi-auth / multi-domain port) rather than to
        /// the PAE group address.</summary>
        public bool MultiAuth { get; set; }

        /// <summary>Every event per station, for the demo's report: "02:00:..: EAP-Success (user)".</summary>
        public List<string> Log { get; } = new();

        /// <summary>Stations whose port session is authorized now, by MAC ("02:00:5e:..").</summary>
        public IReadOnlyCollection<string> AuthorizedStations => _authorized;

        private readonly HashSet<string> _authorized = new(StringComparer.Ordinal);

        public void AddUser(string identity, string password) => _users[identity] = password;

        public IEnumerable<byte[]> Handle(byte[] frame)
        {
            if (Silent || !EapolFrame.TryDecode(frame, 0, frame.Length, out var f, out _)) yield break;
            string station = PhoneAgent.Core.Net.Mac.Format(f.Source);
            if (!_sessions.TryGetValue(station, out var s)) _sessions[station] = s = new Session { Mac = (byte[])f.Source.Clone() };
            switch (f.PacketType)
            {
                case Eapol.TypeStart:
                    Starts++;
                    s.Identity = null;
                    Log.Add(station + ": EAPOL-Start");
                    yield return Request(s, EapType.Identity, Array.Empty<byte>());
                    break;
                case Eapol.TypeLogoff:
                    Logoffs++;
                    Log.Add(station + ": EAPOL-Logoff" + (_authorized.Remove(station) ? ", session closed" : ""));
                    Authorized = null;
                    s.PendingId = -1;
                    break;
                case Eapol.TypeEapPacket:
                    if (!EapPacket.TryDecode(f.Body, 0, f.Body.Length, out var p, out _) || p.Code != EapCode.Response || p.Identifier != s.PendingId) yield break;
                    var answer = OnResponse(s, p);
                    if (answer != null) yield return answer;
                    break;
            }
        }

        private byte[] OnResponse(Session s, EapPacket p)
        {
            if (p.Type == EapType.Identity && s.PendingType == EapType.Identity)
            {
                s.Identity = System.Text.Encoding.UTF8.GetString(p.TypeData);
                if (!_users.ContainsKey(s.Identity)) return Finish(s, p.Identifier, false);
                s.Challenge = new byte[16];
#pragma warning disable CA5394
                _random.NextBytes(s.Challenge);
#pragma warning restore CA5394
                var data = new byte[1 + s.Challenge.Length];
                data[0] = (byte)s.Challenge.Length;
                s.Challenge.CopyTo(data, 1);
                return Request(s, EapType.Md5Challenge, data);
            }
            if (p.Type == EapType.Md5Challenge && s.PendingType == EapType.Md5Challenge && s.Identity != null)
            {
                var expected = Md5Response(p.Identifier, _users[s.Identity], s.Challenge);
                bool ok = p.TypeData.Length == 17 && p.TypeData[0] == 16 && CryptographicOperations.FixedTimeEquals(expected, p.TypeData.AsSpan(1));
                return Finish(s, p.Identifier, ok);
            }
            return Finish(s, p.Identifier, false); // Nak or anything unexpected
        }

        /// <summary>RFC 1994 §4.1 as EAP-MD5 uses it (RFC 3748 §5.4): MD5(identifier, secret, challenge),
        /// with .NET's MD5 (the emulated peers share it; the phone uses the core's).</summary>
        internal static byte[] Md5Response(int identifier, string password, ReadOnlySpan<byte> challenge)
        {
            var secret = System.Text.Encoding.UTF8.GetBytes(password);
            var input = new byte[1 + secret.Length + challenge.Length];
            input[0] = (byte)identifier;
            secret.CopyTo(input, 1);
            challenge.CopyTo(input.AsSpan(1 + secret.Length));
#pragma warning disable CA5351 // EAP-MD5 is MD5 by definition (RFC 3748 §5.4)
            return MD5.HashData(input);
#pragma warning restore CA5351
        }

        private byte[] Request(Session s, int type, byte[] data)
        {
            _id = (_id + 1) & 0xFF;
            s.PendingId = _id;
            s.PendingType = type;
            var p = new EapPacket { Code = EapCode.Request, Identifier = _id, Type = type, TypeData = data };
            return Frame(s, p.Encode());
        }

        private byte[] Finish(Session s, int id, bool success)
        {
            s.PendingId = -1;
            string station = PhoneAgent.Core.Net.Mac.Format(s.Mac);
            if (success) { Successes++; Authorized = s.Identity; _authorized.Add(station); }
            else { Failures++; Authorized = null; _authorized.Remove(station); }
            Log.Add(station + ": " + (success ? "EAP-Success (" + s.Identity + "), port session authorized" : "EAP-Failure"));
            var p = new EapPacket { Code = success ? EapCode.Success : EapCode.Failure, Identifier = id };
            return Frame(s, p.Encode());
        }

        private byte[] Frame(Session s, byte[] body)
        {
            var f = EapolFrame.ToPaeGroup(Mac, Eapol.TypeEapPacket, body);
            if (MultiAuth) Array.Copy(s.Mac, f.Destination, 6);
            return f.Encode();
        }
    }
}
