#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Crypto
{
    /// <summary>Known answers for AES, DES and TDEA, and the CBC/PKCS#7 padding rules. Every
    /// vector is public so that the host test CipherOracleTests also runs it through .NET's
    /// Aes/DES/TripleDES: a value mistyped here fails twice.</summary>
    [TestClass]
    public class CipherKnownAnswerTests
    {
        /// <summary>FIPS 197 Appendix C.1, C.2, C.3 (key, plaintext, ciphertext).</summary>
        public static readonly string[] AesFips197 = new string[]
        {
            "000102030405060708090a0b0c0d0e0f",
            "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a",
            "000102030405060708090a0b0c0d0e0f1011121314151617",
            "00112233445566778899aabbccddeeff", "dda97ca4864cdfe06eaf70a0ec0d7191",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089",
        };

        /// <summary>SP 800-38A Appendix F.2: the four plaintext blocks shared by F.2.1-F.2.6 and IV.</summary>
        public const string Sp80038APlaintext =
            "6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51" +
            "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710";
        public const string Sp80038AIv = "000102030405060708090a0b0c0d0e0f";

        /// <summary>SP 800-38A F.2.1/F.2.2 (CBC-AES128), F.2.3/F.2.4 (CBC-AES192), F.2.5/F.2.6
        /// (CBC-AES256): key, ciphertext. Each Encrypt and Decrypt pair shares its values.</summary>
        public static readonly string[] CbcAesSp80038A = new string[]
        {
            "2b7e151628aed2a6abf7158809cf4f3c",
            "7649abac8119b246cee98e9b12e9197d" + "5086cb9b507219ee95db113a917678b2" +
            "73bed6b8e3c1743b7116e69e22229516" + "3ff1caa1681fac09120eca307586e1a7",
            "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
            "4f021db243bc633d7178183a9fa071e8" + "b4d9ada9ad7dedf4e5e738763f69145a" +
            "571b242012fb7ae07fa9baac3df102e0" + "08b0e27988598881d920a9e64f5615cd",
            "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
            "f58c4c04d6e5f1ba779eabfb5f7bfbd6" + "9cfc4e967edb808d679f777bc6702c7d" +
            "39f23369a9d9bacfa530e26304231461" + "b2eb05e2c39be9fcda6c19078c6a9d1b",
        };

        /// <summary>NIST CAVP tdesmmt.zip, TCBCMMT3.rsp (CAVS 11.1, three-key TDEA in CBC):
        /// KEY1 || KEY2 || KEY3, IV, plaintext, ciphertext. [ENCRYPT] COUNT = 2 and
        /// [DECRYPT] COUNT = 3.</summary>
        public static readonly string[] TdeaCbcCavpMmt3 = new string[]
        {
            "1a5d4c0825072a15" + "a8ad9dfdaeda8c04" + "8adffb85bc4fced0", "7fcfa736f7548b6f",
            "983c3edacd939406010e1bc6ff9e12320ac5008117fa8f84",
            "d84fa24f38cf451ca2c9adc960120bd8ff9871584fe31cee",
            "86838c6815c25b97" + "5bdc10f4b95145e6" + "49fdefdcf4754ab9", "4b1992ad38b4d6dd",
            "f5f94e406cec1b85e9a7c076b95456b6a439921591abbfc381d0bbf363ff5c04",
            "cb78b6deaca11379094341f5c2cfb977bba8259482341f0a32323cae974e49a6",
        };

        /// <summary>The DES substitution-table known answers (SP 800-20's S-box test: together
        /// the 19 keys use every S-box entry), as NIST CAVP KAT_TDES.zip publishes them in
        /// TOFBIsubtab.rsp [ENCRYPT] COUNT = 0..18: KEYs, IV1, CIPHERTEXT1. With
        /// KEY1 = KEY2 = KEY3 and a zero plaintext, CIPHERTEXT1 is the DEA encryption of IV1.</summary>
        public static readonly string[] DesSubstitutionTable = new string[]
        {
            "7ca110454a1a6e57", "01a1d6d039776742", "690f5b0d9a26939b",
            "0131d9619dc1376e", "5cd54ca83def57da", "7a389d10354bd271",
            "07a1133e4a0b2686", "0248d43806f67172", "868ebb51cab4599a",
            "3849674c2602319e", "51454b582ddf440a", "7178876e01f19b2a",
            "04b915ba43feb5b6", "42fd443059577fa2", "af37fb421f8c4095",
            "0113b970fd34f2ce", "059b5e0851cf143a", "86a560f10ec6d85b",
            "0170f175468fb5e6", "0756d8e0774761d2", "0cd3da020021dc09",
            "43297fad38e373fe", "762514b829bf486a", "ea676b2cb7db2b7a",
            "07a7137045da2a16", "3bdd119049372802", "dfd64a815caf1a0f",
            "04689104c2fd3b2f", "26955f6835af609a", "5c513c9c4886c088",
            "37d06bb516cb7546", "164d5e404f275232", "0a2aeeae3ff4ab77",
            "1f08260d1ac2465e", "6b056e18759f5cca", "ef1bf03e5dfa575a",
            "584023641aba6176", "004bd6ef09176062", "88bf0db6d70dee56",
            "025816164629b007", "480d39006ee762f2", "a1f9915541020b56",
            "49793ebc79b3258f", "437540c8698f3cfa", "6fbf1cafcffd0556",
            "4fb05e1515ab73a7", "072d43a077075292", "2f22e49bab7ca1ac",
            "49e95d6d4ca229bf", "02fe55778117f12a", "5a6b612cc26cce4a",
            "018310dc409b26d6", "1d9d5c5018f728c2", "5f4c038ed12b2e41",
            "1c587f1c13924fef", "305532286d6f295a", "63fac0d034d9f793",
        };

        private static byte[] H(string hex)
        {
            byte[] b = Hex.TryParse(hex);
            Assert.IsNotNull(b, "bad hex in a vector");
            return b;
        }

        private static byte[] Block(IBlockCipher c, byte[] input, bool encrypt)
        {
            byte[] output = new byte[input.Length];
            if (encrypt) c.EncryptBlock(input, 0, output, 0);
            else c.DecryptBlock(input, 0, output, 0);
            return output;
        }

        [TestMethod]
        public void AesFips197AppendixC()
        {
            for (int i = 0; i < AesFips197.Length; i += 3)
            {
                byte[] key = H(AesFips197[i]);
                byte[] pt = H(AesFips197[i + 1]);
                byte[] ct = H(AesFips197[i + 2]);
                Aes aes = new Aes(key);
                string name = "AES-" + (key.Length * 8).ToString();
                Expect.Bytes(ct, Block(aes, pt, true), name + " encrypt");
                Expect.Bytes(pt, Block(aes, ct, false), name + " decrypt");
                // In place and at an offset.
                byte[] buf = new byte[19];
                System.Array.Copy(pt, 0, buf, 3, 16);
                aes.EncryptBlock(buf, 3, buf, 3);
                Assert.AreEqual(Hex.Bytes(ct), Hex.Bytes(buf, 3, 16, ""), name + " in place");
                aes.DecryptBlock(buf, 3, buf, 3);
                Assert.AreEqual(Hex.Bytes(pt), Hex.Bytes(buf, 3, 16, ""), name + " in place decrypt");
            }
        }

        [TestMethod]
        public void CbcAesSp80038AppendixF2()
        {
            byte[] pt = H(Sp80038APlaintext);
            byte[] iv = H(Sp80038AIv);
            for (int i = 0; i < CbcAesSp80038A.Length; i += 2)
            {
                Aes aes = new Aes(H(CbcAesSp80038A[i]));
                byte[] ct = H(CbcAesSp80038A[i + 1]);
                string name = "CBC-" + aes.ToString();
                Expect.Bytes(ct, Cbc.EncryptNoPadding(aes, iv, pt, 0, pt.Length), name + ".Encrypt");
                Expect.Bytes(pt, Cbc.DecryptNoPadding(aes, iv, ct, 0, ct.Length), name + ".Decrypt");
                // With PKCS#7 the same four blocks come first, then one whole block of padding.
                byte[] padded = Cbc.Encrypt(aes, iv, pt, 0, pt.Length);
                Assert.AreEqual(80, padded.Length, name + " padded length");
                Assert.AreEqual(Hex.Bytes(ct), Hex.Bytes(padded, 0, 64, ""), name + " padded prefix");
                Expect.Bytes(pt, Cbc.Decrypt(aes, iv, padded, 0, padded.Length), name + " padded round trip");
            }
        }

        [TestMethod]
        public void TdeaCbcCavpMultiBlock()
        {
            for (int i = 0; i < TdeaCbcCavpMmt3.Length; i += 4)
            {
                TripleDes tdea = new TripleDes(H(TdeaCbcCavpMmt3[i]));
                byte[] iv = H(TdeaCbcCavpMmt3[i + 1]);
                byte[] pt = H(TdeaCbcCavpMmt3[i + 2]);
                byte[] ct = H(TdeaCbcCavpMmt3[i + 3]);
                string name = "TCBCMMT3 vector " + (i / 4).ToString();
                Expect.Bytes(ct, Cbc.EncryptNoPadding(tdea, iv, pt, 0, pt.Length), name + " encrypt");
                Expect.Bytes(pt, Cbc.DecryptNoPadding(tdea, iv, ct, 0, ct.Length), name + " decrypt");
            }
        }

        [TestMethod]
        public void DesSubstitutionTableKnownAnswers()
        {
            for (int i = 0; i < DesSubstitutionTable.Length; i += 3)
            {
                byte[] key = H(DesSubstitutionTable[i]);
                byte[] pt = H(DesSubstitutionTable[i + 1]);
                byte[] ct = H(DesSubstitutionTable[i + 2]);
                string name = "subtab COUNT " + (i / 3).ToString();
                Des des = new Des(key);
                Expect.Bytes(ct, Block(des, pt, true), name + " DES encrypt");
                Expect.Bytes(pt, Block(des, ct, false), name + " DES decrypt");
                // Keying option 3 (K1 = K2 = K3) is DES again: the EDE composition is checked too.
                byte[] k3 = new byte[24];
                for (int j = 0; j < 3; j++) System.Array.Copy(key, 0, k3, 8 * j, 8);
                TripleDes tdea = new TripleDes(k3);
                Expect.Bytes(ct, Block(tdea, pt, true), name + " TDEA encrypt");
                Expect.Bytes(pt, Block(tdea, ct, false), name + " TDEA decrypt");
            }
        }

        [TestMethod]
        public void ParityBitsAreIgnored()
        {
            // Flipping the low bit of every key byte changes only parity (SP 800-67: 56 key bits).
            byte[] key = H(DesSubstitutionTable[0]);
            for (int i = 0; i < key.Length; i++) key[i] ^= 1;
            Expect.Bytes(H(DesSubstitutionTable[2]), Block(new Des(key), H(DesSubstitutionTable[1]), true), "DES with flipped parity");
        }

        /// <summary>Encrypts one chosen final block without padding, so its decryption has
        /// exactly the padding bytes the test wants.</summary>
        private static byte[] WithLastBlock(IBlockCipher c, byte[] iv, byte[] lastBlock)
        {
            byte[] two = new byte[2 * c.BlockSize];
            for (int i = 0; i < c.BlockSize; i++) two[i] = (byte)(0x41 + i);
            System.Array.Copy(lastBlock, 0, two, c.BlockSize, c.BlockSize);
            return Cbc.EncryptNoPadding(c, iv, two, 0, two.Length);
        }

        private static byte[] Ending(int size, byte[] tail)
        {
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) b[i] = 0x55;
            System.Array.Copy(tail, 0, b, size - tail.Length, tail.Length);
            return b;
        }

        [TestMethod]
        public void PaddingIsCheckedStrictly()
        {
            IBlockCipher[] ciphers = new IBlockCipher[] { new Aes(H(CbcAesSp80038A[0])), new TripleDes(H(TdeaCbcCavpMmt3[0])) };
            for (int c = 0; c < ciphers.Length; c++)
            {
                IBlockCipher cipher = ciphers[c];
                int n = cipher.BlockSize;
                byte[] iv = new byte[n];
                string name = cipher.ToString();

                // Good: k bytes of value k, for k = 1 and k = n (a whole block of padding).
                byte[] good1 = WithLastBlock(cipher, iv, Ending(n, new byte[] { 1 }));
                Assert.AreEqual(2 * n - 1, Cbc.Decrypt(cipher, iv, good1, 0, good1.Length).Length, name + " pad 1");
                byte[] full = new byte[n];
                for (int i = 0; i < n; i++) full[i] = (byte)n;
                byte[] goodN = WithLastBlock(cipher, iv, full);
                Assert.AreEqual(n, Cbc.Decrypt(cipher, iv, goodN, 0, goodN.Length).Length, name + " whole padding block");

                // Bad: pad byte 0, pad byte > block size, pad bytes that disagree (first or middle one wrong).
                Assert.IsNull(Cbc.Decrypt(cipher, iv, WithLastBlock(cipher, iv, Ending(n, new byte[] { 0 })), 0, 2 * n), name + " pad 0");
                Assert.IsNull(Cbc.Decrypt(cipher, iv, WithLastBlock(cipher, iv, Ending(n, new byte[] { (byte)(n + 1) })), 0, 2 * n), name + " pad > block");
                Assert.IsNull(Cbc.Decrypt(cipher, iv, WithLastBlock(cipher, iv, Ending(n, new byte[] { 0xff })), 0, 2 * n), name + " pad 0xff");
                Assert.IsNull(Cbc.Decrypt(cipher, iv, WithLastBlock(cipher, iv, Ending(n, new byte[] { 2, 3, 3 })), 0, 2 * n), name + " first of three pad bytes wrong");
                Assert.IsNull(Cbc.Decrypt(cipher, iv, WithLastBlock(cipher, iv, Ending(n, new byte[] { 4, 4, 5, 4, 4 })), 0, 2 * n), name + " middle pad byte wrong");
                byte[] almostFull = (byte[])full.Clone();
                almostFull[0] = 0;
                Assert.IsNull(Cbc.Decrypt(cipher, iv, WithLastBlock(cipher, iv, almostFull), 0, 2 * n), name + " whole block, first byte wrong");

                // Bad length: empty, short, not a whole number of blocks (the range is inside a longer buffer).
                byte[] buf = new byte[3 * n];
                Assert.IsNull(Cbc.Decrypt(cipher, iv, buf, 0, 0), name + " empty");
                Assert.IsNull(Cbc.Decrypt(cipher, iv, buf, 0, n - 1), name + " short");
                Assert.IsNull(Cbc.Decrypt(cipher, iv, buf, 1, n + 1), name + " one block and a byte");
                Assert.IsNull(Cbc.Decrypt(cipher, iv, good1, 0, good1.Length - 1), name + " truncated");
                Assert.IsNull(Cbc.DecryptNoPadding(cipher, iv, buf, 0, n + 3), name + " no padding, partial block");
                Assert.AreEqual(0, Cbc.DecryptNoPadding(cipher, iv, buf, 0, 0).Length, name + " no padding, empty");
            }
        }

        [TestMethod]
        public void EmptyPlaintextIsOneBlockOfPadding()
        {
            Aes aes = new Aes(H(AesFips197[0]));
            byte[] iv = H(Sp80038AIv);
            byte[] ct = Cbc.Encrypt(aes, iv, new byte[0], 0, 0);
            Assert.AreEqual(16, ct.Length);
            Assert.AreEqual(0, Cbc.Decrypt(aes, iv, ct, 0, ct.Length).Length);
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            Expect.ThrowsArgument(delegate { new Aes(new byte[15]); }, "AES 15-byte key");
            Expect.ThrowsArgument(delegate { new Aes(new byte[20]); }, "AES 20-byte key");
            Expect.ThrowsArgument(delegate { new Aes(new byte[33]); }, "AES 33-byte key");
            Expect.ThrowsArgument(delegate { new Aes(null); }, "AES null key");
            Expect.ThrowsArgument(delegate { new Des(new byte[7]); }, "DES 7-byte key");
            Expect.ThrowsArgument(delegate { new TripleDes(new byte[16]); }, "TDEA 16-byte key (keying option 2)");
            Expect.ThrowsArgument(delegate { new TripleDes(new byte[25]); }, "TDEA 25-byte key");
            Aes aes = new Aes(new byte[16]);
            Expect.ThrowsArgument(delegate { Cbc.Encrypt(aes, new byte[8], new byte[16], 0, 16); }, "8-byte IV for AES");
            Expect.ThrowsArgument(delegate { Cbc.Decrypt(aes, new byte[16], new byte[16], 8, 16); }, "range outside the buffer");
            Expect.ThrowsArgument(delegate { Cbc.EncryptNoPadding(aes, new byte[16], new byte[20], 0, 20); }, "no padding, partial block");
            Expect.ThrowsArgument(delegate { aes.EncryptBlock(new byte[16], 1, new byte[16], 0); }, "block past the end");
        }

        [TestMethod]
        public void ClearForgetsTheKeyAndToStringNeverShowsIt()
        {
            byte[] key = H(AesFips197[6]);
            Aes aes = new Aes(key);
            TripleDes tdea = new TripleDes(H(TdeaCbcCavpMmt3[0]));
            Des des = new Des(H(DesSubstitutionTable[0]));
            Assert.AreEqual("AES-256", aes.ToString());
            Expect.NotContains(aes.ToString(), "0001020304", "AES ToString");
            Expect.NotContains(tdea.ToString(), "1a5d4c08", "TDEA ToString");
            IBlockCipher[] all = new IBlockCipher[] { aes, tdea, des };
            for (int i = 0; i < all.Length; i++)
            {
                IBlockCipher c = all[i];
                c.Clear();
                c.Clear();   // idempotent
                bool threw = false;
                try
                {
                    c.EncryptBlock(new byte[16], 0, new byte[16], 0);
                }
                catch (System.InvalidOperationException)
                {
                    threw = true;
                }
                Assert.IsTrue(threw, c.ToString() + " must refuse to encrypt after Clear");
            }
        }
    }
}
