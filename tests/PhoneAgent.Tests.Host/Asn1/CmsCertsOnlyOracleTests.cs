using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Cms;
using CoreCertificate = PhoneAgent.Core.X509.X509Certificate;

namespace PhoneAgent.Tests.Host.Asn1
{
    /// <summary>certs-only SignedData (RFC 5652 §5.1) against two independent implementations:
    /// .NET's SignedCms and OpenSSL (crl2pkcs7, pkcs7 -print_certs, and cms -sign -stream for
    /// real BER). Certificates are made here with CertificateRequest (RSA root, EC intermediate,
    /// RSA leaf), plus the lab PKI when ../shared/lab/pki is beside the repository.</summary>
    [TestClass]
    public class CmsCertsOnlyOracleTests
    {
        // ContentInfo { id-signedData, [0] SignedData { 1, {}, { id-data }, {} } }, written by hand
        // from RFC 5652 §3 and §5.1: the seed SignedCms.Decode needs before it will Encode.
        private const string EmptyCertsOnly = "3023" + "06092A864886F70D010702" + "A016" + "3014" + "020101" + "3100" + "300B06092A864886F70D010701" + "3100";

        private sealed class Pki
        {
            public X509Certificate2 Root, Intermediate, Leaf;
            public RSA LeafKey;
            public byte[][] All => new[] { Root.RawData, Intermediate.RawData, Leaf.RawData };
        }

        private static readonly Lazy<Pki> Chain = new(MakeChain);

