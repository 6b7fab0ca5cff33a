namespace PhoneAgent.Core.Crypto
{
    /// <summary>MGF1, the mask generation function of RFC 8017 §B.2.1:
    /// T = Hash(seed || C(0)) || Hash(seed || C(1)) || ..., C(i) a 4-octet big-endian counter,
    /// cut to maskLen octets.</summary>
    public static class Mgf1
    {
        public static byte[] Mask(HashAlgorithm hash, byte[] seed, int offset, int count, int maskLen)
        {
            if (hash == null || seed == null) throw new System.ArgumentNullException(hash == null ? "hash" : "seed");
            if (offset < 0 || count < 0 || offset > seed.Length - count) throw new System.ArgumentException("offset/count outside the seed");
            if (maskLen < 0) throw new System.ArgumentOutOfRangeException(nameof(maskLen));
            // Step 1's limit (maskLen <= 2^32·hLen) cannot be reached with an int length.
            byte[] mask = new byte[maskLen];
            byte[] counter = new byte[4];
            uint c = 0;
            for (int pos = 0; pos < maskLen; c++)
            {
                Util.BigEndian.WriteUInt32(counter, 0, c);
                hash.Reset();
                hash.Update(seed, offset, count);
                hash.Update(counter, 0, 4);
                byte[] block = hash.Final();
                int n = maskLen - pos < block.Length ? maskLen - pos : block.Length;
                System.Array.Copy(block, 0, mask, pos, n);
                pos += n;
            }
            return mask;
        }
    }
}
