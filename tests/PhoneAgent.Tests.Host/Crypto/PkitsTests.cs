using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>NIST PKITS path validation (../shared/vectors/pkits/cases.tsv, 249 cases), each
    /// with its CRLs and policy settings, every case asserted; where PKITS states the
    /// user-constrained policy set of a valid path, that is asserted too. PKITS certificates
    /// are valid 2010-2030: the validation time is 2020-01-01.</summary>
    [TestClass]
    public class PkitsTests
    {
        private static readonly long Time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        internal static IEnumerable<(string section, string title, bool expected, string[] chain, string[] crls, string settings)> Cases()
        {
            string dir = Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "pkits");
            if (!File.Exists(Path.Combine(dir, "cases.tsv"))) Assert.Inconclusive("../shared/vectors/pkits is not beside the repository");
            foreach (var line in File.ReadAllLines(Path.Combine(dir, "cases.tsv")).Skip(1))
            {
                var f = line.Split('\t');
                yield return (f[0], f[1], f[3] == "true", f[4].Split(','), f[5].Length == 0 ? new string[0] : f[5].Split(','), f.Length > 6 ? f[6] : "");
            }
        }

        internal static ValidationResult Run(string[] chain) => Run(chain, null);

        /// <summary>PKITS policy settings (InitialPolicySet="NIST-test-policy-1,...";
        /// InitialExplicitPolicy=true; ...) applied to a validation policy; returns the expected
        /// user-constrained policy set when the row states one, else null.</summary>
        internal static string[] ApplySettings(string settings, ValidationPolicy policy)
        {
            string[] expected = null;
            foreach (var part in settings.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = part.Split('=', 2);
                string value = kv[1].Trim('"');
                string[] oids() => value.Length == 0 ? new string[0] : value.Split(',').Select(PolicyOid).ToArray();
                switch (kv[0])
                {
                    case "InitialPolicySet": policy.InitialPolicies = oids(); break;
                    case "InitialExplicitPolicy": policy.RequireExplicitPolicy = value == "true"; break;
                    case "InitialPolicyMappingInhibit": policy.InhibitPolicyMapping = value == "true"; break;
                    case "InitialInhibitAnyPolicy": policy.InhibitAnyPolicy = value == "true"; break;
                    case "UserConstrainedPolicySet": expected = oids(); break;
                    default: throw new InvalidDataException("unknown PKITS setting " + kv[0]);
                }
            }
            return expected;
        }

        private static string PolicyOid(string name) =>
            name == "anyPolicy" ? PolicyTree.AnyPolicy :
            name.StartsWith("NIST-test-policy-", StringComparison.Ordinal) ? "2.16.840.1.101.3.2.1.48." + name.Substring(17) :
            throw new InvalidDataException("unknown PKITS policy name " + name);

        internal static ValidationResult Run(string[] chain, string[] crlNames) => Run(chain, crlNames, new ValidationPolicy { Time = Time });

        internal static ValidationResult Run(string[] chain, string[] crlNames, ValidationPolicy policy)
        {
            string certs = Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "pkits", "certs");
            if (!Directory.Exists(certs)) Assert.Inconclusive("../shared/vectors/pkits is not beside the repository");
            var parsed = chain.Select(n =>
            {
                var c = PhoneAgent.Core.X509.X509Certificate.TryParse(File.ReadAllBytes(Path.Combine(certs, n + ".crt")), out var e);
                Assert.IsNotNull(c, n + ": " + e);
                return c;
            }).ToArray();
            var anchor = parsed[0];
            var presented = parsed.Skip(1).Reverse().ToArray();   // leaf first, as a peer sends them
            X509Crl[] crls = null;
            if (crlNames != null)
            {
                string dir = Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "pkits", "crls");
                crls = crlNames.Select(n =>
                {
                    var c = X509Crl.TryParse(File.ReadAllBytes(Path.Combine(dir, n + ".crl")), out var e);
                    Assert.IsNotNull(c, n + ": " + e);
                    return c;
                }).ToArray();
            }
            policy.Crls = crls;
            return new PathValidator(new[] { anchor }, null).Validate(presented, policy);
        }

        /// <summary>The failure codes each PKITS section is about (4.3: names that do not chain
        /// leave no issuer; 4.5.8 and 4.6: a certificate used as a CA that is not one; 4.7.4-5:
        /// a CRL signer without cRLSign leaves the status unknown).</summary>
        private static readonly Dictionary<string, string> ReasonsBySection = new()
        {
            ["4.1"] = "signature", ["4.2"] = "expired not-yet-valid", ["4.3"] = "missing-issuer name-chaining",
            ["4.4"] = "revoked revocation-unknown", ["4.5"] = "revoked revocation-unknown not-a-ca",
            ["4.6"] = "not-a-ca path-length key-usage", ["4.7"] = "key-usage revocation-unknown",
            ["4.8"] = "policy", ["4.9"] = "policy", ["4.10"] = "policy", ["4.11"] = "policy", ["4.12"] = "policy",
            ["4.13"] = "name-constraints", ["4.14"] = "revoked revocation-unknown", ["4.15"] = "revoked revocation-unknown",
            ["4.16"] = "unknown-critical-extension",
        };

        [TestMethod]
        public void EveryCaseMatchesNist()
        {
            var failures = new List<string>();
            int asserted = 0;
            var report = new SortedDictionary<string, (int pass, int total, int asserted)>(StringComparer.Ordinal);
            var codes = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var (section, title, expected, chain, crls, settings) in Cases())
            {
                var policy = new ValidationPolicy { Time = Time };
                string[] expectedPolicies = ApplySettings(settings, policy);
                var r = Run(chain, crls, policy);
                string top = string.Join('.', section.Split('.').Take(2));
                var cur = report.TryGetValue(top, out var v) ? v : (0, 0, 0);
                bool ok = r.Valid == expected;
                // Where PKITS states the user-constrained policy set of a valid path, it must match too.
                if (ok && expected && expectedPolicies != null && !expectedPolicies.OrderBy(x => x).SequenceEqual(r.Policies.OrderBy(x => x)))
                {
                    ok = false;
                    r.Message = "policies {" + string.Join(",", r.Policies) + "}, PKITS expects {" + string.Join(",", expectedPolicies) + "}";
                    r.Valid = false;
                }
                report[top] = (cur.Item1 + (ok ? 1 : 0), cur.Item2 + 1, cur.Item3 + 1);
                asserted++;
                if (!expected) codes[r.Code] = codes.TryGetValue(r.Code, out int k) ? k + 1 : 1;
                // An invalid path must fail for a reason of its section, not by accident elsewhere.
                if (ok && !expected && !ReasonsBySection[top].Split(' ').Contains(r.Code))
                    failures.Add($"{section} {title}: invalid as expected, but for \"{r.Code}\" ({r.Message}), not one of: {ReasonsBySection[top]}");
                if (!ok) failures.Add($"{section} {title}: expected {(expected ? "valid" : "invalid")}, got {(r.Valid ? "valid" : r.Code + ": " + r.Message)}");
            }
            foreach (var kv in report)
                Console.WriteLine($"PKITS {kv.Key,-5} {kv.Value.pass,3}/{kv.Value.total,-3} agree with NIST; {kv.Value.asserted} asserted");
            Console.WriteLine("failure codes of the invalid cases: " + string.Join(", ", codes.Select(kv => kv.Key + " " + kv.Value)));
            Assert.AreEqual(249, asserted, "PKITS has 249 rows");
            Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        }

        [TestMethod]
        public void FailuresNameTheCertificateAndTheReason()
        {
            var r = Run(new[] { "TrustAnchorRootCertificate", "GoodCACert", "InvalidEESignatureTest3EE" });
            Assert.AreEqual("signature", r.Code);
            StringAssert.Contains(r.Message, "end-entity certificate \"C=US, O=Test Certificates 2011, CN=Invalid EE Signature Test3\"");
            StringAssert.Contains(r.Message, "SHA-256 ");
            StringAssert.Contains(r.Message, "does not verify with the issuer's public key");
            r = Run(new[] { "TrustAnchorRootCertificate", "GoodCACert", "InvalidEEnotAfterDateTest6EE" });
            Assert.AreEqual("expired", r.Code);
            StringAssert.Contains(r.Message, "expired on 2011-01-01");
        }

        [TestMethod]
        public void MissingIntermediateIsNamed()
        {
            // Leaf only, as a load balancer without its intermediate sends it.
            string certs = Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "pkits", "certs");
            if (!Directory.Exists(certs)) Assert.Inconclusive("no PKITS");
            var root = PhoneAgent.Core.X509.X509Certificate.TryParse(File.ReadAllBytes(Path.Combine(certs, "TrustAnchorRootCertificate.crt")), out _);
            var ca = PhoneAgent.Core.X509.X509Certificate.TryParse(File.ReadAllBytes(Path.Combine(certs, "GoodCACert.crt")), out _);
            var ee = PhoneAgent.Core.X509.X509Certificate.TryParse(File.ReadAllBytes(Path.Combine(certs, "ValidCertificatePathTest1EE.crt")), out _);
            var v = new PathValidator(new[] { root }, null);
            var r = v.Validate(new[] { ee }, new ValidationPolicy { Time = Time });
            Assert.IsFalse(r.Valid);
            Assert.AreEqual("missing-issuer", r.Code);
            StringAssert.Contains(r.Message, "the peer sent 1 certificate");
            StringAssert.Contains(r.Message, "issuer \"C=US, O=Test Certificates 2011, CN=Good CA\"");
            StringAssert.Contains(r.Message, "authority key identifier");
            StringAssert.Contains(r.Message, "without the intermediate");
            // A provisioned intermediate completes the chain.
            var withIntermediate = new PathValidator(new[] { root }, new[] { ca }).Validate(new[] { ee }, new ValidationPolicy { Time = Time });
            Assert.IsTrue(withIntermediate.Valid, withIntermediate.Message);
            Assert.AreEqual(3, withIntermediate.Path.Length);
        }

        [TestMethod]
        public void PinnedAnchorMustMatchItsFingerprint()
        {
            string certs = Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "pkits", "certs");
            if (!Directory.Exists(certs)) Assert.Inconclusive("no PKITS");
            byte[] rootDer = File.ReadAllBytes(Path.Combine(certs, "TrustAnchorRootCertificate.crt"));
            var root = PhoneAgent.Core.X509.X509Certificate.TryParse(rootDer, out _);
            var ca = PhoneAgent.Core.X509.X509Certificate.TryParse(File.ReadAllBytes(Path.Combine(certs, "GoodCACert.crt")), out _);
            var ee = PhoneAgent.Core.X509.X509Certificate.TryParse(File.ReadAllBytes(Path.Combine(certs, "ValidCertificatePathTest1EE.crt")), out _);
            string sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(rootDer));
            string sha1 = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(rootDer));
            var v = new PathValidator(new[] { root }, null);
            Assert.IsTrue(v.Validate(new[] { ee, ca }, new ValidationPolicy { Time = Time, PinnedAnchor = "sha256:" + sha256 }).Valid);
            Assert.IsTrue(v.Validate(new[] { ee, ca }, new ValidationPolicy { Time = Time, PinnedAnchor = "SHA1:" + sha1.ToLowerInvariant() }).Valid);
            var wrong = v.Validate(new[] { ee, ca }, new ValidationPolicy { Time = Time, PinnedAnchor = "sha256:" + new string('0', 64) });
            Assert.AreEqual("pin", wrong.Code);
            StringAssert.Contains(wrong.Message, "does not match the pinned sha256 fingerprint");
            Assert.ThrowsExactly<ArgumentException>(() => v.Validate(new[] { ee, ca }, new ValidationPolicy { Time = Time, PinnedAnchor = "md5:00" }));
        }

        [TestMethod]
        public void FipsModeRefusesSha1Signatures()
        {
            // .NET will not make SHA-1 certificates any more, so the check is exercised directly:
            // a sha1WithRSAEncryption signature is refused in FIPS mode before any verification,
            // and outside FIPS mode it is verified (and fails here, being made up).
            string certs = Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "pkits", "certs");
            if (!Directory.Exists(certs)) Assert.Inconclusive("no PKITS");
            var issuer = PhoneAgent.Core.X509.X509Certificate.TryParse(File.ReadAllBytes(Path.Combine(certs, "TrustAnchorRootCertificate.crt")), out _);
            var tbs = new byte[] { 0x30, 0x00 };
            var sig = new byte[256];
            Assert.AreEqual("SHA-1 signatures are refused in FIPS mode",
                SignatureCheck.Verify("1.2.840.113549.1.1.5", tbs, 0, 2, sig, 0, issuer, null, fips: true));
            Assert.AreEqual("the signature does not verify with the issuer's public key",
                SignatureCheck.Verify("1.2.840.113549.1.1.5", tbs, 0, 2, sig, 0, issuer, null, fips: false));
        }

        [TestMethod]
        public void FipsModeRefusesShortKeysWithTheFieldMessage()
        {
            using var rsa = System.Security.Cryptography.RSA.Create(1024);
            var req = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=short", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            req.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
            using var self = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var c = PhoneAgent.Core.X509.X509Certificate.TryParse(self.RawData, out _);
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var r = new PathValidator(new[] { c }, null).Validate(new[] { c }, new ValidationPolicy { Time = now, Fips = true });
            Assert.IsFalse(r.Valid);
            StringAssert.Contains(r.Message, "Cert key size is not FIPS compliant");
            Assert.IsTrue(new PathValidator(new[] { c }, null).Validate(new[] { c }, new ValidationPolicy { Time = now }).Valid);
        }
    }
}
