using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Crypto
{
    /// <summary>Probable-prime testing for RSA key generation: trial division by the odd primes
    /// below 2048, then Miller-Rabin with random bases exactly as FIPS 186-5 Appendix B.3.1
    /// gives it. Numbers below 2048² are decided by trial division alone.</summary>
    public static class Primality
    {
        public const uint TrialDivisionBound = 2048;

        /// <summary>Draws allowed for one Miller-Rabin base before the random source is called
        /// broken: a good source is rejected with probability at most about 1/2 per draw.</summary>
        public const int MaxBaseDraws = 100;

        private static readonly uint[] SmallPrimes = Sieve(TrialDivisionBound);
        // Consecutive small primes grouped so that each group's product fits 32 bits: one
        // multi-limb remainder per group instead of one per prime.
        private static readonly uint[] GroupProducts;
        private static readonly int[] GroupEnds;

        static Primality()
        {
            int groups = 0;
            uint[] products = new uint[SmallPrimes.Length];
            int[] ends = new int[SmallPrimes.Length];
            ulong product = 1;
            for (int i = 0; i < SmallPrimes.Length; i++)
            {
                if (product * SmallPrimes[i] > uint.MaxValue)
                {
                    products[groups] = (uint)product;
                    ends[groups++] = i;
                    product = 1;
                }
                product *= SmallPrimes[i];
            }
            products[groups] = (uint)product;
            ends[groups++] = SmallPrimes.Length;
            GroupProducts = new uint[groups];
            GroupEnds = new int[groups];
            System.Array.Copy(products, GroupProducts, groups);
            System.Array.Copy(ends, GroupEnds, groups);
        }

        /// <summary>Miller-Rabin rounds for an RSA prime of primeBits bits, FIPS 186-5 Table B.1,
        /// the column whose error probability matches the key's security strength: p, q of 1024
        /// bits (nlen 2048, 2^-112) 5 rounds; 1536 bits (nlen 3072, 2^-128) and 2048 bits
        /// (nlen 4096, 2^-144) 4 rounds. 512-bit primes (1024-bit test keys, which FIPS 186-5 no
        /// longer allows) get 7 rounds, FIPS 186-4 Table C.3 (2^-100).</summary>
        public static int MillerRabinRounds(int primeBits)
        {
            if (primeBits >= 1536) return 4;
            if (primeBits >= 1024) return 5;
            if (primeBits >= 512) return 7;
            throw new System.ArgumentOutOfRangeException(nameof(primeBits), "no round count for primes below 512 bits");
        }

        /// <summary>True when n is probably prime: trial division, then rounds of Miller-Rabin
        /// with bases drawn from random (FIPS 186-5 B.3.1). Throws InvalidOperationException
        /// when the random source cannot supply bases.</summary>
        public static bool IsProbablePrime(uint[] n, int rounds, IRandom random)
        {
            if (n == null) throw new System.ArgumentNullException(nameof(n));
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            if (rounds < 1) throw new System.ArgumentOutOfRangeException(nameof(rounds));
            int known = TrialDivision(n);
            if (known != 0) return known > 0;
            return MillerRabin(BigNat.Trim(n), rounds, random);
        }

        /// <summary>Trial division by the primes below 2048: -1 when n is 0, 1, or has such a
        /// factor other than itself; 1 when n is prime (a small prime, or no factor and n &lt; 2048²);
        /// 0 when undecided.</summary>
        public static int TrialDivision(uint[] n)
        {
            int bits = BigNat.BitLength(n);
            if (bits < 2) return -1;
            if ((n[0] & 1) == 0) return bits == 2 && n[0] == 2 ? 1 : -1;
            bool fits = bits <= 32;
            uint v = n[0];
            int start = 0;
            for (int g = 0; g < GroupProducts.Length; g++)
            {
                uint r = BigNat.ModSmall(n, GroupProducts[g]);
                for (int i = start; i < GroupEnds[g]; i++)
                {
                    if (r % SmallPrimes[i] == 0) return fits && v == SmallPrimes[i] ? 1 : -1;
                }
                start = GroupEnds[g];
            }
            if (fits && v < TrialDivisionBound * TrialDivisionBound) return 1;
            return 0;
        }

        /// <summary>One Miller-Rabin round with a chosen base (FIPS 186-5 B.3.1 steps 4.3-4.7):
        /// true when w is a strong probable prime to base b. w odd and at least 5, 1 &lt; b &lt; w-1.</summary>
        public static bool IsStrongProbablePrime(uint[] w, uint[] b)
        {
            if (w == null || b == null) throw new System.ArgumentNullException(w == null ? "w" : "b");
            w = BigNat.Trim(w);
            if ((w[0] & 1) == 0 || BigNat.Compare(w, BigNat.FromUInt(5)) < 0) throw new System.ArgumentException("w must be odd and at least 5");
            uint[] wMinus1 = BigNat.Subtract(w, BigNat.FromUInt(1));
            if (BigNat.Compare(b, BigNat.FromUInt(1)) <= 0 || BigNat.Compare(b, wMinus1) >= 0) throw new System.ArgumentException("the base must be in 2..w-2");
            Witness t = new Witness(w);
            return t.Passes(b);
        }

        private static bool MillerRabin(uint[] w, int rounds, IRandom random)
        {
            Witness t = new Witness(w);
            int wlen = BigNat.BitLength(w);                          // step 3
            byte[] buf = new byte[(wlen + 7) / 8];
            byte topMask = (byte)(0xFF >> (8 * buf.Length - wlen));
            uint[] one = BigNat.FromUInt(1);
            for (int i = 0; i < rounds; i++)                         // step 4
            {
                uint[] b = null;
                for (int draw = 0; b == null; draw++)
                {
                    if (draw == MaxBaseDraws)
                        throw new System.InvalidOperationException("the random source gave no usable Miller-Rabin base in " + MaxBaseDraws.ToString() + " draws (FIPS 186-5 B.3.1 step 4.2); it is not random");
                    random.NextBytes(buf);                           // step 4.1: a wlen-bit string
                    buf[0] &= topMask;
                    uint[] c = BigNat.FromBytes(buf);
                    if (BigNat.Compare(c, one) > 0 && BigNat.Compare(c, t.WMinus1) < 0) b = c;   // step 4.2
                }
                if (!t.Passes(b)) return false;                      // step 4.6: COMPOSITE
            }
            return true;                                             // step 5: PROBABLY PRIME
        }

        /// <summary>w - 1 = 2^a·m with m odd (steps 1-2), and Montgomery constants for w.</summary>
        private sealed class Witness
        {
            public readonly uint[] WMinus1;
            private readonly int _a;
            private readonly uint[] _m;
            private readonly Montgomery _mont;
            private readonly uint[] _oneM, _minusOneM;

            public Witness(uint[] w)
            {
                WMinus1 = BigNat.Subtract(w, BigNat.FromUInt(1));
                int a = 0;
                while (((WMinus1[a >> 5] >> (a & 31)) & 1) == 0) a++;
                _a = a;
                _m = BigNat.ShiftRight(WMinus1, a);
                _mont = new Montgomery(w);
                _oneM = _mont.ToMontgomery(BigNat.FromUInt(1));
                _minusOneM = _mont.ToMontgomery(WMinus1);
            }

            /// <summary>Steps 4.3-4.5 for one base, in the Montgomery domain (a bijection, so
            /// comparing with 1 and w-1 there is comparing the plain values).</summary>
            public bool Passes(uint[] b)
            {
                uint[] z = _mont.ToMontgomery(_mont.ModPow(b, _m));      // 4.3: z = b^m mod w
                if (BigNat.Compare(z, _oneM) == 0 || BigNat.Compare(z, _minusOneM) == 0) return true;   // 4.4
                for (int j = 1; j < _a; j++)                            // 4.5
                {
                    _mont.Multiply(z, z, z);
                    if (BigNat.Compare(z, _minusOneM) == 0) return true;
                    if (BigNat.Compare(z, _oneM) == 0) return false;
                }
                return false;
            }
        }

        private static uint[] Sieve(uint bound)
        {
            bool[] composite = new bool[bound];
            int count = 0;
            for (uint i = 3; i < bound; i += 2)
            {
                if (composite[i]) continue;
                count++;
                for (uint j = i * i; j < bound; j += 2 * i) composite[j] = true;
            }
            uint[] primes = new uint[count];
            int k = 0;
            for (uint i = 3; i < bound; i += 2) if (!composite[i]) primes[k++] = i;
            return primes;
        }
    }
}
