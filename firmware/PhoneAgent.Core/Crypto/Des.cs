namespace PhoneAgent.Core.Crypto
{
    /// <summary>The DEA (single DES), the engine of TDEA as SP 800-67 Rev. 2 specifies it
    /// (tables as first published in FIPS 46-3). Broken as a cipher on its own; kept for
    /// TripleDes and for the protocols that still demand it (MS-CHAPv2, RFC 2759 §8.5).
    /// The 8 parity bits of the key are ignored, as PC-1 drops them.</summary>
    public sealed class Des : IBlockCipher
    {
        internal const int ScheduleBytes = 16 * 8;   // 16 round keys of 48 bits, kept as 8 six-bit groups

        private byte[] _ks;

        /// <summary>An 8-byte key; anything else throws ArgumentException.</summary>
        public Des(byte[] key)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            if (key.Length != 8) throw new System.ArgumentException("DES key must be 8 bytes");
            _ks = KeySchedule(key, 0);
        }

        public int BlockSize { get { return 8; } }

        public override string ToString() { return "DES"; }

        public void EncryptBlock(byte[] input, int inOff, byte[] output, int outOff)
        {
            byte[] ks = _ks;
            if (ks == null) throw new System.InvalidOperationException("cipher cleared");
            Aes.CheckBlock(input, inOff, output, outOff, 8);
            Write64(output, outOff, FinalPermutation(Rounds(InitialPermutation(Read64(input, inOff)), ks, false)));
        }

        public void DecryptBlock(byte[] input, int inOff, byte[] output, int outOff)
        {
            byte[] ks = _ks;
            if (ks == null) throw new System.InvalidOperationException("cipher cleared");
            Aes.CheckBlock(input, inOff, output, outOff, 8);
            Write64(output, outOff, FinalPermutation(Rounds(InitialPermutation(Read64(input, inOff)), ks, true)));
        }

        public void Clear()
        {
            if (_ks != null) System.Array.Clear(_ks, 0, _ks.Length);
            _ks = null;
        }

        // ---- the DEA engine, shared with TripleDes ----

        // Initial permutation IP: output bit i (1 = most significant) is input bit IP[i].
        private static readonly byte[] IP = new byte[]
        {
            58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
            62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
            57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
            61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
        };

        // Permutation P of the cipher function f.
        private static readonly byte[] P = new byte[]
        {
            16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
            2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
        };

        // Selection functions S1..S8, each 4 rows of 16 (row = bits 1 and 6, column = bits 2-5).
        private static readonly byte[] S = new byte[]
        {
            14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
            0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
            4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
            15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,

            15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
            3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
            0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
            13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,

            10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
            13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
            13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
            1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,

            7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
            13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
            10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
            3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,

            2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
            14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
            4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
            11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,

            12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
            10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
            9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
            4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,

            4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
            13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
            1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
            6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,

            13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
            1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
            7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
            2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
        };

        // Key schedule: permuted choice 1 (64 -> 56 bits, parity bits dropped), left shifts, permuted choice 2 (56 -> 48).
        private static readonly byte[] PC1 = new byte[]
        {
            57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
            10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
            63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
            14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
        };

        private static readonly byte[] PC2 = new byte[]
        {
            14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
            23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
            41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
            44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
        };

        private static readonly byte[] Shifts = new byte[] { 1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1 };

        private static readonly byte[] FP = new byte[64];      // IP^-1, inverted from IP
        private static readonly uint[] SP = new uint[8 * 64];  // P(S_j(v) in its 4-bit slot), for j and 6-bit v

        static Des()
        {
            for (int i = 0; i < 64; i++) FP[IP[i] - 1] = (byte)(i + 1);
            for (int j = 0; j < 8; j++)
            {
                for (int v = 0; v < 64; v++)
                {
                    int row = ((v >> 4) & 2) | (v & 1);
                    int col = (v >> 1) & 0xf;
                    ulong slot = (ulong)S[64 * j + 16 * row + col] << (28 - 4 * j);
                    SP[64 * j + v] = (uint)Permute(slot, 32, P);
                }
            }
        }

        /// <summary>The 16 round keys K1..K16 of the 8-byte key at key[off].</summary>
        internal static byte[] KeySchedule(byte[] key, int off)
        {
            ulong cd = Permute(Read64(key, off), 64, PC1);
            uint c = (uint)(cd >> 28) & 0x0fffffff;
            uint d = (uint)cd & 0x0fffffff;
            byte[] ks = new byte[ScheduleBytes];
            for (int round = 0; round < 16; round++)
            {
                int s = Shifts[round];
                c = ((c << s) | (c >> (28 - s))) & 0x0fffffff;
                d = ((d << s) | (d >> (28 - s))) & 0x0fffffff;
                ulong k = Permute(((ulong)c << 28) | d, 56, PC2);
                for (int j = 0; j < 8; j++) ks[8 * round + j] = (byte)((k >> (42 - 6 * j)) & 0x3f);
            }
            return ks;
        }

        internal static ulong InitialPermutation(ulong block) { return Permute(block, 64, IP); }

        internal static ulong FinalPermutation(ulong block) { return Permute(block, 64, FP); }

        /// <summary>The 16 rounds L' = R, R' = L xor f(R, K) between IP and IP^-1, ending with the
        /// preoutput R16 L16. Decryption uses the keys in reverse order. Since IP^-1 then IP is
        /// the identity, TDEA chains three of these between one IP and one IP^-1.</summary>
        internal static ulong Rounds(ulong block, byte[] ks, bool decrypt)
        {
            uint l = (uint)(block >> 32);
            uint r = (uint)block;
            for (int i = 0; i < 16; i++)
            {
                int k = decrypt ? 8 * (15 - i) : 8 * i;
                // E(R): group j is bits 4j..4j+5 of R (bit 0 = bit 32, bit 33 = bit 1), a rotation.
                uint f = SP[(int)(((r >> 27) | (r << 5)) & 0x3f) ^ ks[k]]
                    ^ SP[64 + (((int)(r >> 23) & 0x3f) ^ ks[k + 1])]
                    ^ SP[128 + (((int)(r >> 19) & 0x3f) ^ ks[k + 2])]
                    ^ SP[192 + (((int)(r >> 15) & 0x3f) ^ ks[k + 3])]
                    ^ SP[256 + (((int)(r >> 11) & 0x3f) ^ ks[k + 4])]
                    ^ SP[320 + (((int)(r >> 7) & 0x3f) ^ ks[k + 5])]
                    ^ SP[384 + (((int)(r >> 3) & 0x3f) ^ ks[k + 6])]
                    ^ SP[448 + ((int)(((r << 1) | (r >> 31)) & 0x3f) ^ ks[k + 7])];
                uint t = l ^ f;
                l = r;
                r = t;
            }
            return ((ulong)r << 32) | l;
        }

        private static ulong Permute(ulong input, int inBits, byte[] table)
        {
            ulong result = 0;
            for (int i = 0; i < table.Length; i++) result = (result << 1) | ((input >> (inBits - table[i])) & 1);
            return result;
        }

        internal static ulong Read64(byte[] b, int o)
        {
            ulong v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | b[o + i];
            return v;
        }

        internal static void Write64(byte[] b, int o, ulong v)
        {
            for (int i = 7; i >= 0; i--)
            {
                b[o + i] = (byte)v;
                v >>= 8;
            }
        }
    }
}
