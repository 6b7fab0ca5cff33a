#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Net
{
    [TestClass]
    public class Ip4Tests
    {
        [TestMethod]
        public void ParsesAndFormatsDottedQuads()
        {
            uint a;
            Assert.IsTrue(Ip4.TryParse("10.77.0.1", out a));
            Assert.AreEqual(0x0a4d0001u, a);
            Assert.AreEqual("10.77.0.1", Ip4.Format(a));
            Assert.IsTrue(Ip4.TryParse("255.255.255.255", out a));
            Assert.AreEqual(Ip4.Broadcast, a);
        }

        [TestMethod]
        public void RejectsEverythingElse()
        {
            uint a;
            string[] bad = new string[] { "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.4 ", "a.b.c.d", "1.2.3.-4", "0001.2.3.4", null };
            for (int i = 0; i < bad.Length; i++) Assert.IsFalse(Ip4.TryParse(bad[i], out a), "accepted '" + bad[i] + "'");
        }

        [TestMethod]
        public void PrefixLengths()
        {
            Assert.AreEqual(24, Ip4.PrefixLength(0xffffff00));
            Assert.AreEqual(0, Ip4.PrefixLength(0));
            Assert.AreEqual(32, Ip4.PrefixLength(0xffffffff));
            Assert.AreEqual(-1, Ip4.PrefixLength(0xff00ff00));
        }

        [TestMethod]
        public void MacAndHex()
        {
            byte[] mac = Mac.TryParse("02:00:5E:10:00:01");
            Assert.IsNotNull(mac);
            Assert.AreEqual("02:00:5e:10:00:01", Mac.Format(mac));
            Assert.IsNull(Mac.TryParse("02:00:5e:10:00"));
            Assert.IsNull(Hex.TryParse("0g"));
            Assert.IsNull(Hex.TryParse("abc"));
            Assert.AreEqual("00ff10", Hex.Bytes(new byte[] { 0, 255, 16 }));
            Assert.AreEqual("cbf43926", Hex.UInt32(Crc32.Compute(Ascii.GetBytes("123456789"), 0, 9))); // CRC-32 check value
        }
    }
}
