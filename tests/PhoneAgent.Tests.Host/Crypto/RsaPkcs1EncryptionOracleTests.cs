using System;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>RSAES-PKCS1-v1_5 (RFC 8017 §7.2) against .NET's RSA with RSAEncryptionPadding.Pkcs1,
    /// both ways, and the decryption's refusals on encoded messages made by hand (raw RSA with
    /// BigInteger), one row per padding rule of §7.2.2 step 3.</summary>
    [TestClass]
    public class RsaPkcs1EncryptionOracleTests
    {
        private sealed class DotNetRandom : IRandom
        {
            private readonly Random _r;
            public DotNetRandom(int seed) { _r = new Random(seed); }
            public void NextBytes(byte[] buffer) => _r.NextBytes(buffer);
            public int Next(int maxExclusive) => _r.Next(maxExclusive);
        }

        private sealed class ZeroRandom : IRandom
        {
            public void NextBytes(byte[] buffer) => Array.Clear(buffer);
            public int Next(int maxExclusive) => 0;
        }

        private static (RSA rsa, RsaPrivateKey priv, RsaPublicKey pub, RSAParameters p) Key(int bits)
        {
            var rsa = RSA.Create(bits);
            var p = rsa.ExportParameters(true);
            return (rsa, new RsaPrivateKey(p.Modulus, p.P, p.Q, p.DP, p.DQ, p.InverseQ), new RsaPublicKey(p.Modulus, p.Exponent), p);
        }

        [TestMethod]
        public void DotNetDecryptsOursAndWeDecryptDotNets()
        {
            var rng = new Random(5);
            var ours = new DotNetRandom(6);
            foreach (int bits in new[] { 1024, 2048, 3072 })
            {
                var (rsa, priv, pub, _) = Key(bits);
                using (rsa)
                {
                    int k = bits / 8;
                    foreach (int len in new[] { 0, 1, 16, 24, 32, k - 12, k - 11 })
                    {
                        var m = new byte[len];
                        rng.NextBytes(m);
                        byte[] c = RsaPkcs1Encryption.Encrypt(pub, m, ours);
                        Assert.AreEqual(k, c.Length);
                        CollectionAssert.AreEqual(m, rsa.Decrypt(c, RSAEncryptionPadding.Pkcs1), $"{bits} bits, {len} bytes: .NET decrypts ours");
                        byte[] c2 = rsa.Encrypt(m, RSAEncryptionPadding.Pkcs1);
                        CollectionAssert.AreEqual(m, RsaPkcs1Encryption.Decrypt(priv, c2), $"{bits} bits, {len} bytes: we decrypt .NET's");
                    }
                    // Two encryptions of one message differ: the padding is random.
                    var same = new byte[16];
                    CollectionAssert.AreNotEqual(RsaPkcs1Encryption.Encrypt(pub, same, ours), RsaPkcs1Encryption.Encrypt(pub, same, ours));
                    Assert.ThrowsExactly<ArgumentException>(() => RsaPkcs1Encryption.Encrypt(pub, new byte[k - 10], ours));
                }
            }
        }

        [TestMethod]
        public void PaddingRulesAreEnforced()
        {
            var (rsa, priv, _, p) = Key(1024);
            using (rsa)
            {
                int k = 128;
                var n = new BigInteger(p.Modulus, isUnsigned: true, isBigEndian: true);
                var e = new BigInteger(p.Exponent, isUnsigned: true, isBigEndian: true);
                byte[] Raw(byte[] em) => BigInteger.ModPow(new BigInteger(em, true, true), e, n).ToByteArray(true, true).PadLeftTo(k);
                byte[] Em(int first, int second, int psLen, bool separator, int msgLen)
                {
                    var em = new byte[k];
                    em[0] = (byte)first;
                    em[1] = (byte)second;
                    for (int i = 2; i < 2 + psLen; i++) em[i] = 0xA5;
                    if (!separator) for (int i = 2 + psLen; i < k; i++) em[i] = 0x5A;
                    else for (int i = 3 + psLen; i < k; i++) em[i] = 0x42;
                    Assert.AreEqual(k, 3 + psLen + msgLen);
                    return em;
                }
                // Valid: PS of exactly 8 octets, and an empty message.
                CollectionAssert.AreEqual(Fill(k - 11, 0x42), RsaPkcs1Encryption.Decrypt(priv, Raw(Em(0, 2, 8, true, k - 11))));
                CollectionAssert.AreEqual(new byte[0], RsaPkcs1Encryption.Decrypt(priv, Raw(Em(0, 2, k - 3, true, 0))));
                // §7.2.2 step 3: each rule broken once.
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, Raw(Em(1, 2, 8, true, k - 11))), "first octet not 0x00");
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, Raw(Em(0, 1, 8, true, k - 11))), "block type 01");
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, Raw(Em(0, 2, 7, true, k - 10))), "PS of 7 octets");
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, Raw(Em(0, 2, k - 2, false, -1))), "no 0x00 separator");
                // Length and range (§7.2.2 step 1, §5.1.2 step 1).
                byte[] good = Raw(Em(0, 2, 8, true, k - 11));
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, good[1..]), "one octet short");
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, [.. good, 0]), "one octet long");
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, p.Modulus), "c = n");
                Assert.IsNull(RsaPkcs1Encryption.Decrypt(priv, null));
            }
        }

        [TestMethod]
        public void ABrokenRandomSourceIsRefusedNotUsed()
        {
            var (rsa, _, pub, _) = Key(1024);
            using (rsa)
                Assert.ThrowsExactly<InvalidOperationException>(() => RsaPkcs1Encryption.Encrypt(pub, new byte[16], new ZeroRandom()));
        }

        private static byte[] Fill(int n, byte v)
        {
            var b = new byte[n];
            Array.Fill(b, v);
            return b;
        }
    }

    internal static class ByteArrayPadding
    {
        public static byte[] PadLeftTo(this byte[] b, int length)
        {
            if (b.Length >= length) return b;
            var r = new byte[length];
            Buffer.BlockCopy(b, 0, r, length - b.Length, b.Length);
            return r;
        }
    }
}
