using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using HashAlgorithm = PhoneAgent.Core.Crypto.HashAlgorithm;
using PhoneAgent.Core.Scep;
using static PhoneAgent.Tests.Host.Scep.ScepHostSupport;

namespace PhoneAgent.Tests.Host.Scep
{
    /// <summary>The real PKCSReq of shared/vectors/scep (micromdm/scep testdata, commit 9902c1a;
    /// written by an Apple device in 2016): SHA-1, messageType 19, enveloped with DES-EDE3-CBC for
    /// the test CA testca-ca.crt (valid 2016-05-29..2026-05-29). Decoded, its signature checked,
    /// the envelope opened with the CA's key and the CSR inside verified; .NET's SignedCms and
    /// EnvelopedCms read the same message as the oracle.</summary>
    [TestClass]
    public class ScepVectorTests
    {
        // A fixed time inside the test CA's validity, so the test does not expire with the CA.
        private static readonly long At = Asn1Time.ToUnix(2020, 1, 1, 0, 0, 0);

        [TestMethod]
        public void DecodesVerifiesAndDecryptsTheRealPkcsReq()
        {
            byte[] der = File.ReadAllBytes(VectorPath("PKCSReq.der"));
            var m = ScepPkiMessage.TryParse(der, out string e);
            Assert.IsNotNull(m, e);
            Assert.AreEqual(ScepCodes.PkcsReq, m.MessageType);
            Assert.AreEqual("A13090761A30F66664F85D37433D2065E1112BA1", m.TransactionId);
            Assert.AreEqual("ae7fe8816cc6bedd", PhoneAgent.Core.Util.Hex.Bytes(m.SenderNonce));   // 8 octets, not RFC 8894's 16
            Assert.AreEqual(HashAlgorithm.Sha1Name, m.HashName);
            Assert.IsNull(m.RecipientNonce);
            Assert.AreEqual(-1, m.PkiStatus);
            Assert.IsTrue(m.SignedData.IsDer);

            // The signer is the self-signed certificate the message carries (RFC 8894 §2.3).
            var included = m.IncludedCertificates(out e);
            Assert.IsNotNull(included, e);
            Assert.AreEqual(1, included.Length);
            Assert.AreEqual("CN=MDM SCEP SIGNER, C=US", included[0].Subject.Text);
            var signer = m.VerifySignature(included, out e);
            Assert.IsNotNull(signer, e);
            Assert.AreSame(included[0], signer);

            // The CA's key opens the envelope; .NET's EnvelopedCms gets the same bytes.
            byte[] caDer = X509CertificateLoader.LoadCertificateFromFile(VectorPath("testca-ca.crt")).RawData;
            var ca = CoreCert(caDer);
            Assert.IsTrue(ca.NotBefore <= At && At <= ca.NotAfter);
            using RSA caRsa = LoadLegacyEncryptedRsaKey(VectorPath("testca-ca.key"), "");
            byte[] csr = m.DecryptEnvelope(ca, CoreKey(caRsa), new DotNetRandom(1), out e);
            Assert.IsNotNull(csr, e);
            var env = CmsEnvelopedData.TryParse(m.Envelope, out e);
            Assert.IsNotNull(env, e);
            Assert.AreEqual(CmsAlgorithms.OidDesEde3Cbc, env.ContentEncryptionAlgorithm);
            var dotnet = new EnvelopedCms();
            dotnet.Decode(m.Envelope);
            using (var caWithKey = X509CertificateLoader.LoadCertificate(caDer).CopyWithPrivateKey(caRsa))
                dotnet.Decrypt(dotnet.RecipientInfos[0], caWithKey.GetRSAPrivateKey()!);
            CollectionAssert.AreEqual(dotnet.ContentInfo.Content, csr);

            // The CSR: Apple's version 2, the subject, keyUsage, and a good self-signature.
            var q = Pkcs10Request.TryParse(csr, out e);
            Assert.IsNotNull(q, e);
            Assert.AreEqual(2, q.Version);
            Assert.AreEqual("CN=com.apple.security.scep.063D7953-1338-4BF0-8F99-913382996224", q.Subject.Text);
            Assert.IsTrue(q.HasKeyUsage);
            Assert.AreEqual(PhoneAgent.Core.X509.X509Certificate.KuDigitalSignature, q.KeyUsage);
            Assert.IsNull(q.ChallengePassword);
            Assert.AreEqual(1024, new RsaPublicKey(q.RsaModulus, q.RsaExponent).ModulusBits);
            Assert.IsNull(q.VerifySignature(), q.VerifySignature());
            // The client named the transaction by the SHA-1 of the CSR's RSAPublicKey (§3.2.1.1).
            Assert.AreEqual(m.TransactionId, ScepMessageWriter.TransactionId(q.RsaModulus, q.RsaExponent, HashAlgorithm.Sha1Name));

            // The wrong key does not open it: a random content key stands in (RFC 3218) and the
            // content fails its padding check, or (rarely) decrypts to garbage that is no CSR.
            using var other = RSA.Create(4096);
            byte[] wrong = m.DecryptEnvelope(ca, CoreKey(other), new DotNetRandom(2), out e);
            Assert.IsTrue(wrong == null || Pkcs10Request.TryParse(wrong, out _) == null);
        }

