namespace PhoneAgent.Core.Crypto
{
    /// <summary>The Merkle-Damgård frame shared by MD4, MD5, SHA-1 and SHA-2: buffer input into
    /// blocks, then pad with 0x80, zeros and the bit length (little-endian for MD4/MD5,
    /// big-endian for SHA; 64-bit or 128-bit length field).</summary>
    public abstract class BlockHash : HashAlgorithm
    {
        private readonly byte[] _block;
        private readonly int _blockSize;
        private readonly int _lengthBytes;
        private readonly bool _bigEndianLength;
        private int _buffered;
        private ulong _totalBytes;

        protected BlockHash(int blockSize, int lengthBytes, bool bigEndianLength)
        {
            _blockSize = blockSize;
            _lengthBytes = lengthBytes;
            _bigEndianLength = bigEndianLength;
            _block = new byte[blockSize];
        }

        public override int BlockSize { get { return _blockSize; } }

        /// <summary>Processes one whole block starting at data[offset].</summary>
        protected abstract void ProcessBlock(byte[] data, int offset);

        /// <summary>Writes the state as the digest.</summary>
        protected abstract void WriteDigest(byte[] digest);

        protected abstract void ResetState();

        public override void Reset()
        {
            _buffered = 0;
            _totalBytes = 0;
            System.Array.Clear(_block, 0, _block.Length);
            ResetState();
        }

        public override void Update(byte[] data, int offset, int count)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new System.ArgumentException("offset/count outside the buffer");
            _totalBytes += (ulong)count;
            if (_buffered > 0)
            {
                int take = _blockSize - _buffered < count ? _blockSize - _buffered : count;
                System.Array.Copy(data, offset, _block, _buffered, take);
                _buffered += take;
                offset += take;
                count -= take;
                if (_buffered < _blockSize) return;
                ProcessBlock(_block, 0);
                _buffered = 0;
            }
            while (count >= _blockSize)
            {
                ProcessBlock(data, offset);
                offset += _blockSize;
                count -= _blockSize;
            }
            if (count > 0)
            {
                System.Array.Copy(data, offset, _block, 0, count);
                _buffered = count;
            }
        }

        public override byte[] Final()
        {
            ulong bits = _totalBytes << 3;
            ulong bitsHigh = _totalBytes >> 61;
            _block[_buffered++] = 0x80;
            if (_buffered > _blockSize - _lengthBytes)
            {
                System.Array.Clear(_block, _buffered, _blockSize - _buffered);
                ProcessBlock(_block, 0);
                _buffered = 0;
            }
            System.Array.Clear(_block, _buffered, _blockSize - _buffered);
            int end = _blockSize;
            for (int i = 0; i < 8; i++)
            {
                byte b = (byte)(bits >> (8 * i));
                if (_bigEndianLength) _block[end - 1 - i] = b;
                else _block[end - _lengthBytes + i] = b;
            }
            if (_lengthBytes == 16)
            {
                for (int i = 0; i < 8; i++)
                {
                    byte b = (byte)(bitsHigh >> (8 * i));
                    if (_bigEndianLength) _block[end - 9 - i] = b;
                    else _block[end - 8 + i] = b;
                }
            }
            ProcessBlock(_block, 0);
            byte[] digest = new byte[HashSize];
            WriteDigest(digest);
            Reset();
            return digest;
        }

        protected static uint ReadLE(byte[] b, int o)
        {
            return b[o] | ((uint)b[o + 1] << 8) | ((uint)b[o + 2] << 16) | ((uint)b[o + 3] << 24);
        }

        protected static void WriteLE(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        protected static uint ReadBE(byte[] b, int o)
        {
            return ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
        }

        protected static void WriteBE(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24);
            b[o + 1] = (byte)(v >> 16);
            b[o + 2] = (byte)(v >> 8);
            b[o + 3] = (byte)v;
        }

        protected static uint Rotl(uint x, int n)
        {
            return (x << n) | (x >> (32 - n));
        }
    }
}
