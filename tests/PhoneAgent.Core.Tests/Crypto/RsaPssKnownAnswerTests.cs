#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Crypto
{
    /// <summary>RSASSA-PSS verification (RFC 8017 §8.1.2) on the PKCS #1 v2.1 vectors (PssVectors).</summary>
    [TestClass]
    public class RsaPssKnownAnswerTests
    {
        private static RsaPublicKey Key(string n) { return new RsaPublicKey(Hex.TryParse(n), Hex.TryParse(PssVectors.E)); }

        private static byte[] Sha1(string hex) { return new Sha1().Compute(Hex.TryParse(hex)); }

        [TestMethod]
        public void PublishedVectorsVerify()
        {
            string[] v = PssVectors.All();
            for (int i = 0; i < v.Length; i += 3)
            {
                RsaPublicKey key = Key(v[i]);
                byte[] digest = Sha1(v[i + 1]);
                byte[] sig = Hex.TryParse(v[i + 2]);
                string what = "vector " + (i / 3).ToString() + " (" + key.ModulusBits.ToString() + " bits)";
                Assert.IsTrue(key.VerifyPss("SHA-1", digest, sig, "SHA-1", 20), what);
                Assert.IsTrue(key.VerifyPss("SHA-1", digest, sig, "SHA-1", -1), what + ", salt length recovered");
                Assert.IsFalse(key.VerifyPss("SHA-1", digest, sig, "SHA-1", 19), what + ", salt 19");
                Assert.IsFalse(key.VerifyPss("SHA-1", digest, sig, "SHA-1", 21), what + ", salt 21");
                Assert.IsFalse(key.VerifyPss("SHA-1", digest, sig, "SHA-1", 0), what + ", salt 0");
                Assert.IsFalse(key.VerifyPss("SHA-1", digest, sig, "SHA-256", 20), what + ", MGF1 with SHA-256");
                Assert.IsFalse(key.VerifyPss("SHA-256", new Sha256().Compute(Hex.TryParse(v[i + 1])), sig, "SHA-1", 20), what + ", SHA-256");
                Assert.IsFalse(key.VerifyPss("SHA-1", digest, sig, "SHA-1", -2), what + ", salt -2");
                Assert.IsFalse(key.VerifyPss("NONE", digest, sig, "SHA-1", 20), what + ", unknown hash");
            }
            Assert.AreEqual(1024, Key(PssVectors.N1).ModulusBits);
            Assert.AreEqual(1025, Key(PssVectors.N2).ModulusBits);
            Assert.AreEqual(1031, Key(PssVectors.N8).ModulusBits);
        }

        [TestMethod]
        public void FlippedBitsFail()
        {
            string[] v = PssVectors.All();
            for (int i = 0; i < v.Length; i += 3)
            {
                RsaPublicKey key = Key(v[i]);
                byte[] digest = Sha1(v[i + 1]);
                byte[] sig = Hex.TryParse(v[i + 2]);
                // Every 13th bit of the signature (all of them in the host tests) and every digest bit.
                for (int bit = i; bit < sig.Length * 8; bit += 13)
                {
                    sig[bit / 8] ^= (byte)(1 << (bit % 8));
                    Assert.IsFalse(key.VerifyPss("SHA-1", digest, sig, "SHA-1", -1), "signature bit " + bit.ToString());
                    sig[bit / 8] ^= (byte)(1 << (bit % 8));
                }
                for (int bit = 0; bit < digest.Length * 8; bit++)
                {
                    digest[bit / 8] ^= (byte)(1 << (bit % 8));
                    Assert.IsFalse(key.VerifyPss("SHA-1", digest, sig, "SHA-1", 20), "digest bit " + bit.ToString());
                    digest[bit / 8] ^= (byte)(1 << (bit % 8));
                }
                Assert.IsTrue(key.VerifyPss("SHA-1", digest, sig, "SHA-1", 20), "restored");
            }
        }

        [TestMethod]
        public void SignatureLengthAndRangeAreChecked()
        {
            RsaPublicKey key = Key(PssVectors.N2);
            byte[] digest = Sha1(PssVectors.Message2_1);
            byte[] sig = Hex.TryParse(PssVectors.Signature2_1);
            byte[] shorter = new byte[sig.Length - 1];
            System.Array.Copy(sig, 1, shorter, 0, shorter.Length);          // its first octet is 0x01: not droppable
            Assert.IsFalse(key.VerifyPss("SHA-1", digest, shorter, "SHA-1", 20), "k - 1 octets");
            byte[] longer = new byte[sig.Length + 1];
            System.Array.Copy(sig, 0, longer, 1, sig.Length);
            Assert.IsFalse(key.VerifyPss("SHA-1", digest, longer, "SHA-1", 20), "k + 1 octets");
            Assert.IsFalse(key.VerifyPss("SHA-1", digest, Hex.TryParse(PssVectors.N2), "SHA-1", 20), "s = n");
            Assert.IsFalse(key.VerifyPss("SHA-1", digest, null, "SHA-1", 20), "null signature");
            Assert.IsFalse(key.VerifyPss("SHA-1", null, sig, "SHA-1", 20), "null digest");
            byte[] shortDigest = new byte[19];
            System.Array.Copy(digest, shortDigest, 19);
            Assert.IsFalse(key.VerifyPss("SHA-1", shortDigest, sig, "SHA-1", -1), "digest of the wrong length");
        }
    }
}
