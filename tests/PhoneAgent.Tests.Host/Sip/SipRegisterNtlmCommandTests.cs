using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli;
using PhoneAgent.Core.Tests.Sip.Auth;

namespace PhoneAgent.Tests.Host.Sip
{
    /// <summary>
    /// `phoneagent sip register` (the real CLI command, run through CliApp.Run) against
    /// ScriptedOcsRegistrar on 127.0.0.1 over UDP and TCP. <b>The peer is a scripted registrar
    /// built from the MS-SIPAE and MS-NLMP message formats, not a real Microsoft OCS/Lync
    /// server</b> (none exists here). It checks the phone's NTLMv2 response and SIP signatures
    /// with its own code (System.Security.Cryptography HMACMD5/MD5, its own MD4 and RC4), never
    /// the core's; its primitives are first checked against MS-NLMP §4.2.4, RFC 1320, RFC 6229
    /// and a real Office Communicator ↔ OCS 2007 R2 exchange.
    /// </summary>
    [TestClass]
    public class SipRegisterNtlmCommandTests
    {
        private const string Password = "Correct-Horse-7";

        // ---- the peer's own primitives on published vectors ----

        [TestMethod]
        public void PeerMd4Rc4AndNtlmV2AgreeWithPublishedVectors()
        {
            // RFC 1320 §A.5.
            Assert.AreEqual("31d6cfe0d16ae931b73c59d7e0c089c0", Hex(ScriptedOcsRegistrar.Md4.Hash(Array.Empty<byte>())));
            Assert.AreEqual("a448017aaf21d8525fc10ae87aa6729d", Hex(ScriptedOcsRegistrar.Md4.Hash("abc"u8.ToArray())));
            Assert.AreEqual("e33b4ddc9c38f2199c3e7b164fcc0536", Hex(ScriptedOcsRegistrar.Md4.Hash(Encoding.ASCII.GetBytes(
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890"))));
            // RFC 6229 §2, 40-bit key 0x0102030405, keystream offset 0.
            Assert.AreEqual("b2396305f03dc027ccc3524a0a1118a8", Hex(ScriptedOcsRegistrar.Rc4.Apply(new byte[] { 1, 2, 3, 4, 5 }, new byte[16])));
            // MS-NLMP §4.2.4 (../shared/vectors/known-answers.md).
            byte[] key = ScriptedOcsRegistrar.NtOwfV2("Password", "User", "Domain");
            Assert.AreEqual("0c868a403bfd7a93a3001ef22ef02e3f", Hex(key));
            byte[] avPairs = Convert.FromHexString("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000");
            byte[] temp = Convert.FromHexString("0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000").Concat(avPairs).Concat(new byte[4]).ToArray();
            byte[] proof = HMACMD5.HashData(key, Convert.FromHexString("0123456789abcdef").Concat(temp).ToArray());
            Assert.AreEqual("68cd0ab851e51c96aabc927bebef6a1c", Hex(proof));
            byte[] sessionBaseKey = HMACMD5.HashData(key, proof);
            Assert.AreEqual("8de40ccadbc14a82f15cb0ad0de95ca3", Hex(sessionBaseKey));
            Assert.AreEqual("c5dad2544fc9799094ce1ce90bc9d03e", Hex(ScriptedOcsRegistrar.Rc4.Apply(sessionBaseKey, Enumerable.Repeat((byte)0x55, 16).ToArray())));
        }

        /// <summary>The peer's server side, fed Microsoft's own messages: Communicator's
        /// AUTHENTICATE_MESSAGE verifies, and the keys it derives reproduce Communicator's REGISTER
        /// signature and OCS's rspauth of the captured 200 OK (tests/vectors/sip-auth).</summary>
        [TestMethod]
        public void PeerVerifiesARealOfficeCommunicatorExchange()
        {
            byte[] challenge = Convert.FromHexString(OcsTraceVectors.ChallengeHex);
            byte[] serverChallenge = challenge.AsSpan(24, 8).ToArray();
            var keys = ScriptedOcsRegistrar.Authenticate(Convert.FromBase64String(OcsTraceVectors.AuthenticateBase64), serverChallenge, null,
                id => id == "COSMO\\User" ? OcsTraceVectors.Password : null, out string identity, out string problem);
            Assert.IsNotNull(keys, problem);
            Assert.AreEqual("COSMO\\User", identity);
            Assert.AreEqual(OcsTraceVectors.RequestSignature, Hex(ScriptedOcsRegistrar.Mac(keys.ClientSign, keys.ClientSeal, keys.KeyExchange, 100, OcsTraceVectors.RequestBuffer)));
            Assert.AreEqual("01000000e615438a917661be64000000", Hex(ScriptedOcsRegistrar.Mac(keys.ServerSign, keys.ServerSeal, keys.KeyExchange, 100, OcsTraceVectors.ResponseBuffer)));
            Assert.IsNull(ScriptedOcsRegistrar.Authenticate(Convert.FromBase64String(OcsTraceVectors.AuthenticateBase64), serverChallenge, null,
                _ => "Pa$$w0rd", out _, out problem), "another password");
            StringAssert.Contains(problem, "NTProofStr does not verify");
        }

        // ---- the CLI against the peer ----

        private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();

        private static int FreeUdpPort()
        {
            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)s.LocalEndPoint!).Port;
        }

        private static (int Exit, string Output) Register(ScriptedOcsRegistrar peer, string password, string transport, params string[] more)
        {
            string file = Path.GetTempFileName();
            File.WriteAllText(file, password + "\n");
            try
            {
                int port = transport == "tcp" ? peer.TcpPort : peer.UdpPort;
                var args = new[]
                {
                    "sip", "register", "--registrar", $"sip:127.0.0.1:{port};transport={transport}", "--user", "alice", "--domain", "contoso.test",
                    "--password-file", file, "--auth-domain", "CONTOSO", "--workstation", "PHONE-7", "--local-port", FreeUdpPort().ToString(),
                }.Concat(more).ToArray();
                var o = new StringWriter();
                var e = new StringWriter();
                int exit = CliApp.Run(args, o, e);
                string output = o + e.ToString();
                Assert.IsFalse(output.Contains(password, StringComparison.Ordinal), "the password is never printed");
                output += "\n--- peer ---\n" + string.Join("\n", peer.Log);
                Console.WriteLine(output);
                return (exit, output);
            }
            finally { File.Delete(file); }
        }

        private static ScriptedOcsRegistrar NewPeer()
        {
            var peer = new ScriptedOcsRegistrar();
            peer.AddAccount("CONTOSO", "alice", Password);
            return peer;
        }

        [TestMethod]
        public void RegistersOverUdpInTwoNtlmRounds()
        {
            using var peer = NewPeer();
            var (exit, output) = Register(peer, Password, "udp", "--once");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "REGISTERED: alice@contoso.test for 600 s");
            Assert.AreEqual(3, peer.Registers, output);
            Assert.AreEqual(1, peer.VerifiedResponses, output);
            CollectionAssert.AreEqual(new[] { (1, "3600") }, peer.VerifiedSignatures.ToArray(), output);
            StringAssert.Contains(output, "rspauth) verifies");
            StringAssert.Contains(output, "NTLMv2 response verified for CONTOSO\\alice");
        }

        [TestMethod]
        public void RegistersOverTcpWithoutATimestampInTheChallenge()
        {
            using var peer = NewPeer();
            peer.SendTimestamp = false;   // as OCS 2007 R2 on Windows Server 2003: the phone's clock goes into the blob
            var (exit, output) = Register(peer, Password, "tcp", "--once");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "over TCP");
            Assert.AreEqual(1, peer.VerifiedResponses, output);
            Assert.AreEqual(1, peer.VerifiedSignatures.Count, output);
        }

