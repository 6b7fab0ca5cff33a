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
    /// <summary>RSA key generation (FIPS 186-5 A.1.3): the key's arithmetic checked with the
    /// core's own big numbers (the host tests check it again with BigInteger and .NET's RSA),
    /// and a broken random source ending in a clear exception.</summary>
    [TestClass]
    public class RsaKeyGeneratorTests
    {
        [TestMethod]
        public void SeededKeyHoldsTogether()
        {
            RsaPrivateKey key = RsaKeyGenerator.Generate(1024, new SeededRandom(2024));
            Assert.AreEqual(1024, key.ModulusBits);
            RsaKeyParameters k = key.ExportParameters();
            uint[] n = BigNat.FromBytes(k.Modulus), p = BigNat.FromBytes(k.P), q = BigNat.FromBytes(k.Q);
            uint[] e = BigNat.FromBytes(k.Exponent), d = BigNat.FromBytes(k.D), one = BigNat.FromUInt(1);
            Assert.AreEqual("010001", Hex.Bytes(k.Exponent));
            Assert.AreEqual(128, k.Modulus.Length);
            Assert.AreEqual(128, k.D.Length);
            Assert.AreEqual(64, k.P.Length);
            Assert.AreEqual(0, BigNat.Compare(n, BigNat.Multiply(p, q)), "n = p·q");
            Assert.AreEqual(1024, BigNat.BitLength(BigNat.Multiply(p, p)), "p >= √2·2^511");
            Assert.AreEqual(1024, BigNat.BitLength(BigNat.Multiply(q, q)), "q >= √2·2^511");
            SeededRandom rng = new SeededRandom(5);
            Assert.IsTrue(Primality.IsProbablePrime(p, 7, rng), "p prime");
            Assert.IsTrue(Primality.IsProbablePrime(q, 7, rng), "q prime");
            uint[] ed = BigNat.Subtract(BigNat.Multiply(e, d), one);
            uint[] r;
            BigNat.DivMod(ed, BigNat.Subtract(p, one), out r);
            Assert.IsTrue(BigNat.IsZero(r), "e·d = 1 mod (p - 1)");
            BigNat.DivMod(ed, BigNat.Subtract(q, one), out r);
            Assert.IsTrue(BigNat.IsZero(r), "e·d = 1 mod (q - 1)");
            Assert.AreEqual(0, BigNat.Compare(BigNat.FromBytes(k.InverseQ), BigNat.ModInverse(q, p)), "qInv");
            byte[] digest = new Sha256().Compute(Ascii.GetBytes("enroll"));
            Assert.IsTrue(key.PublicKey.VerifyPkcs1("SHA-256", digest, key.SignPkcs1("SHA-256", digest)), "sign/verify");
            string text = key.ToString() + k.ToString();
            Assert.IsTrue(text.IndexOf(Hex.Bytes(k.P).Substring(0, 16)) < 0, "no secret in ToString");
            k.Clear();
            Assert.IsTrue(BigNat.IsZero(BigNat.FromBytes(k.P)) && BigNat.IsZero(BigNat.FromBytes(k.D)), "Clear wipes");
        }

        [TestMethod]
        public void BrokenRandomSourceEndsInAClearException()
        {
            byte[] stuck = { 0x00, 0xFF, 0x55 };
            for (int i = 0; i < stuck.Length; i++)
            {
                try
                {
                    RsaKeyGenerator.Generate(1024, new ConstantRandom(stuck[i]));
                    Assert.IsTrue(false, "a key from a random source stuck at " + stuck[i].ToString());
                }
                catch (System.InvalidOperationException e)
                {
                    Expect.Contains(e.Message, "random source", "message");
                }
            }
        }

        [TestMethod]
        public void SizesOutsideTheRangeAreRefused()
        {
            Expect.ThrowsArgument(delegate { RsaKeyGenerator.Generate(512, new SeededRandom(1)); }, "512 bits");
            Expect.ThrowsArgument(delegate { RsaKeyGenerator.Generate(2047, new SeededRandom(1)); }, "odd size");
            Expect.ThrowsArgument(delegate { RsaKeyGenerator.Generate(8192, new SeededRandom(1)); }, "8192 bits");
        }
    }
}
