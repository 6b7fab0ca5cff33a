namespace PhoneAgent.Core.Crypto
{
    /// <summary>MD4, RFC 1320: the NT hash of MS-CHAPv2 and NTLM (MD4 of the UTF-16LE
    /// password). Broken as a hash; used only where those protocols demand it.</summary>
    public sealed class Md4 : BlockHash
    {
        private readonly uint[] _x = new uint[16];
        private uint _a, _b, _c, _d;

        public Md4() : base(64, 8, false) { ResetState(); }

        public override string Name { get { return Md4Name; } }
        public override int HashSize { get { return 16; } }

        protected override void ResetState()
        {
            _a = 0x67452301;
            _b = 0xefcdab89;
            _c = 0x98badcfe;
            _d = 0x10325476;
        }

        private static uint F(uint x, uint y, uint z) { return (x & y) | (~x & z); }
        private static uint G(uint x, uint y, uint z) { return (x & y) | (x & z) | (y & z); }
        private static uint H(uint x, uint y, uint z) { return x ^ y ^ z; }

        // RFC 1320 §3.4: round 2 and 3 word orders and shifts.
        private static readonly int[] R2 = new int[] { 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15 };
        private static readonly int[] R3 = new int[] { 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 };
        private static readonly int[] S1 = new int[] { 3, 7, 11, 19 };
        private static readonly int[] S2 = new int[] { 3, 5, 9, 13 };
        private static readonly int[] S3 = new int[] { 3, 9, 11, 15 };

        protected override void ProcessBlock(byte[] data, int offset)
        {
            for (int i = 0; i < 16; i++) _x[i] = ReadLE(data, offset + 4 * i);
            uint a = _a, b = _b, c = _c, d = _d;
            for (int i = 0; i < 16; i++)
            {
                uint t = Rotl(a + F(b, c, d) + _x[i], S1[i & 3]);
                a = d; d = c; c = b; b = t;
            }
            for (int i = 0; i < 16; i++)
            {
                uint t = Rotl(a + G(b, c, d) + _x[R2[i]] + 0x5a827999, S2[i & 3]);
                a = d; d = c; c = b; b = t;
            }
            for (int i = 0; i < 16; i++)
            {
                uint t = Rotl(a + H(b, c, d) + _x[R3[i]] + 0x6ed9eba1, S3[i & 3]);
                a = d; d = c; c = b; b = t;
            }
            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }

        protected override void WriteDigest(byte[] digest)
        {
            WriteLE(digest, 0, _a);
            WriteLE(digest, 4, _b);
            WriteLE(digest, 8, _c);
            WriteLE(digest, 12, _d);
        }
    }
}
