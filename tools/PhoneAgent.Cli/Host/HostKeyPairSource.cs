using System;
using System.Security.Cryptography;
using PhoneAgent.Core.Scep;

namespace PhoneAgent.Cli.Host
{
    /// <summary>RSA key generation by .NET (the OS's crypto library) behind the core's
    /// IKeyPairSource, as DESIGN.md allows for host acceleration: `demo` and `run` take their LSC
    /// key from here (about 0.1 s instead of the core generator's 0.4..2 s), while `scep enroll`
    /// and `scep renew` use the core's own generator, the device's path. ScepKeyPair checks the
    /// parts pairwise either way.</summary>
    public sealed class HostKeyPairSource : IKeyPairSource
    {
        public ScepKeyPair NewKeyPair(int bits)
        {
            using var rsa = RSA.Create(bits);
            RSAParameters p = rsa.ExportParameters(true);
            try { return new ScepKeyPair(p.Modulus, p.Exponent, p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ); }
            catch (ArgumentException e) { throw new InvalidOperationException("the host's RSA key is unusable: " + e.Message); }
            finally
            {
                Array.Clear(p.D);
                Array.Clear(p.P);
                Array.Clear(p.Q);
                Array.Clear(p.DP);
                Array.Clear(p.DQ);
                Array.Clear(p.InverseQ);
            }
        }
    }
}