        [TestMethod]
        public void DotNetAgreesTheSignatureIsGood()
        {
            byte[] der = File.ReadAllBytes(VectorPath("PKCSReq.der"));
            var cms = new SignedCms();
            cms.Decode(der);
            cms.CheckSignature(true);   // signature only: the signer is self-signed
            var m = ScepPkiMessage.TryParse(der, out string e);
            Assert.IsNotNull(m, e);
            CollectionAssert.AreEqual(cms.ContentInfo.Content, m.Envelope);
            Assert.AreEqual(cms.SignerInfos[0].SignedAttributes.Count, m.Signer.AttributeOids.Length);

            // One flipped bit of the signed messageType attribute breaks ours as it breaks .NET's.
            byte[] bad = (byte[])der.Clone();
            int at = IndexOf(der, new byte[] { 0x13, 0x02, (byte)'1', (byte)'9' });
            bad[at + 3] = (byte)'7';   // "19" -> "17"
            var mb = ScepPkiMessage.TryParse(bad, out e);
            Assert.IsNotNull(mb, e);
            Assert.AreEqual(ScepCodes.RenewalReq, mb.MessageType);
            Assert.IsNull(mb.VerifySignature(mb.IncludedCertificates(out _), out e));
            StringAssert.Contains(e, "does not verify");
            var cmsBad = new SignedCms();
            cmsBad.Decode(bad);
            Assert.ThrowsExactly<CryptographicException>(() => cmsBad.CheckSignature(true));
        }

        [TestMethod]
        public void TheTestCaPassesAsGetCaCertWithItsPin()
        {
            byte[] caDer = X509CertificateLoader.LoadCertificateFromFile(VectorPath("testca-ca.crt")).RawData;
            string pin = "sha256:" + Convert.ToHexString(SHA256.HashData(caDer));
            var r = ScepCaCertificates.TryParse("application/x-x509-ca-cert", caDer, pin, false, out string e);
            Assert.IsNotNull(r, e);
            Assert.AreSame(r.Ca, r.Recipient);
            Assert.IsFalse(r.HasRa);
            StringAssert.Contains(r.Summary, "fingerprint matched the CA");
            string wrongPin = "sha1:" + Convert.ToHexString(new byte[20]);
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-cert", caDer, wrongPin, false, out e));
            StringAssert.Contains(e, "does not match the configured fingerprint");
        }

        private static int IndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
                if (hay.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            throw new InvalidOperationException("not found");
        }
    }
}
