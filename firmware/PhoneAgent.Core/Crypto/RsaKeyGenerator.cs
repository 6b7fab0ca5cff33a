using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Crypto
{
    /// <summary>RSA key pairs with e = 65537 from random probable primes, FIPS 186-5 Appendix
    /// A.1.3, for the phone's own key (SCEP enrollment, TLS client authentication). Bounded:
    /// the standard's cap of 5·(nlen/2) failed candidates per prime, a cap on draws per prime,
    /// and an immediate stop when the random source repeats itself; a broken source ends in an
    /// InvalidOperationException that says so, never in a weak key or an endless loop.</summary>
    public static class RsaKeyGenerator
    {
        public const uint PublicExponent = 65537;
        public const int MinBits = 1024;
        public const int MaxBits = 4096;

        /// <summary>A new key of bits bits (even, 1024..4096; FIPS 186-5 itself allows 2048 and up,
        /// 1024 is for tests).</summary>
        public static RsaPrivateKey Generate(int bits, IRandom random)
        {
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            if (bits < MinBits || bits > MaxBits || (bits & 1) != 0)
                throw new System.ArgumentOutOfRangeException(nameof(bits), "RSA key size must be even and within 1024..4096 bits");
            int half = bits / 2;
            int rounds = Primality.MillerRabinRounds(half);
            uint[] one = BigNat.FromUInt(1);
            uint[] e = BigNat.FromUInt(PublicExponent);
            uint[] dFloor = BigNat.ShiftLeft(one, half);
            Source source = new Source(random, half);
            // d <= 2^(nlen/2) (refused by FIPS 186-5 A.1.1 criteria) has a chance near 2^-(nlen/2);
            // a few tries bound the loop without ever mattering in practice.
            for (int attempt = 0; attempt < 3; attempt++)
            {
                uint[] p = GeneratePrime(half, null, rounds, source);
                uint[] q = GeneratePrime(half, p, rounds, source);
                uint[] pMinus1 = BigNat.Subtract(p, one);
                uint[] qMinus1 = BigNat.Subtract(q, one);
                uint[] rem;
                uint[] lambda = BigNat.Trim(BigNat.DivMod(BigNat.Multiply(pMinus1, qMinus1), BigNat.Gcd(pMinus1, qMinus1), out rem));
                uint[] d = BigNat.ModInverse(e, lambda);             // d = e^-1 mod lcm(p-1, q-1)
                if (d == null || BigNat.Compare(d, dFloor) <= 0)
                {
                    Wipe(p, q, pMinus1, qMinus1, lambda, d);
                    continue;
                }
                uint[] n = BigNat.Multiply(p, q);
                uint[] dp = BigNat.Mod(d, pMinus1);                  // RFC 8017 §3.2: dP, dQ, qInv
                uint[] dq = BigNat.Mod(d, qMinus1);
                uint[] qInv = BigNat.ModInverse(q, p);
                int k = (bits + 7) / 8, hk = (half + 7) / 8;
                byte[][] parts = new byte[][]
                {
                    BigNat.ToBytes(n, k), BigNat.ToBytes(e, 3), BigNat.ToBytes(d, k), BigNat.ToBytes(p, hk),
                    BigNat.ToBytes(q, hk), BigNat.ToBytes(dp, hk), BigNat.ToBytes(dq, hk), BigNat.ToBytes(qInv, hk),
                };
                RsaPrivateKey key = new RsaPrivateKey(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]);
                for (int i = 2; i < parts.Length; i++) System.Array.Clear(parts[i], 0, parts[i].Length);
                Wipe(p, q, pMinus1, qMinus1, lambda, d);
                Wipe(dp, dq, qInv, null, null, null);
                source.Wipe();
                PairwiseConsistency(key);
                return key;
            }
            source.Wipe();
            throw new System.InvalidOperationException("RSA key generation: no private exponent above 2^(nlen/2) in 3 key pairs; the random source is suspect");
        }

        /// <summary>FIPS 186-5 A.1.3 step 4 (other == null) or step 5 (other = p): a k-bit probable
        /// prime at least √2·2^(k-1), with gcd(prime - 1, e) = 1, and for q, |p - q| &gt; 2^(k-100).</summary>
        private static uint[] GeneratePrime(int k, uint[] other, int rounds, Source source)
        {
            uint[] gap = other == null ? null : BigNat.ShiftLeft(BigNat.FromUInt(1), k - 100);
            source.BeginPrime();
            int failed = 0;                                          // step 4.1 / 5.1: i = 0
            while (true)
            {
                uint[] c = source.Next();                            // 4.2 / 5.2: k bits from the RBG
                c[0] |= 1;                                           // 4.3 / 5.3: make it odd
                if (other != null)                                   // 5.4: |p - q| > 2^(nlen/2 - 100)
                {
                    uint[] diff = BigNat.Compare(c, other) >= 0 ? BigNat.Subtract(c, other) : BigNat.Subtract(other, c);
                    if (BigNat.Compare(diff, gap) <= 0) continue;
                }
                // 4.4 / 5.5: c >= √2·2^(k-1) exactly when c² >= 2^(2k-1), i.e. c² has 2k bits
                // (a c below 2^(k-1), half of all draws, fails without squaring).
                if (BigNat.BitLength(c) < k || BigNat.BitLength(BigNat.Multiply(c, c)) < 2 * k) continue;
                // 4.5 / 5.6: e = 65537 is prime, so gcd(c - 1, e) = 1 means c mod e != 1; then
                // trial division and Miller-Rabin (Appendix B.3).
                if (BigNat.ModSmall(c, PublicExponent) != 1 && Primality.IsProbablePrime(c, rounds, source.Random)) return c;
                System.Array.Clear(c, 0, c.Length);
                failed++;                                            // 4.6 / 5.7
                if (failed >= 5 * k)                                 // 4.7 / 5.8
                    throw new System.InvalidOperationException("RSA key generation: no probable prime among " + failed.ToString() +
                        " candidates (FIPS 186-5 A.1.3 step 4.7); the random source is suspect");
            }
        }

        /// <summary>A signature made with the new key must verify with its public half
        /// (pairwise consistency, FIPS 140-3 IG 10.3.A), or the key is not handed out.</summary>
        private static void PairwiseConsistency(RsaPrivateKey key)
        {
            byte[] digest = new Sha256().Compute(Util.Ascii.GetBytes("PhoneAgent pairwise consistency"));
            if (!key.PublicKey.VerifyPkcs1(HashAlgorithm.Sha256Name, digest, key.SignPkcs1(HashAlgorithm.Sha256Name, digest)))
                throw new System.InvalidOperationException("RSA key generation: the new key failed its pairwise consistency test");
        }

        private static void Wipe(uint[] a, uint[] b, uint[] c, uint[] d, uint[] e, uint[] f)
        {
            if (a != null) System.Array.Clear(a, 0, a.Length);
            if (b != null) System.Array.Clear(b, 0, b.Length);
            if (c != null) System.Array.Clear(c, 0, c.Length);
            if (d != null) System.Array.Clear(d, 0, d.Length);
            if (e != null) System.Array.Clear(e, 0, e.Length);
            if (f != null) System.Array.Clear(f, 0, f.Length);
        }

        /// <summary>k-bit candidates from the random source, with the guards against a broken one:
        /// at most 40·k draws per prime, and no two draws alike (a healthy source repeats 1024 bits
        /// with probability 2^-1024). Only (2 - √2)/2, about 29%, of uniform k-bit strings pass
        /// step 4.4, so a prime takes about 3.4·ln(2^k)/2 draws (1212 for k = 1024); the standard's
        /// 5·k failures after step 4.4 need about 17·k draws, and 40·k draws without a prime
        /// happen to a good source with probability below 2^-48.</summary>
        private sealed class Source
        {
            public readonly IRandom Random;
            private readonly int _bits;
            private readonly byte[] _buf, _last;
            private readonly int _maxDraws;
            private int _draws, _total;

            public Source(IRandom random, int bits)
            {
                Random = random;
                _bits = bits;
                _buf = new byte[(bits + 7) / 8];
                _last = new byte[_buf.Length];
                _maxDraws = 40 * bits;
            }

            public void BeginPrime() { _draws = 0; }

            public uint[] Next()
            {
                if (_draws == _maxDraws)
                    throw new System.InvalidOperationException("RSA key generation: " + _maxDraws.ToString() + " draws from the random source gave no usable prime candidate; it is not random");
                Random.NextBytes(_buf);
                _buf[0] &= (byte)(0xFF >> (8 * _buf.Length - _bits));
                if (_total > 0)
                {
                    int diff = 0;
                    for (int i = 0; i < _buf.Length; i++) diff |= _buf[i] ^ _last[i];
                    if (diff == 0) throw new System.InvalidOperationException("RSA key generation: the random source returned the same " + _bits.ToString() + " bits twice in a row; it is not random");
                }
                _draws++;
                _total++;
                System.Array.Copy(_buf, _last, _buf.Length);
                uint[] c = BigNat.FromBytes(_buf);
                System.Array.Clear(_buf, 0, _buf.Length);
                return c;
            }

            public void Wipe() { System.Array.Clear(_last, 0, _last.Length); }
        }
    }
}
