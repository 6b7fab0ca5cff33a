namespace PhoneAgent.Core.Crypto
{
    /// <summary>HMAC, RFC 2104, over any HashAlgorithm (FIPS 198-1). nanoFramework has only
    /// HMACSHA256/512; digest auth, NTLMv2 (HMAC-MD5), TLS PRFs and SCEP need the others.</summary>
    public sealed class Hmac
    {
        private readonly HashAlgorithm _hash;
        private readonly byte[] _inner;
        private readonly byte[] _outer;

        public Hmac(HashAlgorithm hash, byte[] key)
        {
            if (hash == null) throw new System.ArgumentNullException(nameof(hash));
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            _hash = hash;
            int block = hash.BlockSize;
            byte[] k = key.Length > block ? hash.Compute(key) : key;
            _inner = new byte[block];
            _outer = new byte[block];
            for (int i = 0; i < block; i++)
            {
                byte b = i < k.Length ? k[i] : (byte)0;
                _inner[i] = (byte)(b ^ 0x36);
                _outer[i] = (byte)(b ^ 0x5c);
            }
            Reset();
        }

        public int HashSize { get { return _hash.HashSize; } }

        public void Reset()
        {
            _hash.Reset();
            _hash.Update(_inner, 0, _inner.Length);
        }

        public void Update(byte[] data, int offset, int count) { _hash.Update(data, offset, count); }

        /// <summary>The MAC of everything since the last Reset/Final; then resets for reuse.</summary>
        public byte[] Final()
        {
            byte[] innerDigest = _hash.Final();
            _hash.Update(_outer, 0, _outer.Length);
            _hash.Update(innerDigest, 0, innerDigest.Length);
            byte[] mac = _hash.Final();
            Reset();
            return mac;
        }

        public byte[] Compute(byte[] data)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            Reset();
            Update(data, 0, data.Length);
            return Final();
        }

        /// <summary>One-shot HMAC with the named hash ("SHA-256", "MD5", ...).</summary>
        public static byte[] Compute(string hashName, byte[] key, byte[] data)
        {
            HashAlgorithm h = HashAlgorithm.Create(hashName);
            if (h == null) throw new System.ArgumentException("unknown hash " + hashName);
            return new Hmac(h, key).Compute(data);
        }
    }
}
