using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.Crypto
{
    /// <summary>ECDSA verification on NIST P-256 and P-384 (FIPS 186-4 §6.4, SEC 1 §4.1.4):
    /// Jacobian coordinates with a = -3, field and scalar arithmetic in Montgomery form.
    /// Verification only (public data), so no constant-time care is needed.</summary>
    public sealed class EcdsaPublicKey
    {
        public const string OidP256 = "1.2.840.10045.3.1.7";
        public const string OidP384 = "1.3.132.0.34";

        private readonly Curve _c;
        private readonly uint[] _qx, _qy;   // Montgomery form

        private sealed class Curve
        {
            public int Bytes;
            public uint[] P, N, B;
            public Montgomery Fp, Fn;
            public uint[] Gx, Gy;        // Montgomery form
            public uint[] BMont, OneMont;
        }

        private static Curve _p256, _p384;

        private static Curve Make(int bytes, string p, string n, string b, string gx, string gy)
        {
            Curve c = new Curve();
            c.Bytes = bytes;
            c.P = BigNat.FromBytes(Util.Hex.TryParse(p));
            c.N = BigNat.FromBytes(Util.Hex.TryParse(n));
            c.B = BigNat.FromBytes(Util.Hex.TryParse(b));
            c.Fp = new Montgomery(c.P);
            c.Fn = new Montgomery(c.N);
            c.Gx = c.Fp.ToMontgomery(BigNat.FromBytes(Util.Hex.TryParse(gx)));
            c.Gy = c.Fp.ToMontgomery(BigNat.FromBytes(Util.Hex.TryParse(gy)));
            c.BMont = c.Fp.ToMontgomery(c.B);
            uint[] one = new uint[c.P.Length];
            one[0] = 1;
            c.OneMont = c.Fp.ToMontgomery(one);
            return c;
        }

        private static Curve P256
        {
            get
            {
                if (_p256 == null)
                    _p256 = Make(32, "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
                        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
                        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
                        "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
                        "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
                return _p256;
            }
        }

        private static Curve P384
        {
            get
            {
                if (_p384 == null)
                    _p384 = Make(48, "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
                        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
                        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
                        "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
                        "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f");
                return _p384;
            }
        }

        /// <summary>curveOid: P-256 or P-384; point: the uncompressed SEC 1 point 04||X||Y.
        /// Throws ArgumentException for other curves, other encodings, or a point not on the curve.</summary>
        public EcdsaPublicKey(string curveOid, byte[] point)
        {
            if (curveOid == OidP256) _c = P256;
            else if (curveOid == OidP384) _c = P384;
            else throw new System.ArgumentException("curve " + curveOid + " is not supported (P-256, P-384)");
            int k = _c.Bytes;
            if (point == null || point.Length != 1 + 2 * k || point[0] != 4) throw new System.ArgumentException("EC public key is not an uncompressed point of this curve");
            uint[] x = BigNat.FromBytes(point, 1, k), y = BigNat.FromBytes(point, 1 + k, k);
            if (BigNat.Compare(x, _c.P) >= 0 || BigNat.Compare(y, _c.P) >= 0) throw new System.ArgumentException("EC point coordinate out of range");
            _qx = _c.Fp.ToMontgomery(x);
            _qy = _c.Fp.ToMontgomery(y);
            // y^2 = x^3 - 3x + b (SEC 1 §3.2.2.1)
            uint[] lhs = Mul(_qy, _qy);
            uint[] rhs = Add(Sub(Mul(Mul(_qx, _qx), _qx), Add(Add(_qx, _qx), _qx)), _c.BMont);
            if (BigNat.Compare(lhs, rhs) != 0) throw new System.ArgumentException("EC public key is not on the curve");
        }

        /// <summary>Verifies a DER Ecdsa-Sig-Value { r, s } (RFC 3279 §2.2.3) over a digest.</summary>
        public bool Verify(byte[] digest, byte[] signatureDer)
        {
            if (digest == null || signatureDer == null) return false;
            DerReader sr = new DerReader(signatureDer).ReadNested(Asn1Tag.Sequence);
            if (sr == null) return false;
            byte[] rb = sr.ReadUnsignedInteger();
            byte[] sb = rb == null ? null : sr.ReadUnsignedInteger();
            if (sb == null || sr.HasMore || rb.Length > _c.Bytes || sb.Length > _c.Bytes) return false;
            uint[] r = Fit(BigNat.FromBytes(rb)), s = Fit(BigNat.FromBytes(sb));
            if (BigNat.IsZero(r) || BigNat.IsZero(s) || BigNat.Compare(r, _c.N) >= 0 || BigNat.Compare(s, _c.N) >= 0) return false;
            // e: the leftmost bits of the digest, as many as n has (SEC 1 §4.1.4 step 3); n is a whole number of bytes here.
            int eLen = digest.Length < _c.Bytes ? digest.Length : _c.Bytes;
            uint[] e = Fit(BigNat.Mod(BigNat.FromBytes(digest, 0, eLen), _c.N));
            Montgomery fn = _c.Fn;
            uint[] nMinus2 = (uint[])_c.N.Clone();
            BigNat.SubInPlace(nMinus2, new uint[] { 2 });
            uint[] w = fn.ModPow(s, nMinus2);
            uint[] u1 = fn.Multiply(fn.ToMontgomery(e), w);         // e·w mod n, plain
            uint[] u2 = fn.Multiply(fn.ToMontgomery(r), w);         // r·w mod n, plain
            uint[][] a = ScalarMul(_c.Gx, _c.Gy, u1);
            uint[][] b = ScalarMul(_qx, _qy, u2);
            uint[][] sum = AddPoints(a, b);
            if (sum == null) return false;                       // point at infinity
            uint[] zInv = _c.Fp.ModPow(_c.Fp.FromMontgomery(sum[2]), MinusTwo(_c.P));
            uint[] zi = _c.Fp.ToMontgomery(zInv);
            uint[] x = _c.Fp.FromMontgomery(Mul(sum[0], Mul(zi, zi)));
            uint[] v = Fit(BigNat.Mod(x, _c.N));
            return BigNat.Compare(v, r) == 0;
        }

        private static uint[] MinusTwo(uint[] m)
        {
            uint[] r = (uint[])m.Clone();
            BigNat.SubInPlace(r, new uint[] { 2 });
            return r;
        }

        private uint[] Fit(uint[] x)
        {
            int limbs = _c.P.Length;
            if (x.Length == limbs) return x;
            uint[] r = new uint[limbs];
            System.Array.Copy(x, r, x.Length < limbs ? x.Length : limbs);
            return r;
        }

        // ---- field arithmetic (Montgomery form), mod p --------------------------------------

        private uint[] Mul(uint[] a, uint[] b) { return _c.Fp.Multiply(a, b); }

        private uint[] Add(uint[] a, uint[] b)
        {
            int n = a.Length;
            uint[] r = new uint[n];
            ulong carry = 0;
            for (int i = 0; i < n; i++)
            {
                ulong v = (ulong)a[i] + b[i] + carry;
                r[i] = (uint)v;
                carry = v >> 32;
            }
            if (carry != 0 || BigNat.Compare(r, _c.P) >= 0) BigNat.SubInPlace(r, _c.P);
            return r;
        }

        private uint[] Sub(uint[] a, uint[] b)
        {
            uint[] r = (uint[])a.Clone();
            if (BigNat.SubInPlace(r, b) != 0)
            {
                ulong carry = 0;
                for (int i = 0; i < r.Length; i++)
                {
                    ulong v = (ulong)r[i] + _c.P[i] + carry;
                    r[i] = (uint)v;
                    carry = v >> 32;
                }
            }
            return r;
        }

        // ---- points in Jacobian coordinates {X, Y, Z}; null is the point at infinity ----------

        private uint[][] Double(uint[][] p)
        {
            if (p == null || BigNat.IsZero(p[1])) return null;
            uint[] delta = Mul(p[2], p[2]);
            uint[] gamma = Mul(p[1], p[1]);
            uint[] beta = Mul(p[0], gamma);
            uint[] t = Mul(Sub(p[0], delta), Add(p[0], delta));
            uint[] alpha = Add(Add(t, t), t);
            uint[] beta4 = Add(Add(beta, beta), Add(beta, beta));
            uint[] x3 = Sub(Mul(alpha, alpha), Add(beta4, beta4));
            uint[] yz = Add(p[1], p[2]);
            uint[] z3 = Sub(Sub(Mul(yz, yz), gamma), delta);
            uint[] g2 = Mul(gamma, gamma);
            uint[] g8 = Add(Add(Add(g2, g2), Add(g2, g2)), Add(Add(g2, g2), Add(g2, g2)));
            uint[] y3 = Sub(Mul(alpha, Sub(beta4, x3)), g8);
            return new uint[][] { x3, y3, z3 };
        }

        private uint[][] AddPoints(uint[][] p, uint[][] q)
        {
            if (p == null) return q;
            if (q == null) return p;
            uint[] z1z1 = Mul(p[2], p[2]), z2z2 = Mul(q[2], q[2]);
            uint[] u1 = Mul(p[0], z2z2), u2 = Mul(q[0], z1z1);
            uint[] s1 = Mul(Mul(p[1], q[2]), z2z2), s2 = Mul(Mul(q[1], p[2]), z1z1);
            if (BigNat.Compare(u1, u2) == 0) return BigNat.Compare(s1, s2) == 0 ? Double(p) : null;
            uint[] h = Sub(u2, u1);
            uint[] h2 = Add(h, h);
            uint[] i = Mul(h2, h2);
            uint[] j = Mul(h, i);
            uint[] rr = Sub(s2, s1);
            rr = Add(rr, rr);
            uint[] v = Mul(u1, i);
            uint[] x3 = Sub(Sub(Mul(rr, rr), j), Add(v, v));
            uint[] s1j = Mul(s1, j);
            uint[] y3 = Sub(Mul(rr, Sub(v, x3)), Add(s1j, s1j));
            uint[] zz = Add(p[2], q[2]);
            uint[] z3 = Mul(Sub(Sub(Mul(zz, zz), z1z1), z2z2), h);
            return new uint[][] { x3, y3, z3 };
        }

        /// <summary>k·(x, y) by left-to-right double-and-add (k a plain integer below n).</summary>
        private uint[][] ScalarMul(uint[] x, uint[] y, uint[] k)
        {
            uint[][] acc = null;
            uint[][] pt = new uint[][] { x, y, _c.OneMont };
            for (int bit = BigNat.BitLength(k) - 1; bit >= 0; bit--)
            {
                acc = Double(acc);
                if (((k[bit >> 5] >> (bit & 31)) & 1) != 0) acc = AddPoints(acc, pt);
            }
            return acc;
        }
    }
}
