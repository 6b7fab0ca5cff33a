using System;
using System.Numerics;
using System.Security.Cryptography;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>The test side's own number theory on System.Numerics.BigInteger, independent of
    /// the core's BigNat: Miller-Rabin with random bases (BigInteger.ModPow), random primes, RSA
    /// keys of any size, raw RSA, and conversions to and from the core's limbs.</summary>
    internal static class OracleNumbers
    {
        public static BigInteger Big(byte[] unsignedBigEndian) => new BigInteger(unsignedBigEndian, isUnsigned: true, isBigEndian: true);

        public static BigInteger Big(uint[] limbs) => Big(BigNat.ToBytes(limbs, limbs.Length * 4));

        public static uint[] Limbs(BigInteger v) => BigNat.FromBytes(Bytes(v));

        public static byte[] Bytes(BigInteger v) => v.IsZero ? new byte[] { 0 } : v.ToByteArray(isUnsigned: true, isBigEndian: true);

        public static byte[] Bytes(BigInteger v, int length)
        {
            var b = v.ToByteArray(isUnsigned: true, isBigEndian: true);
            if (b.Length > length) throw new ArgumentException("value longer than " + length);
            var r = new byte[length];
            Array.Copy(b, 0, r, length - b.Length, b.Length);
            return r;
        }

        public static BigInteger RandomBelow(BigInteger bound, Random rng)
        {
            var b = new byte[bound.GetByteCount(isUnsigned: true) + 8];
            rng.NextBytes(b);
            return Big(b) % bound;
        }

        /// <summary>Strong probable prime to base a.</summary>
        public static bool StrongProbablePrime(BigInteger n, BigInteger a)
        {
            var d = n - 1;
            int s = 0;
            while (d.IsEven) { d >>= 1; s++; }
            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1) return true;
            for (int i = 1; i < s; i++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1) return true;
                if (x.IsOne) return false;
            }
            return false;
        }

        private static readonly int[] SmallPrimes = Sieve(1000);

        private static int[] Sieve(int bound)
        {
            var composite = new bool[bound];
            var list = new System.Collections.Generic.List<int>();
            for (int i = 2; i < bound; i++)
            {
                if (composite[i]) continue;
                list.Add(i);
                for (int j = i * i; j < bound; j += i) composite[j] = true;
            }
            return list.ToArray();
        }

        public static bool IsProbablePrime(BigInteger n, int rounds, Random rng)
        {
            if (n < 2) return false;
            foreach (int p in SmallPrimes)
            {
                if (n == p) return true;
                if (n % p == 0) return false;
            }
            for (int i = 0; i < rounds; i++)
                if (!StrongProbablePrime(n, 2 + RandomBelow(n - 3, rng))) return false;
            return true;
        }

        /// <summary>A random prime of exactly bits bits with the top two bits set (so products of
        /// two have the full length) and p - 1 coprime to 65537.</summary>
        public static BigInteger RandomPrime(int bits, Random rng)
        {
            while (true)
            {
                var b = new byte[(bits + 7) / 8];
                rng.NextBytes(b);
                var c = Big(b) & ((BigInteger.One << bits) - 1);
                c |= (BigInteger.One << (bits - 1)) | (BigInteger.One << (bits - 2)) | 1;
                if ((c - 1) % 65537 != 0 && IsProbablePrime(c, 40, rng)) return c;
            }
        }

        /// <summary>An RSA key of exactly bits bits (odd sizes too: p gets the extra bit), e = 65537,
        /// in .NET's layout.</summary>
        public static RSAParameters RandomKey(int bits, Random rng)
        {
            var e = new BigInteger(65537);
            while (true)
            {
                var p = RandomPrime((bits + 1) / 2, rng);
                var q = RandomPrime(bits / 2, rng);
                var n = p * q;
                if (p == q || n.GetBitLength() != bits) continue;
                var lambda = (p - 1) * (q - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1);
                var d = Inverse(e, lambda);
                int k = (bits + 7) / 8, half = (k + 1) / 2;
                if (Bytes(p).Length > half || Bytes(q).Length > half) continue;
                return new RSAParameters
                {
                    Modulus = Bytes(n, k), Exponent = Bytes(e), D = Bytes(d, k),
                    P = Bytes(p, half), Q = Bytes(q, half), DP = Bytes(d % (p - 1), half), DQ = Bytes(d % (q - 1), half),
                    InverseQ = Bytes(Inverse(q, p), half),
                };
            }
        }

        /// <summary>a^-1 mod m by the extended Euclidean algorithm on signed BigIntegers.</summary>
        public static BigInteger Inverse(BigInteger a, BigInteger m)
        {
            BigInteger r0 = m, r1 = a % m, x0 = 0, x1 = 1;
            while (!r1.IsZero)
            {
                var q = BigInteger.DivRem(r0, r1, out var r2);
                (r0, r1) = (r1, r2);
                (x0, x1) = (x1, x0 - q * x1);
            }
            if (!r0.IsOne) throw new ArgumentException("not invertible");
            return ((x0 % m) + m) % m;
        }

        /// <summary>Raw RSA (RSASP1 without CRT): m^d mod n.</summary>
        public static byte[] RawPrivate(RSAParameters key, byte[] message) =>
            Bytes(BigInteger.ModPow(Big(message), Big(key.D), Big(key.Modulus)), key.Modulus.Length);

        /// <summary>EMSA-PSS-ENCODE (RFC 8017 §9.1.1) on the test side, SHA-256 and MGF1-SHA-256 unless
        /// other hashes are given, with hooks to break it.</summary>
        public static byte[] PssEncode(byte[] mHash, byte[] salt, int emBits, Action<byte[]> breakDb = null, Action<byte[]> breakEm = null,
            Func<byte[], byte[]> hash = null, Func<byte[], byte[]> mgfHash = null)
        {
            hash ??= SHA256.HashData;
            mgfHash ??= SHA256.HashData;
            int hLen = mHash.Length, emLen = (emBits + 7) / 8, dbLen = emLen - hLen - 1;
            var mPrime = new byte[8 + hLen + salt.Length];
            mHash.CopyTo(mPrime, 8);
            salt.CopyTo(mPrime, 8 + hLen);
            var h = hash(mPrime);
            var db = new byte[dbLen];
            db[dbLen - salt.Length - 1] = 0x01;
            salt.CopyTo(db, dbLen - salt.Length);
            breakDb?.Invoke(db);
            var mask = new byte[dbLen];
            for (int c = 0, pos = 0; pos < dbLen; c++)
            {
                var block = mgfHash([.. h, (byte)(c >> 24), (byte)(c >> 16), (byte)(c >> 8), (byte)c]);
                int n = Math.Min(block.Length, dbLen - pos);
                Array.Copy(block, 0, mask, pos, n);
                pos += n;
            }
            var em = new byte[emLen];
            for (int i = 0; i < dbLen; i++) em[i] = (byte)(db[i] ^ mask[i]);
            em[0] &= (byte)(0xFF >> (8 * emLen - emBits));
            h.CopyTo(em, dbLen);
            em[emLen - 1] = 0xBC;
            breakEm?.Invoke(em);
            return em;
        }
    }
}
