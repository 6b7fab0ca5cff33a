using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.X509;
using static PhoneAgent.Tests.Host.Scep.ScepHostSupport;
using CoreCertificate = PhoneAgent.Core.X509.X509Certificate;
using CoreHash = PhoneAgent.Core.Crypto.HashAlgorithm;

namespace PhoneAgent.Tests.Host.Scep
{
    /// <summary>The SCEP messages the core builds, read by independent implementations (.NET's
    /// SignedCms, EnvelopedCms and CertificateRequest; OpenSSL's req and cms), and messages those
    /// implementations build (including OpenSSL's streaming BER), read by the core.</summary>
    [TestClass]
    public class ScepCmsOracleTests
    {
        private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
        private static readonly Lazy<(RSA Key, X509Certificate2 Cert)> Ca = new(() =>
        {
            var key = RSA.Create(2048);
            return (key, RsaCa("CN=Lab SCEP CA, O=PhoneAgent Lab, C=US", key, Now.AddDays(-30), Now.AddYears(5)));
        });
        private static readonly Lazy<RSA> PhoneRsa = new(() => RSA.Create(2048));

        private sealed class Phone
        {
            public RSA Rsa;
            public PhoneAgent.Core.Crypto.RsaPrivateKey Key;
            public byte[] Modulus, Exponent, Subject, SelfSigned;
            public CoreCertificate Cert;
        }

        private static Phone MakePhone(string hash)
        {
            var rsa = PhoneRsa.Value;
            var p = rsa.ExportParameters(false);
            var ph = new Phone { Rsa = rsa, Key = CoreKey(rsa), Modulus = p.Modulus, Exponent = p.Exponent };
            ph.Subject = new X509NameBuilder().Add(X509NameBuilder.OidOrganization, "PhoneAgent Lab").Add(X509NameBuilder.OidCommonName, "SEP00163E5A0102").ToDer();
            ph.SelfSigned = CertificateBuilder.SelfSigned(ph.Subject, ph.Modulus, ph.Exponent, ph.Key, hash, Now.ToUnixTimeSeconds(), 30, new DotNetRandom(3));
            ph.Cert = CoreCert(ph.SelfSigned);
            return ph;
        }

        private static byte[] Csr(Phone ph, string hash, string challenge)
        {
            var b = new Pkcs10Builder(ph.Subject)
            {
                ChallengePassword = challenge,
                DnsNames = ["sep00163e5a0102.lab.example"],
                IpAddresses = [0x0A4D0002u],
                Uris = [X509Encoding.MacUrn([0x00, 0x16, 0x3E, 0x5A, 0x01, 0x02])],
                Emails = ["phone1@lab.example"],
                KeyUsage = CoreCertificate.KuDigitalSignature | CoreCertificate.KuKeyEncipherment,
                ExtendedKeyUsages = [X509Encoding.OidClientAuth],
            };
            return b.Build(ph.Modulus, ph.Exponent, ph.Key, hash);
        }

