using System;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Tests.Crypto;
using CoreAes = PhoneAgent.Core.Crypto.Aes;
using NetAes = System.Security.Cryptography.Aes;

// DES and TDEA are the subject under test here, not a choice of algorithm.
#pragma warning disable CA5350, CA5351

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>The core's AES, DES, TDEA and CBC/PKCS#7 against .NET's Aes, DES and TripleDES
    /// (OS crypto) on thousands of random keys, IVs and lengths 0..300, byte for byte in both
    /// directions; corrupted ciphertext is refused exactly when .NET refuses it and never throws.
    /// The shared known-answer vectors are run through .NET too, so a mistyped value shows.</summary>
    [TestClass]
    public class CipherOracleTests
    {
        private const int Rounds = 1000;

        private sealed class Algorithm
        {
            public string Name;
            public int KeyBytes;
            public Func<byte[], IBlockCipher> Core;
            public Func<byte[], SymmetricAlgorithm> Net;
        }

        private static SymmetricAlgorithm NetKeyed(SymmetricAlgorithm alg, byte[] key)
        {
            alg.Key = key;
            return alg;
        }

        private static readonly Algorithm[] Algorithms =
        {
            new() { Name = "AES-128", KeyBytes = 16, Core = k => new CoreAes(k), Net = k => NetKeyed(NetAes.Create(), k) },
            new() { Name = "AES-192", KeyBytes = 24, Core = k => new CoreAes(k), Net = k => NetKeyed(NetAes.Create(), k) },
            new() { Name = "AES-256", KeyBytes = 32, Core = k => new CoreAes(k), Net = k => NetKeyed(NetAes.Create(), k) },
            new() { Name = "DES-EDE3", KeyBytes = 24, Core = k => new TripleDes(k), Net = k => NetKeyed(TripleDES.Create(), k) },
            new() { Name = "DES", KeyBytes = 8, Core = k => new Des(k), Net = k => NetKeyed(DES.Create(), k) },
        };

        private static byte[] Random(Random rng, int length)
        {
            var b = new byte[length];
            rng.NextBytes(b);
            return b;
        }

        [TestMethod]
        public void CbcPkcs7EqualsDotNetByteForByte()
        {
            var rng = new Random(8894);
            foreach (var alg in Algorithms)
            {
                for (int round = 0; round < Rounds; round++)
                {
                    var key = Random(rng, alg.KeyBytes);
                    var core = alg.Core(key);
                    using var net = alg.Net(key);
                    var iv = Random(rng, core.BlockSize);
                    var data = Random(rng, rng.Next(0, 301));
                    // A random window of a larger buffer, so offsets are exercised too.
                    int pre = rng.Next(0, 5);
                    var buf = new byte[pre + data.Length + rng.Next(0, 5)];
                    Array.Copy(data, 0, buf, pre, data.Length);
                    string what = $"{alg.Name}, {data.Length} bytes, round {round}";

                    var expected = net.EncryptCbc(data, iv, PaddingMode.PKCS7);
                    var mine = Cbc.Encrypt(core, iv, buf, pre, data.Length);
                    CollectionAssert.AreEqual(expected, mine, what + " encrypt");
                    CollectionAssert.AreEqual(data, Cbc.Decrypt(core, iv, mine, 0, mine.Length), what + " round trip");
                }
            }
        }

        [TestMethod]
        public void UnpaddedEncryptAndDecryptEqualDotNet()
        {
            // Decryption checked on its own: random ciphertext (not made by the core) decrypted
            // by both, and encryption of whole blocks without padding.
            var rng = new Random(5652);
            foreach (var alg in Algorithms)
            {
                for (int round = 0; round < Rounds; round++)
                {
                    var key = Random(rng, alg.KeyBytes);
                    var core = alg.Core(key);
                    using var net = alg.Net(key);
                    int n = core.BlockSize;
                    var iv = Random(rng, n);
                    var data = Random(rng, n * rng.Next(0, 300 / n + 1));
                    string what = $"{alg.Name}, {data.Length} bytes, round {round}";
                    CollectionAssert.AreEqual(net.DecryptCbc(data, iv, PaddingMode.None), Cbc.DecryptNoPadding(core, iv, data, 0, data.Length), what + " decrypt");
                    CollectionAssert.AreEqual(net.EncryptCbc(data, iv, PaddingMode.None), Cbc.EncryptNoPadding(core, iv, data, 0, data.Length), what + " encrypt");
                }
            }
        }

        [TestMethod]
        public void CorruptedCiphertextIsRefusedExactlyWhenDotNetRefusesIt()
        {
            var rng = new Random(3852);
            int refused = 0, accepted = 0;
            foreach (var alg in Algorithms)
            {
                for (int round = 0; round < Rounds; round++)
                {
                    var key = Random(rng, alg.KeyBytes);
                    var core = alg.Core(key);
                    using var net = alg.Net(key);
                    int n = core.BlockSize;
                    var iv = Random(rng, n);
                    var ct = Corrupt(rng, Cbc.Encrypt(core, iv, Random(rng, 300), 0, rng.Next(0, 301)), n);
                    string what = $"{alg.Name}, {ct.Length} bytes, round {round}";

                    byte[] mine = null;
                    try
                    {
                        mine = Cbc.Decrypt(core, iv, ct, 0, ct.Length);
                    }
                    catch (Exception e)
                    {
                        Assert.Fail(what + ": Decrypt threw " + e.GetType().Name);
                    }
                    byte[] expected = null;
                    try
                    {
                        expected = net.DecryptCbc(ct, iv, PaddingMode.PKCS7);
                    }
                    catch (CryptographicException)
                    {
                    }
                    CollectionAssert.AreEqual(expected, mine, what);
                    if (mine == null) refused++;
                    else accepted++;
                }
            }
            // Both outcomes must actually occur for the comparison to mean something.
            Assert.IsTrue(refused > 1000 && accepted > 100, $"refused {refused}, accepted {accepted}");
        }

        private static byte[] Corrupt(Random rng, byte[] ct, int n)
        {
            switch (rng.Next(0, 6))
            {
                case 0:   // flip one bit anywhere
                    if (ct.Length > 0) ct[rng.Next(ct.Length)] ^= (byte)(1 << rng.Next(8));
                    return ct;
                case 1:   // change the last byte of the second-to-last block: steers the pad byte
                    if (ct.Length >= 2 * n) ct[ct.Length - n - 1] = (byte)rng.Next(256);
                    return ct;
                case 2:   // truncate to any length
                    return ct.AsSpan(0, rng.Next(0, ct.Length + 1)).ToArray();
                case 3:   // append bytes
                    {
                        var longer = new byte[ct.Length + rng.Next(1, 2 * n + 1)];
                        ct.CopyTo(longer, 0);
                        rng.NextBytes(longer.AsSpan(ct.Length));
                        return longer;
                    }
                case 4:   // replace the last block with random bytes
                    if (ct.Length >= n) rng.NextBytes(ct.AsSpan(ct.Length - n));
                    return ct;
                default:  // drop whole blocks from the front (still whole blocks, different chaining)
                    return ct.AsSpan(n * rng.Next(0, ct.Length / n + 1)).ToArray();
            }
        }

        [TestMethod]
        public void SharedKnownAnswerVectorsAgreeWithDotNet()
        {
            // FIPS 197 C.1-C.3 (single block = ECB).
            var v = CipherKnownAnswerTests.AesFips197;
            for (int i = 0; i < v.Length; i += 3)
            {
                using var aes = NetAes.Create();
                aes.Key = Convert.FromHexString(v[i]);
                Assert.AreEqual(v[i + 2], Convert.ToHexStringLower(aes.EncryptEcb(Convert.FromHexString(v[i + 1]), PaddingMode.None)), "FIPS 197 vector " + i / 3);
            }
            // SP 800-38A F.2.
            v = CipherKnownAnswerTests.CbcAesSp80038A;
            var pt = Convert.FromHexString(CipherKnownAnswerTests.Sp80038APlaintext);
            var iv = Convert.FromHexString(CipherKnownAnswerTests.Sp80038AIv);
            for (int i = 0; i < v.Length; i += 2)
            {
                using var aes = NetAes.Create();
                aes.Key = Convert.FromHexString(v[i]);
                Assert.AreEqual(v[i + 1], Convert.ToHexStringLower(aes.EncryptCbc(pt, iv, PaddingMode.None)), "SP 800-38A vector " + i / 2);
            }
            // CAVP TCBCMMT3.
            v = CipherKnownAnswerTests.TdeaCbcCavpMmt3;
            for (int i = 0; i < v.Length; i += 4)
            {
                using var tdes = TripleDES.Create();
                tdes.Key = Convert.FromHexString(v[i]);
                Assert.AreEqual(v[i + 3], Convert.ToHexStringLower(tdes.EncryptCbc(Convert.FromHexString(v[i + 2]), Convert.FromHexString(v[i + 1]), PaddingMode.None)), "TCBCMMT3 vector " + i / 4);
            }
            // DES substitution table.
            v = CipherKnownAnswerTests.DesSubstitutionTable;
            for (int i = 0; i < v.Length; i += 3)
            {
                using var des = DES.Create();
                des.Key = Convert.FromHexString(v[i]);
                Assert.AreEqual(v[i + 2], Convert.ToHexStringLower(des.EncryptEcb(Convert.FromHexString(v[i + 1]), PaddingMode.None)), "subtab COUNT " + i / 3);
            }
        }
    }
}
