namespace PhoneAgent.Core.Crypto
{
    /// <summary>MD5, RFC 1321. Only for protocols that require it (HTTP/SIP digest, EAP-MD5,
    /// MS-CHAPv2's neighbours); never for signatures.</summary>
    public sealed class Md5 : BlockHash
    {
        // RFC 1321 §3.4: T[i] = floor(2^32 * |sin(i + 1)|).
        private static readonly uint[] T = new uint[]
        {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
        };

        private static readonly int[] S = new int[]
        {
            7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
            5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
        };

        private readonly uint[] _x = new uint[16];
        private uint _a, _b, _c, _d;

        public Md5() : base(64, 8, false) { ResetState(); }

        public override string Name { get { return Md5Name; } }
        public override int HashSize { get { return 16; } }

        protected override void ResetState()
        {
            _a = 0x67452301;
            _b = 0xefcdab89;
            _c = 0x98badcfe;
            _d = 0x10325476;
        }

        protected override void ProcessBlock(byte[] data, int offset)
        {
            for (int i = 0; i < 16; i++) _x[i] = ReadLE(data, offset + 4 * i);
            uint a = _a, b = _b, c = _c, d = _d;
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int g;
                if (i < 16) { f = (b & c) | (~b & d); g = i; }
                else if (i < 32) { f = (b & d) | (c & ~d); g = (5 * i + 1) & 15; }
                else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
                else { f = c ^ (b | ~d); g = (7 * i) & 15; }
                uint tmp = d;
                d = c;
                c = b;
                b = b + Rotl(a + f + T[i] + _x[g], S[i]);
                a = tmp;
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