        [TestMethod]
        public void DotNetAndOpenSslReadOurPkcsReq()
        {
            foreach (var (hash, cipher, dotnetHash) in new[]
            {
                (CoreHash.Sha256Name, CmsAlgorithms.OidAes128Cbc, "2.16.840.1.101.3.4.2.1"),
                (CoreHash.Sha1Name, CmsAlgorithms.OidDesEde3Cbc, "1.3.14.3.2.26"),
                (CoreHash.Sha512Name, CmsAlgorithms.OidAes256Cbc, "2.16.840.1.101.3.4.2.3"),
            })
            {
                var ph = MakePhone(hash);
                byte[] csr = Csr(ph, hash, "s3cret-ChallengE");
                var ca = CoreCert(Ca.Value.Cert);
                string tid = ScepMessageWriter.TransactionId(ph.Modulus, ph.Exponent, hash);
                byte[] nonce = ScepMessageWriter.NewNonce(new DotNetRandom(4));
                byte[] msg = ScepMessageWriter.Request(ScepCodes.PkcsReq, csr, tid, nonce, ph.Cert, ph.Key, ca, hash, cipher, new DotNetRandom(5));

                var cms = new SignedCms();
                cms.Decode(msg);
                cms.CheckSignature(true);
                var si = cms.SignerInfos[0];
                Assert.AreEqual(dotnetHash, si.DigestAlgorithm.Value);
                CollectionAssert.AreEqual(ph.SelfSigned, si.Certificate!.RawData, "the signer certificate is carried and named");
                Assert.AreEqual("19", PrintableValue(si, ScepCodes.OidMessageType));
                Assert.AreEqual(tid, PrintableValue(si, ScepCodes.OidTransactionId));
                CollectionAssert.AreEqual(nonce, OctetValue(si, ScepCodes.OidSenderNonce));
                Assert.AreEqual(16, nonce.Length);

                var env = new EnvelopedCms();
                env.Decode(cms.ContentInfo.Content);
                Assert.AreEqual(cipher, env.ContentEncryptionAlgorithm.Oid.Value);
                Assert.AreEqual(SubjectIdentifierType.IssuerAndSerialNumber, env.RecipientInfos[0].RecipientIdentifier.Type);
                env.Decrypt(env.RecipientInfos[0], Ca.Value.Key);
                CollectionAssert.AreEqual(csr, env.ContentInfo.Content);

                var req = CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, RSASignaturePadding.Pkcs1);   // verifies the signature; extensions copied
                Assert.AreEqual("CN=SEP00163E5A0102, O=PhoneAgent Lab", req.SubjectName.Name);
                var san = Ext<X509SubjectAlternativeNameExtension>(req, "2.5.29.17");
                CollectionAssert.AreEqual(new[] { "sep00163e5a0102.lab.example" }, san.EnumerateDnsNames().ToArray());
                Assert.AreEqual("10.77.0.2", san.EnumerateIPAddresses().Single().ToString());
                var ku = Ext<X509KeyUsageExtension>(req, "2.5.29.15");
                Assert.IsTrue(ku.Critical);
                Assert.AreEqual(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, ku.KeyUsages);
                Assert.AreEqual("1.3.6.1.5.5.7.3.2", Ext<X509EnhancedKeyUsageExtension>(req, "2.5.29.37").EnhancedKeyUsages[0].Value);
                var pw = req.OtherRequestAttributes.Single(a => a.Oid!.Value == Pkcs10Builder.OidChallengePassword);
                Assert.AreEqual("s3cret-ChallengE", new System.Formats.Asn1.AsnReader(pw.RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.PrintableString));

                using var dir = new TempDir();
                File.WriteAllBytes(dir.File("csr.der"), csr);
                string text = OpenSsl("req -inform DER -in csr.der -verify -noout -text", dir.Path);
                StringAssert.Contains(text, "verify OK");
                StringAssert.Contains(text, "URI:urn:dev:mac:00163e5a0102");
                StringAssert.Contains(text, "email:phone1@lab.example");
                File.WriteAllBytes(dir.File("msg.der"), msg);
                File.WriteAllText(dir.File("ca.pem"), Ca.Value.Cert.ExportCertificatePem());
                File.WriteAllText(dir.File("ca.key"), Ca.Value.Key.ExportPkcs8PrivateKeyPem());
                OpenSsl("cms -verify -noverify -inform DER -in msg.der -out env.der", dir.Path);
                OpenSsl("cms -decrypt -inform DER -in env.der -recip ca.pem -inkey ca.key -out csr2.der", dir.Path);
                CollectionAssert.AreEqual(csr, File.ReadAllBytes(dir.File("csr2.der")), "openssl decrypts our " + CmsAlgorithms.ContentName(cipher));

                // And our own parser reads back what it wrote.
                var q = Pkcs10Request.TryParse(csr, out string e);
                Assert.IsNotNull(q, e);
                Assert.IsNull(q.VerifySignature());
                Assert.AreEqual("s3cret-ChallengE", q.ChallengePassword);
                Assert.IsFalse(q.ToString().Contains("s3cret"), "no password in ToString");
                Assert.AreEqual("urn:dev:mac:00163e5a0102", q.UriNames[0]);
                Assert.AreEqual(0x0A4D0002u, q.IpAddresses[0]);
            }
        }

