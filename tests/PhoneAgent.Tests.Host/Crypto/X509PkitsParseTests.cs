using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using CoreCert = PhoneAgent.Core.X509.X509Certificate;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>The core's X.509 parser and RSA verification on the 405 NIST PKITS certificates
    /// (../shared/vectors/pkits, see its README), with .NET's X509Certificate2 and RSA as the
    /// oracle for every field compared and every signature checked.</summary>
    [TestClass]
    public class X509PkitsParseTests
    {
        private static string PkitsDir => Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "pkits", "certs");

        private static string[] Files()
        {
            if (!Directory.Exists(PkitsDir)) Assert.Inconclusive("../shared/vectors/pkits is not beside the repository");
            return Directory.GetFiles(PkitsDir, "*.crt").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        }

        [TestMethod]
        public void EveryPkitsCertificateParsesLikeDotNetSeesIt()
        {
            var files = Files();
            Assert.AreEqual(405, files.Length);
            foreach (var f in files)
            {
                var der = File.ReadAllBytes(f);
                var mine = CoreCert.TryParse(der, out var error);
                Assert.IsNotNull(mine, Path.GetFileName(f) + ": " + error);
                using var net = X509CertificateLoader.LoadCertificate(der);
                string name = Path.GetFileName(f);
                CollectionAssert.AreEqual(net.SerialNumberBytes.ToArray(), mine.SerialNumber, name + " serial");
                Assert.AreEqual(new DateTimeOffset(net.NotBefore.ToUniversalTime()).ToUnixTimeSeconds(), mine.NotBefore, name + " notBefore");
                Assert.AreEqual(new DateTimeOffset(net.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), mine.NotAfter, name + " notAfter");
                CollectionAssert.AreEqual(net.SubjectName.RawData, mine.Subject.Der, name + " subject");
                CollectionAssert.AreEqual(net.IssuerName.RawData, mine.Issuer.Der, name + " issuer");
                Assert.AreEqual(net.Version, mine.Version, name + " version");
                Assert.AreEqual(net.SignatureAlgorithm.Value, mine.SignatureAlgorithm, name + " signature algorithm");
                var bc = net.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
                Assert.AreEqual(bc != null, mine.HasBasicConstraints, name + " basicConstraints present");
                if (bc != null)
                {
                    Assert.AreEqual(bc.CertificateAuthority, mine.IsCa, name + " cA");
                    Assert.AreEqual(bc.HasPathLengthConstraint ? bc.PathLengthConstraint : -1, mine.PathLenConstraint, name + " pathLen");
                }
                var ski = net.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
                if (ski != null) Assert.AreEqual(ski.SubjectKeyIdentifier, PhoneAgent.Core.Util.Hex.Bytes(mine.SubjectKeyId).ToUpperInvariant(), name + " SKI");
                var ku = net.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
                Assert.AreEqual(ku != null, mine.HasKeyUsage, name + " keyUsage present");
                if (ku != null)
                {
                    Assert.AreEqual(ku.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign), (mine.KeyUsage & CoreCert.KuKeyCertSign) != 0, name + " keyCertSign");
                    Assert.AreEqual(ku.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature), (mine.KeyUsage & CoreCert.KuDigitalSignature) != 0, name + " digitalSignature");
                    Assert.AreEqual(ku.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign), (mine.KeyUsage & CoreCert.KuCrlSign) != 0, name + " cRLSign");
                }
                if (mine.RsaModulus != null)
                    Assert.AreEqual(net.GetRSAPublicKey()!.KeySize, mine.RsaKeyBits, name + " key size");
            }
        }

        [TestMethod]
        public void EveryRsaSignatureVerifiesExactlyWhenDotNetSaysSo()
        {
            var certs = Files().Select(f => (name: Path.GetFileName(f), der: File.ReadAllBytes(f))).ToArray();
            var parsed = certs.Select(c => CoreCert.TryParse(c.der, out _)).ToArray();
            int checkedLinks = 0, invalid = 0;
            for (int i = 0; i < certs.Length; i++)
            {
                var child = parsed[i];
                string hash = child.SignatureAlgorithm switch
                {
                    "1.2.840.113549.1.1.11" => "SHA-256",
                    "1.2.840.113549.1.1.5" => "SHA-1",
                    _ => null,
                };
                if (hash == null) continue; // DSA links: not RSA
                for (int j = 0; j < certs.Length; j++)
                {
                    var issuer = parsed[j];
                    if (issuer.RsaModulus == null || !issuer.Subject.SameDer(child.Issuer)) continue;
                    var key = new PhoneAgent.Core.Crypto.RsaPublicKey(issuer.RsaModulus, issuer.RsaExponent);
                    bool mine = key.VerifyPkcs1Data(hash, child.Der, child.TbsOffset, child.TbsLength, child.Signature);
                    using var netIssuer = X509CertificateLoader.LoadCertificate(certs[j].der);
                    bool oracle = netIssuer.GetRSAPublicKey()!.VerifyData(child.Tbs, child.Signature,
                        hash == "SHA-256" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
                    Assert.AreEqual(oracle, mine, $"{certs[i].name} signed by {certs[j].name}");
                    checkedLinks++;
                    if (!mine) invalid++;
                }
            }
            Assert.IsTrue(checkedLinks > 400, "links checked: " + checkedLinks);
            Assert.IsTrue(invalid > 0, "PKITS has badly signed certificates; some links must fail");
        }

        [TestMethod]
        public void EveryPkitsCrlParsesAndMutationsNeverThrow()
        {
            string dir = Path.Combine(PkitsDir, "..", "crls");
            var files = Directory.GetFiles(dir, "*.crl");
            Assert.AreEqual(173, files.Length);
            int entries = 0;
            foreach (var f in files)
            {
                var crl = PhoneAgent.Core.X509.X509Crl.TryParse(File.ReadAllBytes(f), out var error);
                Assert.IsNotNull(crl, Path.GetFileName(f) + ": " + error);
                entries += crl.Count;
            }
            Assert.IsTrue(entries > 0);
            var der = File.ReadAllBytes(Path.Combine(dir, "GoodCACRL.crl"));
            var rng = new Random(4);
            for (int round = 0; round < 5000; round++)
            {
                var m = (byte[])der.Clone();
                for (int k = 0; k < 1 + rng.Next(6); k++) m[rng.Next(m.Length)] = (byte)rng.Next(256);
                if (rng.Next(4) == 0) m = m[..rng.Next(m.Length)];
                PhoneAgent.Core.X509.X509Crl.TryParse(m, out _);
            }
        }

        [TestMethod]
        public void MutatedCertificatesNeverThrow()
        {
            var der = File.ReadAllBytes(Files().First(f => f.EndsWith("GoodCACert.crt", StringComparison.Ordinal)));
            var rng = new Random(3);
            int parsedAnyway = 0;
            for (int round = 0; round < 5000; round++)
            {
                var b = (byte[])der.Clone();
                int flips = 1 + rng.Next(6);
                for (int k = 0; k < flips; k++) b[rng.Next(b.Length)] = (byte)rng.Next(256);
                if (rng.Next(4) == 0) b = b[..rng.Next(b.Length)];
                if (CoreCert.TryParse(b, out _) != null) parsedAnyway++;
            }
            for (int n = 0; n < der.Length; n++) Assert.IsNull(CoreCert.TryParse(der[..n], out _), "truncated at " + n);
            Assert.IsTrue(parsedAnyway < 5000);
        }
    }
}