        private static Pki MakeChain()
        {
            var now = DateTimeOffset.UtcNow;
            using var rootKey = RSA.Create(2048);
            var rootReq = new CertificateRequest("CN=Oracle Root CA, O=PhoneAgent Tests", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            var root = rootReq.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

            using var intKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var intReq = new CertificateRequest("CN=Oracle Issuing CA, O=PhoneAgent Tests", intKey, HashAlgorithmName.SHA256);
            intReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            var intermediate = intReq.Create(root.SubjectName, X509SignatureGenerator.CreateForRSA(rootKey, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddDays(20), new byte[] { 0x10, 0x01 });

            var leafKey = RSA.Create(2048);
            var leafReq = new CertificateRequest("CN=phone1.lab.test", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var leaf = leafReq.Create(intermediate.SubjectName, X509SignatureGenerator.CreateForECDsa(intKey), now.AddDays(-1), now.AddDays(10), new byte[] { 0x20, 0x02 });
            return new Pki { Root = root, Intermediate = intermediate, Leaf = leaf, LeafKey = leafKey };
        }

        [TestMethod]
        public void EncodeEqualsDotNetSignedCmsByteForByte()
        {
            var c = Chain.Value;
            var sets = new[]
            {
                new[] { c.Leaf.RawData },
                new[] { c.Leaf.RawData, c.Intermediate.RawData },
                new[] { c.Root.RawData, c.Intermediate.RawData, c.Leaf.RawData },
                new[] { c.Intermediate.RawData, c.Leaf.RawData, c.Root.RawData },
                Array.Empty<byte[]>(),
            };
            Assert.AreEqual(EmptyCertsOnly, Convert.ToHexString(CmsCertsOnly.Encode(Array.Empty<byte[]>())));
            foreach (var set in sets)
            {
                var cms = new SignedCms();
                cms.Decode(Convert.FromHexString(EmptyCertsOnly));
                foreach (var der in set) cms.AddCertificate(X509CertificateLoader.LoadCertificate(der));
                byte[] net = cms.Encode();
                // .NET writes the CertificateSet DER-sorted (X.690 §11.6), as Encode does.
                Assert.AreEqual(Convert.ToHexString(net), Convert.ToHexString(CmsCertsOnly.Encode(set)), $"{set.Length} certificates");

                var m = CmsCertsOnly.TryParse(net, out string e);
                Assert.IsNotNull(m, e);
                Assert.IsTrue(m.IsDer);
                Assert.IsTrue(m.IsDegenerate);
                Assert.AreEqual(1, m.Version);
                CollectionAssert.AreEquivalent(Hexes(set), Hexes(m.Certificates));
            }
        }

        [TestMethod]
        public void DotNetDecodesEncodesOutput()
        {
            var c = Chain.Value;
            byte[] mine = CmsCertsOnly.Encode(c.All);
            var cms = new SignedCms();
            cms.Decode(mine);
            Assert.AreEqual(0, cms.SignerInfos.Count);
            Assert.AreEqual(CmsCertsOnly.OidData, cms.ContentInfo.ContentType.Value);
            Assert.AreEqual(0, cms.ContentInfo.Content.Length);
            CollectionAssert.AreEquivalent(Hexes(c.All), cms.Certificates.Cast<X509Certificate2>().Select(x => Convert.ToHexString(x.RawData)).ToList());
        }

        [TestMethod]
        public void OpenSslCrl2Pkcs7IsReadInFileOrder()
        {
            using var dir = new TempDir();
            var c = Chain.Value;
            // crl2pkcs7 keeps the file's order (OpenSSL encodes PKCS#7 certificates as a SEQUENCE OF).
            var chains = new System.Collections.Generic.List<byte[][]>
            {
                new[] { c.Leaf.RawData, c.Intermediate.RawData, c.Root.RawData },
                new[] { c.Root.RawData },
            };
            string lab = Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki");
            if (File.Exists(Path.Combine(lab, "server-chain.crt")) && File.Exists(Path.Combine(lab, "root.crt")))
            {
                var labCerts = new X509Certificate2Collection();
                labCerts.ImportFromPemFile(Path.Combine(lab, "server-chain.crt"));
                labCerts.ImportFromPemFile(Path.Combine(lab, "root.crt"));
                chains.Add(labCerts.Cast<X509Certificate2>().Select(x => x.RawData).ToArray());
            }
            foreach (var chain in chains)
            {
                File.WriteAllText(dir.File("chain.pem"), string.Join("\n", chain.Select(d => PemEncoding.WriteString("CERTIFICATE", d))) + "\n");
                OpenSsl("crl2pkcs7 -nocrl -certfile chain.pem -outform DER -out p7.der", dir);
                byte[] p7 = File.ReadAllBytes(dir.File("p7.der"));
                var m = CmsCertsOnly.TryParse(p7, out string e);
                Assert.IsNotNull(m, e);
                Assert.IsTrue(m.IsDer);
                Assert.IsTrue(m.IsDegenerate);
                CollectionAssert.AreEqual(Hexes(chain), Hexes(m.Certificates));
                // Each is a certificate the core's parser accepts, naming the same subject as .NET does.
                var parsed = CmsCertsOnly.TryParseCertificates(p7, out e);
                Assert.IsNotNull(parsed, e);
                Assert.HasCount(chain.Length, parsed);
                for (int i = 0; i < chain.Length; i++)
                    Assert.AreEqual(Convert.ToHexString(X509CertificateLoader.LoadCertificate(chain[i]).SubjectName.RawData), Convert.ToHexString(parsed[i].Subject.Der));
            }
        }

        [TestMethod]
        public void OpenSslPrintsTheCertificatesOfEncodesOutput()
        {
            using var dir = new TempDir();
            var c = Chain.Value;
            byte[] mine = CmsCertsOnly.Encode(c.All);
            File.WriteAllBytes(dir.File("mine.der"), mine);
            OpenSsl("pkcs7 -inform DER -in mine.der -print_certs -out certs.pem", dir);
            var printed = new X509Certificate2Collection();
            printed.ImportFromPemFile(dir.File("certs.pem"));
            var ours = CmsCertsOnly.TryParse(mine, out string e);
            Assert.IsNotNull(ours, e);
            CollectionAssert.AreEqual(Hexes(ours.Certificates), printed.Cast<X509Certificate2>().Select(x => Convert.ToHexString(x.RawData)).ToList());
            CollectionAssert.AreEquivalent(Hexes(c.All), Hexes(ours.Certificates));
        }

        [TestMethod]
        public void OpenSslStreamingBerSignedDataYieldsItsCertificates()
        {
            // `openssl cms -sign -stream` writes indefinite lengths throughout (a real BER encoder),
            // with eContent as a constructed OCTET STRING and one SignerInfo; without -stream, DER.
            using var dir = new TempDir();
            var c = Chain.Value;
            File.WriteAllText(dir.File("leaf.pem"), c.Leaf.ExportCertificatePem());
            File.WriteAllText(dir.File("leaf.key"), c.LeafKey.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(dir.File("chain.pem"), c.Intermediate.ExportCertificatePem() + "\n" + c.Root.ExportCertificatePem() + "\n");
            File.WriteAllText(dir.File("data.txt"), "GetCACert\n");
            foreach (bool stream in new[] { true, false })
            {
                OpenSsl($"cms -sign -in data.txt -signer leaf.pem -inkey leaf.key -certfile chain.pem -outform DER -nodetach {(stream ? "-stream" : "")} -out signed.der", dir);
                byte[] signed = File.ReadAllBytes(dir.File("signed.der"));
                Assert.AreEqual(stream, signed[1] == 0x80, "indefinite outer length exactly when streaming");
                var m = CmsCertsOnly.TryParse(signed, out string e);
                Assert.IsNotNull(m, e);
                Assert.AreEqual(!stream, m.IsDer);
                Assert.AreEqual(1, m.SignerInfoCount);
                Assert.IsTrue(m.HasContent);
                Assert.IsFalse(m.IsDegenerate);
                CollectionAssert.AreEquivalent(Hexes(c.All), Hexes(m.Certificates));
            }
        }

        [TestMethod]
        public void TryParseCertificatesNamesTheOneThatIsNotACertificate()
        {
            // A DER SEQUENCE that is no certificate: the envelope reads, the certificate parse refuses.
            byte[] cms = CmsCertsOnly.Encode(new[] { Chain.Value.Leaf.RawData, new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 } });
            Assert.IsNotNull(CmsCertsOnly.TryParse(cms, out string e), e);
            Assert.IsNull(CmsCertsOnly.TryParseCertificates(cms, out string why));
            StringAssert.Contains(why, "certificate 1 of the CMS message");   // DER-sorted: 30 03 comes first
        }

        [TestMethod]
        public void TruncationsAndMutationsOfRealMessagesNeverThrow()
        {
            using var dir = new TempDir();
            var c = Chain.Value;
            File.WriteAllText(dir.File("leaf.pem"), c.Leaf.ExportCertificatePem());
            File.WriteAllText(dir.File("leaf.key"), c.LeafKey.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(dir.File("chain.pem"), c.Intermediate.ExportCertificatePem() + "\n" + c.Root.ExportCertificatePem() + "\n");
            File.WriteAllText(dir.File("data.txt"), "x");
            OpenSsl("cms -sign -in data.txt -signer leaf.pem -inkey leaf.key -certfile chain.pem -outform DER -stream -nodetach -out ber.der", dir);
            var blobs = new[] { CmsCertsOnly.Encode(c.All), File.ReadAllBytes(dir.File("ber.der")) };
            var rng = new Random(8894);
            int parsed = 0, refused = 0;
            var sw = Stopwatch.StartNew();
            foreach (var full in blobs)
            {
                for (int n = 0; n < full.Length; n++)
                {
                    Assert.IsNull(CmsCertsOnly.TryParse(full.AsSpan(0, n).ToArray(), out string e), $"prefix {n}");
                    Assert.IsNotNull(e);
                }
                for (int round = 0; round < 20000; round++)
                {
                    byte[] b = (byte[])full.Clone();
                    int flips = 1 + rng.Next(4);
                    for (int f = 0; f < flips; f++)
                    {
                        int at = rng.Next(b.Length);
                        switch (rng.Next(4))
                        {
                            case 0: b[at] = 0; break;
                            case 1: b[at] = 0x80; break;
                            case 2: b[at] ^= (byte)(1 << rng.Next(8)); break;
                            default: b[at] = (byte)rng.Next(256); break;
                        }
                    }
                    if (rng.Next(8) == 0) b = b.Take(rng.Next(b.Length)).Concat(b.Skip(rng.Next(b.Length))).ToArray();   // splice
                    var m = CmsCertsOnly.TryParse(b, out string err);
                    Assert.AreEqual(m == null, err != null, $"round {round}");
                    if (m == null) refused++;
                    else
                    {
                        parsed++;
                        foreach (var der in m.Certificates) Assert.IsTrue(der.Length <= CoreCertificate.MaxDerLength);
                    }
                }
            }
            Console.WriteLine($"mutations: {parsed} parsed, {refused} refused, {sw.ElapsedMilliseconds} ms including truncations");
        }

        private static System.Collections.Generic.List<string> Hexes(byte[][] ders) => ders.Select(Convert.ToHexString).ToList();

        private static void OpenSsl(string args, TempDir dir)
        {
            ProcessStartInfo psi = new("openssl", args)
            {
                WorkingDirectory = dir.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process p;
            try { p = Process.Start(psi)!; }
            catch (System.ComponentModel.Win32Exception) { Assert.Inconclusive("openssl is not installed"); return; }
            using (p)
            {
                string stderr = p.StandardError.ReadToEnd();
                p.StandardOutput.ReadToEnd();
                Assert.IsTrue(p.WaitForExit(30000), "openssl " + args + " timed out");
                Assert.AreEqual(0, p.ExitCode, "openssl " + args + ": " + stderr);
            }
        }

        private sealed class TempDir : IDisposable
        {
            public string Path { get; } = Directory.CreateTempSubdirectory("pa-cms-").FullName;
            public string File(string name) => System.IO.Path.Combine(Path, name);
            public void Dispose() => Directory.Delete(Path, true);
        }
    }
}
