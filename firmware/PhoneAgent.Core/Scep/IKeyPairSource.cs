using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Scep
{
    /// <summary>Where the key to certify comes from: the core's generator by default; a platform
    /// with a hardware generator (or a test with a prepared key) may hand in another.</summary>
    public interface IKeyPairSource
    {
        /// <summary>A new RSA key pair of bits bits; InvalidOperationException when the source fails.</summary>
        ScepKeyPair NewKeyPair(int bits);
    }

    /// <summary>The core's RSA key generation (FIPS 186-5 A.1.3, RsaKeyGenerator) on the platform's
    /// random source. It runs to completion in one call: about 0.4 s on the host, far longer on
    /// the device, where the agent loop waits for it.</summary>
    public sealed class CoreKeyPairSource : IKeyPairSource
    {
        private readonly IRandom _random;

        public CoreKeyPairSource(IRandom random)
        {
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            _random = random;
        }

        public ScepKeyPair NewKeyPair(int bits) { return ScepKeyPair.From(RsaKeyGenerator.Generate(bits, _random)); }
    }
}
