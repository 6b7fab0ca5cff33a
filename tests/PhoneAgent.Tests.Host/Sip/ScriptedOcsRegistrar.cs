using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace PhoneAgent.Tests.Host.Sip
{
    /// <summary>
    /// A scripted OCS/Lync-style registrar over the wire (UDP and TCP on 127.0.0.1) for
    /// `phoneagent sip register`. <b>This is not a real Microsoft OCS/Lync server</b>: none exists
    /// on these machines. It is written here from the message formats of MS-SIPAE (§2.2 header
    /// parameters, §3.2 and the example in §4.1, §3.2.5.2 signed fields) and MS-NLMP (§2.2.1.2
    /// CHALLENGE_MESSAGE, §2.2.1.3 AUTHENTICATE_MESSAGE, §2.2.2.1 AV pairs, §3.3.2 NTLMv2,
    /// §3.4.4.2 / §3.4.5 signing keys and MAC, §3.4 connectionless per-message RC4 key).
    ///
    /// It verifies the phone INDEPENDENTLY of the core: its own SIP text parsing (regular
    /// expressions), its own NTLM message builder and parser, NTOWFv2 / NTProofStr / session key
    /// / signatures with System.Security.Cryptography's HMACMD5 and MD5 plus the MD4 and RC4
    /// written below (RFC 1320 and the RC4 algorithm; both checked against published vectors in
    /// ScriptedOcsRegistrarTests). Nothing of PhoneAgent.Core is called.
    ///
    /// Exchange: REGISTER → 401 with Kerberos, NTLM and TLS-DSK challenges (as Lync sends them);
    /// NTLM gssapi-data="" → 401 with the CHALLENGE_MESSAGE; AUTHENTICATE_MESSAGE + crand/cnum/
    /// response → NTProofStr and the signature checked → 200 OK with Authentication-Info rspauth
    /// (or a new challenge for a wrong password); later requests must be signed with a growing
    /// cnum. Known simplification: the NTLM SeqNum of every signature is 100, as in Microsoft's
    /// own captures (tests/vectors/sip-auth); MS-SIPAE leaves it to the application.
    /// </summary>
    public sealed class ScriptedOcsRegistrar : IDisposable
    {
        public const string Realm = "SIP Communications Service";
        public const string TargetName = "fe01.contoso.test";
        public const string NetbiosDomain = "CONTOSO";
        public const uint SignatureSeqNum = 100;

        // MS-NLMP §2.2.2.5 flags this server offers.
        public const uint FlagUnicode = 0x1, FlagRequestTarget = 0x4, FlagSign = 0x10, FlagDatagram = 0x40, FlagNtlm = 0x200,
            FlagAlwaysSign = 0x8000, FlagTargetTypeDomain = 0x10000, FlagExtendedSessionSecurity = 0x80000, FlagIdentify = 0x100000,
            FlagTargetInfo = 0x800000, FlagVersion = 0x2000000, Flag128 = 0x20000000, FlagKeyExchange = 0x40000000, Flag56 = 0x80000000;

        public enum ServerSignature { Correct, Missing, Wrong }

        private readonly Dictionary<string, string> _accounts = new(StringComparer.OrdinalIgnoreCase);   // DOMAIN\user → password
        private readonly Socket _udp;
        private readonly TcpListener _tcp;
        private readonly Thread _udpThread, _tcpThread;
        private volatile bool _stop;
        private readonly object _lock = new();
        private readonly Dictionary<string, Association> _associations = new();   // by opaque

        public ServerSignature Rspauth { get; set; } = ServerSignature.Correct;
        public int GrantedExpires { get; set; } = 600;
        /// <summary>Send MsvAvTimestamp in the CHALLENGE_MESSAGE (Windows Server 2008 and later do).</summary>
        public bool SendTimestamp { get; set; } = true;
        /// <summary>Offer only what NTLMv1 needs (no extended session security, no target information).</summary>
        public bool NtlmV1Only { get; set; }
        public int UdpPort { get; }
        public int TcpPort { get; }

        /// <summary>What happened, one line per event, for the test's assertions and its failure messages.</summary>
        public ConcurrentQueue<string> Log { get; } = new();
        public int Registers => Log.Count(l => l.StartsWith("REGISTER ", StringComparison.Ordinal));
        public int VerifiedResponses => Log.Count(l => l.StartsWith("NTLMv2 response verified", StringComparison.Ordinal));
        public List<(int Cnum, string Expires)> VerifiedSignatures { get; } = new();

        private sealed class Association
        {
            public string Opaque = "";
            public byte[] ServerChallenge = Array.Empty<byte>();
            public byte[] Timestamp;
            public string Identity = "";
            public byte[] ClientSign, ClientSeal, ServerSign, ServerSeal;
            public bool KeyExchange;
            public int LastCnum;
            public int Snum;
        }

        public ScriptedOcsRegistrar()
        {
            _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _udp.ReceiveTimeout = 100;
            UdpPort = ((IPEndPoint)_udp.LocalEndPoint!).Port;
            _tcp = new TcpListener(IPAddress.Loopback, 0);
            _tcp.Start();
            TcpPort = ((IPEndPoint)_tcp.LocalEndpoint).Port;
            _udpThread = new Thread(UdpLoop) { IsBackground = true, Name = "ocs-udp" };
            _tcpThread = new Thread(TcpLoop) { IsBackground = true, Name = "ocs-tcp" };
            _udpThread.Start();
            _tcpThread.Start();
        }

        public void AddAccount(string domain, string user, string password) => _accounts[domain + "\\" + user] = password;

        public void Dispose()
        {
            _stop = true;
            _tcp.Stop();
            _udpThread.Join(2000);
            _tcpThread.Join(2000);
            _udp.Dispose();
        }

        // ---- transports ----

        private void UdpLoop()
        {
            var buf = new byte[65536];
            while (!_stop)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n;
                try { n = _udp.ReceiveFrom(buf, ref from); }
                catch (SocketException) { continue; }
                catch (ObjectDisposedException) { return; }
                string reply = Handle(Encoding.UTF8.GetString(buf, 0, n), "UDP");
                if (reply != null) _udp.SendTo(Encoding.UTF8.GetBytes(reply), from);
            }
        }

        private void TcpLoop()
        {
            while (!_stop)
            {
                TcpClient c;
                try { c = _tcp.AcceptTcpClient(); }
                catch (SocketException) { return; }
                catch (ObjectDisposedException) { return; }
                new Thread(() => Serve(c)) { IsBackground = true, Name = "ocs-tcp-conn" }.Start();
            }
        }

        /// <summary>RFC 3261 §18.3 framing by Content-Length; RFC 5626 §3.5.1 CRLF pings answered with CRLF.</summary>
        private void Serve(TcpClient c)
        {
            using (c)
            {
                var s = c.GetStream();
                s.ReadTimeout = 200;
                var pending = new StringBuilder();
                var buf = new byte[8192];
                while (!_stop)
                {
                    int n;
                    try { n = s.Read(buf, 0, buf.Length); }
                    catch (System.IO.IOException) { if (!c.Connected) return; continue; }
                    if (n == 0) return;
                    pending.Append(Encoding.UTF8.GetString(buf, 0, n));
                    while (true)
                    {
                        string text = pending.ToString();
                        if (text.StartsWith("\r\n\r\n", StringComparison.Ordinal)) { pending.Remove(0, 4); s.Write("\r\n"u8); continue; }
                        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                        if (end < 0) break;
                        var cl = Regex.Match(text[..end], @"^(?:Content-Length|l)[ \t]*:[ \t]*(\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase);
                        int total = end + 4 + (cl.Success ? int.Parse(cl.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
                        if (text.Length < total) break;
                        pending.Remove(0, total);
                        string reply = Handle(text[..total], "TCP");
                        if (reply != null) s.Write(Encoding.UTF8.GetBytes(reply));
                    }
                }
            }
        }

        // ---- SIP ----

        private static string Header(string message, string name)
        {
            var m = Regex.Match(message, "^" + Regex.Escape(name) + @"[ \t]*:[ \t]*(.*?)[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase);
            return m.Success ? m.Groups[1].Value : null;
        }

        /// <summary>The auth-params of an Authorization value: name=token or name="quoted".</summary>
        private static Dictionary<string, string> Params(string value)
        {
            var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match m in Regex.Matches(value, @"([A-Za-z0-9_-]+)=(?:""((?:[^""\\]|\\.)*)""|([^\s,]+))"))
                d[m.Groups[1].Value] = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            return d;
        }

        /// <summary>URI and tag of a From/To value (name-addr or addr-spec).</summary>
        private static (string Uri, string Tag) NameAddr(string value)
        {
            if (value == null) return ("", "");
            var m = Regex.Match(value, "<([^>]*)>");
            string uri = m.Success ? m.Groups[1].Value : value.Split(';')[0].Trim();
            string rest = m.Success ? value[(m.Index + m.Length)..] : value[uri.Length..];
            var t = Regex.Match(rest, @";\s*tag\s*=\s*([^;\s]+)", RegexOptions.IgnoreCase);
            return (uri, t.Success ? t.Groups[1].Value : "");
        }

        /// <summary>MS-SIPAE §3.2.5.2, protocol version 4: each field in angle brackets.</summary>
        private static string SignedBuffer(string message, string rand, string num, string toTagOverride, string expires, int status)
        {
            string cseq = Header(message, "CSeq") ?? "";
            var parts = cseq.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
            var from = NameAddr(Header(message, "From"));
            var to = NameAddr(Header(message, "To"));
            var sb = new StringBuilder();
            void Add(string v) => sb.Append('<').Append(v).Append('>');
            Add("NTLM"); Add(rand); Add(num); Add(Realm); Add(TargetName);
            Add(Header(message, "Call-ID") ?? "");
            Add(parts.Length > 0 ? parts[0] : ""); Add(parts.Length > 1 ? parts[1].Trim() : "");
            Add(from.Uri); Add(from.Tag); Add(to.Uri); Add(toTagOverride ?? to.Tag);
            Add(""); Add("");                      // no P-Asserted-Identity in REGISTER traffic
            Add(expires ?? Header(message, "Expires") ?? "");
            if (status > 0) Add(status.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        private string Handle(string request, string transport)
        {
            if (!request.StartsWith("REGISTER ", StringComparison.Ordinal)) return null;
            lock (_lock)
            {
                try { return Register(request, transport); }
                catch (FormatException e)
                {
                    Log.Enqueue("malformed credentials: " + e.Message);
                    return Response(request, "400 Bad Request", ToTag, "");
                }
            }
        }

        private string Register(string request, string transport)
        {
            {
                string auth = Header(request, "Authorization");
                string expires = Header(request, "Expires") ?? "";
                Log.Enqueue($"REGISTER over {transport} CSeq {Header(request, "CSeq")} Expires {expires} " + (auth == null ? "(no credentials)" : auth.StartsWith("NTLM", StringComparison.Ordinal) ? "(NTLM)" : "(other: " + auth.Split(' ')[0] + ")"));
                if (auth == null || !auth.StartsWith("NTLM ", StringComparison.Ordinal)) return FirstChallenge(request);
                var p = Params(auth);
                p.TryGetValue("gssapi-data", out string gssapi);
                if (gssapi != null && gssapi.Length == 0) return SecondChallenge(request, p);
                Association sa;
                if (gssapi != null)
                {
                    if (!p.TryGetValue("opaque", out string opaque) || !_associations.TryGetValue(opaque, out sa))
                    {
                        Log.Enqueue("AUTHENTICATE_MESSAGE for an unknown opaque");
                        return FirstChallenge(request);
                    }
                    if (!VerifyAuthenticate(sa, Convert.FromBase64String(gssapi))) return FirstChallenge(request);
                }
                else if (!p.TryGetValue("opaque", out string opaque) || !_associations.TryGetValue(opaque, out sa) || sa.ClientSign == null)
                {
                    Log.Enqueue("signed request without an established association");
                    return FirstChallenge(request);
                }
                if (!VerifyRequestSignature(sa, request, p)) return FirstChallenge(request);
                return Ok(sa, request, expires);
            }
        }

        private static string Response(string request, string statusLine, string toTag, string extra)
        {
            string to = Header(request, "To");
            if (toTag != null && !Regex.IsMatch(to, @";\s*tag=", RegexOptions.IgnoreCase)) to += ";tag=" + toTag;
            return $"SIP/2.0 {statusLine}\r\nVia: {Header(request, "Via")}\r\nFrom: {Header(request, "From")}\r\nTo: {to}\r\n" +
                $"Call-ID: {Header(request, "Call-ID")}\r\nCSeq: {Header(request, "CSeq")}\r\n{extra}Server: scripted OCS peer (PhoneAgent tests)\r\nContent-Length: 0\r\n\r\n";
        }

        private const string ToTag = "9A3F0C5E21B74D6F";

        private string FirstChallenge(string request) => Response(request, "401 Unauthorized", ToTag,
            $"WWW-Authenticate: Kerberos realm=\"{Realm}\", targetname=\"sip/{TargetName}\", version=4\r\n" +
            $"WWW-Authenticate: NTLM realm=\"{Realm}\", targetname=\"{TargetName}\", version=4\r\n" +
            $"WWW-Authenticate: TLS-DSK realm=\"{Realm}\", targetname=\"{TargetName}\", version=4, sts-uri=\"https://{TargetName}:443/CertProv/CertProvisioningService.svc\"\r\n");

        private string SecondChallenge(string request, Dictionary<string, string> p)
        {
            var sa = new Association
            {
                Opaque = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)),
                ServerChallenge = RandomNumberGenerator.GetBytes(8),
            };
            if (SendTimestamp) sa.Timestamp = BitConverter.GetBytes(DateTime.UtcNow.ToFileTimeUtc());
            _associations[sa.Opaque] = sa;
            byte[] challenge = BuildChallengeMessage(sa);
            Log.Enqueue($"CHALLENGE_MESSAGE sent ({challenge.Length} bytes, opaque {sa.Opaque}); the empty token named realm \"{Get(p, "realm")}\" targetname \"{Get(p, "targetname")}\"");
            return Response(request, "401 Unauthorized", ToTag,
                $"WWW-Authenticate: NTLM opaque=\"{sa.Opaque}\", gssapi-data=\"{Convert.ToBase64String(challenge)}\", targetname=\"{TargetName}\", realm=\"{Realm}\", version=4\r\n");
        }

        private static string Get(Dictionary<string, string> p, string n) => p.TryGetValue(n, out var v) ? v : "(none)";

        // ---- NTLM (MS-NLMP), written from the specification ----

        private static byte[] Utf16(string s) => Encoding.Unicode.GetBytes(s);

        private static void AvPair(List<byte> to, int id, byte[] value)
        {
            to.AddRange(BitConverter.GetBytes((ushort)id));
            to.AddRange(BitConverter.GetBytes((ushort)value.Length));
            to.AddRange(value);
        }

        /// <summary>MS-NLMP §2.2.1.2: Signature, MessageType 2, TargetNameFields, NegotiateFlags,
        /// ServerChallenge, Reserved, TargetInfoFields, Version; payload TargetName, TargetInfo.</summary>
        private byte[] BuildChallengeMessage(Association sa)
        {
            uint flags = FlagUnicode | FlagRequestTarget | FlagSign | FlagDatagram | FlagNtlm | FlagAlwaysSign | FlagTargetTypeDomain
                | FlagExtendedSessionSecurity | FlagIdentify | FlagTargetInfo | FlagVersion | Flag128 | FlagKeyExchange | Flag56;
            var info = new List<byte>();
            if (NtlmV1Only) flags &= ~(FlagExtendedSessionSecurity | FlagTargetInfo);
            else
            {
                AvPair(info, 2, Utf16(NetbiosDomain));          // MsvAvNbDomainName
                AvPair(info, 1, Utf16("FE01"));                 // MsvAvNbComputerName
                AvPair(info, 4, Utf16("contoso.test"));         // MsvAvDnsDomainName
                AvPair(info, 3, Utf16(TargetName));             // MsvAvDnsComputerName
                if (sa.Timestamp != null) AvPair(info, 7, sa.Timestamp);   // MsvAvTimestamp
                AvPair(info, 0, Array.Empty<byte>());           // MsvAvEOL
            }
            byte[] name = Utf16(NetbiosDomain);
            var m = new List<byte>();
            m.AddRange("NTLMSSP\0"u8.ToArray());
            m.AddRange(BitConverter.GetBytes(2u));
            int payload = 56;
            m.AddRange(BitConverter.GetBytes((ushort)name.Length)); m.AddRange(BitConverter.GetBytes((ushort)name.Length)); m.AddRange(BitConverter.GetBytes((uint)payload));
            m.AddRange(BitConverter.GetBytes(flags));
            m.AddRange(sa.ServerChallenge);
            m.AddRange(new byte[8]);
            m.AddRange(BitConverter.GetBytes((ushort)info.Count)); m.AddRange(BitConverter.GetBytes((ushort)info.Count)); m.AddRange(BitConverter.GetBytes((uint)(payload + name.Length)));
            m.AddRange(new byte[] { 10, 0, 0x4F, 0x45, 0, 0, 0, 15 });   // Version 10.0.17741, NTLMSSP_REVISION_W2K3
            m.AddRange(name);
            m.AddRange(info);
            return m.ToArray();
        }

        private static byte[] Field(byte[] msg, int at)
        {
            int len = BitConverter.ToUInt16(msg, at);
            int offset = (int)BitConverter.ToUInt32(msg, at + 4);
            if (offset < 0 || offset + len > msg.Length) throw new FormatException("field outside the message");
            return msg.AsSpan(offset, len).ToArray();
        }

        public static byte[] NtOwfV2(string password, string user, string domain)
        {
            byte[] ntHash = Md4.Hash(Utf16(password));
            return HMACMD5.HashData(ntHash, Utf16(user.ToUpperInvariant() + domain));
        }

        private static byte[] Magic(byte[] key, string constant) => MD5.HashData(key.Concat(Encoding.ASCII.GetBytes(constant + "\0")).ToArray());

        /// <summary>The session's signing and sealing keys (MS-NLMP §3.4.5).</summary>
        public sealed class Keys
        {
            public byte[] ClientSign, ClientSeal, ServerSign, ServerSeal;
            public bool KeyExchange;
        }

        private bool VerifyAuthenticate(Association sa, byte[] msg)
        {
            Keys k = Authenticate(msg, sa.ServerChallenge, sa.Timestamp, TimeSpan.FromMinutes(10), id => _accounts.TryGetValue(id, out var pw) ? pw : null, out string identity, out string problem);
            sa.Identity = identity;
            if (k == null)
            {
                Log.Enqueue(problem);
                return false;
            }
            sa.ClientSign = k.ClientSign;
            sa.ClientSeal = k.ClientSeal;
            sa.ServerSign = k.ServerSign;
            sa.ServerSeal = k.ServerSeal;
            sa.KeyExchange = k.KeyExchange;
            sa.LastCnum = 0;
            sa.Snum = 0;
            Log.Enqueue("NTLMv2 response verified for " + identity);
            return true;
        }

        /// <summary>MS-NLMP §3.2.5.1.2 and §3.3.2 on the server: the NTLMv2 response recomputed from
        /// the stored password; then KXKEY, the exported session key, SIGNKEY and SEALKEY (§3.4.5).
        /// Null with the problem when the message does not verify.</summary>
        public static Keys Authenticate(byte[] msg, byte[] serverChallenge, byte[] timestampSent, Func<string, string> passwordOf, out string identity, out string problem)
            => Authenticate(msg, serverChallenge, timestampSent, TimeSpan.Zero, passwordOf, out identity, out problem);

        /// <param name="blobTimeWindow">when no MsvAvTimestamp was sent: how far the blob's time may be from now (zero: not checked)</param>
        public static Keys Authenticate(byte[] msg, byte[] serverChallenge, byte[] timestampSent, TimeSpan blobTimeWindow, Func<string, string> passwordOf, out string identity, out string problem)
        {
            identity = "";
            problem = null;
            try
            {
                if (msg.Length < 64 || !msg.AsSpan(0, 8).SequenceEqual("NTLMSSP\0"u8) || BitConverter.ToUInt32(msg, 8) != 3) { problem = "not an AUTHENTICATE_MESSAGE"; return null; }
                byte[] lm = Field(msg, 12), nt = Field(msg, 20), domain = Field(msg, 28), user = Field(msg, 36), ws = Field(msg, 44), encryptedKey = Field(msg, 52);
                uint flags = BitConverter.ToUInt32(msg, 60);
                string d = Encoding.Unicode.GetString(domain), u = Encoding.Unicode.GetString(user);
                identity = d + "\\" + u;
                string who = $"{identity} (workstation {Encoding.Unicode.GetString(ws)}, flags 0x{flags:x8})";
                if (nt.Length <= 24) { problem = "NTLMv1 response from " + who + ": refused"; return null; }
                string password = passwordOf(identity);
                if (password == null) { problem = "unknown account " + who; return null; }
                byte[] key = NtOwfV2(password, u, d);
                byte[] temp = nt.AsSpan(16).ToArray();
                if (temp[0] != 1 || temp[1] != 1) { problem = "NTLMv2 blob with a wrong RespType"; return null; }
                if (timestampSent != null && !temp.AsSpan(8, 8).SequenceEqual(timestampSent)) { problem = "the blob's time is not the server's MsvAvTimestamp (§3.1.5.1.2)"; return null; }
                if (timestampSent != null && !lm.AsSpan().SequenceEqual(new byte[24])) { problem = "LmChallengeResponse is not Z(24) although MsvAvTimestamp was sent (§3.1.5.1.2)"; return null; }
                if (timestampSent == null && blobTimeWindow > TimeSpan.Zero)
                {
                    // No MsvAvTimestamp: the client's own clock is in the blob (§3.1.5.1.2).
                    var t = DateTime.FromFileTimeUtc(BitConverter.ToInt64(temp, 8));
                    if ((t - DateTime.UtcNow).Duration() > blobTimeWindow) { problem = $"the NTLMv2 blob's time {t:u} is not within {blobTimeWindow} of the server's clock"; return null; }
                }
                byte[] proof = HMACMD5.HashData(key, serverChallenge.Concat(temp).ToArray());
                if (!CryptographicOperations.FixedTimeEquals(proof, nt.AsSpan(0, 16))) { problem = "NTProofStr does not verify: wrong password for " + who; return null; }
                if ((flags & FlagExtendedSessionSecurity) == 0 || (flags & Flag128) == 0) { problem = "no extended session security / 128-bit keys negotiated by " + who; return null; }
                byte[] sessionBaseKey = HMACMD5.HashData(key, proof);
                var k = new Keys { KeyExchange = (flags & FlagKeyExchange) != 0 };
                byte[] exported = k.KeyExchange ? Rc4.Apply(sessionBaseKey, encryptedKey) : sessionBaseKey;
                k.ClientSign = Magic(exported, "session key to client-to-server signing key magic constant");
                k.ServerSign = Magic(exported, "session key to server-to-client signing key magic constant");
                k.ClientSeal = Magic(exported, "session key to client-to-server sealing key magic constant");
                k.ServerSeal = Magic(exported, "session key to server-to-client sealing key magic constant");
                return k;
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                problem = "malformed AUTHENTICATE_MESSAGE: " + e.Message;
                return null;
            }
        }

        /// <summary>MS-NLMP §3.4.4.2 with extended session security, connectionless (§3.4): the
        /// RC4 key of one message is MD5(SealingKey + SeqNum).</summary>
        public static byte[] Mac(byte[] signKey, byte[] sealKey, bool keyExchange, uint seqNum, string buffer)
        {
            byte[] seq = BitConverter.GetBytes(seqNum);
            byte[] checksum = HMACMD5.HashData(signKey, seq.Concat(Encoding.UTF8.GetBytes(buffer)).ToArray()).AsSpan(0, 8).ToArray();
            if (keyExchange) checksum = Rc4.Apply(MD5.HashData(sealKey.Concat(seq).ToArray()), checksum);
            return BitConverter.GetBytes(1u).Concat(checksum).Concat(seq).ToArray();
        }

        private bool VerifyRequestSignature(Association sa, string request, Dictionary<string, string> p)
        {
            if (!p.TryGetValue("cnum", out string cn) || !int.TryParse(cn, NumberStyles.None, CultureInfo.InvariantCulture, out int cnum) || cnum <= sa.LastCnum)
            {
                Log.Enqueue($"cnum {cn} does not follow {sa.LastCnum}");
                return false;
            }
            if (!p.TryGetValue("crand", out string crand) || !p.TryGetValue("response", out string response) || response.Length != 32)
            {
                Log.Enqueue("no crand or 16-byte response");
                return false;
            }
            if (Get(p, "realm") != Realm || Get(p, "targetname") != TargetName) { Log.Enqueue("wrong realm or targetname"); return false; }
            string buffer = SignedBuffer(request, crand, cn, null, null, 0);
            byte[] got = Convert.FromHexString(response);
            uint seqNum = BitConverter.ToUInt32(got, 12);
            byte[] expected = Mac(sa.ClientSign, sa.ClientSeal, sa.KeyExchange, seqNum, buffer);
            if (!CryptographicOperations.FixedTimeEquals(expected, got))
            {
                Log.Enqueue("the request's signature does not verify over " + buffer);
                return false;
            }
            sa.LastCnum = cnum;
            lock (VerifiedSignatures) VerifiedSignatures.Add((cnum, Header(request, "Expires") ?? ""));
            Log.Enqueue($"signature verified: cnum {cnum} SeqNum {seqNum} over {buffer}");
            return true;
        }

        private string Ok(Association sa, string request, string expiresAsked)
        {
            string granted = expiresAsked == "0" ? "0" : GrantedExpires.ToString(CultureInfo.InvariantCulture);
            string srand = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
            string snum = (++sa.Snum).ToString(CultureInfo.InvariantCulture);
            string buffer = SignedBuffer(request, srand, snum, ToTag, granted, 200);
            byte[] sig = Mac(sa.ServerSign, sa.ServerSeal, sa.KeyExchange, SignatureSeqNum, buffer);
            if (Rspauth == ServerSignature.Wrong) sig[5] ^= 0x01;
            string extra = $"Contact: {Header(request, "Contact")};expires={granted}\r\nExpires: {granted}\r\n";
            if (Rspauth != ServerSignature.Missing)
                extra += $"Authentication-Info: NTLM rspauth=\"{Convert.ToHexString(sig)}\", srand=\"{srand}\", snum=\"{snum}\", opaque=\"{sa.Opaque}\", qop=\"auth\", targetname=\"{TargetName}\", realm=\"{Realm}\"\r\n";
            Log.Enqueue($"200 OK, Expires {granted}, rspauth {Rspauth} over {buffer}");
            return Response(request, "200 OK", ToTag, extra);
        }

        /// <summary>MD4 (RFC 1320), for the NT hash; .NET has none.</summary>
        public static class Md4
        {
            public static byte[] Hash(byte[] input)
            {
                uint a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
                int padded = ((input.Length + 8) / 64 + 1) * 64;
                byte[] m = new byte[padded];
                Array.Copy(input, m, input.Length);
                m[input.Length] = 0x80;
                BitConverter.GetBytes((ulong)input.Length * 8).CopyTo(m, padded - 8);
                var x = new uint[16];
                static uint Rol(uint v, int s) => (v << s) | (v >> (32 - s));
                for (int block = 0; block < padded; block += 64)
                {
                    for (int i = 0; i < 16; i++) x[i] = BitConverter.ToUInt32(m, block + 4 * i);
                    uint a = a0, b = b0, c = c0, d = d0;
                    int[] s1 = { 3, 7, 11, 19 }, s2 = { 3, 5, 9, 13 }, s3 = { 3, 9, 11, 15 };
                    for (int i = 0; i < 16; i++)
                    {
                        uint f = (b & c) | (~b & d);
                        uint t = Rol(a + f + x[i], s1[i % 4]);
                        a = d; d = c; c = b; b = t;
                    }
                    for (int i = 0; i < 16; i++)
                    {
                        int k = (i % 4) * 4 + i / 4;
                        uint g = (b & c) | (b & d) | (c & d);
                        uint t = Rol(a + g + x[k] + 0x5a827999, s2[i % 4]);
                        a = d; d = c; c = b; b = t;
                    }
                    int[] order = { 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 };
                    for (int i = 0; i < 16; i++)
                    {
                        uint h = b ^ c ^ d;
                        uint t = Rol(a + h + x[order[i]] + 0x6ed9eba1, s3[i % 4]);
                        a = d; d = c; c = b; b = t;
                    }
                    a0 += a; b0 += b; c0 += c; d0 += d;
                }
                return BitConverter.GetBytes(a0).Concat(BitConverter.GetBytes(b0)).Concat(BitConverter.GetBytes(c0)).Concat(BitConverter.GetBytes(d0)).ToArray();
            }
        }

        /// <summary>RC4 (key scheduling and output as in RFC 6229 §1).</summary>
        public static class Rc4
        {
            public static byte[] Apply(byte[] key, byte[] data)
            {
                var s = new byte[256];
                for (int i = 0; i < 256; i++) s[i] = (byte)i;
                for (int i = 0, j = 0; i < 256; i++)
                {
                    j = (j + s[i] + key[i % key.Length]) & 0xff;
                    (s[i], s[j]) = (s[j], s[i]);
                }
                var r = new byte[data.Length];
                for (int n = 0, i = 0, j = 0; n < data.Length; n++)
                {
                    i = (i + 1) & 0xff;
                    j = (j + s[i]) & 0xff;
                    (s[i], s[j]) = (s[j], s[i]);
                    r[n] = (byte)(data[n] ^ s[(s[i] + s[j]) & 0xff]);
                }
                return r;
            }
        }
    }
}
