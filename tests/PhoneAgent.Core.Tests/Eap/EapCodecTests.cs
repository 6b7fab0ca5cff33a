#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>EAPOL (IEEE 802.1X-2010 §11.3) and EAP (RFC 3748 §4) codecs against the frames
    /// wpa_supplicant and hostapd exchanged in the lab, plus every malformation we could think of.</summary>
    [TestClass]
    public class EapCodecTests
    {
        private static EapolFrame Frame(string hex)
        {
            byte[] b = Hex.TryParse(hex);
            EapolFrame f;
            string reason;
            Assert.IsTrue(EapolFrame.TryDecode(b, 0, b.Length, out f, out reason), "EAPOL decode failed: " + reason);
            return f;
        }

        private static EapPacket Eap(EapolFrame f)
        {
            EapPacket p;
            string reason;
            Assert.IsTrue(EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out reason), "EAP decode failed: " + reason);
            return p;
        }

        [TestMethod]
        public void CapturedFramesDecodeEveryField()
        {
            EapolFrame start = Frame(EapolVectors.Start);
            Expect.Bytes(Eapol.PaeGroupAddress(), start.Destination, "destination");
            Assert.AreEqual("d6:d5:c5:dd:45:24", PhoneAgent.Core.Net.Mac.Format(start.Source));
            Assert.AreEqual(1, start.Version);
            Assert.AreEqual(Eapol.TypeStart, start.PacketType);
            Assert.AreEqual(0, start.Body.Length);

            EapolFrame req = Frame(EapolVectors.RequestIdentity);
            Assert.AreEqual(2, req.Version);
            Assert.AreEqual(Eapol.TypeEapPacket, req.PacketType);
            EapPacket identity = Eap(req);
            Assert.AreEqual(EapCode.Request, identity.Code);
            Assert.AreEqual(0x5c, identity.Identifier);
            Assert.AreEqual(EapType.Identity, identity.Type);
            Assert.AreEqual(0, identity.TypeData.Length);

            EapPacket answer = Eap(Frame(EapolVectors.ResponseIdentity));
            Assert.AreEqual(EapCode.Response, answer.Code);
            Assert.AreEqual("md5user", Ascii.Printable(answer.TypeData, 0, answer.TypeData.Length));
            Assert.AreEqual("EAP-Response/Identity id 92 \"md5user\"", answer.Describe());

            EapPacket md5 = Eap(Frame(EapolVectors.RequestMd5));
            Assert.AreEqual(EapType.Md5Challenge, md5.Type);
            Assert.AreEqual(0x5d, md5.Identifier);
            Assert.AreEqual(17, md5.TypeData.Length);
            Assert.AreEqual(16, (int)md5.TypeData[0]); // Value-Size
            Assert.AreEqual(EapolVectors.Md5Challenge, Hex.Bytes(md5.TypeData, 1, 16, ""));

            EapPacket ok = Eap(Frame(EapolVectors.Success));
            Assert.AreEqual(EapCode.Success, ok.Code);
            Assert.AreEqual(0x5d, ok.Identifier);
            Assert.AreEqual(EapType.None, ok.Type);
            EapPacket no = Eap(Frame(EapolVectors.Failure));
            Assert.AreEqual(EapCode.Failure, no.Code);
            Assert.AreEqual(0xa3, no.Identifier);
        }

        [TestMethod]
        public void CapturedFramesRoundTripByteForByte()
        {
            for (int i = 0; i < EapolVectors.All.Length; i++)
            {
                byte[] wire = Hex.TryParse(EapolVectors.All[i]);
                EapolFrame f = Frame(EapolVectors.All[i]);
                Expect.Bytes(wire, f.Encode(), "frame " + i.ToString());
                if (f.PacketType == Eapol.TypeEapPacket) Expect.Bytes(f.Body, Eap(f).Encode(), "EAP packet of frame " + i.ToString());
            }
        }

        [TestMethod]
        public void Md5ResponseEqualsWpaSupplicants()
        {
            // RFC 3748 §5.4: Value = MD5(Identifier || password || challenge). wpa_supplicant sent
            // it for id 0x5d and "md5pass"; ours must be the same bytes, header included.
            EapPacket request = Eap(Frame(EapolVectors.RequestMd5));
            Md5ChallengeMethod m = new Md5ChallengeMethod(EapolVectors.Md5Password);
            EapMethodResult r = new EapMethodResult();
            m.Process(request.Identifier, request.TypeData, 0, request.TypeData.Length, r);
            Assert.IsFalse(r.Ignore);
            Assert.AreEqual(EapMethodState.Done, r.MethodState);
            Assert.AreEqual(EapDecision.CondSucc, r.Decision);
            byte[] ours = EapPacket.Response(request.Identifier, EapType.Md5Challenge, r.ResponseData).Encode();
            Expect.Bytes(Frame(EapolVectors.ResponseMd5).Body, ours, "EAP-Response/MD5-Challenge");
            Assert.AreEqual(EapolVectors.Md5Value, Hex.Bytes(ours, 6, 16, ""));
            Expect.NotContains(r.Note, EapolVectors.Md5Password, "method note");
        }

        [TestMethod]
        public void EthernetPaddingAndBytesBeyondTheEapLengthAreIgnored()
        {
            // Frames shorter than 60 bytes are padded on the wire; the body length bounds the PDU.
            byte[] wire = Hex.TryParse(EapolVectors.Success);
            byte[] padded = new byte[60];
            System.Array.Copy(wire, padded, wire.Length);
            for (int i = wire.Length; i < padded.Length; i++) padded[i] = 0xAA;
            EapolFrame f;
            string reason;
            Assert.IsTrue(EapolFrame.TryDecode(padded, 0, padded.Length, out f, out reason), reason);
            Assert.AreEqual(4, f.Body.Length);
            Expect.Bytes(wire, f.Encode(), "padding dropped on re-encode");

            // RFC 3748 §4: octets after Length are padding.
            byte[] eap = new byte[] { 1, 7, 0, 6, 1, (byte)'x', 0xEE, 0xEE };
            EapPacket p;
            Assert.IsTrue(EapPacket.TryDecode(eap, 0, eap.Length, out p, out reason), reason);
            Assert.AreEqual(1, p.TypeData.Length);
        }

        [TestMethod]
        public void EveryTruncationOfACapturedFrameIsRefused()
        {
            for (int v = 0; v < EapolVectors.All.Length; v++)
            {
                byte[] wire = Hex.TryParse(EapolVectors.All[v]);
                for (int n = 0; n < wire.Length; n++)
                {
                    EapolFrame f;
                    string reason;
                    Assert.IsFalse(EapolFrame.TryDecode(wire, 0, n, out f, out reason), "frame " + v.ToString() + " cut to " + n.ToString());
                    Assert.IsNotNull(reason);
                }
                EapolFrame whole = Frame(EapolVectors.All[v]);
                for (int n = 0; n < whole.Body.Length; n++)
                {
                    EapPacket p;
                    string reason;
                    Assert.IsFalse(EapPacket.TryDecode(whole.Body, 0, n, out p, out reason), "EAP of frame " + v.ToString() + " cut to " + n.ToString());
                }
            }
        }

        [TestMethod]
        public void MalformedEapolIsRefusedWithAReason()
        {
            EapolFrame f;
            string reason;
            byte[] ip = Hex.TryParse(EapolVectors.RequestIdentity);
            ip[12] = 0x08; ip[13] = 0x00;
            Assert.IsFalse(EapolFrame.TryDecode(ip, 0, ip.Length, out f, out reason));
            Expect.Contains(reason, "EtherType 0x0800", "reason");

            byte[] v0 = Hex.TryParse(EapolVectors.RequestIdentity);
            v0[14] = 0;
            Assert.IsFalse(EapolFrame.TryDecode(v0, 0, v0.Length, out f, out reason));
            Expect.Contains(reason, "version 0", "reason");

            byte[] longBody = Hex.TryParse(EapolVectors.RequestIdentity);
            longBody[17] = 6; // body length 6, 5 bytes present
            Assert.IsFalse(EapolFrame.TryDecode(longBody, 0, longBody.Length, out f, out reason));
            Expect.Contains(reason, "exceeds", "reason");

            // Versions 1..3 are known; a later version is read by version 3's rules; unknown types decode.
            byte[] v9 = Hex.TryParse(EapolVectors.Start);
            v9[14] = 9;
            v9[15] = 0x42;
            Assert.IsTrue(EapolFrame.TryDecode(v9, 0, v9.Length, out f, out reason), reason);
            Assert.AreEqual(9, f.Version);
            Assert.AreEqual(0x42, f.PacketType);
            Assert.AreEqual("EAPOL type 66", Eapol.TypeName(f.PacketType));
        }

        [TestMethod]
        public void MalformedEapIsRefusedWithAReason()
        {
            EapPacket p;
            string reason;
            Assert.IsFalse(EapPacket.TryDecode(new byte[] { 5, 1, 0, 4 }, 0, 4, out p, out reason), "code 5");
            Expect.Contains(reason, "unknown EAP code 5", "reason");
            Assert.IsFalse(EapPacket.TryDecode(new byte[] { 1, 1, 0, 3 }, 0, 4, out p, out reason), "Length 3");
            Assert.IsFalse(EapPacket.TryDecode(new byte[] { 1, 1, 0, 9, 1 }, 0, 5, out p, out reason), "Length beyond the bytes");
            Expect.Contains(reason, "exceeds", "reason");
            Assert.IsFalse(EapPacket.TryDecode(new byte[] { 1, 1, 0, 4 }, 0, 4, out p, out reason), "Request without a Type");
            Assert.IsFalse(EapPacket.TryDecode(new byte[] { 1, 1, 0, 11, 254, 0, 0, 0, 0, 0, 1 }, 0, 11, out p, out reason), "Expanded Type cut short");
            Expect.Contains(reason, "Vendor-Id", "reason");
            // Success and Failure with data inside Length are tolerated (the data is not kept).
            Assert.IsTrue(EapPacket.TryDecode(new byte[] { 3, 1, 0, 5, 9 }, 0, 5, out p, out reason), "Success with a stray byte");
            Assert.AreEqual(EapCode.Success, p.Code);
        }

        [TestMethod]
        public void ExpandedTypeRoundTrips()
        {
            // RFC 3748 §5.7: Type 254, Vendor-Id (3 octets), Vendor-Type (4 octets), Vendor data.
            byte[] wire = new byte[] { 1, 9, 0, 14, 254, 0x00, 0x37, 0x2a, 0, 0, 0, 1, 0xAB, 0xCD };
            EapPacket p;
            string reason;
            Assert.IsTrue(EapPacket.TryDecode(wire, 0, wire.Length, out p, out reason), reason);
            Assert.AreEqual(EapType.Expanded, p.Type);
            Assert.AreEqual(0x372a, p.VendorId);
            Assert.AreEqual(1u, p.VendorType);
            Assert.AreEqual(2, p.TypeData.Length);
            Expect.Bytes(wire, p.Encode(), "expanded re-encoded");
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            Expect.ThrowsArgument(delegate { EapolFrame f; string r; EapolFrame.TryDecode(new byte[4], 2, 4, out f, out r); }, "range");
            Expect.ThrowsArgument(delegate { EapPacket p = new EapPacket(); p.Code = 9; p.Encode(); }, "code");
            Expect.ThrowsArgument(delegate { EapPacket.Response(256, 1, null).Encode(); }, "identifier");
            Expect.ThrowsArgument(delegate { EapolFrame.ToPaeGroup(new byte[5], Eapol.TypeStart, null); }, "mac");
            Expect.ThrowsArgument(delegate { new Md5ChallengeMethod(null); }, "password");
        }

        [TestMethod]
        public void RandomMutationsNeverThrow()
        {
            SeededRandom rnd = new SeededRandom(0x8021);
            Md5ChallengeMethod md5 = new Md5ChallengeMethod("pw");
            EapMethodResult r = new EapMethodResult();
            int decoded = 0;
            for (int v = 0; v < EapolVectors.All.Length; v++)
            {
                byte[] wire = Hex.TryParse(EapolVectors.All[v]);
                for (int i = 0; i < 400; i++)
                {
                    byte[] m = new byte[wire.Length + rnd.Next(8)];
                    System.Array.Copy(wire, m, wire.Length);
                    int flips = 1 + rnd.Next(4);
                    for (int k = 0; k < flips; k++) m[rnd.Next(m.Length)] = (byte)rnd.Next(256);
                    int count = rnd.Next(m.Length + 1);
                    EapolFrame f;
                    string reason;
                    if (!EapolFrame.TryDecode(m, 0, count, out f, out reason)) continue;
                    EapPacket p;
                    if (!EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out reason)) continue;
                    decoded++;
                    p.Describe();
                    if (p.Type != EapType.None) md5.Process(p.Identifier, p.TypeData, 0, p.TypeData.Length, r);
                }
            }
            Assert.IsTrue(decoded > 100, "some mutations still decode (" + decoded.ToString() + ")");
        }

        [TestMethod]
        public void Md5ChallengeWithABadValueSizeIsIgnored()
        {
            Md5ChallengeMethod m = new Md5ChallengeMethod("pw");
            EapMethodResult r = new EapMethodResult();
            m.Process(1, new byte[] { 16, 1, 2, 3 }, 0, 4, r);
            Assert.IsTrue(r.Ignore, "Value-Size beyond the data");
            m.Process(1, new byte[0], 0, 0, r);
            Assert.IsTrue(r.Ignore, "empty");
            m.Process(1, new byte[] { 0 }, 0, 1, r);
            Assert.IsTrue(r.Ignore, "Value-Size 0");
            m.Process(1, new byte[] { 2, 9, 9, (byte)'s', (byte)'w' }, 0, 5, r);
            Assert.IsFalse(r.Ignore, "2-byte challenge and a Name");
            Expect.Contains(r.Note, "from \"sw\"", "server name shown");
        }
    }
}
