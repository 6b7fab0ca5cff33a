#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>Known answers from one real PEAPv0/EAP-MSCHAPv2 exchange, wpa_supplicant 2.10
    /// against hostapd 2.10 with key logging (tests/vectors/peap): MS-CHAPv2 and its MSK from a
    /// real peer, the Crypto-Binding keys (TK, ISK, IMCK, CMK), the server's Compound_MAC checked,
    /// wpa_supplicant's response reproduced byte for byte, and the binding MSK. Then PeapMethod
    /// replays the same inner exchange and must answer exactly as wpa_supplicant did.</summary>
    [TestClass]
    public class PeapCryptoBindingTests
    {
        private const string User = "peapuser";
        private const string Password = "peappass";
        // tests/vectors/peap/wpas-hostapd-peap-keys.txt
        private const string AuthChallenge = "4e473aaf2f9e08027793be7b5d34a74d";
        private const string PeerChallenge = "eade5f59cb2233e6351f681986e5e7c2";
        private const string NtResponse = "19f9f232db64cd935a9090785e1fc3d43d782374e6adf752";
        private const string AuthResponse = "85f4ccc25085d0c0d0b28b51fe4dc57006ac01f4";
        private const string MasterKey = "bf33f08e62e76e80617f6caadd171aa5";
        private const string Isk = "b69a1b64353cf4f372ab8b775fb3ecf3fd48f9720e7b9994dfee2310f47cbbe0";
        private const string TlsKey = "f0c76c18e91f82bf816b319a1d37b19b3cf5b24312c5af24ff2bbdc328723a92174a7df67a060c4a5ff879d66fa95fe034b6af88b21eac8341079b6abb02f2bf";
        private const string Imck = "7003e7a7531aa81f7e03d006fa7d0c02f36af14367b20546140a60ce40d4dfd6c40fb2887128bee7d9964900ebd9db41da1328fdd10ff67484e5cf3b";
        private const string Cmk = "d9964900ebd9db41da1328fdd10ff67484e5cf3b";
        private const string InnerChallenge = "1a0189001c104e473aaf2f9e08027793be7b5d34a74d686f7374617064";
        // wpa_supplicant's inner responses without the EAP header it strips for PEAPv0.
        private const string InnerResponse = "1a0289003e31eade5f59cb2233e6351f681986e5e7c2000000000000000019f9f232db64cd935a9090785e1fc3d43d782374e6adf752007065617075736572";
        private const string InnerSuccess = "1a03890033533d38354634434343323530383544304330443042323842353146453444433537303036414330314634204d3d4f4b";
        private const string InnerSuccessAck = "1a03";
        private const string Extensions = "018b004721800300020001000c003800000000624c06f5080bc3048a5453691ac89c4d4e9cd61c8b555d087cb5acec9ec9e419f4a73d8edf3781043de3610ca2a237274d4d5203";
        private const string ExtensionsResponse = "028b004721800300020001000c003800000001624c06f5080bc3048a5453691ac89c4d4e9cd61c8b555d087cb5acec9ec9e41996a8850bc9b184a0f5dc0b6a0b9b33cdd34174a0";
        private const string BindingMsk = "6ce200270e18afa9e33b407066638e5414e2dcd9aeb9d421b445efb1e3ae439d06be8c854cadf7cb53bab330679abfe811c83a985ed3a9a17c0dbf82a7a7f58b";

        private static byte[] H(string hex) { return Hex.TryParse(hex); }

        [TestMethod]
        public void MsChapV2AgreesWithWpaSupplicant()
        {
            byte[] hash = MsChapV2.NtPasswordHash(Password);
            byte[] nt = MsChapV2.GenerateNtResponse(H(AuthChallenge), H(PeerChallenge), User, hash);
            Expect.Bytes(H(NtResponse), nt, "NT-Response");
            Expect.Bytes(H(AuthResponse), MsChapV2.AuthenticatorResponse(hash, nt, H(PeerChallenge), H(AuthChallenge), User), "authenticator response");
            Expect.Bytes(H(MasterKey), MsChapV2.MasterKey(MsChapV2.HashNtPasswordHash(hash), nt), "master key");
            Expect.Bytes(H(Isk), MsChapV2.PeerMsk(hash, nt), "EAP-MSCHAPv2 MSK (PEAP's ISK)");
        }

        [TestMethod]
        public void BindingKeysMacsAndMskAgreeWithWpaSupplicant()
        {
            byte[] imck = PeapCryptoBinding.Imck(H(TlsKey), H(Isk));
            Expect.Bytes(H(Imck), imck, "IMCK = IPMK || CMK");
            byte[] cmk = PeapCryptoBinding.Cmk(imck);
            Expect.Bytes(H(Cmk), cmk, "CMK");
            byte[] request = H(Extensions);
            int tlv = 4 + 1 + 6;                      // EAP header, Type 33, the Result TLV
            Assert.IsNull(PeapCryptoBinding.CheckRequest(cmk, request, tlv, 0), "hostapd's Compound_MAC verifies");
            byte[] response = PeapCryptoBinding.Response(cmk, request, tlv, 0);
            byte[] expected = H(ExtensionsResponse);
            byte[] tail = new byte[60];
            System.Array.Copy(expected, tlv, tail, 0, 60);
            Expect.Bytes(tail, response, "our Crypto-Binding response = wpa_supplicant's");
            Expect.Bytes(H(BindingMsk), PeapCryptoBinding.Msk(PeapCryptoBinding.Ipmk(imck)), "MSK with the binding (CSK)");
            // Any altered octet of the request's TLV fails the check.
            for (int i = tlv; i < tlv + 60; i++)
            {
                byte[] bad = (byte[])request.Clone();
                bad[i] ^= 0x01;
                Assert.IsNotNull(PeapCryptoBinding.CheckRequest(cmk, bad, tlv, 0), "altered octet " + i.ToString());
            }
            Assert.IsNotNull(PeapCryptoBinding.CheckRequest(cmk, request, tlv, 1), "another version");
            Assert.IsNotNull(PeapCryptoBinding.CheckRequest(cmk, request, request.Length - 10, 0), "short");
        }

        private sealed class Replay
        {
            public readonly FakeTlsTunnelPort Port = new FakeTlsTunnelPort();
            public readonly Outbox O = new Outbox();
            public readonly SupplicantPae S;
            public readonly PeapMethod Peap;
            private int _id = 0x86;

            public Replay(string password)
            {
                Peap = new PeapMethod(Port, null, User, new MsChapV2Method(User, password, new FixedRandom(H(PeerChallenge))));
                S = new SupplicantPae(SupplicantPaeTests.PhoneMac, new EapPeer("anonymous", Peap));
                S.Start(0, O);
                Send(EapType.Identity, null);
                Send(EapType.Peap, new byte[] { 0x21 });
                Records(FakeTlsTunnelPort.Tagged("SRV-HELLO", null));
                Records(FakeTlsTunnelPort.Tagged("SRV-FINISHED", null));
                App(new byte[] { EapType.Identity });
            }

            public int LastId { get { return _id - 1; } }

            public void Send(int type, byte[] data)
            {
                S.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, _id++, type, data), _id, O);
            }

            public void App(byte[] inner) { Records(FakeTlsTunnelPort.Tagged("APP", inner)); }

            /// <summary>A PEAP request with flags 0 and the given "records".</summary>
            public void Records(byte[] d)
            {
                byte[] t = new byte[d.Length + 1];
                System.Array.Copy(d, 0, t, 1, d.Length);
                Send(EapType.Peap, t);
            }

            public byte[] Inner()
            {
                FakeTlsTunnel t = Port.Last;
                return (byte[])t.Written[t.Written.Count - 1];
            }
        }

        [TestMethod]
        public void PeapMethodAnswersExactlyAsWpaSupplicantDid()
        {
            Replay r = new Replay(Password);
            r.Port.ExportedKey = H(TlsKey);           // what an exporting TLS engine would give
            r.App(H(InnerChallenge));
            Expect.Bytes(H(InnerResponse), r.Inner(), "inner MS-CHAPv2 Response");
            r.App(H(InnerSuccess));
            Expect.Bytes(H(InnerSuccessAck), r.Inner(), "inner Success acknowledgement");
            r.App(H(Extensions));
            Expect.Bytes(H(ExtensionsResponse), r.Inner(), "Result TLV and Crypto-Binding TLV");
            Assert.IsTrue(r.Peap.CryptoBindingAnswered);
            r.S.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Success, r.LastId, EapType.None, null), 1000, r.O);
            Assert.AreEqual(Dot1xOutcome.Authenticated, r.S.Outcome, r.S.Summary);
            Expect.Bytes(H(BindingMsk), r.Peap.GetKey(), "MSK");
        }

        [TestMethod]
        public void WithoutAnExporterTheBindingIsLeftUnanswered()
        {
            Replay r = new Replay(Password);
            r.App(H(InnerChallenge));
            r.App(H(InnerSuccess));
            r.App(H(Extensions));
            byte[] expected = new byte[11];
            System.Array.Copy(H(ExtensionsResponse), 0, expected, 0, 11);
            expected[3] = 11;                        // Length without the binding TLV
            Expect.Bytes(expected, r.Inner(), "Result TLV Success alone");
            Assert.IsTrue(r.Peap.CryptoBindingRequested);
            Assert.IsFalse(r.Peap.CryptoBindingAnswered);
        }

        [TestMethod]
        public void AWrongCompoundMacIsRefused()
        {
            Replay r = new Replay(Password);
            r.Port.ExportedKey = H(TlsKey);
            r.App(H(InnerChallenge));
            r.App(H(InnerSuccess));
            byte[] ext = H(Extensions);
            ext[ext.Length - 1] ^= 0xFF;             // the last octet of the server's Compound_MAC
            r.App(ext);
            byte[] answer = r.Inner();
            Assert.AreEqual(11, answer.Length, "no binding TLV in the answer");
            Assert.AreEqual(PeapMethod.ResultFailure, (int)BigEndian.ReadUInt16(answer, 9), "answered Failure");
            r.S.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, r.LastId, EapType.None, null), 1000, r.O);
            Assert.AreEqual(Dot1xOutcome.Failed, r.S.Outcome);
            Expect.Contains(r.S.Summary, "Crypto-Binding: the server's Crypto-Binding Compound_MAC is wrong", "summary");
        }
    }
}
