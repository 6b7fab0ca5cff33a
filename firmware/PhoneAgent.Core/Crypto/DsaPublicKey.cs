using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.Crypto
{
    /// <summary>DSA signature verification, FIPS 186-4 §4.7, for certificates that still use it
    /// (NIST PKITS 4.1.4-4.1.6). Parameters (p, q, g) may be inherited from the issuer
    /// (RFC 5280 §6.1.4 (f)); the signature is DER SEQUENCE { r, s } (RFC 3279 §2.2.2).</summary>
    public sealed class DsaPublicKey
    {
        private readonly uint[] _p, _q, _g, _y;
        private readonly int _qBytes;

        public DsaPublicKey(byte[] p, byte[] q, byte[] g, byte[] y)
        {
            if (p == null || q == null || g == null || y == null) throw new System.ArgumentNullException("DSA key parts");
            _p = BigNat.FromBytes(p);
            _q = BigNat.FromBytes(q);
            _g = BigNat.FromBytes(g);
            _y = BigNat.FromBytes(y);
            int qBits = BigNat.BitLength(_q);
            if (BigNat.BitLength(_p) < 512 || qBits < 160 || (_p[0] & 1) == 0 || (_q[0] & 1) == 0) throw new System.ArgumentException("DSA parameters out of range");
            _qBytes = (qBits + 7) / 8;
        }

        /// <summary>Reads Dss-Parms ::= SEQUENCE { p, q, g } (RFC 3279 §2.3.2); null when malformed.</summary>
        public static bool TryParseParameters(byte[] der, out byte[] p, out byte[] q, out byte[] g)
        {
            p = q = g = null;
            if (der == null) return false;
            DerReader r = new DerReader(der).ReadNested(Asn1Tag.Sequence);
            if (r == null) return false;
            p = r.ReadUnsignedInteger();
            q = p == null ? null : r.ReadUnsignedInteger();
            g = q == null ? null : r.ReadUnsignedInteger();
            return g != null && !r.HasMore;
        }

        /// <summary>Verifies a DER {r, s} signature over a digest.</summary>
        public bool Verify(byte[] digest, byte[] signatureDer)
        {
            if (digest == null || signatureDer == null) return false;
            DerReader sr = new DerReader(signatureDer).ReadNested(Asn1Tag.Sequence);
            if (sr == null) return false;
            byte[] rb = sr.ReadUnsignedInteger();
            byte[] sb = rb == null ? null : sr.ReadUnsignedInteger();
            if (sb == null || sr.HasMore) return false;
            uint[] r = Fit(BigNat.FromBytes(rb), _q.Length), s = Fit(BigNat.FromBytes(sb), _q.Length);
            if (r == null || s == null || BigNat.IsZero(r) || BigNat.IsZero(s) || BigNat.Compare(r, _q) >= 0 || BigNat.Compare(s, _q) >= 0) return false;
            Montgomery mq = new Montgomery(_q);
            uint[] qMinus2 = (uint[])_q.Clone();
            BigNat.SubInPlace(qMinus2, new uint[] { 2 });
            uint[] w = mq.ModPow(s, qMinus2);                       // s^-1 mod q (q is prime)
            // z: the leftmost min(N, outlen) bits of the digest (FIPS 186-4 §4.6).
            int zLen = digest.Length < _qBytes ? digest.Length : _qBytes;
            uint[] z = BigNat.Mod(BigNat.FromBytes(digest, 0, zLen), _q);
            uint[] u1 = mq.Multiply(mq.ToMontgomery(z), w);
            uint[] u2 = mq.Multiply(mq.ToMontgomery(r), w);
            Montgomery mp = new Montgomery(_p);
            uint[] a = mp.ModPow(Fit(BigNat.Mod(_g, _p), _p.Length), u1);
            uint[] b = mp.ModPow(Fit(BigNat.Mod(_y, _p), _p.Length), u2);
            uint[] v = mp.Multiply(mp.ToMontgomery(a), b);
            return BigNat.Compare(BigNat.Mod(v, _q), r) == 0;
        }

        private static uint[] Fit(uint[] x, int limbs)
        {
            if (x.Length == limbs) return x;
            int used = x.Length;
            while (used > 0 && x[used - 1] == 0) used--;
            if (used > limbs) return null;
            uint[] r = new uint[limbs];
            System.Array.Copy(x, r, used);
            return r;
        }
    }
}
