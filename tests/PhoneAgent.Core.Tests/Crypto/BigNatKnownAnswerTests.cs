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
    /// <summary>Division, gcd and modular inverse known answers: the textbook RSA example
    /// (p = 61, q = 53, e = 17, d = 2753), Euclid's gcd(1071, 462) = 21, and the CRT parts of
    /// PKCS #1 v2.1 pss-vect.txt Example 2 (n = p·q, qInv = q^-1 mod p, dP = d mod (p - 1),
    /// dQ = d mod (q - 1), RFC 8017 §3.2).</summary>
    [TestClass]
    public class BigNatKnownAnswerTests
    {
        private static uint[] H(string hex) { return BigNat.FromBytes(Hex.TryParse(hex)); }

        private static void Same(uint[] expected, uint[] actual, string what)
        {
            Assert.IsNotNull(actual, what + " is null");
            Assert.AreEqual(0, BigNat.Compare(expected, actual), what);
        }

        [TestMethod]
        public void ModInverseSmallCases()
        {
            Same(BigNat.FromUInt(5), BigNat.ModInverse(BigNat.FromUInt(3), BigNat.FromUInt(7)), "3^-1 mod 7");
            Same(BigNat.FromUInt(2753), BigNat.ModInverse(BigNat.FromUInt(17), BigNat.FromUInt(3120)), "17^-1 mod 3120");
            Same(BigNat.FromUInt(1), BigNat.ModInverse(BigNat.FromUInt(1), BigNat.FromUInt(2)), "1^-1 mod 2");
            Same(BigNat.FromUInt(3119), BigNat.ModInverse(BigNat.FromUInt(3119), BigNat.FromUInt(3120)), "(-1)^-1 mod 3120");
            Same(BigNat.FromUInt(5), BigNat.ModInverse(BigNat.FromUInt(3 + 7 * 1000), BigNat.FromUInt(7)), "a larger than m");
            Assert.IsNull(BigNat.ModInverse(BigNat.FromUInt(6), BigNat.FromUInt(9)), "gcd 3");
            Assert.IsNull(BigNat.ModInverse(BigNat.FromUInt(0), BigNat.FromUInt(7)), "zero");
            Assert.IsNull(BigNat.ModInverse(BigNat.FromUInt(65537 * 2), BigNat.FromUInt(65537 * 4)), "even both");
            Expect.ThrowsArgument(delegate { BigNat.ModInverse(BigNat.FromUInt(3), BigNat.FromUInt(1)); }, "modulus 1");
        }

        [TestMethod]
        public void GcdAndDivision()
        {
            Same(BigNat.FromUInt(21), BigNat.Gcd(BigNat.FromUInt(1071), BigNat.FromUInt(462)), "gcd(1071, 462)");
            Same(BigNat.FromUInt(7), BigNat.Gcd(BigNat.FromUInt(0), BigNat.FromUInt(7)), "gcd(0, 7)");
            uint[] r;
            Same(BigNat.FromUInt(142), BigNat.DivMod(BigNat.FromUInt(1000), BigNat.FromUInt(7), out r), "1000 / 7");
            Same(BigNat.FromUInt(6), r, "1000 mod 7");
            Same(BigNat.FromUInt(0), BigNat.DivMod(BigNat.FromUInt(6), BigNat.FromUInt(7), out r), "6 / 7");
            Same(BigNat.FromUInt(6), r, "6 mod 7");
            Assert.AreEqual(1u, BigNat.ModSmall(PrimalityTests.Mersenne(127), 3), "(2^127 - 1) mod 3");
            Same(PrimalityTests.Mersenne(64), BigNat.ShiftRight(PrimalityTests.Mersenne(127), 63), "shift right");
            Same(BigNat.Subtract(BigNat.ShiftLeft(BigNat.FromUInt(1), 190), BigNat.ShiftLeft(BigNat.FromUInt(1), 63)),
                BigNat.ShiftLeft(PrimalityTests.Mersenne(127), 63), "shift left");
        }

        [TestMethod]
        public void Pkcs1Example2CrtParts()
        {
            uint[] n = H(PssVectors.N2), p = H(PssVectors.P2), q = H(PssVectors.Q2), d = H(PssVectors.D2);
            uint[] one = BigNat.FromUInt(1);
            Same(n, BigNat.Multiply(p, q), "n = p·q");
            uint[] r;
            Same(q, BigNat.DivMod(n, p, out r), "n / p");
            Assert.IsTrue(BigNat.IsZero(r), "n mod p");
            Same(H(PssVectors.QInv2), BigNat.ModInverse(q, p), "qInv");
            Same(H(PssVectors.DP2), BigNat.Mod(d, BigNat.Subtract(p, one)), "dP");
            BigNat.DivMod(d, BigNat.Subtract(q, one), out r);
            Same(H(PssVectors.DQ2), r, "dQ");
        }
    }
}
