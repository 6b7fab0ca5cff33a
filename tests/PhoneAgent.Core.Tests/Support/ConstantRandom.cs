using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>A broken IRandom that returns one byte value forever (a stuck RNG).</summary>
    public sealed class ConstantRandom : IRandom
    {
        private readonly byte _value;

        public ConstantRandom(byte value) { _value = value; }

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++) buffer[i] = _value;
        }

        public int Next(int maxExclusive) { return 0; }
    }
}
