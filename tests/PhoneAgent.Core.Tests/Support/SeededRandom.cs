using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>Deterministic IRandom (xorshift32) so retransmission jitter is repeatable.</summary>
    public sealed class SeededRandom : IRandom
    {
        private uint _state;

        public SeededRandom(uint seed) { _state = seed == 0 ? 0x12345678u : seed; }

        private uint NextUInt()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)NextUInt();
        }

        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0) throw new System.ArgumentException("maxExclusive must be positive");
            return (int)(NextUInt() % (uint)maxExclusive);
        }
    }
}
