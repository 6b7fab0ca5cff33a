namespace PhoneAgent.Core.Crypto
{
    /// <summary>Non-negative big integers as little-endian uint limbs (limb 0 least significant),
    /// just what RSA needs: conversion from and to big-endian bytes, compare, add, subtract,
    /// shifts, division, gcd and modular inverse (for key generation), and modular
    /// exponentiation through Montgomery multiplication. nanoFramework has no BigInteger; on
    /// the host System.Numerics is the oracle in tests. Results may carry leading zero limbs.</summary>
    public static class BigNat
    {
        /// <summary>Big-endian unsigned bytes to limbs (at least one limb).</summary>
        public static uint[] FromBytes(byte[] b, int offset, int count)
        {
            int n = (count + 3) / 4;
            if (n == 0) n = 1;
            uint[] r = new uint[n];
            for (int i = 0; i < count; i++)
            {
                int fromEnd = count - 1 - i;
                r[fromEnd >> 2] |= (uint)b[offset + i] << (8 * (fromEnd & 3));
            }
            return r;
        }

        public static uint[] FromBytes(byte[] b) { return FromBytes(b, 0, b.Length); }

        /// <summary>Limbs to exactly length big-endian bytes; false-free: higher limbs must be zero.</summary>
        public static byte[] ToBytes(uint[] x, int length)
        {
            byte[] r = new byte[length];
            for (int i = 0; i < length; i++)
            {
                int limb = i >> 2;
                if (limb < x.Length) r[length - 1 - i] = (byte)(x[limb] >> (8 * (i & 3)));
            }
            return r;
        }

        /// <summary>Number of significant bits.</summary>
        public static int BitLength(uint[] x)
        {
            for (int i = x.Length - 1; i >= 0; i--)
            {
                if (x[i] == 0) continue;
                int bits = 32;
                uint v = x[i];
                while ((v & 0x80000000u) == 0) { v <<= 1; bits--; }
                return i * 32 + bits;
            }
            return 0;
        }

        public static bool IsZero(uint[] x)
        {
            for (int i = 0; i < x.Length; i++) if (x[i] != 0) return false;
            return true;
        }

        /// <summary>-1, 0, 1 for a &lt; b, a == b, a &gt; b (lengths may differ).</summary>
        public static int Compare(uint[] a, uint[] b)
        {
            int n = a.Length > b.Length ? a.Length : b.Length;
            for (int i = n - 1; i >= 0; i--)
            {
                uint x = i < a.Length ? a[i] : 0;
                uint y = i < b.Length ? b[i] : 0;
                if (x != y) return x < y ? -1 : 1;
            }
            return 0;
        }

        /// <summary>a -= b in place over a's limbs; returns the borrow (1 when b &gt; a).</summary>
        public static uint SubInPlace(uint[] a, uint[] b)
        {
            long borrow = 0;
            for (int i = 0; i < a.Length; i++)
            {
                long d = (long)a[i] - (i < b.Length ? b[i] : 0) - borrow;
                a[i] = (uint)d;
                borrow = d < 0 ? 1 : 0;
            }
            return (uint)borrow;
        }

        /// <summary>a·b (schoolbook; lengths add).</summary>
        public static uint[] Multiply(uint[] a, uint[] b)
        {
            uint[] r = new uint[a.Length + b.Length];
            for (int i = 0; i < a.Length; i++)
            {
                ulong carry = 0;
                ulong ai = a[i];
                for (int j = 0; j < b.Length; j++)
                {
                    ulong v = r[i + j] + ai * b[j] + carry;
                    r[i + j] = (uint)v;
                    carry = v >> 32;
                }
                r[i + b.Length] = (uint)carry;
            }
            return r;
        }

        /// <summary>a + b (length of the longer plus one).</summary>
        public static uint[] Add(uint[] a, uint[] b)
        {
            int n = a.Length > b.Length ? a.Length : b.Length;
            uint[] r = new uint[n + 1];
            ulong carry = 0;
            for (int i = 0; i < n; i++)
            {
                ulong v = (ulong)(i < a.Length ? a[i] : 0) + (i < b.Length ? b[i] : 0) + carry;
                r[i] = (uint)v;
                carry = v >> 32;
            }
            r[n] = (uint)carry;
            return r;
        }

        /// <summary>x mod m by shift-and-subtract (used once per key, e.g. for R^2 mod m).</summary>
        public static uint[] Mod(uint[] x, uint[] m)
        {
            int mBits = BitLength(m);
            if (mBits == 0) throw new System.ArgumentException("modulus is zero");
            uint[] r = new uint[m.Length + 1];
            int xBits = BitLength(x);
            for (int bit = xBits - 1; bit >= 0; bit--)
            {
                // r = 2r + bit
                uint carry = (x[bit >> 5] >> (bit & 31)) & 1;
                for (int i = 0; i < r.Length; i++)
                {
                    uint nc = r[i] >> 31;
                    r[i] = (r[i] << 1) | carry;
                    carry = nc;
                }
                if (Compare(r, m) >= 0) SubInPlace(r, m);
            }
            uint[] result = new uint[m.Length];
            System.Array.Copy(r, result, m.Length);
            return result;
        }

        public static uint[] FromUInt(uint v) { return new uint[] { v }; }

        public static bool IsOne(uint[] x)
        {
            if (x.Length == 0 || x[0] != 1) return false;
            for (int i = 1; i < x.Length; i++) if (x[i] != 0) return false;
            return true;
        }

        /// <summary>x without leading zero limbs (at least one limb); x itself when already minimal.</summary>
        public static uint[] Trim(uint[] x)
        {
            int n = x.Length;
            while (n > 1 && x[n - 1] == 0) n--;
            if (n == x.Length) return x;
            uint[] r = new uint[n];
            System.Array.Copy(x, r, n);
            return r;
        }

        /// <summary>a - b, which must not be negative.</summary>
        public static uint[] Subtract(uint[] a, uint[] b)
        {
            int n = a.Length > b.Length ? a.Length : b.Length;
            uint[] r = new uint[n];
            System.Array.Copy(a, r, a.Length);
            if (SubInPlace(r, b) != 0) throw new System.ArgumentException("subtraction would be negative");
            return r;
        }

        /// <summary>x·2^bits.</summary>
        public static uint[] ShiftLeft(uint[] x, int bits)
        {
            if (bits < 0) throw new System.ArgumentOutOfRangeException(nameof(bits));
            int limbs = bits >> 5, s = bits & 31;
            uint[] r = new uint[x.Length + limbs + 1];
            for (int i = 0; i < x.Length; i++)
            {
                r[i + limbs] |= x[i] << s;
                if (s != 0) r[i + limbs + 1] = x[i] >> (32 - s);
            }
            return r;
        }

        /// <summary>floor(x / 2^bits).</summary>
        public static uint[] ShiftRight(uint[] x, int bits)
        {
            if (bits < 0) throw new System.ArgumentOutOfRangeException(nameof(bits));
            int limbs = bits >> 5, s = bits & 31;
            int n = x.Length - limbs;
            if (n <= 0) return new uint[1];
            uint[] r = new uint[n];
            for (int i = 0; i < n; i++)
            {
                r[i] = x[i + limbs] >> s;
                if (s != 0 && i + limbs + 1 < x.Length) r[i] |= x[i + limbs + 1] << (32 - s);
            }
            return r;
        }

        /// <summary>x mod m for a small m (trial division): one 64-by-32-bit remainder per limb.</summary>
        public static uint ModSmall(uint[] x, uint m)
        {
            if (m == 0) throw new System.ArgumentException("modulus is zero");
            ulong r = 0;
            for (int i = x.Length - 1; i >= 0; i--) r = ((r << 32) | x[i]) % m;
            return (uint)r;
        }

        /// <summary>Quotient and remainder of x / y by shift-and-subtract over the quotient's bits
        /// only (so Euclid's many small quotients are cheap).</summary>
        public static uint[] DivMod(uint[] x, uint[] y, out uint[] remainder)
        {
            int yBits = BitLength(y);
            if (yBits == 0) throw new System.ArgumentException("division by zero");
            int shift = BitLength(x) - yBits;
            int n = x.Length > y.Length ? x.Length : y.Length;
            uint[] r = new uint[n];
            System.Array.Copy(x, r, x.Length);
            if (shift < 0)
            {
                remainder = r;
                return new uint[1];
            }
            uint[] q = new uint[(shift >> 5) + 1];
            // ys = y·2^shift has x's bit length, so it fits in n limbs.
            uint[] wide = ShiftLeft(y, shift);
            uint[] ys = new uint[n];
            System.Array.Copy(wide, ys, wide.Length < n ? wide.Length : n);
            for (int s = shift; s >= 0; s--)
            {
                if (Compare(r, ys) >= 0)
                {
                    SubInPlace(r, ys);
                    q[s >> 5] |= 1u << (s & 31);
                }
                ShiftRightOneInPlace(ys);
            }
            remainder = r;
            return q;
        }

        /// <summary>Greatest common divisor (Euclid).</summary>
        public static uint[] Gcd(uint[] a, uint[] b)
        {
            uint[] x = Trim(a), y = Trim(b);
            while (!IsZero(y))
            {
                uint[] r;
                DivMod(x, y, out r);
                x = y;
                y = Trim(r);
            }
            return x;
        }

        /// <summary>a^-1 mod m (m &gt; 1, any parity), or null when gcd(a, m) != 1. Extended Euclid
        /// on magnitudes: with r_(i+1) = r_(i-1) - q·r_i and x_(i+1) = x_(i-1) - q·x_i, starting from
        /// (x, r) = (0, m), (1, a), x_i·a = r_i (mod m) and the signs of x_i alternate (+ for odd i),
        /// so |x_(i+1)| = |x_(i-1)| + q·|x_i| needs no signed arithmetic (Knuth TAOCP 4.5.2 X).
        /// Bounded: Euclid takes at most about 1.44·bits steps.</summary>
        public static uint[] ModInverse(uint[] a, uint[] m)
        {
            uint[] mm = Trim(m);
            if (BitLength(mm) < 2) throw new System.ArgumentException("modulus must be greater than 1");
            uint[] r1;
            DivMod(a, mm, out r1);
            uint[] r0 = mm;
            r1 = Trim(r1);
            uint[] x0 = new uint[1], x1 = FromUInt(1);
            int i = 1;                      // index of r1
            while (!IsZero(r1))
            {
                uint[] rem;
                uint[] q = DivMod(r0, r1, out rem);
                uint[] x2 = Trim(Add(x0, Multiply(Trim(q), x1)));
                r0 = r1;
                r1 = Trim(rem);
                x0 = x1;
                x1 = x2;
                i++;
            }
            // r0 = gcd(a, m) is r_(i-1); x0 = |x_(i-1)|, positive when i-1 is odd.
            if (!IsOne(r0)) return null;
            uint[] v;
            DivMod(x0, mm, out v);
            if ((i - 1) % 2 == 1 || IsZero(v)) return v;
            return Subtract(mm, v);
        }

        private static void ShiftRightOneInPlace(uint[] x)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] >>= 1;
                if (i + 1 < x.Length) x[i] |= x[i + 1] << 31;
            }
        }
    }
}
