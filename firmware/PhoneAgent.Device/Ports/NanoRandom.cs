using System;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>System.Random on nanoFramework ESP32 is backed by the hardware RNG.</summary>
    public sealed class NanoRandom : IRandom
    {
        private readonly Random _random = new Random();

        public void NextBytes(byte[] buffer) { _random.NextBytes(buffer); }

        public int Next(int maxExclusive) { return _random.Next(maxExclusive); }
    }
}
