#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>Hostile input: every truncation and thousands of random mutations of real
    /// messages must be answered with a message or a reason, never an exception or a hang.</summary>
    [TestClass]
    public class SipMalformedTests
    {
        private static SipMessage TryAll(byte[] b, int count, string what)
        {
            string error = null;
            SipMessage m = null;
            try
            {
                m = SipParser.TryParse(b, 0, count, out error);
                if (m != null)
                {
                    // Touch every view and the checks, the writer and the framer too.
                    m.SemanticCheck();
                    for (int i = 0; i < m.ViaCount; i++) m.ViaAt(i).ToString();
                    for (int i = 0; i < m.ContactCount; i++) m.ContactAt(i).ToString();
                    if (m.From != null) m.From.ToString();
                    if (m.To != null) m.To.ToString();
                    if (m.RequestSipUri != null) m.RequestSipUri.ToString();
                    SipWriter.Write(m);
                }
                else
                {
                    Assert.IsNotNull(error, what + ": refusal without a reason");
                }
                SipStreamFramer f = new SipStreamFramer();
                f.Feed(b, 0, count);
                byte[] frame;
                int guard = 0;
                while (f.Next(out frame) != SipFrameKind.None && f.Error == null) Assert.IsTrue(++guard < count + 2, what + ": framer loops");
            }
            catch (System.Exception x)
            {
                Assert.IsTrue(false, what + ": threw " + x.Message);
            }
            return m;
        }

        [TestMethod]
        public void EveryTruncationIsRefusedOrParsed()
        {
            string[] all = { SipVectors.UdpRegister, SipVectors.Udp200, SipVectors.Udp401, SipVectors.Tcp200 };
            for (int v = 0; v < all.Length; v++)
            {
                byte[] b = SipTestUtil.Bytes(all[v]);
                for (int n = 0; n < b.Length; n++)
                {
                    SipMessage m = TryAll(b, n, "vector " + v.ToString() + " cut at " + n.ToString());
                    // Content-Length 0: without the final CRLF the headers never end.
                    Assert.IsNull(m, "vector " + v.ToString() + " cut at " + n.ToString() + " must be refused");
                }
                Assert.IsNotNull(TryAll(b, b.Length, "whole vector " + v.ToString()));
            }
        }

        [TestMethod]
        public void RandomMutationsNeverThrow()
        {
            SeededRandom rnd = new SeededRandom(4475);
            string[] all = { SipVectors.UdpRegister, SipVectors.Udp200, SipVectors.Udp401, SipVectors.UdpRegisterAuth, SipVectors.Tcp200 };
            byte[] interesting = { (byte)'\r', (byte)'\n', (byte)' ', (byte)'\t', (byte)':', (byte)';', (byte)',', (byte)'"', (byte)'\\', (byte)'<', (byte)'>', (byte)'%', (byte)'@', (byte)'[', (byte)']', (byte)'(', (byte)')', (byte)'=', 0, 0x80, 0xC3, 0xFF };
            int parsed = 0, refused = 0;
            for (int round = 0; round < 4000; round++)
            {
                byte[] src = SipTestUtil.Bytes(all[round % all.Length]);
                byte[] b = new byte[src.Length + 8];
                System.Array.Copy(src, b, src.Length);
                int len = src.Length;
                int edits = 1 + rnd.Next(4);
                for (int k = 0; k < edits; k++)
                {
                    int at = rnd.Next(len);
                    int op = rnd.Next(4);
                    if (op == 0) b[at] = (byte)rnd.Next(256);
                    else if (op == 1) b[at] = interesting[rnd.Next(interesting.Length)];
                    else if (op == 2 && len > 1)
                    {
                        System.Array.Copy(b, at + 1, b, at, len - at - 1);      // delete
                        len--;
                    }
                    else if (len < b.Length)
                    {
                        System.Array.Copy(b, at, b, at + 1, len - at);          // insert
                        b[at] = interesting[rnd.Next(interesting.Length)];
                        len++;
                    }
                }
                if (TryAll(b, len, "mutation round " + round.ToString()) != null) parsed++;
                else refused++;
            }
            Assert.IsTrue(parsed > 100 && refused > 100, "both outcomes exercised: " + parsed.ToString() + " parsed, " + refused.ToString() + " refused");
        }

        [TestMethod]
        public void RandomBytesNeverThrow()
        {
            SeededRandom rnd = new SeededRandom(3261);
            for (int round = 0; round < 500; round++)
            {
                byte[] b = new byte[rnd.Next(300)];
                rnd.NextBytes(b);
                if (b.Length > 8 && round % 2 == 0)
                {
                    byte[] head = SipTestUtil.Bytes("SIP/2.0 ");
                    System.Array.Copy(head, b, head.Length);
                }
                TryAll(b, b.Length, "random round " + round.ToString());
            }
        }
    }
}
