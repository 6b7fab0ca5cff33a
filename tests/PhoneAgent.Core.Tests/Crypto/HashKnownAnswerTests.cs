#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Crypto
{
    /// <summary>Known answers from the standards: RFC 1320 §A.5 (MD4), RFC 1321 §A.5 (MD5),
    /// FIPS 180-4 examples as published by NIST (SHA-1, SHA-2 "abc", two-block, one million 'a'),
    /// RFC 2202 and RFC 4231 (HMAC).</summary>
    [TestClass]
    public class HashKnownAnswerTests
    {
        private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private const string Digits80 = "12345678901234567890123456789012345678901234567890123456789012345678901234567890";
        private const string TwoBlock = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

        private static void Check(string algorithm, string input, string expectedHex)
        {
            HashAlgorithm h = HashAlgorithm.Create(algorithm);
            Assert.IsNotNull(h, algorithm);
            Assert.AreEqual(expectedHex, Hex.Bytes(h.Compute(Ascii.GetBytes(input))), algorithm + "(\"" + input + "\")");
        }

        [TestMethod]
        public void Md4Rfc1320()
        {
            Check("MD4", "", "31d6cfe0d16ae931b73c59d7e0c089c0");
            Check("MD4", "a", "bde52cb31de33e46245e05fbdbd6fb24");
            Check("MD4", "abc", "a448017aaf21d8525fc10ae87aa6729d");
            Check("MD4", "message digest", "d9130a8164549fe818874806e1c7014b");
            Check("MD4", "abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9");
            Check("MD4", Alnum, "043f8582f241db351ce627e153e7f0e4");
            Check("MD4", Digits80, "e33b4ddc9c38f2199c3e7b164fcc0536");
        }

        [TestMethod]
        public void Md5Rfc1321()
        {
            Check("MD5", "", "d41d8cd98f00b204e9800998ecf8427e");
            Check("MD5", "a", "0cc175b9c0f1b6a831c399e269772661");
            Check("MD5", "abc", "900150983cd24fb0d6963f7d28e17f72");
            Check("MD5", "message digest", "f96b697d7cb7938d525a2f31aaf161d0");
            Check("MD5", "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b");
            Check("MD5", Alnum, "d174ab98d277d9f5a5611c2c9f419d9f");
            Check("MD5", Digits80, "57edf4a22be3c955ac49da2e2107b67a");
        }

        [TestMethod]
        public void ShaFips180Examples()
        {
            Check("SHA-1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
            Check("SHA-1", TwoBlock, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
            Check("SHA-256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            Check("SHA-256", TwoBlock, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
            Check("SHA-384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
            Check("SHA-512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
            Check("SHA-512/256", "abc", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
        }

        [TestMethod]
        public void OneMillionAInPieces()
        {
            // FIPS 180 examples: one million 'a', fed in 1000-byte pieces (exercises buffering).
            byte[] piece = new byte[1000];
            for (int i = 0; i < piece.Length; i++) piece[i] = (byte)'a';
            HashAlgorithm sha1 = new Sha1();
            HashAlgorithm sha256 = new Sha256();
            for (int i = 0; i < 1000; i++) { sha1.Update(piece, 0, 1000); sha256.Update(piece, 0, 1000); }
            Assert.AreEqual("34aa973cd4c4daa4f61eeb2bdbad27316534016f", Hex.Bytes(sha1.Final()));
            Assert.AreEqual("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.Bytes(sha256.Final()));
        }

        [TestMethod]
        public void PaddingBoundaries()
        {
            // 55, 56, 63, 64 bytes for 64-byte blocks and 111, 112, 127, 128 for 128-byte blocks
            // are where the length field spills into an extra block: each must equal the one-shot
            // hash of the same bytes fed one byte at a time.
            int[] sizes = new int[] { 0, 1, 55, 56, 57, 63, 64, 65, 111, 112, 113, 127, 128, 129 };
            string[] names = new string[] { "MD4", "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA-512/256" };
            for (int n = 0; n < names.Length; n++)
            {
                HashAlgorithm whole = HashAlgorithm.Create(names[n]);
                HashAlgorithm bytewise = HashAlgorithm.Create(names[n]);
                for (int s = 0; s < sizes.Length; s++)
                {
                    byte[] data = new byte[sizes[s]];
                    for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 + s);
                    byte[] a = whole.Compute(data);
                    for (int i = 0; i < data.Length; i++) bytewise.Update(data, i, 1);
                    Assert.AreEqual(Hex.Bytes(a), Hex.Bytes(bytewise.Final()), names[n] + " at " + sizes[s].ToString() + " bytes");
                }
            }
        }

        [TestMethod]
        public void HmacRfc2202AndRfc4231()
        {
            byte[] key0b16 = new byte[16];
            byte[] key0b20 = new byte[20];
            for (int i = 0; i < 20; i++) { key0b20[i] = 0x0b; if (i < 16) key0b16[i] = 0x0b; }
            byte[] hiThere = Ascii.GetBytes("Hi There");
            byte[] jefe = Ascii.GetBytes("Jefe");
            byte[] what = Ascii.GetBytes("what do ya want for nothing?");
            // RFC 2202 §2 and §3, test cases 1 and 2.
            Assert.AreEqual("9294727a3638bb1c13f48ef8158bfc9d", Hex.Bytes(Hmac.Compute("MD5", key0b16, hiThere)));
            Assert.AreEqual("750c783e6ab0b503eaa86e310a5db738", Hex.Bytes(Hmac.Compute("MD5", jefe, what)));
            Assert.AreEqual("b617318655057264e28bc0b6fb378c8ef146be00", Hex.Bytes(Hmac.Compute("SHA-1", key0b20, hiThere)));
            Assert.AreEqual("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", Hex.Bytes(Hmac.Compute("SHA-1", jefe, what)));
            // RFC 4231 §4.2 and §4.3.
            Assert.AreEqual("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", Hex.Bytes(Hmac.Compute("SHA-256", key0b20, hiThere)));
            Assert.AreEqual("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
                Hex.Bytes(Hmac.Compute("SHA-512", key0b20, hiThere)));
            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Bytes(Hmac.Compute("SHA-256", jefe, what)));
            Assert.AreEqual("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
                Hex.Bytes(Hmac.Compute("SHA-384", jefe, what)));
        }

        [TestMethod]
        public void HmacKeyLongerThanABlockIsHashedFirst()
        {
            // RFC 4231 §4.7 (test case 6): a 131-byte key of 0xaa.
            byte[] key = new byte[131];
            for (int i = 0; i < key.Length; i++) key[i] = 0xaa;
            byte[] data = Ascii.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First");
            Assert.AreEqual("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", Hex.Bytes(Hmac.Compute("SHA-256", key, data)));
        }

        [TestMethod]
        public void UnknownAlgorithmsAndCallerMistakes()
        {
            Assert.IsNull(HashAlgorithm.Create("SHA-3"));
            Assert.IsNull(HashAlgorithm.Create(null));
            Assert.AreEqual(32, HashAlgorithm.Create("sha-512/256").HashSize);
            Support.Expect.ThrowsArgument(delegate { new Md5().Update(new byte[4], 2, 3); }, "count past the buffer");
            Support.Expect.ThrowsArgument(delegate { Hmac.Compute("XYZ", new byte[1], new byte[1]); }, "unknown hash");
        }
    }
}
