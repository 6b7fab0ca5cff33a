using System;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>ECDSA P-256/P-384 verification against signatures made by .NET's ECDsa.</summary>
    [TestClass]
    public class EcdsaOracleTests
    {
        [TestMethod]
        [DataRow("P-256", EcdsaPublicKey.OidP256)]
        [DataRow("P-384", EcdsaPublicKey.OidP384)]
        public void VerifiesDotNetSignaturesAndRejectsTampering(string curveName, string oid)
        {
            var rng = new Random(curveName.Length);
            for (int key = 0; key < 4; key++)
            {
                using var ec = ECDsa.Create(curveName == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
                var q = ec.ExportParameters(false).Q;
                var point = new byte[1 + q.X!.Length + q.Y!.Length];
                point[0] = 4;
                q.X.CopyTo(point, 1);
                q.Y.CopyTo(point, 1 + q.X.Length);
                var mine = new EcdsaPublicKey(oid, point);
                foreach (var (hash, name) in new[] { (HashAlgorithmName.SHA256, "SHA-256"), (HashAlgorithmName.SHA384, "SHA-384"), (HashAlgorithmName.SHA512, "SHA-512") })
                {
                    for (int round = 0; round < 8; round++)
                    {
                        var data = new byte[rng.Next(0, 200)];
                        rng.NextBytes(data);
                        var sig = ec.SignData(data, hash, DSASignatureFormat.Rfc3279DerSequence);
                        var digest = PhoneAgent.Core.Crypto.HashAlgorithm.Create(name).Compute(data);
                        Assert.IsTrue(mine.Verify(digest, sig), $"{curveName} {name} key {key} round {round}");
                        digest[0] ^= 1;
                        Assert.IsFalse(mine.Verify(digest, sig), "other digest accepted");
                        digest[0] ^= 1;
                        var bad = (byte[])sig.Clone();
                        bad[^1] ^= 1;
                        Assert.IsFalse(mine.Verify(digest, bad), "tampered signature accepted");
                    }
                }
                point[^1] ^= 1;
                Assert.ThrowsExactly<ArgumentException>(() => new EcdsaPublicKey(oid, point), "a point off the curve is refused");
            }
        }
    }
}
