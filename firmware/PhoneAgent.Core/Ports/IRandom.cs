namespace PhoneAgent.Core.Ports
{
    /// <summary>Randomness: the ESP32 hardware RNG on the device, the OS CSPRNG on the
    /// host, a seeded generator in tests.</summary>
    public interface IRandom
    {
        void NextBytes(byte[] buffer);

        /// <summary>Uniform in [0, maxExclusive).</summary>
        int Next(int maxExclusive);
    }
}
