namespace PhoneAgent.Core.Crypto
{
    /// <summary>CBC mode (SP 800-38A §6.2) over any IBlockCipher, with the PKCS#7 padding of
    /// CMS (RFC 5652 §6.3) or without padding. Caller mistakes (null arguments, an IV that is
    /// not one block, a range outside the buffer) throw ArgumentException; ciphertext that is
    /// malformed (empty, not whole blocks, bad padding) makes Decrypt return null, never throw.</summary>
    public static class Cbc
    {
        /// <summary>Pads data[offset, offset+count) with k bytes of value k (1 &lt;= k &lt;= block size,
        /// RFC 5652 §6.3) and encrypts it: the result is count rounded up to the next whole block.</summary>
        public static byte[] Encrypt(IBlockCipher cipher, byte[] iv, byte[] data, int offset, int count)
        {
            int n = CheckArguments(cipher, iv, data, offset, count);
            int pad = n - count % n;
            byte[] output = new byte[count + pad];
            System.Array.Copy(data, offset, output, 0, count);
            for (int i = count; i < output.Length; i++) output[i] = (byte)pad;
            Chain(cipher, iv, output, n);
            return output;
        }

        /// <summary>Decrypts and removes PKCS#7 padding; null when count is zero or not a
        /// multiple of the block size, or when the padding is not k bytes of value k with
        /// 1 &lt;= k &lt;= block size. The padding is checked without an early exit.</summary>
        public static byte[] Decrypt(IBlockCipher cipher, byte[] iv, byte[] data, int offset, int count)
        {
            int n = CheckArguments(cipher, iv, data, offset, count);
            if (count == 0 || count % n != 0) return null;
            byte[] plain = Unchain(cipher, iv, data, offset, count, n);
            int pad = plain[count - 1];
            int bad = (pad == 0 || pad > n) ? 1 : 0;
            for (int i = 0; i < n; i++)
            {
                int inPad = (i - pad) >> 31;                   // all ones while i < pad
                bad |= (plain[count - 1 - i] ^ pad) & inPad;
            }
            byte[] result = null;
            if (bad == 0)
            {
                result = new byte[count - pad];
                System.Array.Copy(plain, 0, result, 0, result.Length);
            }
            System.Array.Clear(plain, 0, plain.Length);
            return result;
        }

        /// <summary>CBC without padding: count must be a whole number of blocks (else ArgumentException).</summary>
        public static byte[] EncryptNoPadding(IBlockCipher cipher, byte[] iv, byte[] data, int offset, int count)
        {
            int n = CheckArguments(cipher, iv, data, offset, count);
            if (count % n != 0) throw new System.ArgumentException("data is not a whole number of blocks");
            byte[] output = new byte[count];
            System.Array.Copy(data, offset, output, 0, count);
            Chain(cipher, iv, output, n);
            return output;
        }

        /// <summary>CBC without padding; null when count is not a whole number of blocks.</summary>
        public static byte[] DecryptNoPadding(IBlockCipher cipher, byte[] iv, byte[] data, int offset, int count)
        {
            int n = CheckArguments(cipher, iv, data, offset, count);
            if (count % n != 0) return null;
            return Unchain(cipher, iv, data, offset, count, n);
        }

        // C_j = CIPH_K(P_j xor C_(j-1)), C_0 = IV; in place over buf.
        private static void Chain(IBlockCipher cipher, byte[] iv, byte[] buf, int n)
        {
            for (int o = 0; o < buf.Length; o += n)
            {
                for (int i = 0; i < n; i++) buf[o + i] ^= o == 0 ? iv[i] : buf[o - n + i];
                cipher.EncryptBlock(buf, o, buf, o);
            }
        }

        // P_j = CIPH^-1_K(C_j) xor C_(j-1).
        private static byte[] Unchain(IBlockCipher cipher, byte[] iv, byte[] data, int offset, int count, int n)
        {
            byte[] plain = new byte[count];
            for (int o = 0; o < count; o += n)
            {
                cipher.DecryptBlock(data, offset + o, plain, o);
                for (int i = 0; i < n; i++) plain[o + i] ^= o == 0 ? iv[i] : data[offset + o - n + i];
            }
            return plain;
        }

        private static int CheckArguments(IBlockCipher cipher, byte[] iv, byte[] data, int offset, int count)
        {
            if (cipher == null) throw new System.ArgumentNullException(nameof(cipher));
            if (iv == null) throw new System.ArgumentNullException(nameof(iv));
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            int n = cipher.BlockSize;
            if (iv.Length != n) throw new System.ArgumentException("IV must be one block");
            if (offset < 0 || count < 0 || offset > data.Length - count)
                throw new System.ArgumentException("offset/count outside the buffer");
            return n;
        }
    }
}
