#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Asn1
{
    /// <summary>DER per X.690: encodings from the standard's rules, one row per malformation.</summary>
    [TestClass]
    public class DerReaderTests
    {
        private static DerReader R(string hex) { return new DerReader(Hex.TryParse(hex)); }

        [TestMethod]
        public void IntegersAndTheirMinimalForms()
        {
            // X.690 §8.3: two's complement, minimal.
            Assert.AreEqual("7f", Hex.Bytes(R("02017f").ReadIntegerBytes()));
            Assert.AreEqual("80", Hex.Bytes(R("02020080").ReadUnsignedInteger()));
            Assert.AreEqual("ff7f", Hex.Bytes(R("0202ff7f").ReadIntegerBytes()));   // -129
            int v;
            Assert.IsTrue(R("020203e8").TryReadInt(out v));
            Assert.AreEqual(1000, v);
            DerReader bad = R("0202007f");
            Assert.IsNull(bad.ReadIntegerBytes());
            Expect(bad.Error, "minimally");
            Assert.IsNull(R("0202ff80").ReadIntegerBytes());                      // -128 in two octets
            Assert.IsNull(R("0200").ReadIntegerBytes());                          // empty
            Assert.IsNull(R("020180").ReadUnsignedInteger());                     // negative
            Assert.IsFalse(R("02050100000000").TryReadInt(out v));                // too big for int
        }

        [TestMethod]
        public void LengthsMustBeDer()
        {
            int o, l;
            byte[] long128 = new byte[3 + 128];
            long128[0] = Asn1Tag.OctetString; long128[1] = 0x81; long128[2] = 0x80;
            Assert.IsTrue(new DerReader(long128).TryRead(Asn1Tag.OctetString, out o, out l));
            Assert.AreEqual(128, l);
            DerReader r;
            r = R("308105020100020100"); Assert.IsNull(r.ReadNested(Asn1Tag.Sequence)); Expect(r.Error, "short length");
            r = R("3080020100"); Assert.IsNull(r.ReadNested(Asn1Tag.Sequence)); Expect(r.Error, "indefinite");
            r = R("30820005020100020100"); Assert.IsNull(r.ReadNested(Asn1Tag.Sequence)); Expect(r.Error, "minimum");
            r = R("3006020100"); Assert.IsNull(r.ReadNested(Asn1Tag.Sequence)); Expect(r.Error, "past the end");
            r = R("30"); Assert.IsNull(r.ReadNested(Asn1Tag.Sequence)); Expect(r.Error, "no length");
            r = R("3085ffffffffff"); Assert.IsNull(r.ReadNested(Asn1Tag.Sequence)); Expect(r.Error, "4 octets");
            r = R("1f2201ff"); Assert.IsNull(r.ReadEncoded()); Expect(r.Error, "high tag");
            r = R("0401ff"); Assert.IsNull(r.ReadNested(Asn1Tag.Sequence)); Expect(r.Error, "expected tag 0x30");
        }

        [TestMethod]
        public void BooleansNullsBitStrings()
        {
            bool b;
            Assert.IsTrue(R("0101ff").TryReadBoolean(out b));
            Assert.IsTrue(b);
            Assert.IsFalse(R("010101").TryReadBoolean(out b));   // DER: TRUE is 0xFF
            Assert.IsTrue(R("0500").TryReadNull());
            Assert.IsFalse(R("050100").TryReadNull());
            int unused;
            Assert.AreEqual("a0", Hex.Bytes(R("030205a0").ReadBitString(out unused)));  // keyUsage digitalSignature|keyEncipherment
            Assert.AreEqual(5, unused);
            Assert.IsNull(R("030205a1").ReadBitString(out unused));   // padding bit set
            Assert.IsNull(R("030208ff").ReadBitString(out unused));   // unused > 7
            Assert.IsNull(R("030101").ReadBitString(out unused));     // unused bits with no data
        }

        [TestMethod]
        public void ObjectIdentifiers()
        {
            Assert.AreEqual("1.2.840.113549", R("06062a864886f70d").ReadOid());
            Assert.AreEqual("2.5.29.17", R("0603551d11").ReadOid());
            Assert.AreEqual("2.999.3", R("0603883703").ReadOid());     // X.690 §8.19.5 example
            Assert.AreEqual("06062a864886f70d", "06" + Hex.Byte(Oid.Encode("1.2.840.113549").Length) + Hex.Bytes(Oid.Encode("1.2.840.113549")));
            Assert.AreEqual("883703", Hex.Bytes(Oid.Encode("2.999.3")));
            Assert.IsNull(R("0600").ReadOid());
            Assert.IsNull(R("06022a86").ReadOid());                  // ends inside an arc
            Assert.IsNull(R("06032a8001").ReadOid());                // leading 0x80
            Support.Expect.ThrowsArgument(delegate { Oid.Encode("3.1"); }, "first arc above 2");
            Support.Expect.ThrowsArgument(delegate { Oid.Encode("1.40"); }, "second arc above 39");
            Support.Expect.ThrowsArgument(delegate { Oid.Encode("1.2.x"); }, "not digits");
        }

        [TestMethod]
        public void Strings()
        {
            int tag;
            Assert.AreEqual("lab.test", R("13086c61622e74657374").ReadString(out tag));
            Assert.AreEqual(Asn1Tag.PrintableString, tag);
            Assert.AreEqual("J\u00e4s", R("0c044ac3a473").ReadString(out tag));
            Assert.AreEqual("Ab", R("1e0400410062").ReadString(out tag));
            Assert.AreEqual("a?b", R("0c03610762").ReadString(out tag)); // control char masked
            Assert.IsNull(R("1e03004100").ReadString(out tag));       // odd BMPString
            Assert.IsNull(R("1301ff").ReadString(out tag));           // non-ASCII in PrintableString
        }

        [TestMethod]
        public void Times()
        {
            // RFC 5280 §4.1.2.5.1: UTCTime YY >= 50 is 19YY, else 20YY.
            Assert.AreEqual(2524607999L, Time(Asn1Tag.UtcTime, "491231235959Z"));
            Assert.AreEqual(-631152000L, Time(Asn1Tag.UtcTime, "500101000000Z"));
            Assert.AreEqual(0L, Time(Asn1Tag.GeneralizedTime, "19700101000000Z"));
            Assert.AreEqual(951782400L, Time(Asn1Tag.GeneralizedTime, "20000229000000Z"));
            Assert.AreEqual("2000-02-29 00:00:00 UTC", Asn1Time.Format(951782400L));
            string[] bad = new string[] { "20000230000000Z", "19000229000000Z", "2000010100000Z", "20000101000000", "200001010000000Z", "2000130100000 0Z", "2000010124000 0Z" };
            for (int i = 0; i < bad.Length; i++)
            {
                byte[] b = Ascii.GetBytes(bad[i]);
                long t;
                string e;
                Assert.IsFalse(Asn1Time.TryDecode(Asn1Tag.GeneralizedTime, b, 0, b.Length, out t, out e), bad[i]);
            }
        }

        [TestMethod]
        public void NestingIsBounded()
        {
            // 40 nested SEQUENCEs: the reader refuses past MaxDepth instead of recursing on.
            int depth = 40;
            byte[] b = new byte[2 * depth];
            for (int i = 0; i < depth; i++) { b[2 * i] = 0x30; b[2 * i + 1] = (byte)(2 * (depth - i - 1)); }
            DerReader r = new DerReader(b);
            int reached = 0;
            while (r != null && r.PeekTag() == Asn1Tag.Sequence) { r = r.ReadNested(Asn1Tag.Sequence); if (r != null) reached++; }
            Assert.AreEqual(DerReader.MaxDepth, reached);
        }

        private static long Time(int tag, string s)
        {
            byte[] b = Ascii.GetBytes(s);
            long t;
            string e;
            Assert.IsTrue(Asn1Time.TryDecode(tag, b, 0, b.Length, out t, out e), s + ": " + e);
            return t;
        }

        private static void Expect(string haystack, string needle)
        {
            Support.Expect.Contains(haystack, needle, "error");
        }
    }
}
