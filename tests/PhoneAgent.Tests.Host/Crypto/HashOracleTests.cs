using System;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>The core's hashes against System.Security.Cryptography on thousands of random
    /// inputs, fed in random pieces. (MD4 and SHA-512/256 have no .NET counterpart: their
    /// known answers are in the shared tests.)</summary>
    [TestClass]
    public class HashOracleTests
    {
        private const int Rounds = 3000;

        private static void Compare(string name, Func<byte[], byte[]> oracle)
        {
            var rng = new Random(20261122);
            var mine = PhoneAgent.Core.Crypto.HashAlgorithm.Create(name);
            for (int round = 0; round < Rounds; round++)
            {
                var data = new byte[rng.Next(0, round < 2000 ? 300 : 5000)];
                rng.NextBytes(data);
                int pos = 0;
                while (pos < data.Length)
                {
                    int take = Math.Min(data.Length - pos, rng.Next(1, 200));
                    mine.Update(data, pos, take);
                    pos += take;
                }
                CollectionAssert.AreEqual(oracle(data), mine.Final(), $"{name}, {data.Length} bytes, round {round}");
            }
        }

        [TestMethod] public void Md5() => Compare("MD5", MD5.HashData);
        [TestMethod] public void Sha1() => Compare("SHA-1", SHA1.HashData);
        [TestMethod] public void Sha256() => Compare("SHA-256", SHA256.HashData);
        [TestMethod] public void Sha384() => Compare("SHA-384", SHA384.HashData);
        [TestMethod] public void Sha512() => Compare("SHA-512", SHA512.HashData);

        [TestMethod]
        public void HmacsWithRandomKeys()
        {
            var rng = new Random(7);
            for (int round = 0; round < Rounds; round++)
            {
                var key = new byte[rng.Next(0, 200)];
                var data = new byte[rng.Next(0, 500)];
                rng.NextBytes(key);
                rng.NextBytes(data);
                CollectionAssert.AreEqual(HMACMD5.HashData(key, data), Hmac.Compute("MD5", key, data), "HMAC-MD5 round " + round);
                CollectionAssert.AreEqual(HMACSHA1.HashData(key, data), Hmac.Compute("SHA-1", key, data), "HMAC-SHA1 round " + round);
                CollectionAssert.AreEqual(HMACSHA256.HashData(key, data), Hmac.Compute("SHA-256", key, data), "HMAC-SHA256 round " + round);
                CollectionAssert.AreEqual(HMACSHA384.HashData(key, data), Hmac.Compute("SHA-384", key, data), "HMAC-SHA384 round " + round);
                CollectionAssert.AreEqual(HMACSHA512.HashData(key, data), Hmac.Compute("SHA-512", key, data), "HMAC-SHA512 round " + round);
            }
        }
    }
}
