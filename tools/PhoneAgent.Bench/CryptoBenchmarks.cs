using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Bench
{
    /// <summary>SHA-256 throughput and RSA-2048 PKCS#1 v1.5 verification and signing (CRT): the
    /// core's managed code (what the device runs) against .NET's (OS crypto), on the same inputs.</summary>
    [MemoryDiagnoser]
    public class CryptoBenchmarks
    {
        private byte[] _data;
        private Sha256 _sha;
        private RSA _rsa;
        private RsaPublicKey _key;
        private byte[] _message;
        private byte[] _signature;
        private RsaPrivateKey _private;
        private byte[] _digest;

        [GlobalSetup]
        public void Setup()
        {
            _data = new byte[64 * 1024];
            new Random(1).NextBytes(_data);
            _sha = new Sha256();
            _rsa = RSA.Create(2048);
            var p = _rsa.ExportParameters(false);
            _key = new RsaPublicKey(p.Modulus, p.Exponent);
            _message = new byte[1024];
            new Random(2).NextBytes(_message);
            _signature = _rsa.SignData(_message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var q = _rsa.ExportParameters(true);
            _private = new RsaPrivateKey(q.Modulus, q.P, q.Q, q.DP, q.DQ, q.InverseQ);
            _digest = SHA256.HashData(_message);
        }

        [GlobalCleanup]
        public void Cleanup() => _rsa.Dispose();

        [Benchmark(Description = "SHA-256 64 KiB, core")]
        public byte[] Sha256Core() => _sha.Compute(_data);

        [Benchmark(Description = "SHA-256 64 KiB, .NET")]
        public byte[] Sha256DotNet() => SHA256.HashData(_data);

        [Benchmark(Description = "RSA-2048 verify, core")]
        public bool RsaVerifyCore() => _key.VerifyPkcs1Data("SHA-256", _message, 0, _message.Length, _signature);

        [Benchmark(Description = "RSA-2048 verify, .NET")]
        public bool RsaVerifyDotNet() => _rsa.VerifyData(_message, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        [Benchmark(Description = "RSA-2048 sign (CRT, SHA-256 digest given), core")]
        public byte[] RsaSignCore() => _private.SignPkcs1("SHA-256", _digest);

        [Benchmark(Description = "RSA-2048 sign (SHA-256 digest given), .NET")]
        public byte[] RsaSignDotNet() => _rsa.SignHash(_digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
