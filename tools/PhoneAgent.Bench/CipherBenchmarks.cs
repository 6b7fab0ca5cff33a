using System;
using BenchmarkDotNet.Attributes;
using PhoneAgent.Core.Crypto;
using CoreAes = PhoneAgent.Core.Crypto.Aes;
using NetAes = System.Security.Cryptography.Aes;
using PaddingMode = System.Security.Cryptography.PaddingMode;

namespace PhoneAgent.Bench
{
    /// <summary>AES-128-CBC with PKCS#7 over 4 KiB (an SCEP envelope's order of size): the core's
    /// managed table code (what the device runs) against .NET's (OS crypto, AES-NI).</summary>
    [MemoryDiagnoser]
    public class CipherBenchmarks
    {
        private byte[] _data;
        private byte[] _iv;
        private CoreAes _core;
        private NetAes _net;

        [GlobalSetup]
        public void Setup()
        {
            var rng = new Random(3);
            _data = new byte[4096];
            rng.NextBytes(_data);
            _iv = new byte[16];
            rng.NextBytes(_iv);
            var key = new byte[16];
            rng.NextBytes(key);
            _core = new CoreAes(key);
            _net = NetAes.Create();
            _net.Key = key;
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _core.Clear();
            _net.Dispose();
        }

        [Benchmark(Description = "AES-128-CBC encrypt 4 KiB, core")]
        public byte[] AesCbcCore() => Cbc.Encrypt(_core, _iv, _data, 0, _data.Length);

        [Benchmark(Description = "AES-128-CBC encrypt 4 KiB, .NET")]
        public byte[] AesCbcDotNet() => _net.EncryptCbc(_data, _iv, PaddingMode.PKCS7);
    }
}