        [TestMethod]
        public void WrongPasswordIsDiagnosedWithTheAccount()
        {
            using var peer = NewPeer();
            var (exit, output) = Register(peer, "Incorrect-Horse-8", "udp", "--once");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "NOT REGISTERED: 401 Unauthorized from 127.0.0.1");
            StringAssert.Contains(output, "the registrar refused the NTLMv2 response for CONTOSO\\alice: wrong password, or the account");
            StringAssert.Contains(output, "NTProofStr does not verify: wrong password for CONTOSO\\alice", "the peer, not the phone, decided");
            Assert.AreEqual(3, peer.Registers, output);
        }

        [TestMethod]
        public void WrongOrMissingServerSignatureIsRefusedByThePhone()
        {
            using (var peer = NewPeer())
            {
                peer.Rspauth = ScriptedOcsRegistrar.ServerSignature.Wrong;
                var (exit, output) = Register(peer, Password, "udp", "--once");
                Assert.AreEqual(1, exit, output);
                Assert.AreEqual(1, peer.VerifiedResponses, "the registrar accepted the phone: " + output);
                StringAssert.Contains(output, "NOT REGISTERED: 200 OK from 127.0.0.1");
                StringAssert.Contains(output, "signature (rspauth) does not verify");
                StringAssert.Contains(output, "an impostor, or a proxy that rewrote the message");
            }
            using (var peer = NewPeer())
            {
                peer.Rspauth = ScriptedOcsRegistrar.ServerSignature.Missing;
                var (exit, output) = Register(peer, Password, "udp", "--once");
                Assert.AreEqual(1, exit, output);
                StringAssert.Contains(output, "carries no Authentication-Info with the registrar's NTLM signature (rspauth)");
            }
        }

        [TestMethod]
        public void NtlmV1OnlyRegistrarIsRefused()
        {
            using var peer = NewPeer();
            peer.NtlmV1Only = true;
            var (exit, output) = Register(peer, Password, "udp", "--once");
            Assert.AreEqual(1, exit, output);
            StringAssert.Contains(output, "NOT REGISTERED: the registrar demands NTLMv1/LM");
            Assert.AreEqual(2, peer.Registers, "no AUTHENTICATE_MESSAGE: " + output);
        }

        /// <summary>Granted 2 s, so the refresh comes after 1.6..1.8 s of real time and the run
        /// stops after 4 s: every later request is signed with the next cnum and verified by the peer.</summary>
        [TestMethod]
        public void RefreshesAndTheUnregisterAreSignedWithTheNextCnum()
        {
            using var peer = NewPeer();
            peer.GrantedExpires = 2;
            var (exit, output) = Register(peer, Password, "udp", "--timeout", "4");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "un-registered");
            var signed = peer.VerifiedSignatures.ToArray();
            Assert.IsTrue(signed.Length >= 3, "REGISTER, at least one refresh, un-REGISTER: " + output);
            for (int i = 0; i < signed.Length; i++) Assert.AreEqual(i + 1, signed[i].Cnum, "cnum " + (i + 1) + ": " + output);
            Assert.AreEqual("0", signed[^1].Expires, "the last signed request is the un-REGISTER: " + output);
            Assert.IsTrue(signed.Take(signed.Length - 1).All(s => s.Expires == "3600"), output);
            Assert.AreEqual(1, peer.VerifiedResponses, "one association for the whole run: " + output);
            Assert.AreEqual(signed.Length + 2, peer.Registers, output);
        }
    }
}
