#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Cms
{
    /// <summary>certs-only SignedData (RFC 5652 §5.1), with stand-in "certificates" (small
    /// SEQUENCEs: the envelope code does not look inside them). Real certificates and the
    /// .NET/OpenSSL oracles are in the host tests.</summary>
    [TestClass]
    public class CmsCertsOnlyTests
    {
        private const string SignedDataOid = "06092a864886f70d010702";
        private const string DataOid = "06092a864886f70d010701";
        private const string Cert1 = "3003020101";
        private const string Cert2 = "3003020102";

        [TestMethod]
        public void EncodesTheDegenerateFormByHand()
        {
            byte[] der = CmsCertsOnly.Encode(new byte[][] { Hex.TryParse(Cert2), Hex.TryParse(Cert1) });
            // ContentInfo { id-signedData, [0] { SignedData { version 1, digestAlgorithms {},
            //   encapContentInfo { id-data }, certificates [0] (DER-sorted SET OF), signerInfos {} } } }
            Assert.AreEqual("302f" + SignedDataOid + "a022" + "3020" + "020101" + "3100" + "300b" + DataOid +
                "a00a" + Cert1 + Cert2 + "3100", Hex.Bytes(der));
            Assert.AreEqual("3023" + SignedDataOid + "a016" + "3014" + "020101" + "3100" + "300b" + DataOid + "3100",
                Hex.Bytes(CmsCertsOnly.Encode(new byte[0][])));
            Expect.ThrowsArgument(delegate { CmsCertsOnly.Encode(new byte[][] { Hex.TryParse("0500") }); }, "not a SEQUENCE");
            Expect.ThrowsArgument(delegate { CmsCertsOnly.Encode(new byte[][] { Hex.TryParse("3003020101ff") }); }, "trailing byte");
        }

        [TestMethod]
        public void ParsesItsOwnOutput()
        {
            string e;
            CmsCertsOnly m = CmsCertsOnly.TryParse(CmsCertsOnly.Encode(new byte[][] { Hex.TryParse(Cert2), Hex.TryParse(Cert1) }), out e);
            Assert.IsNotNull(m, e);
            Assert.AreEqual(2, m.Certificates.Length);
            Assert.AreEqual(Cert1, Hex.Bytes(m.Certificates[0]));
            Assert.AreEqual(Cert2, Hex.Bytes(m.Certificates[1]));
            Assert.AreEqual(1, m.Version);
            Assert.AreEqual(CmsCertsOnly.OidData, m.ContentType);
            Assert.IsTrue(m.IsDer);
            Assert.IsTrue(m.IsDegenerate);
            Assert.AreEqual(0, m.OtherCertificateChoices);
            CmsCertsOnly none = CmsCertsOnly.TryParse(CmsCertsOnly.Encode(new byte[0][]), out e);
            Assert.IsNotNull(none, e);
            Assert.AreEqual(0, none.Certificates.Length);
        }

        [TestMethod]
        public void AcceptsIndefiniteLengthsInTheEnvelope()
        {
            // X.690 §8.1.3.6: every constructed level of the envelope with 80 ... 00 00, the way BER
            // encoders (Bouncy Castle's default for CMS) write it; certificates kept in their order.
            string ber = "3080" + SignedDataOid + "a080" + "3080" + "020101" + "3100" + "3080" + DataOid + "0000" +
                "a080" + Cert2 + Cert1 + "0000" + "3100" + "0000" + "0000" + "0000";
            string e;
            CmsCertsOnly m = CmsCertsOnly.TryParse(Hex.TryParse(ber), out e);
            Assert.IsNotNull(m, e);
            Assert.IsFalse(m.IsDer);
            Assert.AreEqual(2, m.Certificates.Length);
            Assert.AreEqual(Cert2, Hex.Bytes(m.Certificates[0]));
            Assert.AreEqual(Cert1, Hex.Bytes(m.Certificates[1]));

            // A non-minimal long-form length is BER too.
            m = CmsCertsOnly.TryParse(Hex.TryParse("30812f" + SignedDataOid + "a022" + "3020" + "020101" + "3100" + "300b" + DataOid +
                "a00a" + Cert1 + Cert2 + "3100"), out e);
            Assert.IsNotNull(m, e);
            Assert.IsFalse(m.IsDer);
            Assert.AreEqual(2, m.Certificates.Length);
        }

        [TestMethod]
        public void FlagsOtherChoicesCrlsSignersAndContent()
        {
            // certificates: Certificate, v1AttrCert [1] IMPLICIT (skipped); crls [1] with one entry;
            // one (opaque) SignerInfo; eContent present.
            string sd = "020101" + "3100" + "3010" + DataOid + "a003" + "040100" + "a00a" + Cert1 + "a103020100" +
                "a1023000" + "31023000";
            string e;
            CmsCertsOnly m = CmsCertsOnly.TryParse(Wrap(sd), out e);
            Assert.IsNotNull(m, e);
            Assert.AreEqual(1, m.Certificates.Length);
            Assert.AreEqual(1, m.OtherCertificateChoices);
            Assert.AreEqual(1, m.CrlCount);
            Assert.AreEqual(1, m.SignerInfoCount);
            Assert.IsTrue(m.HasContent);
            Assert.IsFalse(m.IsDegenerate);
        }

        [TestMethod]
        public void RefusesMalformedMessagesWithAReason()
        {
            string good = "020101" + "3100" + "300b" + DataOid;
            Refuse(null, "no data");
            Refuse(Hex.TryParse("3000"), "contentType");
            Refuse(Hex.TryParse("300b" + DataOid), "not id-signedData");
            Refuse(Concat(Wrap(good + "3100"), "00"), "data after the ContentInfo");
            Refuse(Wrap(good), "signerInfos");                                        // missing
            Refuse(Wrap(good + "3100" + "3100"), "after signerInfos");
            Refuse(Wrap("020109" + "3100" + "300b" + DataOid + "3100"), "version");
            Refuse(Wrap(good + "a002" + "0400" + "3100"), "unknown CertificateChoices tag 0x04");
            Refuse(Wrap(good + "a007" + "3080020101" + "0000" + "3100"), "not DER");   // a certificate in BER
            Refuse(Wrap(good + "a004" + "30810101" + "3100"), "not DER");              // non-minimal certificate length
            Refuse(Hex.TryParse("3080" + SignedDataOid + "a080" + "3080" + good + "3100" + "0000" + "0000"), "end-of-contents");
            Refuse(Hex.TryParse("3080" + SignedDataOid + "0480" + "0000" + "0000"), "primitive");
            Refuse(Hex.TryParse("3085" + "0000000001" + "00"), "4 octets");
            Refuse(Hex.TryParse("30ff00"), "0xFF");
            Refuse(Hex.TryParse("3f2200"), "high tag");

            // Indefinite lengths nested past the walker's bound.
            System.Text.StringBuilder deep = new System.Text.StringBuilder("3080" + SignedDataOid + "a080");
            for (int i = 0; i < 40; i++) deep.Append("3080");
            for (int i = 0; i < 42; i++) deep.Append("0000");
            Refuse(Hex.TryParse(deep.ToString()), "deeper than");

            // The count cap.
            string e;
            byte[] three = CmsCertsOnly.Encode(new byte[][] { Hex.TryParse(Cert1), Hex.TryParse(Cert2), Hex.TryParse("3003020103") });
            Assert.IsNull(CmsCertsOnly.TryParse(three, 2, out e));
            Expect.Contains(e, "more than 2 certificates", "cap");
            Assert.IsNotNull(CmsCertsOnly.TryParse(three, 3, out e), e);
        }

        [TestMethod]
        public void TruncationsAndMutationsNeverThrow()
        {
            byte[][] blobs = new byte[][]
            {
                CmsCertsOnly.Encode(new byte[][] { Hex.TryParse(Cert1), Hex.TryParse(Cert2), Hex.TryParse("3003020103") }),
                Hex.TryParse("3080" + SignedDataOid + "a080" + "3080" + "020101" + "3100" + "3080" + DataOid + "0000" +
                    "a080" + Cert2 + Cert1 + "0000" + "3100" + "0000" + "0000" + "0000"),
            };
            SeededRandom rng = new SeededRandom(8894);
            string e;
            for (int k = 0; k < blobs.Length; k++)
            {
                byte[] full = blobs[k];
                Assert.IsNotNull(CmsCertsOnly.TryParse(full, out e), e);
                for (int n = 0; n < full.Length; n++)
                {
                    byte[] cut = new byte[n];
                    System.Array.Copy(full, cut, n);
                    Assert.IsNull(CmsCertsOnly.TryParse(cut, out e), "prefix of " + n.ToString());
                    Assert.IsNotNull(e);
                }
                for (int round = 0; round < 3000; round++)
                {
                    byte[] b = (byte[])full.Clone();
                    int flips = 1 + rng.Next(3);
                    for (int f = 0; f < flips; f++)
                    {
                        int at = rng.Next(b.Length);
                        int how = rng.Next(4);
                        if (how == 0) b[at] = 0;
                        else if (how == 1) b[at] = 0x80;
                        else if (how == 2) b[at] ^= (byte)(1 << rng.Next(8));
                        else b[at] = (byte)rng.Next(256);
                    }
                    CmsCertsOnly m = CmsCertsOnly.TryParse(b, out e);
                    Assert.IsTrue((m == null) == (e != null), "round " + round.ToString());
                }
            }
        }

        private static void Refuse(byte[] data, string reason)
        {
            string e;
            Assert.IsNull(CmsCertsOnly.TryParse(data, out e), reason);
            Expect.Contains(e, reason, "error");
        }

        /// <summary>ContentInfo { id-signedData, [0] { SEQUENCE { hex } } } with short lengths.</summary>
        private static byte[] Wrap(string signedDataContents)
        {
            int n = signedDataContents.Length / 2;
            string sd = "30" + Hex.Byte(n) + signedDataContents;
            string ci = SignedDataOid + "a0" + Hex.Byte(n + 2) + sd;
            return Hex.TryParse("30" + Hex.Byte(ci.Length / 2) + ci);
        }

        private static byte[] Concat(byte[] a, string hex)
        {
            byte[] b = Hex.TryParse(hex);
            byte[] r = new byte[a.Length + b.Length];
            System.Array.Copy(a, r, a.Length);
            System.Array.Copy(b, 0, r, a.Length, b.Length);
            return r;
        }
    }
}
