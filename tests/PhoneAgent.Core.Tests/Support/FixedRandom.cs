using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>An IRandom that hands out given bytes in order (then zeros): a known
    /// Peer-Challenge for the RFC 2759 known answers.</summary>
    public sealed class FixedRandom : IRandom
    {
        private readonly byte[] _bytes;
        private int _next;

        public FixedRandom(byte[] bytes) { _bytes = bytes; }

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++) buffer[i] = _next < _bytes.Length ? _bytes[_next++] : (byte)0;
        }

        public int Next(int maxExclusive) { return 0; }
    }
}
