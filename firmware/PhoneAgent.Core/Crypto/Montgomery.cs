namespace PhoneAgent.Core.Crypto
{
    /// <summary>Montgomery arithmetic modulo an odd n (CIOS method, Koç et al. 1996): products
    /// without division, so modular exponentiation costs about 2·bits multiplications of
    /// n-limb numbers. Values are limb arrays of n's length.</summary>
    public sealed class Montgomery
    {
        private readonly uint[] _n;
        private readonly uint _nPrime;     // -n^-1 mod 2^32
        private readonly uint[] _r2;       // R^2 mod n, R = 2^(32·limbs)
        private readonly int _s;
        private readonly uint[] _t;

        public Montgomery(uint[] modulus)
        {
            if (modulus == null) throw new System.ArgumentNullException(nameof(modulus));
            int s = modulus.Length;
            while (s > 1 && modulus[s - 1] == 0) s--;
            if ((modulus[0] & 1) == 0) throw new System.ArgumentException("Montgomery needs an odd modulus");
            _s = s;
            _n = new uint[s];
            System.Array.Copy(modulus, _n, s);
            // Newton iteration for the inverse of n0 modulo 2^32: each step doubles the correct bits.
            uint n0 = _n[0], x = 1;
            for (int i = 0; i < 5; i++) x *= 2 - n0 * x;
            _nPrime = (uint)(0 - x);
            uint[] r2 = new uint[2 * s + 1];
            r2[2 * s] = 1;
            _r2 = BigNat.Mod(r2, _n);
            _t = new uint[s + 2];
        }

        public int Limbs { get { return _s; } }
        public uint[] Modulus { get { return _n; } }

        /// <summary>a·b·R^-1 mod n, for a, b &lt; n.</summary>
        public uint[] Multiply(uint[] a, uint[] b)
        {
            uint[] r = new uint[_s];
            Multiply(a, b, r);
            return r;
        }

        /// <summary>result = a·b·R^-1 mod n without allocating; result (Limbs long) may be a or b
        /// (the product is built in a scratch buffer and copied out at the end).</summary>
        public void Multiply(uint[] a, uint[] b, uint[] result)
        {
            int s = _s;
            if (result.Length != s) throw new System.ArgumentException("result must have the modulus's limb count");
            uint[] t = _t;
            System.Array.Clear(t, 0, t.Length);
            for (int i = 0; i < s; i++)
            {
                ulong c = 0;
                ulong bi = b[i];
                for (int j = 0; j < s; j++)
                {
                    ulong v = t[j] + a[j] * bi + c;
                    t[j] = (uint)v;
                    c = v >> 32;
                }
                ulong top = t[s] + c;
                t[s] = (uint)top;
                t[s + 1] = (uint)(top >> 32);
                ulong m = (uint)(t[0] * _nPrime);
                ulong v0 = t[0] + m * _n[0];
                c = v0 >> 32;
                for (int j = 1; j < s; j++)
                {
                    ulong v = t[j] + m * _n[j] + c;
                    t[j - 1] = (uint)v;
                    c = v >> 32;
                }
                ulong v1 = t[s] + c;
                t[s - 1] = (uint)v1;
                t[s] = t[s + 1] + (uint)(v1 >> 32);
            }
            System.Array.Copy(t, result, s);
            if (t[s] != 0 || BigNat.Compare(result, _n) >= 0) BigNat.SubInPlace(result, _n);
        }

        public uint[] ToMontgomery(uint[] x) { return Multiply(Fit(x), _r2); }

        public uint[] FromMontgomery(uint[] x)
        {
            uint[] one = new uint[_s];
            one[0] = 1;
            return Multiply(x, one);
        }

        /// <summary>base^exponent mod n (base &lt; n), left-to-right square-and-multiply.</summary>
        public uint[] ModPow(uint[] value, uint[] exponent)
        {
            uint[] b = ToMontgomery(value);
            uint[] one = new uint[_s];
            one[0] = 1;
            uint[] acc = ToMontgomery(one);
            int bits = BigNat.BitLength(exponent);
            for (int i = bits - 1; i >= 0; i--)
            {
                Multiply(acc, acc, acc);
                if (((exponent[i >> 5] >> (i & 31)) & 1) != 0) Multiply(acc, b, acc);
            }
            return FromMontgomery(acc);
        }

        private uint[] Fit(uint[] x)
        {
            if (BigNat.Compare(x, _n) >= 0) x = BigNat.Mod(x, _n);
            if (x.Length == _s) return x;
            uint[] r = new uint[_s];
            System.Array.Copy(x, r, x.Length < _s ? x.Length : _s);
            return r;
        }
    }
}
