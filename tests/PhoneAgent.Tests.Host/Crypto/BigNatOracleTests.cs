using System;
using System.Globalization;
using System.Numerics;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Tests.Crypto;
using PhoneAgent.Core.Tests.Support;
using static PhoneAgent.Tests.Host.Crypto.OracleNumbers;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>The core's division, gcd, modular inverse and primality against
    /// System.Numerics.BigInteger on random inputs, and every number-theory claim the shared
    /// tests make, rechecked independently.</summary>
    [TestClass]
    public class BigNatOracleTests
    {
        private static BigInteger RandomNumber(Random rng, int maxBits)
        {
            int bits = 1 + rng.Next(maxBits);
            var b = new byte[(bits + 7) / 8];
            rng.NextBytes(b);
            return Big(b) >> (8 * b.Length - bits);
        }

        [TestMethod]
        public void DivisionShiftsAndSmallModuliMatchBigInteger()
        {
            var rng = new Random(31);
            for (int round = 0; round < 2000; round++)
            {
                var x = RandomNumber(rng, round < 1500 ? 300 : 4200);
                var y = RandomNumber(rng, round % 3 == 0 ? 40 : 2100);
                if (y.IsZero) y = 1;
                var q = BigNat.DivMod(Limbs(x), Limbs(y), out var r);
                Assert.AreEqual(x / y, Big(q), $"round {round}: {x} / {y}");
                Assert.AreEqual(x % y, Big(r), $"round {round}: {x} mod {y}");
                int s = rng.Next(200);
                Assert.AreEqual(x << s, Big(BigNat.ShiftLeft(Limbs(x), s)), "shift left");
                Assert.AreEqual(x >> s, Big(BigNat.ShiftRight(Limbs(x), s)), "shift right");
                uint m = (uint)rng.Next(1, int.MaxValue) * 2u + (uint)rng.Next(2);
                if (m == 0) m = 1;
                Assert.AreEqual((uint)(x % m), BigNat.ModSmall(Limbs(x), m), "mod small");
                Assert.AreEqual(x % y, Big(BigNat.Mod(Limbs(x), Limbs(y))), "Mod");
                if (x >= y) Assert.AreEqual(x - y, Big(BigNat.Subtract(Limbs(x), Limbs(y))), "subtract");
            }
        }

        [TestMethod]
        public void GcdAndModInverseMatchBigInteger()
        {
            var rng = new Random(32);
            int inverted = 0, refused = 0;
            for (int round = 0; round < 3000; round++)
            {
                var m = RandomNumber(rng, round < 2700 ? 256 : 3100);
                if (m < 2) m = 2 + m;
                if (round % 4 == 0) m |= 1;                  // odd moduli too
                var a = RandomNumber(rng, round % 5 == 0 ? 20 : round < 2700 ? 300 : 3200);
                if (round % 7 == 0) a = 65537;
                Assert.AreEqual(BigInteger.GreatestCommonDivisor(a, m), Big(BigNat.Gcd(Limbs(a), Limbs(m))), $"gcd({a}, {m})");
                var inv = BigNat.ModInverse(Limbs(a), Limbs(m));
                if (BigInteger.GreatestCommonDivisor(a, m).IsOne)
                {
                    Assert.IsNotNull(inv, $"{a}^-1 mod {m}");
                    var r = Big(inv);
                    Assert.IsTrue(r < m, "reduced");
                    Assert.AreEqual(BigInteger.One, a * r % m, $"{a}·{r} mod {m}");
                    inverted++;
                }
                else
                {
                    Assert.IsNull(inv, $"{a} has no inverse mod {m}");
                    refused++;
                }
            }
            Assert.IsTrue(inverted > 1000 && refused > 300, $"{inverted} inverted, {refused} refused");
        }

        [TestMethod]
        public void ModInverseEqualsFermatInverseModuloPrimes()
        {
            var rng = new Random(33);
            var primes = new[]
            {
                Big(PrimalityTests.Mersenne(127)), Big(PrimalityTests.Mersenne(521)), Big(PrimalityTests.Num(PrimalityTests.Modp2048)),
                RandomPrime(512, rng), RandomPrime(1024, rng), RandomPrime(1536, rng),
            };
            foreach (var p in primes)
            {
                for (int i = 0; i < 20; i++)
                {
                    var a = 1 + RandomBelow(p - 1, rng);
                    Assert.AreEqual(BigInteger.ModPow(a, p - 2, p), Big(BigNat.ModInverse(Limbs(a), Limbs(p))), $"{a}^-1 mod {p}");
                }
            }
        }

        [TestMethod]
        public void PrimalityAgreesWithBigIntegerMillerRabin()
        {
            var rng = new Random(34);
            var seeded = new SeededRandom(34);
            int primes = 0;
            for (int round = 0; round < 3000; round++)
            {
                var n = RandomNumber(rng, round < 2500 ? 64 : 700) | 1;
                bool expected = IsProbablePrime(n, 30, rng);
                Assert.AreEqual(expected, Primality.IsProbablePrime(Limbs(n), 10, seeded), n.ToString());
                if (expected) primes++;
            }
            Assert.IsTrue(primes > 50, primes + " primes met");
            for (int i = 0; i < 6; i++)
            {
                var p = RandomPrime(256 + 64 * i, rng);
                var q = RandomPrime(256 + 64 * i, rng);
                Assert.IsTrue(Primality.IsProbablePrime(Limbs(p), 5, seeded), "prime " + p);
                Assert.IsFalse(Primality.IsProbablePrime(Limbs(p * q), 5, seeded), "p·q");
                Assert.IsFalse(Primality.IsProbablePrime(Limbs(p * p), 5, seeded), "p²");
            }
        }

        [TestMethod]
        public void SharedTestClaimsHoldIndependently()
        {
            var rng = new Random(35);
            foreach (int e in new[] { 61, 89, 107, 127, 521 })
                Assert.IsTrue(IsProbablePrime(BigInteger.Pow(2, e) - 1, 40, rng), "2^" + e + "-1");
            Assert.AreEqual(BigInteger.Pow(2, 67) - 1, new BigInteger(193707721) * 761838257287, "2^67-1 (Cole)");
            Assert.AreEqual(new BigInteger(23 * 89), BigInteger.Pow(2, 11) - 1);
            // RFC 3526: p = 2^2048 - 2^1984 - 1 + 2^64·(floor(2^1918·π) + 124476); check the form and primality.
            var p2048 = Big(PrimalityTests.Num(PrimalityTests.Modp2048));
            var p1536 = Big(PrimalityTests.Num(PrimalityTests.Modp1536));
            Assert.AreEqual(2048, (int)p2048.GetBitLength());
            Assert.AreEqual(1536, (int)p1536.GetBitLength());
            Assert.IsTrue(IsProbablePrime(p2048, 40, rng) && IsProbablePrime((p2048 - 1) / 2, 20, rng), "2048-bit safe prime");
            Assert.IsTrue(IsProbablePrime(p1536, 40, rng) && IsProbablePrime((p1536 - 1) / 2, 20, rng), "1536-bit safe prime");
            // OEIS A014233 values: decimal as published, hex as typed in the shared test.
            string[] decimals = { "2047", "1373653", "25326001", "3215031751", "3825123056546413051", "318665857834031151167461", "3317044064679887385961981" };
            int[] primeBases = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43 };
            for (int i = 0; i < decimals.Length; i++)
            {
                var n = BigInteger.Parse(decimals[i], CultureInfo.InvariantCulture);
                Assert.AreEqual(n, Big(PrimalityTests.Num(PrimalityTests.StrongPseudoprimes[i])), decimals[i]);
                Assert.IsFalse(IsProbablePrime(n, 30, rng), decimals[i] + " is composite");
                int fooled = PrimalityTests.BasesFooled[i];
                for (int b = 0; b < fooled; b++) Assert.IsTrue(StrongProbablePrime(n, primeBases[b]), decimals[i] + " base " + primeBases[b]);
                Assert.IsFalse(StrongProbablePrime(n, primeBases[fooled]), decimals[i] + " next base");
            }
            foreach (uint c in PrimalityTests.Carmichaels) Assert.IsTrue(Korselt(c), c + " is a Carmichael number");
            ulong k = PrimalityTests.ChernickK;
            foreach (ulong f in new[] { 6 * k + 1, 12 * k + 1, 18 * k + 1 }) Assert.IsTrue(IsProbablePrime(f, 40, rng), "Chernick factor " + f);
            var chernick = Big(PrimalityTests.Chernick(PrimalityTests.ChernickK));
            Assert.AreEqual(new BigInteger(6 * k + 1) * (12 * k + 1) * (18 * k + 1), chernick);
            for (int i = 0; i < 20; i++)
            {
                var a = 2 + RandomBelow(chernick - 3, rng);
                if (BigInteger.GreatestCommonDivisor(a, chernick).IsOne)
                    Assert.IsTrue(BigInteger.ModPow(a, chernick - 1, chernick).IsOne, "Fermat passes on a Carmichael number");
            }
        }

        private static bool Korselt(uint n)
        {
            uint m = n;
            int factors = 0;
            for (uint p = 2; p <= m; p++)
            {
                if (m % p != 0) continue;
                m /= p;
                if (m % p == 0) return false;                // not squarefree
                if ((n - 1) % (p - 1) != 0) return false;
                factors++;
            }
            return factors >= 3;
        }
    }
}
