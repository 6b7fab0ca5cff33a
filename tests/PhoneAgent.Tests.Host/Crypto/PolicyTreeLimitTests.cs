using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.X509;
using X509Extension = System.Security.Cryptography.X509Certificates.X509Extension;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>Crafted certificate policies must not exhaust the phone: CAs that each assert 20
    /// policies and map every one to all 20 would multiply the RFC 5280 valid_policy_tree by 20
    /// per level (the OpenSSL CVE-2023-0464 pattern). The tree is capped and the path refused
    /// with the reason; the same chain without the mappings validates.</summary>
    [TestClass]
    public class PolicyTreeLimitTests
    {
        private const int Policies = 20;

        private static string Policy(int i) => "1.3.6.1.4.1.55555.1." + i;

        private static X509Extension CertificatePolicies()
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
                for (int i = 0; i < Policies; i++)
                    using (w.PushSequence()) w.WriteObjectIdentifier(Policy(i));
            return new X509Extension("2.5.29.32", w.Encode(), false);
        }

        private static X509Extension AllToAllMappings()
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
                for (int i = 0; i < Policies; i++)
                    for (int k = 0; k < Policies; k++)
                        using (w.PushSequence())
                        {
                            w.WriteObjectIdentifier(Policy(i));
                            w.WriteObjectIdentifier(Policy(k));
                        }
            return new X509Extension("2.5.29.33", w.Encode(), false);
        }

        private static PhoneAgent.Core.X509.X509Certificate Core(X509Certificate2 c) =>
            PhoneAgent.Core.X509.X509Certificate.TryParse(c.RawData, out var e) ?? throw new InvalidOperationException(e);

        private static ValidationResult Run(bool mappings)
        {
            var now = DateTimeOffset.UtcNow;
            using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var rootReq = new CertificateRequest("CN=Policy Root", rootKey, HashAlgorithmName.SHA256);
            rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            var issuer = rootReq.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
            var root = issuer;
            var presented = new System.Collections.Generic.List<PhoneAgent.Core.X509.X509Certificate>();
            ECDsa issuerKey = rootKey;
            for (int level = 1; level <= 4; level++)
            {
                var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                bool leaf = level == 4;
                var req = new CertificateRequest(leaf ? "CN=policy leaf" : "CN=Policy CA " + level, key, HashAlgorithmName.SHA256);
                req.CertificateExtensions.Add(new X509BasicConstraintsExtension(!leaf, false, 0, true));
                req.CertificateExtensions.Add(CertificatePolicies());
                if (!leaf && mappings) req.CertificateExtensions.Add(AllToAllMappings());
                var cert = req.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), now.AddDays(-1), now.AddMonths(6), new byte[] { (byte)level });
                presented.Insert(0, Core(cert));
                issuer = cert;
                issuerKey = key;
            }
            return new PathValidator(new[] { Core(root) }, null).Validate(presented.ToArray(), new ValidationPolicy { Time = now.ToUnixTimeSeconds() });
        }

        [TestMethod]
        public void ExplodingPolicyMappingsAreRefusedAtTheCap()
        {
            var r = Run(mappings: true);
            Assert.IsFalse(r.Valid);
            Assert.AreEqual("policy", r.Code);
            StringAssert.Contains(r.Message, "past " + PolicyTree.MaxNodes + " nodes");
        }

        [TestMethod]
        public void TheSameChainWithoutMappingsValidatesWithItsPolicies()
        {
            var r = Run(mappings: false);
            Assert.IsTrue(r.Valid, r.Message);
            Assert.AreEqual(Policies, r.Policies.Length);
        }
    }
}
