using System;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>Big-number arithmetic against System.Numerics.BigInteger, and PKCS#1 v1.5
    /// verification against signatures made by .NET's RSA.</summary>
    [TestClass]
    public class RsaOracleTests
    {
        private static byte[] Unsigned(BigInteger v) => v.ToByteArray(isUnsigned: true, isBigEndian: true);

        [TestMethod]
        public void ModPowMatchesBigInteger()
        {
            var rng = new Random(99);
            for (int round = 0; round < 400; round++)
            {
                int bytes = 1 + rng.Next(round < 300 ? 64 : 256);
                var nb = new byte[bytes];
                rng.NextBytes(nb);
                nb[^1] |= 1;                     // odd
                if (nb[0] == 0) nb[0] = 1;
                var n = new BigInteger(nb, isUnsigned: true, isBigEndian: true);
                if (n < 3) continue;
                var xb = new byte[bytes + rng.Next(3)];
                rng.NextBytes(xb);
                var eb = new byte[1 + rng.Next(8)];
                rng.NextBytes(eb);
                var x = new BigInteger(xb, isUnsigned: true, isBigEndian: true);
                var e = new BigInteger(eb, isUnsigned: true, isBigEndian: true);
                var expected = BigInteger.ModPow(x, e, n);
                var mont = new Montgomery(BigNat.FromBytes(nb));
                var got = BigNat.ToBytes(mont.ModPow(BigNat.FromBytes(xb), BigNat.FromBytes(eb.Length == 0 ? new byte[] { 0 } : eb)), bytes);
                CollectionAssert.AreEqual(expected.ToByteArray(isUnsigned: true, isBigEndian: true).Length == 0 ? new byte[bytes] :
                    Pad(expected.ToByteArray(isUnsigned: true, isBigEndian: true), bytes), got, $"round {round}: {x} ^ {e} mod {n}");
            }
        }

        private static byte[] Pad(byte[] b, int len)
        {
            var r = new byte[len];
            Array.Copy(b, 0, r, len - b.Length, b.Length);
            return r;
        }

        [TestMethod]
        public void VerifiesDotNetSignaturesAndRejectsTampering()
        {
            var rng = new Random(5);
            string[] hashes = { "SHA-256", "SHA-384", "SHA-512", "SHA-1", "MD5" };
            HashAlgorithmName[] names = { HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512, HashAlgorithmName.SHA1, HashAlgorithmName.MD5 };
            foreach (int bits in new[] { 1024, 2048, 3072 })
            {
                using var rsa = RSA.Create(bits);
                var p = rsa.ExportParameters(false);
                var key = new RsaPublicKey(p.Modulus, p.Exponent);
                Assert.AreEqual(bits, key.ModulusBits);
                for (int round = 0; round < 60; round++)
                {
                    int h = round % hashes.Length;
                    var data = new byte[rng.Next(0, 300)];
                    rng.NextBytes(data);
                    var sig = rsa.SignData(data, names[h], RSASignaturePadding.Pkcs1);
                    Assert.IsTrue(key.VerifyPkcs1Data(hashes[h], data, 0, data.Length, sig), $"{bits} bits, {hashes[h]}, round {round}");
                    var bad = (byte[])sig.Clone();
                    bad[rng.Next(bad.Length)] ^= (byte)(1 << rng.Next(8));
                    Assert.IsFalse(key.VerifyPkcs1Data(hashes[h], data, 0, data.Length, bad), "tampered signature accepted");
                    if (data.Length > 0)
                    {
                        var other = (byte[])data.Clone();
                        other[0] ^= 1;
                        Assert.IsFalse(key.VerifyPkcs1Data(hashes[h], other, 0, other.Length, sig), "other data accepted");
                    }
                    Assert.IsFalse(key.VerifyPkcs1Data(hashes[(h + 1) % hashes.Length], data, 0, data.Length, sig), "wrong hash accepted");
                }
            }
        }

        [TestMethod]
        public void PssAndShortOrLongSignaturesAreRefused()
        {
            using var rsa = RSA.Create(2048);
            var p = rsa.ExportParameters(false);
            var key = new RsaPublicKey(p.Modulus, p.Exponent);
            var data = new byte[] { 1, 2, 3 };
            var pss = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            Assert.IsFalse(key.VerifyPkcs1Data("SHA-256", data, 0, data.Length, pss));
            var sig = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.IsFalse(key.VerifyPkcs1Data("SHA-256", data, 0, data.Length, sig[1..]));
            var longer = new byte[sig.Length + 1];
            Array.Copy(sig, 0, longer, 1, sig.Length);
            Assert.IsFalse(key.VerifyPkcs1Data("SHA-256", data, 0, data.Length, longer));
            Assert.IsFalse(key.VerifyPkcs1Data("SHA-256", data, 0, data.Length, p.Modulus)); // s == n
            Assert.ThrowsExactly<ArgumentException>(() => new RsaPublicKey(new byte[] { 0xff, 0xfe }, new byte[] { 3 }));
            Assert.ThrowsExactly<ArgumentException>(() => new RsaPublicKey(p.Modulus, new byte[] { 4 }));
        }
    }
}
