namespace PhoneAgent.Core.Crypto
{
    /// <summary>Non-negative big integers as little-endian uint limbs (limb 0 least significant),
    /// just what RSA needs: conversion from and to big-endian bytes, compare, subtract, and
    /// modular exponentiation through Montgomery multiplication. nanoFramework has no
    /// BigInteger; on the host System.Numerics is the oracle in tests.</summary>
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
    }
}
