using System;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>PKCS#1 v1.5 signing with CRT: deterministic, so every signature must equal the
    /// one .NET's RSA makes with the same key, byte for byte.</summary>
    [TestClass]
    public class RsaSigningTests
    {
        [TestMethod]
        public void SignaturesEqualDotNetsByteForByte()
        {
            var rng = new Random(17);
            foreach (int bits in new[] { 1024, 2048 })
            {
                using var rsa = RSA.Create(bits);
                var p = rsa.ExportParameters(true);
                var key = new RsaPrivateKey(p.Modulus, p.P, p.Q, p.DP, p.DQ, p.InverseQ);
                var pub = new RsaPublicKey(p.Modulus, p.Exponent);
                foreach (var (name, hash) in new[] { ("SHA-256", HashAlgorithmName.SHA256), ("SHA-1", HashAlgorithmName.SHA1), ("SHA-512", HashAlgorithmName.SHA512) })
                {
                    for (int round = 0; round < 10; round++)
                    {
                        var data = new byte[rng.Next(0, 300)];
                        rng.NextBytes(data);
                        var digest = PhoneAgent.Core.Crypto.HashAlgorithm.Create(name).Compute(data);
                        var mine = key.SignPkcs1(name, digest);
                        CollectionAssert.AreEqual(rsa.SignData(data, hash, RSASignaturePadding.Pkcs1), mine, $"{bits} bits {name} round {round}");
                        Assert.IsTrue(pub.VerifyPkcs1(name, digest, mine));
                    }
                }
                Assert.IsFalse(key.ToString().Contains(Convert.ToHexString(p.P!), StringComparison.OrdinalIgnoreCase), "no secret in ToString");
                Assert.ThrowsExactly<ArgumentException>(() => new RsaPrivateKey(p.Modulus, p.Q, p.Q, p.DP, p.DQ, p.InverseQ));
            }
        }
    }
}