        [TestMethod]
        public void OurSelfSignedCertificateIsAcceptedByDotNetAndOpenSsl()
        {
            var ph = MakePhone(CoreHash.Sha256Name);
            var c = X509CertificateLoader.LoadCertificate(ph.SelfSigned);
            Assert.AreEqual("CN=SEP00163E5A0102, O=PhoneAgent Lab", c.Subject);
            Assert.AreEqual(c.Subject, c.Issuer);
            Assert.AreEqual(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, c.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
            Assert.AreEqual(Convert.ToHexString(SHA1.HashData(PhoneAgent.Core.Scep.X509Encoding.RsaPublicKey(ph.Modulus, ph.Exponent))),
                c.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier);
            Assert.IsTrue(c.NotBefore.ToUniversalTime() < Now.UtcDateTime && Now.UtcDateTime.AddDays(29) < c.NotAfter.ToUniversalTime());
            Assert.IsNull(SignatureCheck.Verify(ph.Cert, ph.Cert, null, false));
            using var dir = new TempDir();
            File.WriteAllText(dir.File("self.pem"), c.ExportCertificatePem());
            StringAssert.Contains(OpenSsl($"verify -attime {Now.ToUnixTimeSeconds()} -CAfile self.pem self.pem", dir.Path), "self.pem: OK");
        }

        [TestMethod]
        public void WeReadDotNetBuiltCertReps()
        {
            var ph = MakePhone(CoreHash.Sha256Name);
            var ca = CoreCert(Ca.Value.Cert);
            var caWithKey = Ca.Value.Cert;   // CreateSelfSigned kept the key
            byte[] issued = IssueWithDotNet(ph, caWithKey);
            byte[] certsOnly = CmsCertsOnly.Encode([issued, Ca.Value.Cert.RawData]);
            byte[] ourNonce = ScepMessageWriter.NewNonce(new DotNetRandom(7));
            string tid = ScepMessageWriter.TransactionId(ph.Modulus, ph.Exponent, CoreHash.Sha256Name);
            // Single DES-CBC too: micromdm's scepserver 2.1.0 answers with it (see ScepLabTests).
            foreach (string cipher in new[] { CmsAlgorithms.OidAes128Cbc, CmsAlgorithms.OidAes256Cbc, CmsAlgorithms.OidDesEde3Cbc, CmsAlgorithms.OidDesCbc })
            {
                var env = new EnvelopedCms(new ContentInfo(certsOnly), new AlgorithmIdentifier(new Oid(cipher)));
                env.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, X509CertificateLoader.LoadCertificate(ph.SelfSigned)));
                byte[] rep = DotNetCertRep(caWithKey, "0", tid, ourNonce, env.Encode());

                var m = ScepPkiMessage.TryParse(rep, out string e);
                Assert.IsNotNull(m, e);
                Assert.AreEqual(ScepCodes.CertRep, m.MessageType);
                Assert.AreEqual(ScepCodes.Success, m.PkiStatus);
                Assert.AreEqual(tid, m.TransactionId);
                CollectionAssert.AreEqual(ourNonce, m.RecipientNonce);
                Assert.AreSame(ca, m.VerifySignature([ca], out e), e);
                byte[] inner = m.DecryptEnvelope(ph.Cert, ph.Key, new DotNetRandom(8), out e);
                Assert.IsNotNull(inner, e + " (" + CmsAlgorithms.ContentName(cipher) + ")");
                var certs = CmsCertsOnly.TryParse(inner, out e);
                Assert.IsNotNull(certs, e);
                Assert.IsTrue(certs.Certificates.Any(x => x.AsSpan().SequenceEqual(issued)));
            }

