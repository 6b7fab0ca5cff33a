#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Asn1
{
    /// <summary>Element boundaries under BER (X.690 §8.1.3): indefinite lengths closed by
    /// end-of-contents octets (§8.1.5), non-minimal long forms; one row per malformation.</summary>
    [TestClass]
    public class BerWalkerTests
    {
        [TestMethod]
        public void FindsTheEndOfIndefiniteAndDefiniteElements()
        {
            Assert.AreEqual(3, End("020105", false));
            Assert.AreEqual(4, End("30800000", true));
            Assert.AreEqual(6, End("308005000000", true));
            Assert.AreEqual(8, End("3080308000000000", true));
            Assert.AreEqual(12, End("3080" + "3004" + "30800000" + "0500" + "0000", true));   // indefinite inside definite inside indefinite
            Assert.AreEqual(7, End("2480" + "040161" + "0000", true));                        // constructed OCTET STRING (§8.7.3)
            Assert.AreEqual(4, End("04810161", true));                                        // long form for a short length
            Assert.AreEqual(5, End("0482000161", true));                                      // leading zero length octet
            Assert.AreEqual(131, End("048180" + new string('0', 256), false));
            Assert.AreEqual(4, End("30800000" + "ffff", true));                               // stops at its own end
        }

        [TestMethod]
        public void RefusesWhatIsNotBer()
        {
            Refuse("3080", "end-of-contents");
            Refuse("30800500", "end-of-contents");
            Refuse("308030800000", "end-of-contents");
            Refuse("0480" + "0000", "primitive");
            Refuse("30800001" + "00" + "0000", "tag 0 with contents");
            Refuse("0000", "end-of-contents octets where an element");
            Refuse("1f0100", "high tag");
            Refuse("30ff", "0xFF");
            Refuse("3085" + "0000000001", "4 octets");
            Refuse("3082", "run past");
            Refuse("3005" + "0500", "past the end");
            Refuse("30", "no length");
            System.Text.StringBuilder deep = new System.Text.StringBuilder();
            for (int i = 0; i < BerWalker.MaxDepth + 1; i++) deep.Append("3080");
            for (int i = 0; i < BerWalker.MaxDepth + 1; i++) deep.Append("0000");
            Refuse(deep.ToString(), "deeper than");
            System.Text.StringBuilder ok = new System.Text.StringBuilder();
            for (int i = 0; i < BerWalker.MaxDepth; i++) ok.Append("3080");
            for (int i = 0; i < BerWalker.MaxDepth; i++) ok.Append("0000");
            Assert.AreEqual(4 * BerWalker.MaxDepth, End(ok.ToString(), true));
        }

        private static int End(string hex, bool expectNonDer)
        {
            byte[] b = Hex.TryParse(hex);
            bool nonDer = false;
            string e;
            int end = BerWalker.ElementEnd(b, 0, b.Length, ref nonDer, out e);
            Assert.IsNull(e, hex + ": " + e);
            Assert.AreEqual(expectNonDer, nonDer, hex + " non-DER");
            return end;
        }

        private static void Refuse(string hex, string reason)
        {
            byte[] b = Hex.TryParse(hex);
            bool nonDer = false;
            string e;
            Assert.AreEqual(-1, BerWalker.ElementEnd(b, 0, b.Length, ref nonDer, out e), hex);
            Expect.Contains(e, reason, hex);
        }
    }
}
