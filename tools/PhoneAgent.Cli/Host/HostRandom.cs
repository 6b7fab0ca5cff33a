using System.Security.Cryptography;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Host
{
    /// <summary>The OS CSPRNG, as the ESP32's hardware RNG stands on the device.</summary>
    public sealed class HostRandom : IRandom
    {
        public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
        public int Next(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);
    }
}
