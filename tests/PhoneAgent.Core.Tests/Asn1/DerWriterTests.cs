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
    /// <summary>DER writing per X.690: every expected encoding here is worked out by hand from the
    /// clause cited (or copied from the standard's own example), then read back with DerReader.</summary>
    [TestClass]
    public class DerWriterTests
    {
        [TestMethod]
        public void IntegersAreMinimalTwosComplement()
        {
            // X.690 §8.3.2: no leading 0x00 before a clear high bit, no 0xFF before a set one.
            Assert.AreEqual("020100", Int(0));
            Assert.AreEqual("02017f", Int(127));
            Assert.AreEqual("02020080", Int(128));
            Assert.AreEqual("02020100", Int(256));
            Assert.AreEqual("0201ff", Int(-1));
            Assert.AreEqual("020180", Int(-128));
            Assert.AreEqual("0202ff7f", Int(-129));
            Assert.AreEqual("02027fff", Int(32767));
            Assert.AreEqual("0203008000", Int(32768));
            Assert.AreEqual("02087fffffffffffffff", Int(long.MaxValue));
            Assert.AreEqual("02088000000000000000", Int(long.MinValue));

            Assert.AreEqual("020100", Unsigned(""));
            Assert.AreEqual("020100", Unsigned("0000"));
            Assert.AreEqual("020101", Unsigned("000001"));
            Assert.AreEqual("02020080", Unsigned("80"));
            Assert.AreEqual("02020080", Unsigned("000080"));
            Assert.AreEqual("021100ffeeddccbbaa99887766554433221100", Unsigned("ffeeddccbbaa99887766554433221100"));
            Assert.AreEqual("02107feeddccbbaa99887766554433221100", Unsigned("7feeddccbbaa99887766554433221100"));

            Assert.AreEqual("0201ff", TwosComplement("ffffff"));
            Assert.AreEqual("0202ff7f", TwosComplement("ffff7f"));
            Assert.AreEqual("02020080", TwosComplement("00000080"));
            Assert.AreEqual("020100", TwosComplement("0000"));

            // Read back: the minimal forms are what DerReader insists on.
            DerWriter w = new DerWriter();
            w.WriteInteger(-129);
            w.WriteIntegerUnsigned(Hex.TryParse("80"));
            DerReader r = new DerReader(w.ToArray());
            Assert.AreEqual("ff7f", Hex.Bytes(r.ReadIntegerBytes()));
            Assert.AreEqual("80", Hex.Bytes(r.ReadUnsignedInteger()));
        }

        [TestMethod]
        public void LengthBoundaries()
        {
            // X.690 §8.1.3: short form to 127, then 0x81 nn, 0x82 nnnn, 0x83 nnnnnn (§10.1: fewest octets).
            Assert.AreEqual("047f", Head(127, 2));
            Assert.AreEqual("048180", Head(128, 3));
            Assert.AreEqual("0481ff", Head(255, 3));
            Assert.AreEqual("04820100", Head(256, 4));
            Assert.AreEqual("0482ffff", Head(65535, 4));
            Assert.AreEqual("0483010000", Head(65536, 5));

            // The same boundaries reached by End(), which moves the contents when the length grows.
            int[] sizes = new int[] { 0, 125, 126, 127, 128, 252, 253, 254, 255, 256, 65535, 65536 };
            for (int i = 0; i < sizes.Length; i++)
            {
                DerWriter w = new DerWriter(70000);
                w.BeginSequence();
                w.BeginOctetString();
                w.WriteOctetString(Filled(sizes[i]));
                w.End();
                w.End();
                byte[] b = w.ToArray();
                DerReader r = new DerReader(b);
                DerReader seq = r.ReadNested(Asn1Tag.Sequence);
                Assert.IsNotNull(seq, "size " + sizes[i].ToString() + ": " + r.Error);
                Assert.IsFalse(r.HasMore);
                byte[] wrapped = seq.ReadOctetString();
                byte[] inner = new DerReader(wrapped).ReadOctetString();
                Expect.Bytes(Filled(sizes[i]), inner, "size " + sizes[i].ToString());
            }
            // A shift by hand: SEQUENCE { SEQUENCE { OCTET STRING (200 octets) } }.
            DerWriter n = new DerWriter();
            n.BeginSequence();
            n.BeginSequence();
            n.WriteOctetString(Filled(200));
            n.End();
            n.End();
            Assert.AreEqual("3081ce3081cb0481c8", Hex.Bytes(n.ToArray(), 0, 9, ""));
        }

        [TestMethod]
        public void ObjectIdentifiers()
        {
            // 1.2.840.113549 (rsadsi): 40*1+2 = 0x2a, 840 = 86 48, 113549 = 86 f7 0d (X.690 §8.19).
            Assert.AreEqual("06062a864886f70d", Oid("1.2.840.113549"));
            Assert.AreEqual("0603883703", Oid("2.999.3"));          // the example of X.690 §8.19.5
            Assert.AreEqual("0603551d11", Oid("2.5.29.17"));
            Assert.AreEqual("060100", Oid("0.0"));
            Assert.AreEqual("06014f", Oid("1.39"));
            Assert.AreEqual("06028100", Oid("2.48"));                // first subidentifier 128 takes two octets
            Assert.AreEqual("060b2a81ffffffffffffffff7f", Oid("1.2.18446744073709551615"));
            string[] bad = new string[] { "", "1", "3.1", "1.40", "1.02", "1..2", "1.2.", ".1.2", "1.2.a", "1.-2", "1.2.18446744073709551616", "2.18446744073709551536" };
            for (int i = 0; i < bad.Length; i++)
            {
                string s = bad[i];
                Expect.ThrowsArgument(delegate { new DerWriter().WriteOid(s); }, "OID '" + s + "'");
            }
            // Round trip, including the largest first subidentifier that fits 64 bits.
            string[] good = new string[] { "1.2.840.113549.1.7.2", "0.9.2342.19200300.100.1.25", "2.18446744073709551535", "2.5.4.3" };
            for (int i = 0; i < good.Length; i++)
            {
                DerWriter w = new DerWriter();
                w.WriteOid(good[i]);
                Assert.AreEqual(good[i], new DerReader(w.ToArray()).ReadOid());
            }
        }

        [TestMethod]
        public void BooleansNullsBitStringsAndStrings()
        {
            DerWriter w = new DerWriter();
            w.WriteBoolean(true);                                    // X.690 §11.1: TRUE is FF
            w.WriteBoolean(false);
            w.WriteNull();
            w.WriteBitString(Hex.TryParse("a0"), 5);                  // keyUsage digitalSignature|keyEncipherment
            w.WriteBitString(new byte[0], 0);
            w.WriteUtf8String("J\u00e4s");
            w.WritePrintableString("lab.test");
            w.WriteIa5String("a@b");
            Assert.AreEqual("0101ff 010100 0500 030205a0 030100 0c044ac3a473 13086c61622e74657374 1603614062", Spaced(w.ToArray()));

            Expect.ThrowsArgument(delegate { new DerWriter().WriteBitString(Hex.TryParse("a1"), 5); }, "padding bit set");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteBitString(Hex.TryParse("a0"), 8); }, "8 unused bits");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteBitString(new byte[0], 1); }, "unused bits in an empty BIT STRING");
            Expect.ThrowsArgument(delegate { new DerWriter().WritePrintableString("a@b"); }, "@ in a PrintableString");
            Expect.ThrowsArgument(delegate { new DerWriter().WritePrintableString("a_b"); }, "_ in a PrintableString");
            Expect.ThrowsArgument(delegate { new DerWriter().WritePrintableString("\u00e9"); }, "e-acute in a PrintableString");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteIa5String("\u00e9"); }, "e-acute in an IA5String");
            Assert.IsTrue(DerWriter.IsPrintable("AZaz09 '()+,-./:=?"));
        }

        [TestMethod]
        public void TimesFollowRfc5280()
        {
            // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 and before 1950.
            Assert.AreEqual("170d" + Ascii("500101000000Z"), Time(-631152000L));         // 1950-01-01 00:00:00
            Assert.AreEqual("180f" + Ascii("19491231235959Z"), Time(-631152001L));       // one second earlier
            Assert.AreEqual("170d" + Ascii("491231235959Z"), Time(2524607999L));         // 2049-12-31 23:59:59
            Assert.AreEqual("180f" + Ascii("20500101000000Z"), Time(2524608000L));       // 2050-01-01 00:00:00
            Assert.AreEqual("170d" + Ascii("700101000000Z"), Time(0));
            Assert.AreEqual("170d" + Ascii("000229120000Z"), Time(951825600L));          // 2000-02-29 12:00:00
            Assert.AreEqual("180f" + Ascii("99991231235959Z"), Time(253402300799L));     // §4.1.2.5 "no well-defined expiration"
            Expect.ThrowsArgument(delegate { new DerWriter().WriteUtcTime(2524608000L); }, "UTCTime in 2050");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteUtcTime(-631152001L); }, "UTCTime in 1949");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteGeneralizedTime(253402300800L); }, "year 10000");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteTime(long.MinValue); }, "far past");
            DerWriter g = new DerWriter();
            g.WriteGeneralizedTime(0);
            Assert.AreEqual("180f" + Ascii("19700101000000Z"), Hex.Bytes(g.ToArray()));

            // Read back with the reader the certificate parser uses, at and around the switch.
            long[] times = new long[] { -631152001L, -631152000L, 0, 951825600L, 2524607999L, 2524608000L, 4102444800L, 253402300799L, -62167219200L };
            for (int i = 0; i < times.Length; i++)
            {
                DerWriter w = new DerWriter();
                w.WriteTime(times[i]);
                long t;
                DerReader r = new DerReader(w.ToArray());
                Assert.IsTrue(r.TryReadTime(out t), times[i].ToString() + ": " + r.Error);
                Assert.AreEqual(times[i], t);
            }
        }

        [TestMethod]
        public void TagsExplicitImplicitAndRaw()
        {
            DerWriter w = new DerWriter();
            w.BeginExplicit(0);                                    // version [0] EXPLICIT INTEGER v3 (RFC 5280 §4.1)
            w.WriteInteger(2);
            w.End();
            w.WriteIa5String("a", Asn1Tag.ContextPrimitive(2));   // dNSName [2] IMPLICIT IA5String
            w.WriteOctetString(Hex.TryParse("0a000001"), Asn1Tag.ContextPrimitive(7)); // iPAddress [7]
            w.WriteInteger(5, Asn1Tag.ContextPrimitive(1));
            w.Begin(Asn1Tag.ContextConstructed(4));               // directoryName [4] EXPLICIT Name (empty)
            w.BeginSequence();
            w.End();
            w.End();
            w.WriteEncoded(Hex.TryParse("0500"));
            w.BeginBitString();                                   // BIT STRING wrapping DER (subjectPublicKey)
            w.WriteNull();
            w.End();
            w.BeginOctetString(Asn1Tag.ContextPrimitive(0));
            w.WriteBoolean(true);
            w.End();
            Assert.AreEqual("a003020102 820161 87040a000001 810105 a4023000 0500 0303000500 80030101ff", Spaced(w.ToArray()));

            Expect.ThrowsArgument(delegate { new DerWriter().WriteEncoded(Hex.TryParse("050000")); }, "trailing byte after the element");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteEncoded(Hex.TryParse("3080 0000")); }, "indefinite length");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteEncoded(Hex.TryParse("048105" + "0102030405")); }, "long form for a short length");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteEncoded(Hex.TryParse("0405 0102")); }, "truncated element");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteEncoded(new byte[0]); }, "nothing");
            Expect.ThrowsArgument(delegate { new DerWriter().Begin(Asn1Tag.Integer); }, "Begin with a primitive tag");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteInteger(1, Asn1Tag.Sequence); }, "primitive value under a constructed tag");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteNull(0x1F); }, "high tag number form");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteNull(0x100); }, "tag beyond one octet");
            Expect.ThrowsArgument(delegate { new DerWriter().WriteNull(0); }, "end-of-contents tag");
            Expect.ThrowsArgument(delegate { new DerWriter().BeginExplicit(31); }, "[31]");
        }

        [TestMethod]
        public void SetOfIsSortedAsOctetStrings()
        {
            // X.690 §11.6: ascending order of the encodings, compared octet by octet.
            DerWriter w = new DerWriter();
            w.BeginSetOf();
            w.WriteInteger(256);         // 02 02 01 00
            w.WriteInteger(2);           // 02 01 02
            w.WriteInteger(1);           // 02 01 01
            w.End();
            Assert.AreEqual("310a 020101 020102 02020100", Spaced(w.ToArray(), new int[] { 2, 3, 3, 4 }));

            // Different tags and lengths: the length octet decides before the contents do.
            DerWriter m = new DerWriter();
            m.BeginSetOf();
            m.WriteOctetString(Hex.TryParse("6162"));   // 04 02 61 62
            m.WriteOctetString(Hex.TryParse("62"));     // 04 01 62
            m.WriteNull();                              // 05 00
            m.WriteInteger(9);                          // 02 01 09
            m.End();
            Assert.AreEqual("310c 020109 040162 04026162 0500", Spaced(m.ToArray(), new int[] { 2, 3, 3, 4, 2 }));

            // An already sorted set and an empty one are left as they are; a plain SET is never sorted.
            DerWriter e = new DerWriter();
            e.BeginSetOf();
            e.End();
            e.Begin(Asn1Tag.Set);
            e.WriteInteger(2);
            e.WriteInteger(1);
            e.End();
            Assert.AreEqual("3100 3106020102020101", Spaced(e.ToArray(), new int[] { 2, 8 }));

            // Elements that are themselves constructed and long: sorting moves whole TLVs.
            DerWriter big = new DerWriter();
            big.BeginSetOf(Asn1Tag.ContextConstructed(0));
            big.BeginSequence(); big.WriteOctetString(Filled(300)); big.End();
            big.BeginSequence(); big.WriteOctetString(Filled(10)); big.End();
            big.End();
            DerReader r = new DerReader(big.ToArray()).ReadNested(Asn1Tag.ContextConstructed(0));
            Assert.AreEqual(10, r.ReadNested(Asn1Tag.Sequence).ReadOctetString().Length);   // 30 0c sorts before 30 82
            Assert.AreEqual(300, r.ReadNested(Asn1Tag.Sequence).ReadOctetString().Length);
        }

        [TestMethod]
        public void MisuseIsRefusedClearly()
        {
            Expect.ThrowsInvalidOperation(delegate { new DerWriter().End(); }, "End without Begin");
            Expect.ThrowsInvalidOperation(delegate
            {
                DerWriter w = new DerWriter();
                w.BeginSequence();
                w.ToArray();
            }, "ToArray with a value open");
            Expect.ThrowsInvalidOperation(delegate
            {
                DerWriter w = new DerWriter();
                for (int i = 0; i <= DerWriter.MaxDepth; i++) w.BeginSequence();
            }, "nesting past MaxDepth");
            Expect.ThrowsInvalidOperation(delegate { new DerWriter(100).WriteOctetString(new byte[99]); }, "output past maxLength");
            Expect.ThrowsInvalidOperation(delegate
            {
                // 130 bytes while open; at End the 128 content octets need a long-form length: 131.
                DerWriter w = new DerWriter(130);
                w.BeginSequence();
                w.WriteOctetString(new byte[126]);
                w.End();
            }, "long-form length pushing the output past maxLength");
            DerWriter ok = new DerWriter(130);
            ok.BeginSequence();
            ok.WriteOctetString(new byte[125]);
            ok.End();
            Assert.AreEqual(129, ok.ToArray().Length);
            DerWriter deep = new DerWriter();
            for (int i = 0; i < DerWriter.MaxDepth; i++) deep.BeginSequence();
            Assert.AreEqual(DerWriter.MaxDepth, deep.Depth);
            for (int i = 0; i < DerWriter.MaxDepth; i++) deep.End();
            Assert.AreEqual(2 * DerWriter.MaxDepth, deep.ToArray().Length);
            Expect.ThrowsArgument(delegate { new DerWriter(1); }, "maxLength 1");
        }

        [TestMethod]
        public void RoundTripThroughTheReader()
        {
            // A TBSCertificate-shaped structure, read back field by field with DerReader.
            DerWriter w = new DerWriter();
            w.BeginSequence();
            w.BeginExplicit(0); w.WriteInteger(2); w.End();
            w.WriteIntegerUnsigned(Hex.TryParse("8899aabbccddeeff0011"));
            w.BeginSequence(); w.WriteOid("1.2.840.113549.1.1.11"); w.WriteNull(); w.End();
            w.BeginSequence(); w.WriteTime(1700000000L); w.WriteTime(4102444800L); w.End();
            w.BeginSequence(); w.WriteBoolean(true); w.WriteInteger(-5); w.End();
            w.WriteBitString(Hex.TryParse("86"), 1);
            w.End();
            DerReader top = new DerReader(w.ToArray());
            DerReader tbs = top.ReadNested(Asn1Tag.Sequence);
            Assert.IsFalse(top.HasMore);
            int v;
            Assert.IsTrue(tbs.ReadNested(Asn1Tag.ContextConstructed(0)).TryReadInt(out v));
            Assert.AreEqual(2, v);
            Assert.AreEqual("8899aabbccddeeff0011", Hex.Bytes(tbs.ReadUnsignedInteger()));
            DerReader alg = tbs.ReadNested(Asn1Tag.Sequence);
            Assert.AreEqual("1.2.840.113549.1.1.11", alg.ReadOid());
            Assert.IsTrue(alg.TryReadNull());
            DerReader val = tbs.ReadNested(Asn1Tag.Sequence);
            long t1, t2;
            Assert.AreEqual(Asn1Tag.UtcTime, val.PeekTag());
            Assert.IsTrue(val.TryReadTime(out t1));
            Assert.AreEqual(Asn1Tag.GeneralizedTime, val.PeekTag());
            Assert.IsTrue(val.TryReadTime(out t2));
            Assert.AreEqual(1700000000L, t1);
            Assert.AreEqual(4102444800L, t2);
            DerReader bc = tbs.ReadNested(Asn1Tag.Sequence);
            bool b;
            Assert.IsTrue(bc.TryReadBoolean(out b));
            Assert.IsTrue(b);
            Assert.AreEqual("fb", Hex.Bytes(bc.ReadIntegerBytes()));
            int unused;
            Assert.AreEqual("86", Hex.Bytes(tbs.ReadBitString(out unused)));
            Assert.AreEqual(1, unused);
            Assert.IsFalse(tbs.HasMore);
        }

        private static string Int(long v)
        {
            DerWriter w = new DerWriter();
            w.WriteInteger(v);
            return Hex.Bytes(w.ToArray());
        }

        private static string Unsigned(string hex)
        {
            DerWriter w = new DerWriter();
            w.WriteIntegerUnsigned(Hex.TryParse(hex));
            return Hex.Bytes(w.ToArray());
        }

        private static string TwosComplement(string hex)
        {
            DerWriter w = new DerWriter();
            w.WriteIntegerTwosComplement(Hex.TryParse(hex));
            return Hex.Bytes(w.ToArray());
        }

        private static string Oid(string dotted)
        {
            DerWriter w = new DerWriter();
            w.WriteOid(dotted);
            return Hex.Bytes(w.ToArray());
        }

        private static string Time(long unix)
        {
            DerWriter w = new DerWriter();
            w.WriteTime(unix);
            return Hex.Bytes(w.ToArray());
        }

        /// <summary>The header of an OCTET STRING of n octets (its first headerLength bytes).</summary>
        private static string Head(int n, int headerLength)
        {
            DerWriter w = new DerWriter(70000);
            w.WriteOctetString(new byte[n]);
            byte[] b = w.ToArray();
            Assert.AreEqual(n + headerLength, b.Length);
            return Hex.Bytes(b, 0, headerLength, "");
        }

        private static byte[] Filled(int n)
        {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte)(i * 7 + 1);
            return b;
        }

        private static string Ascii(string s) { return Hex.Bytes(Util.Ascii.GetBytes(s)); }

        /// <summary>Hex of a sequence of top-level elements, separated by spaces.</summary>
        private static string Spaced(byte[] b)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            int p = 0;
            while (p < b.Length)
            {
                int len = 2 + b[p + 1];   // short-form lengths only in these tests
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(Hex.Bytes(b, p, len, ""));
                p += len;
            }
            return sb.ToString();
        }

        /// <summary>Hex split into the given chunk sizes.</summary>
        private static string Spaced(byte[] b, int[] chunks)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            int p = 0;
            for (int i = 0; i < chunks.Length; i++)
            {
                if (i > 0) sb.Append(' ');
                sb.Append(Hex.Bytes(b, p, chunks[i], ""));
                p += chunks[i];
            }
            Assert.AreEqual(b.Length, p, "chunks cover the encoding");
            return sb.ToString();
        }
    }
}
