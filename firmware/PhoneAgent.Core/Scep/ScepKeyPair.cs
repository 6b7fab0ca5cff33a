using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Scep
{
    /// <summary>An RSA key as enrollment needs it: the private key that signs, its public half
    /// (n, e) that goes into the request and names the transaction, and its PKCS#1 encoding that
    /// goes into the credential store with the certificate. Built from the eight parts of RFC 8017
    /// §3.2 (RsaKeyGenerator's key through From, .NET's RSAParameters) or from stored DER; a pairwise
    /// check (sign, then verify) refuses parts that do not belong together. ToString names the
    /// size only.</summary>
    public sealed class ScepKeyPair
    {
        public readonly RsaPrivateKey Key;
        public readonly byte[] Modulus;
        public readonly byte[] Exponent;
        public readonly RsaPublicKey PublicKey;
        private readonly byte[] _pkcs1;

        /// <summary>All parts as unsigned big-endian bytes; ArgumentException when they are not one key.</summary>
        public ScepKeyPair(byte[] modulus, byte[] exponent, byte[] d, byte[] p, byte[] q, byte[] dp, byte[] dq, byte[] qInv)
        {
            Key = new RsaPrivateKey(modulus, exponent, d, p, q, dp, dq, qInv);
            PublicKey = new RsaPublicKey(modulus, exponent);
            Modulus = Trim(modulus);
            Exponent = Trim(exponent);
            // Pairwise consistency: a test signature must verify with (n, e), so that parts from
            // two different keys are refused here rather than at the CA.
            byte[] digest = new Sha256().Compute(Modulus);
            if (!PublicKey.VerifyPkcs1(HashAlgorithm.Sha256Name, digest, Key.SignPkcs1(HashAlgorithm.Sha256Name, digest)))
                throw new System.ArgumentException("the RSA key parts do not belong together (a test signature does not verify)");
            _pkcs1 = RsaPrivateKeyDer.Encode(modulus, exponent, d, p, q, dp, dq, qInv);
        }

        /// <summary>The pair of a key that knows all its parts (RsaKeyGenerator's keys do):
        /// ArgumentException for a key built without e or d.</summary>
        public static ScepKeyPair From(RsaPrivateKey key)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            RsaKeyParameters p = key.ExportParameters();
            try
            {
                if (p.Exponent == null || p.D == null) throw new System.ArgumentException("the RSA key was built without its exponents; enrollment stores the whole key (RFC 8017 A.1.2)");
                return new ScepKeyPair(p.Modulus, p.Exponent, p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ);
            }
            finally { p.Clear(); }
        }

        public int Bits { get { return PublicKey.ModulusBits; } }

        /// <summary>A copy of the PKCS#1 RSAPrivateKey DER (secret: the caller stores it and wipes the copy).</summary>
        public byte[] ExportPkcs1()
        {
            byte[] r = new byte[_pkcs1.Length];
            System.Array.Copy(_pkcs1, r, r.Length);
            return r;
        }

        /// <summary>The key from PKCS#1 or PKCS#8 DER (the credential store's form); null with the reason.</summary>
        public static ScepKeyPair TryDecode(byte[] der, out string error)
        {
            byte[][] parts = RsaPrivateKeyDer.TryDecode(der, out error);
            if (parts == null) return null;
            try { return new ScepKeyPair(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]); }
            catch (System.ArgumentException e) { error = "the stored RSA key is unusable: " + e.Message; return null; }
            finally { RsaPrivateKeyDer.Wipe(parts); }
        }

        /// <summary>True when the certificate carries this key's public half.</summary>
        public bool Matches(X509.X509Certificate c)
        {
            return c != null && c.RsaModulus != null && Same(Trim(c.RsaModulus), Modulus) && Same(Trim(c.RsaExponent), Exponent);
        }

        public override string ToString() { return "RSA key pair (" + Bits.ToString() + " bits)"; }

        // A copy without redundant leading zeros (callers may wipe what they passed in).
        private static byte[] Trim(byte[] b)
        {
            int s = 0;
            while (s < b.Length - 1 && b[s] == 0) s++;
            byte[] r = new byte[b.Length - s];
            System.Array.Copy(b, s, r, 0, r.Length);
            return r;
        }

        private static bool Same(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