            // (.NET's SignedCms cannot sign empty content, so FAILURE and PENDING replies, which carry
            // none, are built by the core and checked by .NET in DotNetReadsOurCertRep.)
        }

        [TestMethod]
        public void DotNetReadsOurCertRep()
        {
            var ph = MakePhone(CoreHash.Sha256Name);
            var ca = CoreCert(Ca.Value.Cert);
            var caWithKey = Ca.Value.Cert;   // CreateSelfSigned kept the key
            byte[] issued = IssueWithDotNet(ph, caWithKey);
            byte[] certsOnly = CmsCertsOnly.Encode([issued]);
            byte[] theirNonce = new byte[16], ourNonce = ScepMessageWriter.NewNonce(new DotNetRandom(9));
            byte[] rep = ScepMessageWriter.CertRep(ScepCodes.Success, -1, null, "T1", theirNonce, ourNonce, certsOnly, ph.Cert, ca, CoreKey(Ca.Value.Key),
                CoreHash.Sha256Name, CmsAlgorithms.OidAes128Cbc, new DotNetRandom(10));
            var cms = new SignedCms();
            cms.Decode(rep);
            cms.CheckSignature(true);
            Assert.AreEqual("3", PrintableValue(cms.SignerInfos[0], ScepCodes.OidMessageType));
            Assert.AreEqual("0", PrintableValue(cms.SignerInfos[0], ScepCodes.OidPkiStatus));
            var env = new EnvelopedCms();
            env.Decode(cms.ContentInfo.Content);
            env.Decrypt(env.RecipientInfos[0], ph.Rsa);
            CollectionAssert.AreEqual(certsOnly, env.ContentInfo.Content);

            byte[] failure = ScepMessageWriter.CertRep(ScepCodes.Failure, ScepCodes.BadRequest, "challenge password expired", "T1", theirNonce, ourNonce, null, null, ca,
                CoreKey(Ca.Value.Key), CoreHash.Sha256Name, CmsAlgorithms.OidAes128Cbc, new DotNetRandom(11));
            var cf = new SignedCms();
            cf.Decode(failure);
            cf.CheckSignature(true);   // the messageDigest of absent content is that of the empty string
            Assert.AreEqual("2", PrintableValue(cf.SignerInfos[0], ScepCodes.OidFailInfo));
        }

        [TestMethod]
        public void OpenSslStreamingBerEnvelopesAndSignaturesAreRead()
        {
            // `openssl cms -stream` writes indefinite lengths and constructed OCTET STRINGs (real BER).
            var ph = MakePhone(CoreHash.Sha256Name);
            using var dir = new TempDir();
            File.WriteAllText(dir.File("phone.pem"), X509CertificateLoader.LoadCertificate(ph.SelfSigned).ExportCertificatePem());
            File.WriteAllText(dir.File("phone.key"), ph.Rsa.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(dir.File("ca.pem"), Ca.Value.Cert.ExportCertificatePem());
            File.WriteAllText(dir.File("ca.key"), Ca.Value.Key.ExportPkcs8PrivateKeyPem());
            byte[] payload = new byte[3000];
            new Random(12).NextBytes(payload);
            File.WriteAllBytes(dir.File("payload.bin"), payload);
            foreach (string alg in new[] { "-aes128", "-aes256", "-des3" })
            {
                OpenSsl($"cms -encrypt -binary -stream {alg} -outform DER -in payload.bin -out env.der phone.pem", dir.Path);
                byte[] env = File.ReadAllBytes(dir.File("env.der"));
                Assert.AreEqual(0x80, env[1], "indefinite length");
                var parsed = CmsEnvelopedData.TryParse(env, out string e);
                Assert.IsNotNull(parsed, e);
                CollectionAssert.AreEqual(payload, parsed.Decrypt(ph.Cert, ph.Key, new DotNetRandom(13), out e), alg + ": " + e);
            }
            OpenSsl("cms -sign -binary -stream -nodetach -md sha256 -outform DER -in payload.bin -signer ca.pem -inkey ca.key -out signed.der", dir.Path);
            byte[] signed = File.ReadAllBytes(dir.File("signed.der"));
            var sd = CmsSignedData.TryParse(signed, out string why);
            Assert.IsNotNull(sd, why);
            Assert.IsFalse(sd.IsDer);
            CollectionAssert.AreEqual(payload, sd.Content);
            Assert.IsNull(sd.Verify(sd.Signers[0], CoreCert(Ca.Value.Cert)));
            // Change one content byte: the messageDigest no longer matches.
            int at = signed.AsSpan().IndexOf(payload.AsSpan(100, 8));
            Assert.IsTrue(at > 0);
            signed[at + 3] ^= 1;
            var bad = CmsSignedData.TryParse(signed, out why);
            Assert.IsNotNull(bad, why);
            StringAssert.Contains(bad.Verify(bad.Signers[0], CoreCert(Ca.Value.Cert)), "messageDigest");
        }

        private static byte[] IssueWithDotNet(Phone ph, X509Certificate2 caWithKey)
        {
            var req = new CertificateRequest("CN=SEP00163E5A0102, O=PhoneAgent Lab", ph.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return req.Create(caWithKey, Now.AddMinutes(-5), Now.AddYears(1), [0x01, 0x23, 0x45]).RawData;
        }

        private static byte[] DotNetCertRep(X509Certificate2 caWithKey, string status, string tid, byte[] recipientNonce, byte[] envelope)
        {
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, caWithKey) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") };
            signer.SignedAttributes.Add(new AsnEncodedData(ScepCodes.OidMessageType, Printable("3")));
            signer.SignedAttributes.Add(new AsnEncodedData(ScepCodes.OidPkiStatus, Printable(status)));
            signer.SignedAttributes.Add(new AsnEncodedData(ScepCodes.OidTransactionId, Printable(tid)));
            signer.SignedAttributes.Add(new AsnEncodedData(ScepCodes.OidRecipientNonce, Octets(recipientNonce)));
            signer.SignedAttributes.Add(new AsnEncodedData(ScepCodes.OidSenderNonce, Octets(new byte[16])));
            var cms = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.7.1"), envelope), false);
            cms.ComputeSignature(signer);
            return cms.Encode();
        }

        // LoadSigningRequest yields plain X509Extension objects: read them through the typed ones.
        private static T Ext<T>(CertificateRequest req, string oid) where T : System.Security.Cryptography.X509Certificates.X509Extension, new()
        {
            var t = new T();
            t.CopyFrom(req.CertificateExtensions.Single(x => x.Oid!.Value == oid));
            return t;
        }

        private static byte[] Printable(string s)
        {
            var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            w.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.PrintableString, s);
            return w.Encode();
        }

        private static byte[] Octets(byte[] b)
        {
            var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            w.WriteOctetString(b);
            return w.Encode();
        }

        private static string PrintableValue(SignerInfo si, string oid)
        {
            var a = si.SignedAttributes.Cast<CryptographicAttributeObject>().Single(x => x.Oid.Value == oid);
            return new System.Formats.Asn1.AsnReader(a.Values[0].RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.PrintableString);
        }

        private static byte[] OctetValue(SignerInfo si, string oid)
        {
            var a = si.SignedAttributes.Cast<CryptographicAttributeObject>().Single(x => x.Oid.Value == oid);
            return new System.Formats.Asn1.AsnReader(a.Values[0].RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadOctetString();
        }
    }
}
