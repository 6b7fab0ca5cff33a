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
    /// <summary>Miller-Rabin (FIPS 186-5 B.3.1) with trial division: published primes (Mersenne
    /// primes, the RFC 3526 MODP group primes), Carmichael numbers, and the smallest strong
    /// pseudoprimes to the first prime bases (OEIS A014233). The host tests recheck every claim
    /// here with System.Numerics.BigInteger.</summary>
    [TestClass]
    public class PrimalityTests
    {
        // RFC 3526 §3, the 2048-bit MODP group prime 2^2048 - 2^1984 - 1 + 2^64·([2^1918 π] + 124476).
        public const string Modp2048 =
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD " +
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED " +
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F " +
            "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B " +
            "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510 " +
            "15728E5A 8AACAA68 FFFFFFFF FFFFFFFF";

        // RFC 3526 §2, the 1536-bit MODP group prime 2^1536 - 2^1472 - 1 + 2^64·([2^1406 π] + 741804).
        public const string Modp1536 =
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD " +
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED " +
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F " +
            "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA237327 FFFFFFFF FFFFFFFF";

        /// <summary>Smallest strong pseudoprimes to all of the first t prime bases (OEIS A014233),
        /// in hex, each with how many leading prime bases it fools: 2047 (base 2), 1373653 (2, 3),
        /// 25326001 (2, 3, 5), 3215031751 (2..7), 3825123056546413051 (2..31),
        /// 318665857834031151167461 (2..37), 3317044064679887385961981 (2..41).</summary>
        public static readonly string[] StrongPseudoprimes =
        {
            "7ff", "14f5d5", "18271b1", "bfa17dc7", "351591274f9af9fb", "437ae92817f9fc85b7e5", "2be6951adc5b22410a5fd",
        };
        public static readonly int[] BasesFooled = { 1, 2, 3, 4, 11, 12, 13 };
        private static readonly uint[] PrimeBases = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43 };

        /// <summary>Carmichael numbers (Korselt: squarefree, p - 1 | n - 1 for each factor p).</summary>
        public static readonly uint[] Carmichaels = { 561, 1105, 1729, 41041, 825265, 321197185 };

        /// <summary>Chernick's k for (6k+1)(12k+1)(18k+1), a Carmichael number when all three are
        /// prime; the test proves they are by trial division.</summary>
        public const uint ChernickK = 150000350;

        public static uint[] Num(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++) if (hex[i] != ' ') digits++;
            return BigNat.FromBytes(Hex.TryParse(digits % 2 == 1 ? "0" + hex : hex));
        }

        public static uint[] Mersenne(int p)
        {
            return BigNat.Subtract(BigNat.ShiftLeft(BigNat.FromUInt(1), p), BigNat.FromUInt(1));
        }

        public static uint[] Chernick(uint k)
        {
            uint[] a = BigNat.FromUInt(6 * k + 1), b = BigNat.FromUInt(12 * k + 1), c = BigNat.FromUInt(18 * k + 1);
            return BigNat.Multiply(BigNat.Multiply(a, b), c);
        }

        private static bool SmallPrime(uint v)
        {
            if (v < 2) return false;
            for (uint d = 2; d <= v / d; d++) if (v % d == 0) return false;
            return true;
        }

        [TestMethod]
        public void KnownPrimesAreProbablyPrime()
        {
            SeededRandom rng = new SeededRandom(7);
            uint[] small = { 2, 3, 5, 7, 2039, 2053, 65537, 4194301, 2147483647, 4294967291 };
            for (int i = 0; i < small.Length; i++)
                Assert.IsTrue(Primality.IsProbablePrime(BigNat.FromUInt(small[i]), 10, rng), small[i].ToString());
            int[] mersenne = { 61, 89, 107, 127, 521 };
            for (int i = 0; i < mersenne.Length; i++)
                Assert.IsTrue(Primality.IsProbablePrime(Mersenne(mersenne[i]), 10, rng), "2^" + mersenne[i].ToString() + "-1");
            Assert.IsTrue(Primality.IsProbablePrime(Num(Modp1536), 4, rng), "RFC 3526 1536-bit prime");
            Assert.IsTrue(Primality.IsProbablePrime(Num(Modp2048), 4, rng), "RFC 3526 2048-bit prime");
        }

        [TestMethod]
        public void CompositesAreRejected()
        {
            SeededRandom rng = new SeededRandom(8);
            uint[] small = { 0, 1, 4, 9, 15, 2047, 2049, 4194303, 4294967295 };
            for (int i = 0; i < small.Length; i++)
                Assert.IsFalse(Primality.IsProbablePrime(BigNat.FromUInt(small[i]), 10, rng), small[i].ToString());
            // Composite Mersenne numbers (2^11-1 = 23·89, 2^67-1 = 193707721·761838257287) and
            // products of two large primes, which trial division cannot see.
            Assert.IsFalse(Primality.IsProbablePrime(Mersenne(11), 10, rng), "2^11-1");
            Assert.IsFalse(Primality.IsProbablePrime(Mersenne(67), 10, rng), "2^67-1");
            Assert.IsFalse(Primality.IsProbablePrime(BigNat.Multiply(Mersenne(127), Mersenne(521)), 10, rng), "M127·M521");
            Assert.IsFalse(Primality.IsProbablePrime(BigNat.Multiply(Num(Modp1536), Mersenne(61)), 4, rng), "MODP1536·M61");
            Assert.AreEqual(0, Primality.TrialDivision(BigNat.Multiply(Mersenne(127), Mersenne(521))), "no small factor");
        }

        [TestMethod]
        public void CarmichaelNumbersAreRejected()
        {
            SeededRandom rng = new SeededRandom(9);
            for (int i = 0; i < Carmichaels.Length; i++)
            {
                uint n = Carmichaels[i];
                Assert.IsFalse(Primality.IsProbablePrime(BigNat.FromUInt(n), 10, rng), n.ToString());
                // A Fermat test to base 2 passes (2 is coprime to each); the strong test does not.
                Assert.IsFalse(Primality.IsStrongProbablePrime(BigNat.FromUInt(n), BigNat.FromUInt(2)), n.ToString() + " base 2");
            }
            // Chernick Carmichael numbers with all factors above the trial-division bound, so only
            // Miller-Rabin can reject them: the smallest k >= 400, and a 92-bit one.
            uint k = 400;
            while (!(SmallPrime(6 * k + 1) && SmallPrime(12 * k + 1) && SmallPrime(18 * k + 1))) k++;
            Assert.AreEqual(0, Primality.TrialDivision(Chernick(k)));
            Assert.IsFalse(Primality.IsProbablePrime(Chernick(k), 20, rng), "Chernick k=" + k.ToString());
            Assert.IsTrue(SmallPrime(6 * ChernickK + 1) && SmallPrime(12 * ChernickK + 1) && SmallPrime(18 * ChernickK + 1), "Chernick factors prime");
            Assert.IsFalse(Primality.IsProbablePrime(Chernick(ChernickK), 20, rng), "Chernick k=" + ChernickK.ToString());
        }

        [TestMethod]
        public void StrongPseudoprimesFoolExactlyTheirBases()
        {
            SeededRandom rng = new SeededRandom(10);
            for (int i = 0; i < StrongPseudoprimes.Length; i++)
            {
                uint[] n = Num(StrongPseudoprimes[i]);
                for (int b = 0; b < BasesFooled[i]; b++)
                    Assert.IsTrue(Primality.IsStrongProbablePrime(n, BigNat.FromUInt(PrimeBases[b])), StrongPseudoprimes[i] + " base " + PrimeBases[b].ToString());
                Assert.IsFalse(Primality.IsStrongProbablePrime(n, BigNat.FromUInt(PrimeBases[BasesFooled[i]])), StrongPseudoprimes[i] + " next base");
                Assert.IsFalse(Primality.IsProbablePrime(n, 20, rng), StrongPseudoprimes[i]);
            }
        }

        [TestMethod]
        public void RoundCountsFollowFips186_5TableB1()
        {
            Assert.AreEqual(5, Primality.MillerRabinRounds(1024));
            Assert.AreEqual(4, Primality.MillerRabinRounds(1536));
            Assert.AreEqual(4, Primality.MillerRabinRounds(2048));
            Assert.AreEqual(7, Primality.MillerRabinRounds(512));
            Expect.ThrowsArgument(delegate { Primality.MillerRabinRounds(256); }, "256-bit primes");
        }

        [TestMethod]
        public void BrokenRandomSourceIsReported()
        {
            try
            {
                Primality.IsProbablePrime(Mersenne(127), 5, new ConstantRandom(0));
                Assert.IsTrue(false, "a zero random source gave Miller-Rabin bases");
            }
            catch (System.InvalidOperationException e)
            {
                Expect.Contains(e.Message, "random source", "message");
            }
        }
    }
}
