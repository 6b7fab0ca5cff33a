#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>EapTlsMethod inside the real SupplicantPae and EapPeer, with a scripted TLS
    /// engine in place of the platform's: the conversation has the shape of the captured one
    /// (tests/vectors/eapol/eap-tls-1398.pcap: Start; the server's 2207 octets as 1393 + 814;
    /// our 2043 as 1398 + 645; the server's 51; an ACK; Success), and each way it can fail
    /// ends with the diagnosis the administrator reads.</summary>
    [TestClass]
    public class EapTlsMethodTests
    {
        private const string Identity = "phone1.lab.test";

        /// <summary>A TLS engine that answers by script: ClientHello on open, the client's
        /// second flight after the server's first, Established after the second.</summary>
        private sealed class ScriptedTunnel : ITlsTunnel
        {
            public int Flights;
            public byte[] Hello = Pattern(184, 0x16);
            public byte[] SecondFlight = Pattern(2043, 0x16);
            /// <summary>Fail after this server flight (1 or 2); 0: never.</summary>
            public int FailAt;
            public string FailReason = "";
            public byte[] FailOutput;
            public byte[] Keying;
            public int Received;
            private byte[] _out;
            private int _state = TlsTunnelState.Handshaking;
            private string _failure = "";
            public bool Closed;

            public ScriptedTunnel() { _out = Hello; }

            public int State { get { return _state; } }
            public string FailureReason { get { return _failure; } }
            public void Receive(byte[] data, int offset, int count)
            {
                Flights++;
                Received += count;
                if (Flights == FailAt)
                {
                    _state = TlsTunnelState.Failed;
                    _failure = FailReason;
                    _out = FailOutput;
                    return;
                }
                if (Flights == 1) _out = SecondFlight;
                if (Flights == 2) _state = TlsTunnelState.Established;
            }
            public byte[] TakeOutgoing() { byte[] o = _out; _out = null; return o; }
            public void Write(byte[] data, int offset, int count) { }
            public byte[] TakeIncoming() { return null; }
            public byte[][] PeerCertificates { get { return new byte[][] { new byte[1], new byte[1] }; } }
            public string Protocol { get { return _state == TlsTunnelState.Established ? "TLSv1.2" : null; } }
            public byte[] ExportKeyingMaterial(string label, int length)
            {
                Assert.AreEqual("client EAP encryption", label);
                return Keying;
            }
            public void Close() { Closed = true; if (_state != TlsTunnelState.Failed) _state = TlsTunnelState.Closed; }
        }

        private sealed class ScriptedPort : ITlsTunnelPort
        {
            public ScriptedTunnel Next = new ScriptedTunnel();
            public ScriptedTunnel Last;
            public string ServerName;
            public byte[] Certificate;
            public string Refuse;
            public int Opens;

            public ITlsTunnel Open(string serverName, byte[] clientCertificateDer, byte[] clientKeyDer, out string reason)
            {
                Opens++;
                ServerName = serverName;
                Certificate = clientCertificateDer;
                reason = Refuse;
                if (Refuse != null) return null;
                Last = Next;
                Next = new ScriptedTunnel();
                return Last;
            }
        }

        private static byte[] Pattern(int n, int first)
        {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte)(i * 13 + 1);
            b[0] = (byte)first;
            return b;
        }

        private static byte[] Fragment(int flags, int declared, byte[] data, int from, int n)
        {
            bool l = (flags & EapTlsFraming.FlagLengthIncluded) != 0;
            byte[] r = new byte[1 + (l ? 4 : 0) + n];
            r[0] = (byte)flags;
            if (l) PhoneAgent.Core.Util.BigEndian.WriteUInt32(r, 1, (uint)declared);
            System.Array.Copy(data, from, r, l ? 5 : 1, n);
            return r;
        }

        private static EapPacket LastEap(Outbox o)
        {
            EapolFrame f = SupplicantPaeTests.Decode(o.FrameAt(o.FrameCount - 1));
            EapPacket p;
            string reason;
            Assert.IsTrue(EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out reason), reason);
            return p;
        }

        private static string Notes(Outbox o)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < o.NoteCount; i++) { sb.Append(o.NoteAt(i).Text); sb.Append('\n'); }
            return sb.ToString();
        }

        private static void Contains(string haystack, string needle)
        {
            Assert.IsTrue(haystack.IndexOf(needle) >= 0, "expected \"" + needle + "\" in: " + haystack);
        }

        private static SupplicantPae Supplicant(EapTlsMethod m)
        {
            return new SupplicantPae(SupplicantPaeTests.PhoneMac, new EapPeer(Identity, m));
        }

        private static void Send(SupplicantPae s, Outbox o, int id, byte[] typeData)
        {
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, id, EapType.Tls, typeData), id * 10, o);
        }

        /// <summary>Identity, Start, and the server's 2207 octets as hostapd sends them; returns
        /// the server flight for checks.</summary>
        private static byte[] ThroughServerFlight(SupplicantPae s, Outbox o)
        {
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            Send(s, o, 2, new byte[] { 0x20 });
            EapPacket hello = LastEap(o);
            Assert.AreEqual(EapType.Tls, hello.Type);
            Assert.AreEqual(1 + 184, hello.TypeData.Length, "ClientHello unfragmented, flags 0");
            Assert.AreEqual(0, (int)hello.TypeData[0]);
            byte[] flight = Pattern(2207, 0x16);
            Send(s, o, 3, Fragment(0xC0, 2207, flight, 0, 1393));
            Expect.Bytes(new byte[] { 0 }, LastEap(o).TypeData, "ACK of fragment 1");
            Send(s, o, 4, Fragment(0x00, 0, flight, 1393, 814));
            return flight;
        }

        [TestMethod]
        public void CapturedShapeAuthenticates()
        {
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            port.Next.Keying = Pattern(128, 0x55);
            byte[] cert = new byte[] { 0x30, 0x00 };
            EapTlsMethod m = new EapTlsMethod(port, "radius.lab.test", cert, new byte[] { 1 });
            SupplicantPae s = Supplicant(m);
            ThroughServerFlight(s, o);
            Assert.AreEqual("radius.lab.test", port.ServerName);
            Assert.AreEqual(2207, port.Last.Received, "the reassembled flight went to the engine at once");
            EapPacket first = LastEap(o);
            Assert.AreEqual(1 + 4 + 1398, first.TypeData.Length, "our flight's first fragment");
            Assert.AreEqual(0xC0, (int)first.TypeData[0]);
            Send(s, o, 5, new byte[] { 0x00 }); // the server's ACK
            EapPacket second = LastEap(o);
            Assert.AreEqual(1 + 645, second.TypeData.Length);
            Assert.AreEqual(0x00, (int)second.TypeData[0]);
            Assert.AreEqual(EapMethodState.MayCont, s.Peer.MethodState, "MAY_CONT, FAIL during the handshake (as wpa_supplicant)");
            Assert.AreEqual(EapDecision.Fail, s.Peer.Decision);

            // EAP-Success now would be early: the tunnel is not established (decision FAIL).
            Send(s, o, 6, Fragment(0x00, 0, Pattern(51, 0x14), 0, 51));
            Expect.Bytes(new byte[] { 0 }, LastEap(o).TypeData, "ACK after the server's Finished");
            Assert.IsTrue(m.Established);
            Assert.AreEqual(EapDecision.CondSucc, s.Peer.Decision);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Success, 6, EapType.None, null), 70, o);
            Assert.AreEqual(Dot1xOutcome.Authenticated, s.Outcome, s.Summary + "\n" + Notes(o));
            Assert.AreEqual("authenticated as '" + Identity + "' with EAP-TLS by 7a:2f:5a:2a:ee:f1: port authorized", s.Summary);
            Assert.IsTrue(s.Peer.EapKeyAvailable);
            Assert.AreEqual(64, s.Peer.EapKeyData.Length, "MSK = the first 64 octets (RFC 5216 §2.3)");
            Assert.AreEqual(0x55, (int)s.Peer.EapKeyData[0]);
            Assert.AreEqual(7, o.FrameCount, "Start, Identity, ClientHello, ACK, two fragments, ACK: as in the capture");
            string notes = Notes(o);
            Contains(notes, "TLS handshake complete (TLSv1.2, 2 server certificates validated, MSK exported)");
        }

        [TestMethod]
        public void EarlySuccessIsRefused()
        {
            Outbox o = new Outbox();
            EapTlsMethod m = new EapTlsMethod(new ScriptedPort(), null, null, null);
            SupplicantPae s = Supplicant(m);
            ThroughServerFlight(s, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Success, 4, EapType.None, null), 50, o);
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome, "decision FAIL until the tunnel is established");
            Assert.IsFalse(s.PortAuthorized);
            Contains(s.Summary, "EAP-Success before EAP-TLS finished: not accepted");
        }

        [TestMethod]
        public void UntrustedServerSendsOurAlertThenFails()
        {
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            port.Next.FailAt = 1;
            port.Next.FailReason = "untrusted server certificate (missing-issuer): no trust anchor for \"CN=Lab Issuing CA\"";
            port.Next.FailOutput = new byte[] { 21, 3, 3, 0, 2, 2, 48 };
            SupplicantPae s = Supplicant(new EapTlsMethod(port, "radius.lab.test", null, null));
            ThroughServerFlight(s, o);
            Expect.Bytes(new byte[] { 0, 21, 3, 3, 0, 2, 2, 48 }, LastEap(o).TypeData, "our unknown_ca alert goes to the server");
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, 4, EapType.None, null), 50, o);
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Assert.AreEqual("EAP-Failure after EAP-TLS for identity '" + Identity + "': TLS handshake failed: " + port.Last.FailReason, s.Summary);
        }

        [TestMethod]
        public void ServerAlertAboutOurCertificateIsTheDiagnosis()
        {
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            port.Next.FailAt = 2;
            port.Next.FailReason = "SSL Handshake failed: sslv3 alert certificate expired";
            SupplicantPae s = Supplicant(new EapTlsMethod(port, "radius.lab.test", new byte[] { 0x30, 0 }, new byte[] { 1 }));
            ThroughServerFlight(s, o);
            Send(s, o, 5, new byte[] { 0x00 });
            // hostapd: the fatal alert in clear text (level 2, certificate_expired 45).
            Send(s, o, 6, new byte[] { 0x00, 21, 3, 3, 0, 2, 2, 45 });
            Expect.Bytes(new byte[] { 0 }, LastEap(o).TypeData, "the alert is acknowledged (RFC 5216 §2.1.3)");
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, 6, EapType.None, null), 70, o);
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Contains(s.Summary, "EAP-Failure after EAP-TLS for identity '" + Identity + "': the server refused the phone's certificate: " +
                "TLS alert certificate_expired (45) from the server (renew the phone's certificate, or check the server's clock)");
        }

        [TestMethod]
        public void BareFailureAfterOurCertificateNamesIt()
        {
            // hostapd refuses an expired client certificate with EAP-Failure, no alert.
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            ScepKeyPair k = TestRsaKeys.Phone1;
            byte[] name = new X509NameBuilder().Add(X509NameBuilder.OidCommonName, Identity).ToDer();
            byte[] leaf = CertificateBuilder.SelfSigned(name, k.Modulus, k.Exponent, k.Key, HashAlgorithm.Sha256Name, ScepTestCa.Now, 30, new SeededRandom(9));
            SupplicantPae s = Supplicant(new EapTlsMethod(port, null, leaf, new byte[] { 1 }));
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            Send(s, o, 2, new byte[] { 0x20 });
            // One clear-text handshake record: ServerHello (2 octets of body), CertificateRequest (1), ServerHelloDone.
            byte[] flight = new byte[] { 22, 3, 3, 0, 15, 2, 0, 0, 2, 3, 3, 13, 0, 0, 1, 0, 14, 0, 0, 0 };
            Send(s, o, 3, Fragment(0x00, 0, flight, 0, flight.Length));
            Assert.AreEqual(1 + 4 + 1398, LastEap(o).TypeData.Length, "our certificate flight");
            Send(s, o, 4, new byte[] { 0x00 });
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, 4, EapType.None, null), 50, o);
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome, "a Failure is taken at once (MAY_CONT), not after authWhile");
            Contains(s.Summary, "EAP-Failure after EAP-TLS for identity '" + Identity + "': the server refused the phone's certificate " +
                "(EAP-Failure right after the phone sent it, without a TLS alert): the phone's certificate \"");
            Contains(s.Summary, "the phone's certificate \"CN=" + Identity + "\" is valid from ");
        }

        [TestMethod]
        public void WithoutACertificateTheServersDemandIsNamed()
        {
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            port.Next.FailAt = 2;
            SupplicantPae s = Supplicant(new EapTlsMethod(port, null, null, null));
            ThroughServerFlight(s, o);
            Send(s, o, 5, new byte[] { 0x00 });
            Send(s, o, 6, new byte[] { 0x00, 21, 3, 3, 0, 2, 2, 40 });
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, 6, EapType.None, null), 70, o);
            Contains(s.Summary, "the server ended the TLS handshake: TLS alert handshake_failure (40) from the server");
        }

        [TestMethod]
        public void RefusalAfterACompleteHandshakeIsThePolicy()
        {
            Outbox o = new Outbox();
            SupplicantPae s = Supplicant(new EapTlsMethod(new ScriptedPort(), null, new byte[] { 0x30, 0 }, new byte[] { 1 }));
            ThroughServerFlight(s, o);
            Send(s, o, 5, new byte[] { 0x00 });
            Send(s, o, 6, Fragment(0x00, 0, Pattern(51, 0x14), 0, 51));
            Assert.IsFalse(s.Peer.EapKeyAvailable);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, 6, EapType.None, null), 70, o);
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Contains(s.Summary, "the TLS handshake completed (the server's certificate was trusted, the phone's presented), then the server refused");
            Contains(Notes(o), "no MSK: the platform cannot export keying material");
        }

        [TestMethod]
        public void PortThatCannotOpenFailsWithItsReason()
        {
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            port.Refuse = "TLS inside EAP needs native support on this device";
            SupplicantPae s = Supplicant(new EapTlsMethod(port, null, null, null));
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            int frames = o.FrameCount;
            Send(s, o, 2, new byte[] { 0x20 });
            Assert.AreEqual(frames, o.FrameCount, "no Response: the method ended (DONE, FAIL)");
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Assert.AreEqual("EAP-TLS failed on the phone's side for identity '" + Identity + "': the phone cannot start TLS: " + port.Refuse, s.Summary);
        }

        [TestMethod]
        public void MalformedRequestsAreIgnored()
        {
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            SupplicantPae s = Supplicant(new EapTlsMethod(port, null, null, null));
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            int frames = o.FrameCount;
            Send(s, o, 2, new byte[] { 0x00, 0x16, 0x03, 0x03 });
            Assert.AreEqual(frames, o.FrameCount, "TLS data before the Start: no Response");
            Assert.AreEqual(0, port.Opens);
            Send(s, o, 3, new byte[] { 0x20 });
            frames = o.FrameCount;
            Send(s, o, 4, new byte[] { 0x60 });          // S with M
            Send(s, o, 5, new byte[] { 0x80, 0, 0 });    // L without its 4 octets
            Send(s, o, 6, Fragment(0xC0, 10, Pattern(100, 0x16), 0, 100)); // length lie
            Assert.AreEqual(frames, o.FrameCount, "three malformed Requests, no Response");
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State, "ignored, not failed");
            Contains(Notes(o), "EAP-TLS: request ignored: malformed EAP-TLS request: TLS Message Length 10 is shorter than the 100 octets of this fragment");
        }

        [TestMethod]
        public void OversizeEndsTheMethod()
        {
            Outbox o = new Outbox();
            SupplicantPae s = Supplicant(new EapTlsMethod(new ScriptedPort(), null, null, null, 1398, 4096, 8192));
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            Send(s, o, 2, new byte[] { 0x20 });
            Send(s, o, 3, Fragment(0xC0, 1000000, Pattern(1000, 0x16), 0, 1000));
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Contains(s.Summary, "the server's TLS message is too large: TLS Message Length 1000000 exceeds this phone's limit of 4096 octets");
        }

        [TestMethod]
        public void ByteBoundEndsALongConversation()
        {
            Outbox o = new Outbox();
            ScriptedPort port = new ScriptedPort();
            SupplicantPae s = Supplicant(new EapTlsMethod(port, null, null, null, 1398, 4096, 4096));
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            Send(s, o, 2, new byte[] { 0x20 });
            Send(s, o, 3, Fragment(0x00, 0, Pattern(4000, 0x16), 0, 4000));
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome, "184 + 4000 > 4096");
            Contains(s.Summary, "more than 4096 octets of TLS in one conversation");
            Assert.IsTrue(port.Last.Closed, "the tunnel is closed");
        }

        [TestMethod]
        public void NakProposesTls()
        {
            Outbox o = new Outbox();
            SupplicantPae s = Supplicant(new EapTlsMethod(new ScriptedPort(), null, null, null));
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.Md5Challenge, new byte[] { 1, 9 }), 2, o);
            Expect.Bytes(new byte[] { EapType.Tls }, LastEap(o).TypeData, "legacy Nak proposing 13");
        }
    }
}
