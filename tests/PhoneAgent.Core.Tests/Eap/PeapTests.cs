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
    /// <summary>PEAPv0/EAP-MSCHAPv2 through the RFC 4137 peer and the 802.1X supplicant, the test
    /// playing the server, with a scripted TLS stand-in (FakeTlsTunnelPort) in place of real TLS:
    /// version negotiation, fragments both ways, the compressed inner packets, the Result TLV,
    /// the diagnoses (inner 691, untrusted server, impostor). Real TLS against hostapd and
    /// FreeRADIUS: the lab tests (PeapLabTests).</summary>
    [TestClass]
    public class PeapTests
    {
        private const string Outer = "anonymous";
        private const string User = "User";
        private const string Password = "clientPass";
        private static readonly byte[] AuthChallenge = Hex.TryParse("5b5d7c7d7b3f2f3e3c2c602132262628");
        private static readonly byte[] PeerChallenge = Hex.TryParse("21402324255e262a28295f2b3a337c7e");
        private const string Sgood = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

        private sealed class Run
        {
            public readonly FakeTlsTunnelPort Port = new FakeTlsTunnelPort();
            public readonly Outbox O = new Outbox();
            public SupplicantPae S;
            public PeapMethod Peap;
            public int Id = 1;
            public long Now = 0;

            public Run(string password)
            {
                Peap = new PeapMethod(Port, "radius.lab.test", User, new MsChapV2Method(User, password, new FixedRandom(PeerChallenge)));
                S = new SupplicantPae(SupplicantPaeTests.PhoneMac, new EapPeer(Outer, Peap));
                S.Start(Now, O);
                Send(EapType.Identity, null);
            }

            public void Send(int type, byte[] data)
            {
                Now += 10;
                S.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, Id++, type, data), Now, O);
            }

            public void SendPeap(int flags, byte[] data)
            {
                byte[] d = new byte[1 + (data == null ? 0 : data.Length)];
                d[0] = (byte)flags;
                if (data != null) System.Array.Copy(data, 0, d, 1, data.Length);
                Send(EapType.Peap, d);
            }

            public void End(int code)
            {
                Now += 10;
                S.OnFrame(SupplicantPaeTests.FromSwitch(code, Id - 1, EapType.None, null), Now, O);
            }

            public int Frames { get { return O.FrameCount; } }

            public EapPacket Last()
            {
                EapolFrame f = SupplicantPaeTests.Decode(O.FrameAt(O.FrameCount - 1));
                EapPacket p;
                string reason;
                Assert.IsTrue(EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out reason), reason);
                return p;
            }

            /// <summary>The last inner response the method wrote into the tunnel.</summary>
            public byte[] Inner()
            {
                FakeTlsTunnel t = Port.Last;
                Assert.IsTrue(t.Written.Count > 0, "no inner response");
                return (byte[])t.Written[t.Written.Count - 1];
            }

            /// <summary>Start, the handshake, and the inner Identity.</summary>
            public void ThroughHandshake()
            {
                SendPeap(0x21, null);                                 // S + version 1 (hostapd offers 1)
                Assert.AreEqual(0, Last().TypeData[0] & 0x07, "we answer with version 0");
                SendPeap(0x00, FakeTlsTunnelPort.Tagged("SRV-HELLO", new byte[40]));
                Assert.IsTrue(FakeTlsTunnelPort.StartsWith(Tail(Last().TypeData), "KEYX"), "client key exchange sent");
                SendPeap(0x00, FakeTlsTunnelPort.Tagged("SRV-FINISHED", null));
                Expect.Bytes(new byte[] { 0x00 }, Last().TypeData, "the Finished is acknowledged with an empty PEAP response");
                App(new byte[] { EapType.Identity });             // compressed inner Identity request
                Expect.Bytes(Ascii.GetBytes("\u0001" + User), Inner(), "compressed inner Identity response");
                Assert.IsTrue(FakeTlsTunnelPort.StartsWith(Tail(Last().TypeData), "APP"), "sent through the tunnel");
            }

            public void App(byte[] inner) { SendPeap(0x00, FakeTlsTunnelPort.Tagged("APP", inner)); }

            public void MsChap(byte[] msTypeData)
            {
                byte[] d = new byte[1 + msTypeData.Length];
                d[0] = EapType.MsChapV2;
                System.Array.Copy(msTypeData, 0, d, 1, msTypeData.Length);
                App(d);
            }

            public void Result(int status, bool withCryptoBinding)
            {
                int len = 4 + 1 + 6 + (withCryptoBinding ? 60 : 0);
                byte[] p = new byte[len];
                p[0] = EapCode.Request;
                p[1] = 0x33;
                BigEndian.WriteUInt16(p, 2, len);
                p[4] = PeapMethod.TypeExtensions;
                p[5] = 0x80;
                p[6] = PeapMethod.TlvResult;
                BigEndian.WriteUInt16(p, 7, 2);
                BigEndian.WriteUInt16(p, 9, status);
                if (withCryptoBinding)
                {
                    BigEndian.WriteUInt16(p, 11, PeapMethod.TlvCryptoBinding);
                    BigEndian.WriteUInt16(p, 13, 56);
                }
                App(p);
            }
        }

        private static byte[] Tail(byte[] typeData)
        {
            byte[] r = new byte[typeData.Length - 1];
            System.Array.Copy(typeData, 1, r, 0, r.Length);
            return r;
        }

        [TestMethod]
        public void PeapV0WithMsChapV2Authenticates()
        {
            Run r = new Run(Password);
            r.ThroughHandshake();
            Assert.AreEqual("radius.lab.test", r.Port.LastServerName, "the server name goes to the port for the certificate check");
            r.MsChap(MsChapV2Tests.ChallengeData(0x10, AuthChallenge, "hostapd"));
            byte[] resp = r.Inner();
            Assert.AreEqual(EapType.MsChapV2, (int)resp[0], "compressed: the Type first, no EAP header");
            Assert.AreEqual(MsChapV2Method.OpResponse, (int)resp[1]);
            byte[] nt = new byte[24];
            System.Array.Copy(resp, 1 + 29, nt, 0, 24);
            Expect.Bytes(Hex.TryParse("82309ecd8d708b5ea08faa3981cd83544233114a3d85d6df"), nt, "RFC 2759 §9.2 NT-Response inside the tunnel");
            r.MsChap(MsChapV2Tests.TextData(MsChapV2Method.OpSuccess, 0x10, Sgood + " M=OK"));
            Expect.Bytes(new byte[] { EapType.MsChapV2, MsChapV2Method.OpSuccess }, r.Inner(), "Success acknowledged");
            r.Result(PeapMethod.ResultSuccess, true);
            byte[] result = r.Inner();
            Expect.Bytes(Expected(0x33, PeapMethod.ResultSuccess), result, "full-header Extensions response with Result Success");
            Assert.IsTrue(r.Peap.CryptoBindingRequested);
            r.End(EapCode.Success);
            Assert.AreEqual(Dot1xOutcome.Authenticated, r.S.Outcome, r.S.Summary);
            Expect.Contains(r.S.Summary, "authenticated as 'anonymous' with PEAP", "summary");
            Assert.AreEqual("TLSv1.2", r.Peap.TlsVersion);
            Assert.IsFalse(r.Peap.IsKeyAvailable, "no exporter in the fake: no MSK");
        }

        private static byte[] Expected(int id, int status)
        {
            byte[] e = new byte[11];
            e[0] = EapCode.Response;
            e[1] = (byte)id;
            BigEndian.WriteUInt16(e, 2, 11);
            e[4] = 33;
            e[5] = 0x80;
            e[6] = 3;
            BigEndian.WriteUInt16(e, 7, 2);
            BigEndian.WriteUInt16(e, 9, status);
            return e;
        }

        [TestMethod]
        public void WrongPasswordEndsWithTheInner691Diagnosis()
        {
            Run r = new Run("not-" + Password);
            r.ThroughHandshake();
            r.MsChap(MsChapV2Tests.ChallengeData(0x10, AuthChallenge, "hostapd"));
            r.MsChap(MsChapV2Tests.TextData(MsChapV2Method.OpFailure, 0x10, "E=691 R=0 C=00112233445566778899aabbccddeeff V=3 M=FAILED"));
            Expect.Bytes(new byte[] { EapType.MsChapV2, MsChapV2Method.OpFailure }, r.Inner(), "Failure acknowledged inside the tunnel");
            r.Result(PeapMethod.ResultFailure, false);
            Expect.Bytes(Expected(0x33, PeapMethod.ResultFailure), r.Inner(), "Result Failure answered");
            r.End(EapCode.Failure);
            Assert.AreEqual(Dot1xOutcome.Failed, r.S.Outcome);
            Expect.Contains(r.S.Summary, "EAP-Failure after PEAP: the RADIUS server refused identity 'anonymous' (inside the tunnel: wrong password (or unknown user): MS-CHAPv2 error 691", "summary");
            Expect.NotContains(r.S.Summary, Password, "summary");
        }

        [TestMethod]
        public void ResultFailureWithoutAnMsChapFailureSaysSo()
        {
            // FreeRADIUS's default (mschapv2 send_error = no): no E= code, the Result TLV alone.
            Run r = new Run("not-" + Password);
            r.ThroughHandshake();
            r.MsChap(MsChapV2Tests.ChallengeData(0x10, AuthChallenge, "freeradius-3.2.1"));
            r.Result(PeapMethod.ResultFailure, false);
            Expect.Bytes(Expected(0x33, PeapMethod.ResultFailure), r.Inner(), "Result Failure answered");
            r.End(EapCode.Failure);
            Expect.Contains(r.S.Summary, "(inside the tunnel: the server refused our MS-CHAPv2 response without an error code: wrong password or unknown user?)", "summary");
        }

        [TestMethod]
        public void ResultSuccessWithoutInnerSuccessIsRefused()
        {
            Run r = new Run(Password);
            r.ThroughHandshake();
            r.Result(PeapMethod.ResultSuccess, false);
            Expect.Bytes(Expected(0x33, PeapMethod.ResultFailure), r.Inner(), "answered Failure");
            r.End(EapCode.Success);
            Assert.IsFalse(r.S.PortAuthorized, "an EAP-Success after our Failure does not authorize");
            Assert.AreEqual(Dot1xOutcome.Failed, r.S.Outcome);
        }

        [TestMethod]
        public void UntrustedServerCertificateFailsWithThePortsReason()
        {
            Run r = new Run(Password);
            r.SendPeap(0x21, null);
            int frames = r.Frames;
            r.SendPeap(0x00, FakeTlsTunnelPort.Tagged("BADCERT", null));
            Assert.AreEqual(frames, r.Frames, "nothing more sent");
            Assert.AreEqual(Dot1xOutcome.Failed, r.S.Outcome);
            Expect.Contains(r.S.Summary, "PEAP failed on the phone's side for identity 'anonymous': the TLS handshake with the authentication server failed; the phone's TLS engine says: certificate refused (UntrustedRoot)", "summary");
            Assert.IsTrue(r.Port.Last.Closed, "tunnel closed");
        }

        [TestMethod]
        public void AlertOfARefusedHandshakeIsSentThenTheFailureExplained()
        {
            Run r = new Run(Password);
            r.Port.AlertOnFailure = true;
            r.SendPeap(0x21, null);
            r.SendPeap(0x00, FakeTlsTunnelPort.Tagged("BADCERT", null));
            Assert.IsTrue(FakeTlsTunnelPort.StartsWith(Tail(r.Last().TypeData), "ALERT"), "the alert goes to the server");
            r.End(EapCode.Failure);
            Assert.AreEqual(Dot1xOutcome.Failed, r.S.Outcome);
            Expect.Contains(r.S.Summary, "certificate refused (UntrustedRoot)", "summary");
        }

        [TestMethod]
        public void ImpostorInsideTheTunnelEndsWithoutAnswer()
        {
            Run r = new Run(Password);
            r.ThroughHandshake();
            r.MsChap(MsChapV2Tests.ChallengeData(0x10, AuthChallenge, ""));
            int frames = r.Frames;
            r.MsChap(MsChapV2Tests.TextData(MsChapV2Method.OpSuccess, 0x10, "S=0000000000000000000000000000000000000000"));
            Assert.AreEqual(frames, r.Frames, "no answer");
            Assert.AreEqual(Dot1xOutcome.Failed, r.S.Outcome);
            Expect.Contains(r.S.Summary, "impostor", "summary");
        }

        [TestMethod]
        public void OtherInnerMethodsAreNakedAndFullHeaderIdentityIsTaken()
        {
            Run r = new Run(Password);
            r.ThroughHandshake();
            r.App(new byte[] { EapType.Gtc, 0x41 });
            Expect.Bytes(new byte[] { EapType.Nak, EapType.MsChapV2 }, r.Inner(), "inner Nak proposing MSCHAPv2");
            r.App(new byte[] { EapCode.Request, 7, 0, 5, EapType.Identity }); // FreeRADIUS's full-header Identity
            Expect.Bytes(Ascii.GetBytes("\u0001" + User), r.Inner(), "answered compressed");
        }

        [TestMethod]
        public void FragmentsAreSentAndReassembled()
        {
            Run r = new Run(Password);
            r.Port.HelloSize = 3000;
            r.SendPeap(0x21, null);
            EapPacket p = r.Last();
            Assert.AreEqual(EapTlsFraming.FlagLengthIncluded | EapTlsFraming.FlagMoreFragments, (int)p.TypeData[0], "first fragment: L and M, version 0");
            Assert.AreEqual(3000u, BigEndian.ReadUInt32(p.TypeData, 1));
            int got = p.TypeData.Length - 5;
            Assert.AreEqual(EapTlsFraming.DefaultFragmentSize, got);
            r.SendPeap(0x00, null);                                   // the server's ACK
            p = r.Last();
            Assert.AreEqual(EapTlsFraming.FlagMoreFragments, (int)p.TypeData[0]);
            got += p.TypeData.Length - 1;
            r.SendPeap(0x00, null);
            p = r.Last();
            Assert.AreEqual(0, (int)p.TypeData[0], "last fragment: no flags");
            got += p.TypeData.Length - 1;
            Assert.AreEqual(3000, got);
            // The server's flight in two fragments: the first acknowledged, then our answer.
            byte[] flight = FakeTlsTunnelPort.Tagged("SRV-HELLO", new byte[2000]);
            byte[] a = new byte[4 + 1200];
            BigEndian.WriteUInt32(a, 0, (uint)flight.Length);
            System.Array.Copy(flight, 0, a, 4, 1200);
            r.SendPeap(EapTlsFraming.FlagLengthIncluded | EapTlsFraming.FlagMoreFragments | 1, a);
            Expect.Bytes(new byte[] { 0x00 }, r.Last().TypeData, "fragment acknowledged");
            byte[] b = new byte[flight.Length - 1200];
            System.Array.Copy(flight, 1200, b, 0, b.Length);
            r.SendPeap(0x00, b);
            Assert.IsTrue(FakeTlsTunnelPort.StartsWith(Tail(r.Last().TypeData), "KEYX"), "whole flight reached TLS");
        }

        [TestMethod]
        public void PortWithoutTlsFailsTheMethodWithItsReason()
        {
            Run r = new Run(Password);
            r.Port.RefuseOpen = true;
            r.SendPeap(0x21, null);
            Assert.AreEqual(Dot1xOutcome.Failed, r.S.Outcome);
            Expect.Contains(r.S.Summary, "cannot start TLS for PEAP on this platform: no TLS engine for EAP on this platform", "summary");
        }

        [TestMethod]
        public void MskComesFromThePortsExporter()
        {
            Run r = new Run(Password);
            r.Port.ExportedKey = new byte[64];
            r.ThroughHandshake();
            r.MsChap(MsChapV2Tests.ChallengeData(1, AuthChallenge, ""));
            r.MsChap(MsChapV2Tests.TextData(MsChapV2Method.OpSuccess, 1, Sgood));
            r.Result(PeapMethod.ResultSuccess, false);
            r.End(EapCode.Success);
            Assert.AreEqual(Dot1xOutcome.Authenticated, r.S.Outcome, r.S.Summary);
            Assert.IsTrue(r.S.Peer.EapKeyAvailable, "eapKeyAvailable with the MSK");
        }

        [TestMethod]
        public void MalformedPeapRequestsNeverThrow()
        {
            SeededRandom rnd = new SeededRandom(25);
            for (int i = 0; i < 300; i++)
            {
                Run r = new Run(Password);
                if (rnd.Next(2) == 0) r.ThroughHandshake();
                byte[] b = new byte[rnd.Next(40)];
                rnd.NextBytes(b);
                r.Send(EapType.Peap, b);
                byte[] inner = new byte[rnd.Next(30)];
                rnd.NextBytes(inner);
                if (inner.Length > 0 && rnd.Next(2) == 0) inner[0] = PeapMethod.TypeExtensions;
                r.App(inner);
            }
        }
    }
}
