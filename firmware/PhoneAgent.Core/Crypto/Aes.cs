namespace PhoneAgent.Core.Crypto
{
    /// <summary>AES, FIPS 197, 128/192/256-bit keys. One 256-word table per direction (the
    /// others are rotations of it), computed once from the field arithmetic of §4 and the
    /// affine map of §5.1.1, so no table is typed in. nanoFramework has an Aes (ECB/CBC) but no
    /// TDEA; one managed implementation behind IBlockCipher serves SCEP envelopes (RFC 8894
    /// §3.2.2) and EAP identically on both targets.</summary>
    public sealed class Aes : IBlockCipher
    {
        private static readonly byte[] SBox = new byte[256];
        private static readonly byte[] InvSBox = new byte[256];
        private static readonly uint[] Te = new uint[256];    // column (2s, s, s, 3s): SubBytes + MixColumns §5.1.3
        private static readonly uint[] Td = new uint[256];    // column (e, 9, d, b)·s': InvSubBytes + InvMixColumns §5.3.3

        private readonly int _rounds;                          // Nr = Nk + 6: 10, 12 or 14 (§5)
        private readonly int _keyBytes;
        private uint[] _w;                                     // key schedule w[0..4(Nr+1)), §5.2
        private uint[] _dw;                                    // equivalent inverse cipher schedule, §5.3.5

        static Aes()
        {
            // GF(2^8) modulo x^8+x^4+x^3+x+1 (§4.2): powers of the generator 3 give logs.
            byte[] exp = new byte[256];
            byte[] log = new byte[256];
            int x = 1;
            for (int i = 0; i < 255; i++)
            {
                exp[i] = (byte)x;
                log[x] = (byte)i;
                x ^= XTime(x);
            }
            for (int a = 0; a < 256; a++)
            {
                int inv = a == 0 ? 0 : exp[(255 - log[a]) % 255];
                // §5.1.1: b ^ rotl(b,1..4) ^ 0x63, i.e. b'_i = b_i ^ b_(i+4) ^ b_(i+5) ^ b_(i+6) ^ b_(i+7) ^ c_i.
                int s = inv ^ Rotl8(inv, 1) ^ Rotl8(inv, 2) ^ Rotl8(inv, 3) ^ Rotl8(inv, 4) ^ 0x63;
                SBox[a] = (byte)s;
                InvSBox[s] = (byte)a;
            }
            for (int a = 0; a < 256; a++)
            {
                int s = SBox[a];
                int s2 = XTime(s);
                Te[a] = ((uint)s2 << 24) | ((uint)s << 16) | ((uint)s << 8) | (uint)(s2 ^ s);
                int t = InvSBox[a];
                Td[a] = ((uint)Mul(t, 0x0e) << 24) | ((uint)Mul(t, 0x09) << 16) | ((uint)Mul(t, 0x0d) << 8) | (uint)Mul(t, 0x0b);
            }
        }

        /// <summary>A 16, 24 or 32-byte key (AES-128/192/256); anything else throws ArgumentException.</summary>
        public Aes(byte[] key)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            if (key.Length != 16 && key.Length != 24 && key.Length != 32)
                throw new System.ArgumentException("AES key must be 16, 24 or 32 bytes");
            _keyBytes = key.Length;
            int nk = key.Length / 4;
            _rounds = nk + 6;
            int total = 4 * (_rounds + 1);
            _w = new uint[total];
            // KeyExpansion, §5.2.
            for (int i = 0; i < nk; i++) _w[i] = ReadWord(key, 4 * i);
            uint rcon = 1;
            for (int i = nk; i < total; i++)
            {
                uint temp = _w[i - 1];
                if (i % nk == 0)
                {
                    temp = SubWord((temp << 8) | (temp >> 24)) ^ (rcon << 24);  // RotWord, SubWord, Rcon[i/Nk]
                    rcon = (uint)XTime((int)rcon);
                }
                else if (nk > 6 && i % nk == 4)
                {
                    temp = SubWord(temp);
                }
                _w[i] = _w[i - nk] ^ temp;
            }
            // §5.3.5: the decryption schedule is w in reverse round order, with InvMixColumns
            // applied to every round key but the first and last.
            _dw = new uint[total];
            for (int r = 0; r <= _rounds; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    uint k = _w[4 * (_rounds - r) + c];
                    if (r > 0 && r < _rounds)
                        k = Td[SBox[k >> 24]] ^ Ror(Td[SBox[(k >> 16) & 0xff]], 8)
                          ^ Ror(Td[SBox[(k >> 8) & 0xff]], 16) ^ Ror(Td[SBox[k & 0xff]], 24);
                    _dw[4 * r + c] = k;
                }
            }
        }

        public int BlockSize { get { return 16; } }

        /// <summary>Key length in bytes: 16, 24 or 32.</summary>
        public int KeySize { get { return _keyBytes; } }

        public override string ToString() { return "AES-" + (_keyBytes * 8).ToString(); }

        /// <summary>Cipher, §5.1, one table lookup per byte and round.</summary>
        public void EncryptBlock(byte[] input, int inOff, byte[] output, int outOff)
        {
            uint[] w = _w;
            if (w == null) throw new System.InvalidOperationException("cipher cleared");
            CheckBlock(input, inOff, output, outOff, 16);
            uint s0 = ReadWord(input, inOff) ^ w[0];
            uint s1 = ReadWord(input, inOff + 4) ^ w[1];
            uint s2 = ReadWord(input, inOff + 8) ^ w[2];
            uint s3 = ReadWord(input, inOff + 12) ^ w[3];
            int k = 4;
            for (int round = 1; round < _rounds; round++)
            {
                // SubBytes, ShiftRows (row r from column c+r), MixColumns, AddRoundKey.
                uint t0 = Te[s0 >> 24] ^ Ror(Te[(s1 >> 16) & 0xff], 8) ^ Ror(Te[(s2 >> 8) & 0xff], 16) ^ Ror(Te[s3 & 0xff], 24) ^ w[k];
                uint t1 = Te[s1 >> 24] ^ Ror(Te[(s2 >> 16) & 0xff], 8) ^ Ror(Te[(s3 >> 8) & 0xff], 16) ^ Ror(Te[s0 & 0xff], 24) ^ w[k + 1];
                uint t2 = Te[s2 >> 24] ^ Ror(Te[(s3 >> 16) & 0xff], 8) ^ Ror(Te[(s0 >> 8) & 0xff], 16) ^ Ror(Te[s1 & 0xff], 24) ^ w[k + 2];
                uint t3 = Te[s3 >> 24] ^ Ror(Te[(s0 >> 16) & 0xff], 8) ^ Ror(Te[(s1 >> 8) & 0xff], 16) ^ Ror(Te[s2 & 0xff], 24) ^ w[k + 3];
                s0 = t0; s1 = t1; s2 = t2; s3 = t3;
                k += 4;
            }
            // Last round: no MixColumns.
            WriteWord(output, outOff, Last(SBox, s0, s1, s2, s3) ^ w[k]);
            WriteWord(output, outOff + 4, Last(SBox, s1, s2, s3, s0) ^ w[k + 1]);
            WriteWord(output, outOff + 8, Last(SBox, s2, s3, s0, s1) ^ w[k + 2]);
            WriteWord(output, outOff + 12, Last(SBox, s3, s0, s1, s2) ^ w[k + 3]);
        }

        /// <summary>Equivalent inverse cipher, §5.3.5: the same
        /// shape as the cipher, with InvShiftRows taking row r from column c-r.</summary>
        public void DecryptBlock(byte[] input, int inOff, byte[] output, int outOff)
        {
            uint[] dw = _dw;
            if (dw == null) throw new System.InvalidOperationException("cipher cleared");
            CheckBlock(input, inOff, output, outOff, 16);
            uint s0 = ReadWord(input, inOff) ^ dw[0];
            uint s1 = ReadWord(input, inOff + 4) ^ dw[1];
            uint s2 = ReadWord(input, inOff + 8) ^ dw[2];
            uint s3 = ReadWord(input, inOff + 12) ^ dw[3];
            int k = 4;
            for (int round = 1; round < _rounds; round++)
            {
                uint t0 = Td[s0 >> 24] ^ Ror(Td[(s3 >> 16) & 0xff], 8) ^ Ror(Td[(s2 >> 8) & 0xff], 16) ^ Ror(Td[s1 & 0xff], 24) ^ dw[k];
                uint t1 = Td[s1 >> 24] ^ Ror(Td[(s0 >> 16) & 0xff], 8) ^ Ror(Td[(s3 >> 8) & 0xff], 16) ^ Ror(Td[s2 & 0xff], 24) ^ dw[k + 1];
                uint t2 = Td[s2 >> 24] ^ Ror(Td[(s1 >> 16) & 0xff], 8) ^ Ror(Td[(s0 >> 8) & 0xff], 16) ^ Ror(Td[s3 & 0xff], 24) ^ dw[k + 2];
                uint t3 = Td[s3 >> 24] ^ Ror(Td[(s2 >> 16) & 0xff], 8) ^ Ror(Td[(s1 >> 8) & 0xff], 16) ^ Ror(Td[s0 & 0xff], 24) ^ dw[k + 3];
                s0 = t0; s1 = t1; s2 = t2; s3 = t3;
                k += 4;
            }
            WriteWord(output, outOff, Last(InvSBox, s0, s3, s2, s1) ^ dw[k]);
            WriteWord(output, outOff + 4, Last(InvSBox, s1, s0, s3, s2) ^ dw[k + 1]);
            WriteWord(output, outOff + 8, Last(InvSBox, s2, s1, s0, s3) ^ dw[k + 2]);
            WriteWord(output, outOff + 12, Last(InvSBox, s3, s2, s1, s0) ^ dw[k + 3]);
        }

        public void Clear()
        {
            if (_w != null) System.Array.Clear(_w, 0, _w.Length);
            if (_dw != null) System.Array.Clear(_dw, 0, _dw.Length);
            _w = null;
            _dw = null;
        }

        internal static void CheckBlock(byte[] input, int inOff, byte[] output, int outOff, int size)
        {
            if (input == null) throw new System.ArgumentNullException(nameof(input));
            if (output == null) throw new System.ArgumentNullException(nameof(output));
            if (inOff < 0 || inOff > input.Length - size || outOff < 0 || outOff > output.Length - size)
                throw new System.ArgumentException("block outside the buffer");
        }

        private static uint Last(byte[] box, uint a, uint b, uint c, uint d)
        {
            return ((uint)box[a >> 24] << 24) | ((uint)box[(b >> 16) & 0xff] << 16) | ((uint)box[(c >> 8) & 0xff] << 8) | box[d & 0xff];
        }

        private static uint SubWord(uint w)
        {
            return ((uint)SBox[w >> 24] << 24) | ((uint)SBox[(w >> 16) & 0xff] << 16) | ((uint)SBox[(w >> 8) & 0xff] << 8) | SBox[w & 0xff];
        }

        private static uint Ror(uint x, int n) { return (x >> n) | (x << (32 - n)); }

        private static int Rotl8(int b, int n) { return ((b << n) | (b >> (8 - n))) & 0xff; }

        // xtime, §4.2: multiplication by x modulo m(x) = 0x11b.
        private static int XTime(int b) { return ((b << 1) ^ ((b & 0x80) != 0 ? 0x1b : 0)) & 0xff; }

        private static int Mul(int a, int b)
        {
            int r = 0;
            while (b != 0)
            {
                if ((b & 1) != 0) r ^= a;
                a = XTime(a);
                b >>= 1;
            }
            return r;
        }

        private static uint ReadWord(byte[] b, int o)
        {
            return ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
        }

        private static void WriteWord(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24);
            b[o + 1] = (byte)(v >> 16);
            b[o + 2] = (byte)(v >> 8);
            b[o + 3] = (byte)v;
        }
    }
}
