using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Bench
{
    /// <summary>RSA-2048 RSASSA-PSS verification (SHA-256, MGF1-SHA-256, 32-octet salt) of a
    /// precomputed digest: the core's managed code against .NET's (OpenSSL).</summary>
    [MemoryDiagnoser]
    public class RsaPssBenchmarks
    {
        private RSA _rsa;
        private RsaPublicKey _key;
        private byte[] _digest;
        private byte[] _signature;

        [GlobalSetup]
        public void Setup()
        {
            _rsa = RSA.Create(2048);
            var p = _rsa.ExportParameters(false);
            _key = new RsaPublicKey(p.Modulus, p.Exponent);
            var message = new byte[1024];
            new Random(3).NextBytes(message);
            _digest = SHA256.HashData(message);
            _signature = _rsa.SignHash(_digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            if (!_key.VerifyPss("SHA-256", _digest, _signature, "SHA-256", 32)) throw new InvalidOperationException("core rejects .NET's PSS signature");
        }

        [GlobalCleanup]
        public void Cleanup() => _rsa.Dispose();

        [Benchmark(Description = "RSA-2048 PSS verify, core")]
        public bool VerifyCore() => _key.VerifyPss("SHA-256", _digest, _signature, "SHA-256", 32);

        [Benchmark(Description = "RSA-2048 PSS verify, .NET")]
        public bool VerifyDotNet() => _rsa.VerifyHash(_digest, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }
}
