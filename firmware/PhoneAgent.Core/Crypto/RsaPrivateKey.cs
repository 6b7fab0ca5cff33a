namespace PhoneAgent.Core.Crypto
{
    /// <summary>An RSA private key in CRT form (RFC 8017 §3.2, second representation) and
    /// PKCS#1 v1.5 signing (RFC 8017 §8.2.1): what the phone needs to sign its SCEP request
    /// and its TLS client handshakes with the LSC key. Secret material never leaves this
    /// object except through Export on purpose; ToString says nothing about it.</summary>
    public sealed class RsaPrivateKey
    {
        private readonly uint[] _n, _p, _q, _dp, _dq, _qInv;
        private readonly uint[] _e, _d;        // null when not given
        private readonly int _k;
        private readonly Montgomery _mp, _mq;

        /// <summary>All parameters as unsigned big-endian bytes, with the public exponent e and the
        /// private exponent d too (key generation, export).</summary>
        public RsaPrivateKey(byte[] modulus, byte[] exponent, byte[] d, byte[] p, byte[] q, byte[] dp, byte[] dq, byte[] qInv)
            : this(modulus, p, q, dp, dq, qInv)
        {
            if (exponent == null || d == null) throw new System.ArgumentNullException(exponent == null ? "exponent" : "d");
            _e = BigNat.FromBytes(exponent);
            _d = BigNat.FromBytes(d);
            if (BigNat.BitLength(_e) < 2 || (_e[0] & 1) == 0) throw new System.ArgumentException("RSA exponent must be odd and at least 3");
        }

        /// <summary>All parameters as unsigned big-endian bytes.</summary>
        public RsaPrivateKey(byte[] modulus, byte[] p, byte[] q, byte[] dp, byte[] dq, byte[] qInv)
        {
            if (modulus == null || p == null || q == null || dp == null || dq == null || qInv == null)
                throw new System.ArgumentNullException("RSA private key parts");
            _n = BigNat.FromBytes(modulus);
            _p = BigNat.FromBytes(p);
            _q = BigNat.FromBytes(q);
            _dp = BigNat.FromBytes(dp);
            _dq = BigNat.FromBytes(dq);
            _qInv = BigNat.FromBytes(qInv);
            if (BigNat.Compare(BigNat.Multiply(_p, _q), _n) != 0) throw new System.ArgumentException("p·q is not the modulus");
            _k = (BigNat.BitLength(_n) + 7) / 8;
            _mp = new Montgomery(_p);
            _mq = new Montgomery(_q);
        }

        public int ModulusBits { get { return BigNat.BitLength(_n); } }

        /// <summary>The modulus n, k octets.</summary>
        public byte[] Modulus { get { return BigNat.ToBytes(_n, _k); } }

        /// <summary>The public exponent e, or null when the key was built without it.</summary>
        public byte[] PublicExponent { get { return _e == null ? null : BigNat.ToBytes(_e, (BigNat.BitLength(_e) + 7) / 8); } }

        /// <summary>The matching public key; needs e.</summary>
        public RsaPublicKey PublicKey
        {
            get
            {
                if (_e == null) throw new System.InvalidOperationException("this RSA private key was built without its public exponent");
                return new RsaPublicKey(Modulus, PublicExponent);
            }
        }

        /// <summary>Every part, secrets included, for storing the key or handing it to another
        /// implementation: the one deliberate way out of this object. The caller owns the copy
        /// (RsaKeyParameters.Clear wipes it).</summary>
        public RsaKeyParameters ExportParameters()
        {
            int half = (_k + 1) / 2;
            RsaKeyParameters r = new RsaKeyParameters();
            r.Modulus = Modulus;
            r.Exponent = PublicExponent;
            r.D = _d == null ? null : Bytes(_d, _k);
            r.P = Bytes(_p, half);
            r.Q = Bytes(_q, half);
            r.DP = Bytes(_dp, half);
            r.DQ = Bytes(_dq, half);
            r.InverseQ = Bytes(_qInv, half);
            return r;
        }

        // At least length octets, more if x needs them (never truncated).
        private static byte[] Bytes(uint[] x, int length)
        {
            int need = (BigNat.BitLength(x) + 7) / 8;
            return BigNat.ToBytes(x, need > length ? need : length);
        }

        public override string ToString() { return "RSA private key (" + ModulusBits.ToString() + " bits)"; }

        /// <summary>PKCS#1 v1.5 signature of a digest made with the named hash.</summary>
        public byte[] SignPkcs1(string hashName, byte[] digest)
        {
            byte[] prefix = RsaPublicKey.DigestInfoPrefix(hashName);
            if (prefix == null) throw new System.ArgumentException("unsupported hash " + hashName);
            if (digest == null) throw new System.ArgumentNullException(nameof(digest));
            int tLen = prefix.Length + digest.Length;
            if (_k < tLen + 11) throw new System.ArgumentException("key too short for this hash");
            byte[] em = new byte[_k];
            em[1] = 1;
            int psEnd = _k - tLen - 1;
            for (int i = 2; i < psEnd; i++) em[i] = 0xFF;
            System.Array.Copy(prefix, 0, em, psEnd + 1, prefix.Length);
            System.Array.Copy(digest, 0, em, psEnd + 1 + prefix.Length, digest.Length);
            return PrivateOperation(em);
        }

        /// <summary>RSASP1 = RSADP (RFC 8017 §5.2.1, §5.1.2): x^d mod n via the CRT, as k octets;
        /// null when x is not below n. Internal: only padding schemes (PKCS#1 v1.5 signing here,
        /// RsaPkcs1Encryption) may apply the raw primitive.</summary>
        internal byte[] PrivateOperation(byte[] input)
        {
            if (input == null) throw new System.ArgumentNullException(nameof(input));
            uint[] m = BigNat.FromBytes(input);
            if (BigNat.Compare(m, _n) >= 0) return null;            // §5.1.2 step 1
            // CRT (RFC 8017 §5.1.2 step 2.b): m1 = m^dP mod p, m2 = m^dQ mod q,
            // h = qInv·(m1 - m2) mod p, s = m2 + q·h.
            uint[] m1 = _mp.ModPow(BigNat.Mod(m, _p), _dp);
            uint[] m2 = _mq.ModPow(BigNat.Mod(m, _q), _dq);
            uint[] m2p = BigNat.Mod(m2, _p);
            uint[] diff = (uint[])m1.Clone();
            if (BigNat.SubInPlace(diff, m2p) != 0)
            {
                uint[] fixedUp = BigNat.Add(diff, _p);
                diff = new uint[m1.Length];
                System.Array.Copy(fixedUp, diff, diff.Length);
            }
            uint[] h = _mp.Multiply(_mp.ToMontgomery(BigNat.Mod(_qInv, _p)), diff);
            uint[] s = BigNat.Add(m2, BigNat.Multiply(_q, h));
            return BigNat.ToBytes(s, _k);
        }

        /// <summary>k, the modulus length in octets (RFC 8017 §2).</summary>
        internal int ModulusLength { get { return _k; } }
    }
}
