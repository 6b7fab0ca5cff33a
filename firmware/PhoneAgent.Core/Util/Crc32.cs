namespace PhoneAgent.Core.Util
{
    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as used by zlib and PNG.</summary>
    public static class Crc32
    {
        private static uint[] _table;

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0, data, offset, count);
        }

        /// <summary>Continues a CRC over more data; start with crc = 0.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            uint[] t = Table();
            uint c = ~crc;
            for (int i = 0; i < count; i++) c = t[(c ^ data[offset + i]) & 0xFF] ^ (c >> 8);
            return ~c;
        }

        private static uint[] Table()
        {
            if (_table != null) return _table;
            uint[] t = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                t[n] = c;
            }
            _table = t;
            return t;
        }
    }
}
