using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>Edge-case chains made with .NET's CertificateRequest (the host-side helper): an
    /// ECDSA P-384 root, P-256 intermediate and leaf, validated by the core.</summary>
    [TestClass]
    public class EcdsaChainTests
    {
        private static PhoneAgent.Core.X509.X509Certificate Core(X509Certificate2 c) =>
            PhoneAgent.Core.X509.X509Certificate.TryParse(c.RawData, out var e) ?? throw new InvalidOperationException(e);

        [TestMethod]
        public void EcChainValidatesAndATamperedLeafDoesNot()
        {
            var now = DateTimeOffset.UtcNow;
            using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var rootReq = new CertificateRequest("CN=EC Root", rootKey, HashAlgorithmName.SHA384);
            rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var root = rootReq.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

            using var intKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var intReq = new CertificateRequest("CN=EC Issuing CA", intKey, HashAlgorithmName.SHA256);
            intReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            intReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
            using var intermediate = intReq.Create(root, now.AddDays(-1), now.AddMonths(6), new byte[] { 1, 2 });
            using var intWithKey = intermediate.CopyWithPrivateKey(intKey);

            using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var leafReq = new CertificateRequest("CN=sip.lab.test", leafKey, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("sip.lab.test");
            leafReq.CertificateExtensions.Add(san.Build());
            leafReq.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            using var leaf = leafReq.Create(intWithKey, now.AddDays(-1), now.AddMonths(3), new byte[] { 3, 4 });

            var validator = new PathValidator(new[] { Core(root) }, null);
            var policy = new ValidationPolicy { Time = now.ToUnixTimeSeconds(), HostName = "sip.lab.test", Purpose = ValidationPolicy.EkuServerAuth };
            var r = validator.Validate(new[] { Core(leaf), Core(intermediate) }, policy);
            Assert.IsTrue(r.Valid, r.Message);
            Assert.AreEqual(3, r.Path.Length);

            var bad = (byte[])leaf.RawData.Clone();
            bad[^5] ^= 1; // inside the signature
            var tampered = PhoneAgent.Core.X509.X509Certificate.TryParse(bad, out _);
            if (tampered != null)
            {
                var rb = validator.Validate(new[] { tampered, Core(intermediate) }, policy);
                Assert.IsFalse(rb.Valid);
                Assert.AreEqual("signature", rb.Code);
            }
            // The same chain for another host name is refused with the names it does carry.
            var wrongHost = validator.Validate(new[] { Core(leaf), Core(intermediate) }, new ValidationPolicy { Time = policy.Time, HostName = "other.lab.test" });
            Assert.AreEqual("host-name", wrongHost.Code);
        }
    }
}
