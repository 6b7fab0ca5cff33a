namespace PhoneAgent.Core.Crypto
{
    /// <summary>An incremental hash. nanoFramework has no MD4, MD5, SHA-1 or SHA-2, so the
    /// core carries its own; on the host System.Security.Cryptography is the test oracle.
    /// Instances are not thread-safe; Final returns the digest and resets for reuse.</summary>
    public abstract class HashAlgorithm
    {
        public const string Md4Name = "MD4";
        public const string Md5Name = "MD5";
        public const string Sha1Name = "SHA-1";
        public const string Sha256Name = "SHA-256";
        public const string Sha384Name = "SHA-384";
        public const string Sha512Name = "SHA-512";
        public const string Sha512_256Name = "SHA-512/256";

        public abstract string Name { get; }

        /// <summary>Digest length in bytes.</summary>
        public abstract int HashSize { get; }

        /// <summary>Input block length in bytes (for HMAC).</summary>
        public abstract int BlockSize { get; }

        public abstract void Reset();

        public abstract void Update(byte[] data, int offset, int count);

        /// <summary>Finishes the hash, returns the digest and resets the instance.</summary>
        public abstract byte[] Final();

        public void Update(byte[] data)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            Update(data, 0, data.Length);
        }

        /// <summary>One-shot digest of data[offset..offset+count).</summary>
        public byte[] Compute(byte[] data, int offset, int count)
        {
            Reset();
            Update(data, offset, count);
            return Final();
        }

        public byte[] Compute(byte[] data)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            return Compute(data, 0, data.Length);
        }

        /// <summary>A new instance by name ("MD5", "SHA-256", "SHA-512/256", ...), case-insensitive;
        /// null when the algorithm is unknown.</summary>
        public static HashAlgorithm Create(string name)
        {
            if (name == null) return null;
            string n = name.ToUpper();
            if (n == Md4Name) return new Md4();
            if (n == Md5Name) return new Md5();
            if (n == Sha1Name || n == "SHA1") return new Sha1();
            if (n == Sha256Name || n == "SHA256") return new Sha256();
            if (n == Sha384Name || n == "SHA384") return new Sha512(Sha512.Variant384);
            if (n == Sha512Name || n == "SHA512") return new Sha512(Sha512.Variant512);
            if (n == Sha512_256Name || n == "SHA-512-256" || n == "SHA512/256") return new Sha512(Sha512.Variant512_256);
            return null;
        }
    }
}
