using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Crypto
{
    /// <summary>RSAES-PKCS1-v1_5 (RFC 8017 §7.2): what CMS key transport with rsaEncryption uses
    /// (RFC 3370 §4.2.1), and so SCEP's pkcsPKIEnvelope (RFC 8894 §3.2.2). Encryption pads with
    /// random non-zero octets from the IRandom port; decryption checks the padding without an
    /// early exit and answers null for every kind of failure alike, so the reason does not leak
    /// through the return value (Bleichenbacher; callers of CMS also substitute a random key,
    /// RFC 3218 §2.3.2). Timing is uniform only as far as managed code allows.</summary>
    public static class RsaPkcs1Encryption
    {
        /// <summary>RSAES-PKCS1-V1_5-ENCRYPT (§7.2.1). ArgumentException when the message is longer
        /// than k - 11 octets; InvalidOperationException when the random source keeps yielding zeros.</summary>
        public static byte[] Encrypt(RsaPublicKey key, byte[] message, IRandom random)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            if (message == null) throw new System.ArgumentNullException(nameof(message));
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            int k = key.ModulusLength;
            if (message.Length > k - 11) throw new System.ArgumentException("message too long for RSAES-PKCS1-v1_5: " + message.Length.ToString() + " > " + (k - 11).ToString() + " octets (RFC 8017 §7.2.1 step 1)");
            // Step 2: EM = 0x00 || 0x02 || PS || 0x00 || M, PS of k - mLen - 3 >= 8 non-zero random octets.
            byte[] em = new byte[k];
            em[1] = 0x02;
            int psLen = k - message.Length - 3;
            FillNonZero(em, 2, psLen, random);
            System.Array.Copy(message, 0, em, 3 + psLen, message.Length);
            byte[] c = key.PublicOperation(em);   // em < n: its first octet is zero
            System.Array.Clear(em, 0, em.Length);
            return c;
        }

        /// <summary>RSAES-PKCS1-V1_5-DECRYPT (§7.2.2): the message, or null on "decryption error"
        /// (wrong length, out of range, or bad padding, all alike).</summary>
        public static byte[] Decrypt(RsaPrivateKey key, byte[] ciphertext)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            if (ciphertext == null) return null;
            int k = key.ModulusLength;
            if (ciphertext.Length != k || k < 11) return null;             // step 1
            byte[] em = key.PrivateOperation(ciphertext);                  // step 2 (null: c >= n)
            if (em == null) return null;
            // Step 3: EM = 0x00 || 0x02 || PS (>= 8 non-zero octets) || 0x00 || M. One pass over
            // every octet: zeroAt is the first zero from index 2 on, found without branching on data.
            int bad = em[0] | (em[1] ^ 0x02);
            int zeroAt = 0;
            int found = 0;                                                 // all ones once a zero was seen
            for (int i = 2; i < k; i++)
            {
                int isZero = ((em[i] | -em[i]) >> 31) + 1;                 // 1 when em[i] == 0, else 0
                int take = isZero & ~found & 1;
                zeroAt |= -take & i;
                found |= -take;
            }
            bad |= ~found & 1;                                             // no separator
            bad |= ((zeroAt - 10) >> 31) & 1;                              // PS shorter than 8 octets
            byte[] result = null;
            if (bad == 0)
            {
                result = new byte[k - zeroAt - 1];
                System.Array.Copy(em, zeroAt + 1, result, 0, result.Length);
            }
            System.Array.Clear(em, 0, em.Length);
            return result;
        }

        /// <summary>count random octets, none of them zero, at buffer[offset].</summary>
        private static void FillNonZero(byte[] buffer, int offset, int count, IRandom random)
        {
            byte[] chunk = new byte[count];
            int filled = 0;
            // Each draw keeps about 255/256 of its octets; 64 draws without progress mean a broken source.
            for (int round = 0; filled < count; round++)
            {
                if (round >= 64 + count) throw new System.InvalidOperationException("the random source keeps producing zero octets");
                random.NextBytes(chunk);
                for (int i = 0; i < chunk.Length && filled < count; i++)
                    if (chunk[i] != 0) buffer[offset + filled++] = chunk[i];
            }
            System.Array.Clear(chunk, 0, chunk.Length);
        }
    }
}
