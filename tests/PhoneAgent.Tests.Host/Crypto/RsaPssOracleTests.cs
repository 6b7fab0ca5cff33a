using System;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Tests.Crypto;
using PhoneAgent.Core.Util;
using static PhoneAgent.Tests.Host.Crypto.OracleNumbers;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>RSASSA-PSS verification against .NET: signatures .NET makes (salt = hash length,
    /// MGF1 with the same hash) verify, for even and odd modulus lengths; any flipped bit fails;
    /// the published vectors verify with .NET too; and encodings broken in each way RFC 8017
    /// §9.1.2 checks (made with raw RSA on BigInteger) are refused.</summary>
    [TestClass]
    public class RsaPssOracleTests
    {
        private static readonly (string Name, HashAlgorithmName Net)[] Hashes =
            { ("SHA-256", HashAlgorithmName.SHA256), ("SHA-384", HashAlgorithmName.SHA384), ("SHA-512", HashAlgorithmName.SHA512) };

        private static RsaPublicKey Public(RSAParameters p) => new RsaPublicKey(p.Modulus, p.Exponent);

        [TestMethod]
        public void DotNetSignaturesVerify()
        {
            var rng = new Random(41);
            foreach (int bits in new[] { 1024, 2048, 3072 })
            {
                using var rsa = RSA.Create(bits);
                CheckKey(rsa, rng, bits + " bits");
            }
        }

        [TestMethod]
        public void OddModulusLengthsVerify()
        {
            var rng = new Random(42);
            // 1025 and 2049: emLen = k - 1; 1031, 2047 and 3071: top zero bits inside the first octet.
            foreach (int bits in new[] { 1025, 1031, 2047, 2049, 3071 })
            {
                var key = RandomKey(bits, rng);
                using var rsa = RSA.Create();
                rsa.ImportParameters(key);
                Assert.AreEqual(bits, rsa.KeySize, "imported size");
                Assert.AreEqual(bits, Public(key).ModulusBits);
                CheckKey(rsa, rng, bits + " bits");
            }
        }

        private static void CheckKey(RSA rsa, Random rng, string what)
        {
            var key = Public(rsa.ExportParameters(false));
            int emLen = (key.ModulusBits - 1 + 7) / 8;
            foreach (var (name, net) in Hashes)
            {
                // RFC 8017 §9.1.1 step 3: salt = hash length needs emLen >= 2·hLen + 2 (no SHA-512 at 1024 bits).
                if (emLen < 2 * PhoneAgent.Core.Crypto.HashAlgorithm.Create(name).HashSize + 2) continue;
                for (int round = 0; round < 6; round++)
                {
                    var data = new byte[rng.Next(0, 300)];
                    rng.NextBytes(data);
                    var digest = PhoneAgent.Core.Crypto.HashAlgorithm.Create(name).Compute(data);
                    var sig = rsa.SignHash(digest, net, RSASignaturePadding.Pss);
                    int hLen = digest.Length;
                    Assert.IsTrue(key.VerifyPss(name, digest, sig, name, hLen), $"{what} {name} round {round}");
                    Assert.IsTrue(key.VerifyPss(name, digest, sig, name, -1), $"{what} {name} recovered salt");
                    Assert.IsFalse(key.VerifyPss(name, digest, sig, name, hLen - 1), "salt length off by one");
                    var bad = (byte[])sig.Clone();
                    bad[rng.Next(bad.Length)] ^= (byte)(1 << rng.Next(8));
                    Assert.IsFalse(key.VerifyPss(name, digest, bad, name, hLen), "flipped signature bit accepted");
                    var other = (byte[])digest.Clone();
                    other[rng.Next(other.Length)] ^= (byte)(1 << rng.Next(8));
                    Assert.IsFalse(key.VerifyPss(name, other, sig, name, hLen), "other digest accepted");
                    Assert.IsFalse(key.VerifyPkcs1(name, digest, sig), "PSS signature taken as PKCS#1 v1.5");
                }
            }
        }

        [TestMethod]
        public void EverySingleBitFlipFails()
        {
            var rng = new Random(43);
            foreach (int bits in new[] { 2048, 2049 })
            {
                using var rsa = RSA.Create();
                if (bits == 2048) rsa.KeySize = 2048; else rsa.ImportParameters(RandomKey(bits, rng));
                var key = Public(rsa.ExportParameters(false));
                var digest = SHA256.HashData(new byte[] { 1, 2, 3 });
                var sig = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                Assert.IsTrue(key.VerifyPss("SHA-256", digest, sig, "SHA-256", 32));
                for (int bit = 0; bit < sig.Length * 8; bit++)
                {
                    sig[bit / 8] ^= (byte)(1 << (bit % 8));
                    Assert.IsFalse(key.VerifyPss("SHA-256", digest, sig, "SHA-256", -1), $"{bits} bits: signature bit {bit}");
                    sig[bit / 8] ^= (byte)(1 << (bit % 8));
                }
                for (int bit = 0; bit < 256; bit++)
                {
                    digest[bit / 8] ^= (byte)(1 << (bit % 8));
                    Assert.IsFalse(key.VerifyPss("SHA-256", digest, sig, "SHA-256", 32), $"{bits} bits: digest bit {bit}");
                    digest[bit / 8] ^= (byte)(1 << (bit % 8));
                }
            }
        }

        [TestMethod]
        public void PublishedVectorsVerifyWithDotNetToo()
        {
            string[] v = PssVectors.All();
            for (int i = 0; i < v.Length; i += 3)
            {
                using var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters { Modulus = Hex.TryParse(v[i]), Exponent = Hex.TryParse(PssVectors.E) });
                Assert.IsTrue(rsa.VerifyData(Hex.TryParse(v[i + 1]), Hex.TryParse(v[i + 2]), HashAlgorithmName.SHA1, RSASignaturePadding.Pss),
                    "pss-vect vector " + i / 3 + " as typed");
            }
        }

        private static byte[] Sign(RSAParameters key, byte[] em) => RawPrivate(key, em);

        [TestMethod]
        public void BrokenEncodingsAreRefused()
        {
            var rng = new Random(44);
            foreach (int bits in new[] { 2048, 2049, 2055 })
            {
                var key = RandomKey(bits, rng);
                var pub = Public(key);
                int emBits = bits - 1, emLen = (emBits + 7) / 8;
                var digest = SHA256.HashData(new byte[] { 9 });
                var salt = new byte[32];
                rng.NextBytes(salt);
                using var rsa = RSA.Create();
                rsa.ImportParameters(key);

                // The test-side encoder is right: .NET accepts what it makes.
                var good = Sign(key, PssEncode(digest, salt, emBits));
                Assert.IsTrue(rsa.VerifyHash(digest, good, HashAlgorithmName.SHA256, RSASignaturePadding.Pss), bits + ": .NET accepts the test encoding");
                Assert.IsTrue(pub.VerifyPss("SHA-256", digest, good, "SHA-256", 32), bits + ": valid");

                // Salt lengths: none, and the longest that fits (emLen - hLen - 2).
                var none = Sign(key, PssEncode(digest, new byte[0], emBits));
                Assert.IsTrue(pub.VerifyPss("SHA-256", digest, none, "SHA-256", 0), "empty salt");
                Assert.IsTrue(pub.VerifyPss("SHA-256", digest, none, "SHA-256", -1), "empty salt recovered");
                Assert.IsFalse(pub.VerifyPss("SHA-256", digest, none, "SHA-256", 32), "empty salt taken as 32");
                var longest = new byte[emLen - 32 - 2];
                rng.NextBytes(longest);
                var max = Sign(key, PssEncode(digest, longest, emBits));
                Assert.IsTrue(pub.VerifyPss("SHA-256", digest, max, "SHA-256", longest.Length), "longest salt");
                Assert.IsTrue(pub.VerifyPss("SHA-256", digest, max, "SHA-256", -1), "longest salt recovered");
                Assert.IsFalse(pub.VerifyPss("SHA-256", digest, max, "SHA-256", longest.Length + 1), "step 3: no room for that salt");

                // Step 4: trailer octet.
                Refused(pub, key, digest, PssEncode(digest, salt, emBits, breakEm: em => em[^1] = 0xBD), "trailer 0xBD");
                // Step 6: a leftmost bit that must be zero is set (only when emBits < 8·emLen).
                int zeroBits = 8 * emLen - emBits;
                if (zeroBits > 0)
                    Refused(pub, key, digest, PssEncode(digest, salt, emBits, breakEm: em => em[0] |= (byte)(0x80 >> (zeroBits - 1))), "step 6: top bit set");
                // Step 10: non-zero padding, or no 0x01 separator.
                int psLen = emLen - 32 - 32 - 2;
                Refused(pub, key, digest, PssEncode(digest, salt, emBits, breakDb: db => db[psLen / 2] = 0x04), "step 10: non-zero PS");
                Refused(pub, key, digest, PssEncode(digest, salt, emBits, breakDb: db => db[psLen] = 0x02), "step 10: separator 0x02");
                Refused(pub, key, digest, PssEncode(digest, salt, emBits, breakDb: db => db[psLen] = 0x00), "step 10: separator missing");
                // Step 14: the hash over the salt does not match.
                Refused(pub, key, digest, PssEncode(digest, salt, emBits, breakEm: em => em[emLen - 2] ^= 1), "step 14: H altered");
            }
        }

        private static void Refused(RsaPublicKey pub, RSAParameters key, byte[] digest, byte[] em, string what)
        {
            var sig = Sign(key, em);
            Assert.IsFalse(pub.VerifyPss("SHA-256", digest, sig, "SHA-256", 32), what);
            Assert.IsFalse(pub.VerifyPss("SHA-256", digest, sig, "SHA-256", -1), what + " (salt length recovered)");
        }

        [TestMethod]
        public void MessageNeedingAllKOctetsIsRefusedWhenEmLenIsKMinus1()
        {
            // Modulus of 2049 bits: EM has 2048 bits (256 octets) while k = 257. A representative
            // m = EM + 2^2048 (still below n) must fail step 2c, "integer too large".
            var rng = new Random(45);
            var key = RandomKey(2049, rng);
            var pub = Public(key);
            var n = Big(key.Modulus);
            var digest = SHA256.HashData(new byte[] { 7 });
            for (int tries = 0; ; tries++)
            {
                Assert.IsTrue(tries < 200, "no representative below n found");
                var salt = new byte[32];
                rng.NextBytes(salt);
                var em = PssEncode(digest, salt, 2048);
                Assert.IsTrue(pub.VerifyPss("SHA-256", digest, Sign(key, em), "SHA-256", 32), "valid");
                var m = Big(em) + (BigInteger.One << 2048);
                if (m >= n) continue;
                var sig = Bytes(BigInteger.ModPow(m, Big(key.D), n), key.Modulus.Length);
                Assert.IsFalse(pub.VerifyPss("SHA-256", digest, sig, "SHA-256", 32), "m needs k octets");
                break;
            }
        }
    }
}
