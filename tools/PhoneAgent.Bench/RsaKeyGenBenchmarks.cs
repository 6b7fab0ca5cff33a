using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Bench
{
    /// <summary>RSA-2048 key generation (FIPS 186-5 A.1.3) by the core, with .NET's (OpenSSL) for
    /// scale. One key per invocation: the time depends on how far the random search runs, so
    /// the monitoring strategy and many iterations, and the spread matters as much as the mean.</summary>
    [MemoryDiagnoser]
    [SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 100)]
    public class RsaKeyGenBenchmarks
    {
        private sealed class OsRandom : IRandom
        {
            public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
            public int Next(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);
        }

        private readonly OsRandom _random = new OsRandom();

        [Benchmark(Description = "RSA-2048 key generation, core")]
        public RsaPrivateKey GenerateCore() => RsaKeyGenerator.Generate(2048, _random);

        [Benchmark(Description = "RSA-2048 key generation, .NET")]
        public int GenerateDotNet()
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportParameters(true).D.Length;
        }
    }
}
