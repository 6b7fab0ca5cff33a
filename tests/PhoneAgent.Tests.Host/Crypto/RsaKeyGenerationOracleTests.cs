using System;
using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Tests.Support;
using static PhoneAgent.Tests.Host.Crypto.OracleNumbers;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>Keys from RsaKeyGenerator (on the OS CSPRNG) checked against FIPS 186-5 A.1.1
    /// with BigInteger, and used by .NET's RSA after ImportParameters: signatures both ways,
    /// OAEP encryption and decryption. Broken random sources end in the clear exception.</summary>
    [TestClass]
    public class RsaKeyGenerationOracleTests
    {
        public TestContext TestContext { get; set; }

        [TestMethod]
        public void GeneratedKeysAreSoundAndWorkInDotNet()
        {
            var random = new HostRandom();
            var rng = new Random(51);
            foreach (var (bits, count) in new[] { (1024, 10), (2048, 5), (3072, 1) })
            {
                var sw = new Stopwatch();
                for (int i = 0; i < count; i++)
                {
                    sw.Start();
                    var key = RsaKeyGenerator.Generate(bits, random);
                    sw.Stop();
                    Check(key, bits, rng, $"{bits}-bit key {i}");
                }
                TestContext.WriteLine($"{count} keys of {bits} bits: {sw.ElapsedMilliseconds / count} ms each on average");
            }
        }

        private static void Check(RsaPrivateKey key, int bits, Random rng, string what)
        {
            var k = key.ExportParameters();
            BigInteger n = Big(k.Modulus), e = Big(k.Exponent), d = Big(k.D), p = Big(k.P), q = Big(k.Q);
            int half = bits / 2;
            Assert.AreEqual(bits, (int)n.GetBitLength(), what + ": size");
            Assert.AreEqual(new BigInteger(65537), e, what + ": e");
            Assert.AreEqual(n, p * q, what + ": n = p·q");
            Assert.IsTrue(IsProbablePrime(p, 40, rng) && IsProbablePrime(q, 40, rng), what + ": p and q prime");
            Assert.AreEqual(half, (int)p.GetBitLength(), what + ": p size");
            Assert.AreEqual(half, (int)q.GetBitLength(), what + ": q size");
            // FIPS 186-5 A.1.1: p, q >= √2·2^(nlen/2-1) (as p² >= 2^(nlen-1)); |p - q| > 2^(nlen/2-100);
            // gcd(p-1, e) = gcd(q-1, e) = 1; 2^(nlen/2) < d < λ; e·d = 1 mod λ.
            Assert.IsTrue(p * p >= BigInteger.One << (bits - 1) && q * q >= BigInteger.One << (bits - 1), what + ": √2 bound");
            Assert.IsTrue(BigInteger.Abs(p - q) > BigInteger.One << (half - 100), what + ": |p - q|");
            Assert.IsTrue(BigInteger.GreatestCommonDivisor(p - 1, e).IsOne && BigInteger.GreatestCommonDivisor(q - 1, e).IsOne, what + ": gcd with e");
            var lambda = (p - 1) * (q - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1);
            Assert.IsTrue(d > BigInteger.One << half && d < lambda, what + ": d range");
            Assert.AreEqual(BigInteger.One, e * d % lambda, what + ": e·d mod λ");
            Assert.AreEqual(d % (p - 1), Big(k.DP), what + ": dP");
            Assert.AreEqual(d % (q - 1), Big(k.DQ), what + ": dQ");
            Assert.AreEqual(BigInteger.One, Big(k.InverseQ) * q % p, what + ": qInv");

            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = k.Modulus, Exponent = k.Exponent, D = k.D, P = k.P, Q = k.Q, DP = k.DP, DQ = k.DQ, InverseQ = k.InverseQ });
            using var pub = RSA.Create();
            pub.ImportParameters(new RSAParameters { Modulus = key.Modulus, Exponent = key.PublicExponent });
            var data = new byte[rng.Next(1, 200)];
            rng.NextBytes(data);
            var digest = SHA256.HashData(data);
            var mine = key.SignPkcs1("SHA-256", digest);
            CollectionAssert.AreEqual(rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), mine, what + ": PKCS#1 v1.5 signature equals .NET's");
            Assert.IsTrue(pub.VerifyHash(digest, mine, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), what + ": .NET verifies the core's signature");
            var pss = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            Assert.IsTrue(key.PublicKey.VerifyPss("SHA-256", digest, pss, "SHA-256", 32), what + ": core verifies .NET's PSS signature");
            var secret = new byte[32];
            rng.NextBytes(secret);
            CollectionAssert.AreEqual(secret, rsa.Decrypt(pub.Encrypt(secret, RSAEncryptionPadding.OaepSHA256), RSAEncryptionPadding.OaepSHA256), what + ": OAEP round trip");
            CollectionAssert.AreEqual(secret, rsa.Decrypt(pub.Encrypt(secret, RSAEncryptionPadding.Pkcs1), RSAEncryptionPadding.Pkcs1), what + ": PKCS#1 encryption round trip");
            string text = key.ToString() + k.ToString();
            Assert.IsFalse(text.Contains(Convert.ToHexString(k.P)[..16], StringComparison.OrdinalIgnoreCase), "no secret in ToString");
        }

        /// <summary>A source that is random except that the first byte of every draw is zero: no
        /// candidate ever reaches √2·2^(k-1), so only the draw cap can end the search.</summary>
        private sealed class TopByteZeroRandom : IRandom
        {
            private readonly HostRandom _inner = new HostRandom();
            public void NextBytes(byte[] buffer) { _inner.NextBytes(buffer); buffer[0] = 0; }
            public int Next(int maxExclusive) => _inner.Next(maxExclusive);
        }

        /// <summary>A source that returns the same random block every time.</summary>
        private sealed class ReplayRandom : IRandom
        {
            private byte[] _block;
            public void NextBytes(byte[] buffer)
            {
                _block ??= RandomNumberGenerator.GetBytes(buffer.Length);
                Array.Copy(_block, buffer, buffer.Length);
            }
            public int Next(int maxExclusive) => 0;
        }

        [TestMethod]
        public void BrokenRandomSourcesEndInTheClearException()
        {
            foreach (var (source, expect) in new (IRandom, string)[]
            {
                (new ConstantRandom(0), "twice in a row"),
                (new ConstantRandom(0xFF), "twice in a row"),
                (new ReplayRandom(), "twice in a row"),
                (new TopByteZeroRandom(), "draws from the random source"),
            })
            {
                var sw = Stopwatch.StartNew();
                var ex = Assert.ThrowsExactly<InvalidOperationException>(() => RsaKeyGenerator.Generate(2048, source), source.GetType().Name);
                StringAssert.Contains(ex.Message, expect, source.GetType().Name);
                StringAssert.Contains(ex.Message, "random source");
                Assert.IsTrue(sw.Elapsed < TimeSpan.FromSeconds(20), source.GetType().Name + " took " + sw.Elapsed);
            }
        }
    }
}
