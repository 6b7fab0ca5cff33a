#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Tests.Cms
{
    /// <summary>SignedData and EnvelopedData written and read back by the core, the BER forms
    /// the reader accepts, PKCS#1 key DER against OpenSSL's, RSAES-PKCS1-v1_5 round trips, and
    /// mutations that must end in a reason, never an exception. The independent oracles (.NET,
    /// OpenSSL, a real SCEP client's message) are in the host tests.</summary>
    [TestClass]
    public class CmsMessageTests
    {
        private static X509Certificate SelfSigned(ScepKeyPair k, string cn)
        {
            byte[] name = new X509NameBuilder().Add(X509NameBuilder.OidCommonName, cn).ToDer();
            string e;
            X509Certificate c = X509Certificate.TryParse(CertificateBuilder.SelfSigned(name, k.Modulus, k.Exponent, k.Key, HashAlgorithm.Sha256Name, ScepTestCa.Now, 30, new SeededRandom(9)), out e);
            Assert.IsNotNull(c, e);
            return c;
        }

        [TestMethod]
        public void SignedDataRoundTripAndItsChecks()
        {
            X509Certificate signer = SelfSigned(TestRsaKeys.Phone1, "signer");
            CmsSignedDataWriter w = new CmsSignedDataWriter(signer, TestRsaKeys.Phone1.Key, HashAlgorithm.Sha256Name);
            w.AddCertificate(signer.Der);
            w.AddPrintableStringAttribute(ScepCodes.OidTransactionId, "ABC");
            w.AddOctetStringAttribute(ScepCodes.OidSenderNonce, new byte[] { 1, 2, 3 });
            byte[] content = Util.Ascii.GetBytes("content");
            byte[] der = w.Encode(CmsAlgorithms.OidData, content);
            string e;
            CmsSignedData sd = CmsSignedData.TryParse(der, out e);
            Assert.IsNotNull(sd, e);
            Assert.IsTrue(sd.IsDer);
            Assert.AreEqual(1, sd.Version);
            Assert.AreEqual(CmsAlgorithms.OidSha256, sd.DigestAlgorithms[0]);
            Expect.Bytes(content, sd.Content, "content");
            Assert.AreEqual(1, sd.Certificates.Length);
            CmsSignerInfo si = sd.Signers[0];
            Assert.IsTrue(si.Identifies(signer));
            Assert.AreEqual(4, si.AttributeOids.Length);
            Assert.AreEqual("ABC", si.AttributeString(ScepCodes.OidTransactionId));
            Expect.Bytes(new byte[] { 1, 2, 3 }, si.AttributeOctets(ScepCodes.OidSenderNonce), "nonce");
            Assert.AreEqual(CmsAlgorithms.OidData, si.AttributeOid(CmsAlgorithms.OidContentType));
            Assert.AreEqual(Asn1Tag.Set, (int)si.SignedAttributesDer[0]);
            // DER SET OF order (X.690 §11.6): each attribute's encoding sorts after the previous one.
            DerReader set = new DerReader(si.SignedAttributesDer).ReadNested(Asn1Tag.Set);
            byte[] prev = null;
            while (set.HasMore)
            {
                byte[] cur = set.ReadEncoded();
                if (prev != null) Assert.IsTrue(Compare(prev, cur) < 0, "signed attributes are DER-sorted");
                prev = cur;
            }
            Assert.IsNull(sd.Verify(si, signer));
            Assert.IsNotNull(sd.Verify(si, SelfSigned(TestRsaKeys.Phone2, "other")), "another key does not verify");

            // Content changed after signing: messageDigest catches it.
            byte[] bad = (byte[])der.Clone();
            bad[IndexOf(bad, content) + 2] ^= 0x20;
            CmsSignedData sb = CmsSignedData.TryParse(bad, out e);
            Assert.IsNotNull(sb, e);
            Assert.IsTrue(sb.Verify(sb.Signers[0], signer).IndexOf("messageDigest") >= 0);
            // A signed attribute changed: the signature catches it.
            bad = (byte[])der.Clone();
            bad[IndexOf(bad, Util.Ascii.GetBytes("ABC"))] = (byte)'X';
            sb = CmsSignedData.TryParse(bad, out e);
            Assert.IsNotNull(sb, e);
            Assert.IsTrue(sb.Verify(sb.Signers[0], signer).IndexOf("does not verify") >= 0);

            Expect.ThrowsArgument(delegate { w.AddPrintableStringAttribute(ScepCodes.OidTransactionId, "again"); }, "attribute twice");
            Expect.ThrowsArgument(delegate { w.AddAttribute(CmsAlgorithms.OidMessageDigest, new byte[] { 4, 0 }); }, "messageDigest by hand");
        }

        [TestMethod]
        public void EnvelopedDataRoundTripsWithEachCipher()
        {
            X509Certificate to = SelfSigned(TestRsaKeys.Phone1, "recipient");
            X509Certificate other = SelfSigned(TestRsaKeys.Phone2, "other");
            string[] ciphers = new string[] { CmsAlgorithms.OidAes128Cbc, CmsAlgorithms.OidAes192Cbc, CmsAlgorithms.OidAes256Cbc, CmsAlgorithms.OidDesEde3Cbc };
            for (int i = 0; i < ciphers.Length; i++)
            {
                for (int len = 0; len < 40; len += 13)
                {
                    byte[] data = new byte[len];
                    new SeededRandom((uint)(len + 1)).NextBytes(data);
                    byte[] der = CmsEnvelopedData.Encode(data, to, ciphers[i], new SeededRandom((uint)(i + 10)));
                    string e;
                    CmsEnvelopedData env = CmsEnvelopedData.TryParse(der, out e);
                    Assert.IsNotNull(env, e);
                    Assert.AreEqual(0, env.Version);
                    Assert.AreEqual(ciphers[i], env.ContentEncryptionAlgorithm);
                    Assert.AreEqual(CmsAlgorithms.ContentBlockLength(ciphers[i]), env.Iv.Length);
                    Expect.Bytes(data, env.Decrypt(to, TestRsaKeys.Phone1.Key, new SeededRandom(3), out e), CmsAlgorithms.ContentName(ciphers[i]));
                    Assert.IsNull(env.Decrypt(other, TestRsaKeys.Phone2.Key, new SeededRandom(3), out e));
                    Assert.IsTrue(e.IndexOf("not addressed to") >= 0, e);
                }
            }
            // The right certificate but the wrong key: a random key stands in (RFC 3218) and the
            // content fails to decrypt, or decrypts to something else.
            byte[] secret = Util.Ascii.GetBytes("sixteen byte msg");
            CmsEnvelopedData x = CmsEnvelopedData.TryParse(CmsEnvelopedData.Encode(secret, to, CmsAlgorithms.OidAes128Cbc, new SeededRandom(4)), out string _e);
            string why;
            byte[] wrong = x.Decrypt(to, TestRsaKeys.Phone2.Key, new SeededRandom(5), out why);
            Assert.IsTrue(wrong == null || Util.Hex.Bytes(wrong) != Util.Hex.Bytes(secret));
            Expect.ThrowsArgument(delegate { CmsEnvelopedData.Encode(secret, to, "1.2.840.113549.3.2", new SeededRandom(1)); }, "RC2 not supported");
            Expect.ThrowsArgument(delegate { CmsEnvelopedData.Encode(secret, to, CmsAlgorithms.OidDesCbc, new SeededRandom(1)); }, "single DES is read, never written");
        }

        [TestMethod]
        public void BerFormsAreRead()
        {
            // ContentInfo { id-data-less SignedData } written with indefinite lengths throughout and
            // eContent as a constructed OCTET STRING of two segments (X.690 §8.1.3.6, §8.7.3.2).
            string ber =
                "3080" + "06092a864886f70d010702" + "a080" +
                  "3080" + "020101" + "3100" +
                    "3080" + "06092a864886f70d010701" + "a080" +
                      "2480" + "0403616263" + "04026465" + "0000" +
                    "0000" + "0000" +
                    "3100" +
                  "0000" +
                "0000" + "0000";
            string e;
            CmsSignedData sd = CmsSignedData.TryParse(Util.Hex.TryParse(ber), out e);
            Assert.IsNotNull(sd, e);
            Assert.IsFalse(sd.IsDer);
            Assert.AreEqual("abcde", Util.Ascii.Printable(sd.Content, 0, sd.Content.Length));
            Assert.AreEqual(0, sd.Signers.Length);

            // A constructed OCTET STRING nested in one, and the limits.
            BerReader r = new BerReader(Util.Hex.TryParse("2480" + "2406" + "0401610401" + "62" + "0401" + "63" + "0000"));
            byte[] v = r.ReadOctetString(Asn1Tag.OctetString, 100);
            Assert.IsNotNull(v, r.Error);
            Assert.AreEqual("abc", Util.Ascii.Printable(v, 0, v.Length));
            Assert.IsNull(new BerReader(Util.Hex.TryParse("2480040161040162" + "0000")).ReadOctetString(Asn1Tag.OctetString, 1), "over the cap");
            Assert.IsNull(new BerReader(Util.Hex.TryParse("24800201010000")).ReadOctetString(Asn1Tag.OctetString, 10), "an INTEGER segment");
            Assert.IsNull(new BerReader(Util.Hex.TryParse("248004016100")).ReadOctetString(Asn1Tag.OctetString, 10), "no end-of-contents");
            // Nesting past MaxDepth is refused, not followed.
            System.Text.StringBuilder deep = new System.Text.StringBuilder();
            for (int i = 0; i < 40; i++) deep.Append("3080");
            for (int i = 0; i < 40; i++) deep.Append("0000");
            BerReader d = new BerReader(Util.Hex.TryParse(deep.ToString()));
            Assert.IsNull(d.ReadNested(Asn1Tag.Sequence));
        }

        [TestMethod]
        public void Pkcs1KeyDerIsOpenSslsByteForByte()
        {
            // TestRsaKeys holds OpenSSL's own encodings: re-encoding the decoded parts gives them back.
            string[] keys = new string[] { TestRsaKeys.CaPkcs1, TestRsaKeys.RaPkcs1, TestRsaKeys.Phone1Pkcs1, TestRsaKeys.Phone2Pkcs1 };
            for (int i = 0; i < keys.Length; i++)
            {
                byte[] der = Util.Hex.TryParse(keys[i]);
                string e;
                byte[][] parts = RsaPrivateKeyDer.TryDecode(der, out e);
                Assert.IsNotNull(parts, e);
                Expect.Bytes(der, RsaPrivateKeyDer.Encode(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]), "key " + i.ToString());
                ScepKeyPair k = ScepKeyPair.TryDecode(der, out e);
                Expect.Bytes(der, k.ExportPkcs1(), "export " + i.ToString());
                Assert.AreEqual(1024, k.Bits);
                Assert.IsTrue(k.ToString().IndexOf(Util.Hex.Bytes(parts[3]).Substring(0, 16)) < 0, "no secret in ToString");
            }
            string why;
            Assert.IsNull(RsaPrivateKeyDer.TryDecode(Util.Hex.TryParse("3003020101"), out why));
            byte[] p1 = Util.Hex.TryParse(TestRsaKeys.Phone1Pkcs1), p2 = Util.Hex.TryParse(TestRsaKeys.Phone2Pkcs1);
            byte[][] a = RsaPrivateKeyDer.TryDecode(p1, out why), b = RsaPrivateKeyDer.TryDecode(p2, out why);
            // Parts of two keys mixed: the pairwise check refuses them.
            Expect.ThrowsArgument(delegate { new ScepKeyPair(a[0], a[1], a[2], a[3], a[4], b[5], a[6], a[7]); }, "mixed parts");
        }

        [TestMethod]
        public void RsaEncryptionRoundTripsAndRefusesTampering()
        {
            ScepKeyPair k = TestRsaKeys.Phone1;
            SeededRandom rnd = new SeededRandom(11);
            for (int len = 0; len <= 117; len += 39)
            {
                byte[] m = new byte[len];
                rnd.NextBytes(m);
                byte[] c = RsaPkcs1Encryption.Encrypt(k.PublicKey, m, rnd);
                Assert.AreEqual(128, c.Length);
                Expect.Bytes(m, RsaPkcs1Encryption.Decrypt(k.Key, c), "round trip of " + len.ToString());
            }
            Expect.ThrowsArgument(delegate { RsaPkcs1Encryption.Encrypt(k.PublicKey, new byte[118], rnd); }, "k - 11 is the limit");
        }

        [TestMethod]
        public void MutatedMessagesEndInReasonsNeverExceptions()
        {
            ScepTestCa ca = new ScepTestCa(false);
            X509Certificate signer = SelfSigned(TestRsaKeys.Phone1, "SEP1");
            byte[] req = ScepMessageWriter.Request(ScepCodes.PkcsReq, Util.Ascii.GetBytes("not a csr, just bytes"), "T", new byte[16], signer, TestRsaKeys.Phone1.Key,
                ca.CaCert, HashAlgorithm.Sha256Name, CmsAlgorithms.OidAes128Cbc, new SeededRandom(1));
            byte[] rep = ScepMessageWriter.CertRep(ScepCodes.Success, 0, null, "T", new byte[16], new byte[16], CmsCertsOnly.Encode(new byte[][] { ca.CaCert.Der }),
                signer, ca.CaCert, TestRsaKeys.Ca.Key, HashAlgorithm.Sha256Name, CmsAlgorithms.OidDesEde3Cbc, new SeededRandom(2));
            byte[][] blobs = new byte[][] { req, rep };
            SeededRandom rnd = new SeededRandom(5652);
            int parsed = 0, refused = 0;
            X509Certificate[] trusted = new X509Certificate[] { ca.CaCert, signer };
            for (int b = 0; b < blobs.Length; b++)
            {
                for (int i = 0; i < 300; i++)
                {
                    byte[] m;
                    if (i % 4 == 0) { m = new byte[rnd.Next(blobs[b].Length)]; System.Array.Copy(blobs[b], m, m.Length); }
                    else
                    {
                        m = (byte[])blobs[b].Clone();
                        int n = 1 + rnd.Next(4);
                        for (int k = 0; k < n; k++) m[rnd.Next(m.Length)] = (byte)rnd.Next(256);
                    }
                    string e;
                    ScepPkiMessage pm = ScepPkiMessage.TryParse(m, out e);
                    if (pm == null) { Assert.IsNotNull(e); refused++; continue; }
                    parsed++;
                    pm.VerifySignature(trusted, out e);
                    pm.DecryptEnvelope(b == 0 ? ca.CaCert : signer, b == 0 ? TestRsaKeys.Ca.Key : TestRsaKeys.Phone1.Key, rnd, out e);
                    Pkcs10Request.TryParse(m, out e);
                    CmsEnvelopedData.TryParse(m, out e);
                }
            }
            Assert.IsTrue(refused > 100 && parsed > 10, parsed.ToString() + " parsed, " + refused.ToString() + " refused");
        }

        private static int Compare(byte[] a, byte[] b)
        {
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++) if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
            return a.Length - b.Length;
        }

        private static int IndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && hay[i + k] == needle[k]) k++;
                if (k == needle.Length) return i;
            }
            Assert.IsTrue(false, "not found");
            return -1;
        }
    }
}
