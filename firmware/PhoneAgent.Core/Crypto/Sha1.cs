namespace PhoneAgent.Core.Crypto
{
    /// <summary>SHA-1, FIPS 180-4 §6.1. For protocols and old certificates that still use it
    /// (SCEP with SHA-1 CAs, EAP-TLS PRFs); FIPS mode refuses SHA-1 signatures.</summary>
    public sealed class Sha1 : BlockHash
    {
        private readonly uint[] _w = new uint[80];
        private uint _h0, _h1, _h2, _h3, _h4;

        public Sha1() : base(64, 8, true) { ResetState(); }

        public override string Name { get { return Sha1Name; } }
        public override int HashSize { get { return 20; } }

        protected override void ResetState()
        {
            _h0 = 0x67452301;
            _h1 = 0xefcdab89;
            _h2 = 0x98badcfe;
            _h3 = 0x10325476;
            _h4 = 0xc3d2e1f0;
        }

        protected override void ProcessBlock(byte[] data, int offset)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++) w[t] = ReadBE(data, offset + 4 * t);
            for (int t = 16; t < 80; t++) w[t] = Rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            uint a = _h0, b = _h1, c = _h2, d = _h3, e = _h4;
            for (int t = 0; t < 80; t++)
            {
                uint f, k;
                if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
                else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
                else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
                else { f = b ^ c ^ d; k = 0xca62c1d6; }
                uint tmp = Rotl(a, 5) + f + e + k + w[t];
                e = d;
                d = c;
                c = Rotl(b, 30);
                b = a;
                a = tmp;
            }
            _h0 += a;
            _h1 += b;
            _h2 += c;
            _h3 += d;
            _h4 += e;
        }

        protected override void WriteDigest(byte[] digest)
        {
            WriteBE(digest, 0, _h0);
            WriteBE(digest, 4, _h1);
            WriteBE(digest, 8, _h2);
            WriteBE(digest, 12, _h3);
            WriteBE(digest, 16, _h4);
        }
    }
}
