namespace PhoneAgent.Core.Crypto
{
    /// <summary>EMSA-PSS-VERIFY, RFC 8017 §9.1.2, over an already computed message hash. Every
    /// check of the section is made; the encoded message comes from RSAVP1 (§8.1.2 step 2).</summary>
    public static class EmsaPss
    {
        /// <summary>"Consistent" (true) or "inconsistent". saltLength -1: take the salt length from
        /// the encoding (the first 0x01 after the zero padding) instead of requiring one.</summary>
        public static bool Verify(byte[] mHash, byte[] em, int emBits, int saltLength, HashAlgorithm hash, HashAlgorithm mgfHash)
        {
            if (mHash == null || em == null || hash == null || mgfHash == null) return false;
            int hLen = hash.HashSize;
            int emLen = em.Length;
            if (mHash.Length != hLen || saltLength < -1 || emBits < 1 || emLen != (emBits + 7) / 8) return false;   // step 2
            if (emLen < hLen + (saltLength < 0 ? 0 : saltLength) + 2) return false;                                // step 3
            if (em[emLen - 1] != 0xBC) return false;                                                                 // step 4
            int dbLen = emLen - hLen - 1;                                                                            // step 5
            int zeroBits = 8 * emLen - emBits;
            if ((em[0] & (byte)(0xFF << (8 - zeroBits))) != 0) return false;                                         // step 6
            byte[] db = Mgf1.Mask(mgfHash, em, dbLen, hLen, dbLen);                                                  // step 7
            for (int i = 0; i < dbLen; i++) db[i] ^= em[i];                                                          // step 8
            db[0] &= (byte)(0xFF >> zeroBits);                                                                       // step 9
            int psLen;                                                                                               // step 10
            if (saltLength < 0)
            {
                psLen = 0;
                while (psLen < dbLen && db[psLen] == 0) psLen++;
                if (psLen == dbLen) return false;
                saltLength = dbLen - psLen - 1;
            }
            else
            {
                psLen = emLen - hLen - saltLength - 2;
                for (int i = 0; i < psLen; i++) if (db[i] != 0) return false;
            }
            if (db[psLen] != 0x01) return false;
            // Steps 11-13: H' = Hash(0x00 x 8 || mHash || salt), the salt being DB's last sLen octets.
            hash.Reset();
            hash.Update(new byte[8], 0, 8);
            hash.Update(mHash, 0, hLen);
            hash.Update(db, dbLen - saltLength, saltLength);
            byte[] h2 = hash.Final();
            int diff = 0;                                                                                            // step 14
            for (int i = 0; i < hLen; i++) diff |= h2[i] ^ em[dbLen + i];
            return diff == 0;
        }
    }
}
