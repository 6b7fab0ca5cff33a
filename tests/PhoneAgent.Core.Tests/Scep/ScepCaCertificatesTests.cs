#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Tests.Scep
{
    /// <summary>GetCACert answers (RFC 8894 §4.2.1) sorted into CA, RA and chain, with the pin
    /// checked against the CA or a CA above it.</summary>
    [TestClass]
    public class ScepCaCertificatesTests
    {
        private static readonly long Now = ScepTestCa.Now;

        private static byte[] Name(string cn) { return new X509NameBuilder().Add(X509NameBuilder.OidOrganization, "PhoneAgent Lab").Add(X509NameBuilder.OidCommonName, cn).ToDer(); }

        private static X509Certificate Cert(string subject, string issuer, ScepKeyPair key, ScepKeyPair signer, bool ca, int keyUsage, int serial)
        {
            CertificateBuilder b = new CertificateBuilder();
            b.SerialNumber = new byte[] { (byte)serial };
            b.IssuerDer = Name(issuer);
            b.SubjectDer = Name(subject);
            b.NotBefore = Now - 86400;
            b.NotAfter = Now + 86400 * 365L;
            b.Modulus = key.Modulus;
            b.Exponent = key.Exponent;
            b.BasicConstraints = true;   // cA TRUE or FALSE, explicit
            b.IsCa = ca;
            b.KeyUsage = keyUsage;
            string e;
            X509Certificate c = X509Certificate.TryParse(b.Sign(signer.Key, HashAlgorithm.Sha256Name), out e);
            Assert.IsNotNull(c, e);
            return c;
        }

        private const int CaUsage = X509Certificate.KuKeyCertSign | X509Certificate.KuCrlSign;
        private const int RaUsage = X509Certificate.KuDigitalSignature | X509Certificate.KuKeyEncipherment;

        private static X509Certificate Root() { return Cert("Root", "Root", TestRsaKeys.Ca, TestRsaKeys.Ca, true, CaUsage, 1); }
        private static X509Certificate Issuing() { return Cert("Issuing", "Root", TestRsaKeys.Ra, TestRsaKeys.Ca, true, CaUsage, 2); }
        private static string Pin(X509Certificate c) { return "sha256:" + Util.Hex.Bytes(c.Sha256Fingerprint); }
        private static byte[] Cms(params X509Certificate[] certs)
        {
            byte[][] d = new byte[certs.Length][];
            for (int i = 0; i < certs.Length; i++) d[i] = certs[i].Der;
            return CmsCertsOnly.Encode(d);
        }

        [TestMethod]
        public void OneCaCertificateDoesEverything()
        {
            X509Certificate root = Root();
            string e;
            ScepCaCertificates r = ScepCaCertificates.TryParse("application/x-x509-ca-cert", root.Der, Pin(root), false, out e);
            Assert.IsNotNull(r, e);
            Assert.IsTrue(r.Ca == r.Recipient && r.Signers.Length == 1 && r.Signers[0] == r.Ca && r.Pinned == r.Ca);
            Assert.IsFalse(r.HasRa);
            Assert.AreEqual(1, r.Chain.Length);
        }

        [TestMethod]
        public void AnRaReceivesAndSignsAndTheCaIsItsIssuer()
        {
            X509Certificate root = Root();
            X509Certificate ra = Cert("RA", "Root", TestRsaKeys.Phone1, TestRsaKeys.Ca, false, RaUsage, 3);
            string e;
            ScepCaCertificates r = ScepCaCertificates.TryParse("Application/X-X509-CA-RA-Cert; charset=binary", Cms(ra, root), Pin(root), false, out e);
            Assert.IsNotNull(r, e);
            Assert.IsTrue(r.HasRa);
            Assert.AreEqual("O=PhoneAgent Lab, CN=RA", r.Recipient.Subject.Text);
            Assert.AreEqual("O=PhoneAgent Lab, CN=Root", r.Ca.Subject.Text);
            Assert.AreEqual(2, r.Signers.Length);
            Assert.IsTrue(r.Signers[0] == r.Recipient && r.Signers[1] == r.Ca);

            // Separate RA certificates for encryption and for signing (§4.2.1.2).
            X509Certificate raEnc = Cert("RA enc", "Root", TestRsaKeys.Phone1, TestRsaKeys.Ca, false, X509Certificate.KuKeyEncipherment, 4);
            X509Certificate raSig = Cert("RA sig", "Root", TestRsaKeys.Phone2, TestRsaKeys.Ca, false, X509Certificate.KuDigitalSignature, 5);
            r = ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(raSig, root, raEnc), Pin(root), false, out e);
            Assert.IsNotNull(r, e);
            Assert.AreEqual("O=PhoneAgent Lab, CN=RA enc", r.Recipient.Subject.Text);
            Assert.AreEqual(2, r.Signers.Length);
            Assert.AreEqual("O=PhoneAgent Lab, CN=RA sig", r.Signers[0].Subject.Text);
        }

        [TestMethod]
        public void AChainWithoutRaIssuesFromTheLowestCaAndThePinMayNameTheRoot()
        {
            X509Certificate root = Root(), issuing = Issuing();
            string e;
            ScepCaCertificates r = ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(root, issuing), Pin(root), false, out e);
            Assert.IsNotNull(r, e);
            Assert.AreEqual("O=PhoneAgent Lab, CN=Issuing", r.Ca.Subject.Text);
            Assert.IsTrue(r.Recipient == r.Ca && !r.HasRa);
            Assert.AreEqual(2, r.Chain.Length);
            Assert.IsTrue(r.Pinned == r.Chain[1], "the root matched");
            Assert.IsTrue(r.Summary.IndexOf("fingerprint matched \"O=PhoneAgent Lab, CN=Root\"") >= 0, r.Summary);
            r = ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(root, issuing), Pin(issuing), false, out e);
            Assert.IsNotNull(r, e);
            Assert.IsTrue(r.Pinned == r.Ca);
        }

        [TestMethod]
        public void TheWrongPinStopsEverythingAndNamesWhatWasOffered()
        {
            X509Certificate root = Root(), issuing = Issuing();
            string e;
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(root, issuing), "SHA1:" + Util.Hex.Bytes(new byte[20]), false, out e));
            Assert.IsTrue(e.IndexOf("does not match the configured fingerprint") >= 0, e);
            Assert.IsTrue(e.IndexOf(Util.Hex.Bytes(issuing.Sha256Fingerprint)) >= 0);
            Assert.IsTrue(e.IndexOf(Util.Hex.Bytes(root.Sha256Fingerprint)) >= 0);
            // A root pin does not vouch for an "issuing CA" it did not sign (another key, same name).
            X509Certificate forged = Cert("Issuing", "Root", TestRsaKeys.Ra, TestRsaKeys.Phone2, true, CaUsage, 9);
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(root, forged), Pin(root), false, out e));
        }

        [TestMethod]
        public void MalformedAndUntrustworthyAnswersAreRefusedWithReasons()
        {
            X509Certificate root = Root();
            string e;
            // An RA that the CA did not sign.
            X509Certificate rogue = Cert("RA", "Root", TestRsaKeys.Phone1, TestRsaKeys.Phone2, false, RaUsage, 6);
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(rogue, root), Pin(root), false, out e));
            Assert.IsTrue(e.IndexOf("is not signed by the CA") >= 0, e);
            // RAs, but none that may receive requests.
            X509Certificate signOnly = Cert("RA", "Root", TestRsaKeys.Phone1, TestRsaKeys.Ca, false, X509Certificate.KuDigitalSignature, 7);
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(signOnly, root), Pin(root), false, out e));
            Assert.IsTrue(e.IndexOf("keyEncipherment") >= 0, e);
            // No CA certificate at all: alone, or with another end-entity certificate.
            X509Certificate leaf = Cert("Leaf", "Root", TestRsaKeys.Phone2, TestRsaKeys.Ca, false, RaUsage, 8);
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-ra-cert", Cms(signOnly, leaf), Pin(root), false, out e));
            Assert.IsTrue(e.IndexOf("is a CA certificate") >= 0, e);
            X509Certificate notCa = Cert("Not a CA", "Not a CA", TestRsaKeys.Phone2, TestRsaKeys.Phone2, false, RaUsage, 8);
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-cert", notCa.Der, Pin(notCa), false, out e));
            Assert.IsTrue(e.IndexOf("basicConstraints cA is false") >= 0, e);
            // Bodies that are nothing.
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-cert", new byte[0], Pin(root), false, out e));
            Assert.IsNull(ScepCaCertificates.TryParse("application/x-x509-ca-cert", Util.Ascii.GetBytes("<html>"), Pin(root), false, out e));
            Assert.IsTrue(e.IndexOf("not one DER certificate") >= 0, e);
            Assert.IsNull(ScepCaCertificates.TryParse("text/html", Util.Ascii.GetBytes("<html>"), Pin(root), false, out e));
            Assert.IsTrue(e.IndexOf("neither a DER certificate") >= 0, e);
            // A bad pin string is the caller's mistake.
            Expect.ThrowsArgument(delegate { ScepCaCertificates.TryParse("application/x-x509-ca-cert", root.Der, "md5:00", false, out e); }, "md5 pin");
            Expect.ThrowsArgument(delegate { ScepCaCertificates.TryParse("application/x-x509-ca-cert", root.Der, null, false, out e); }, "no pin");
        }

        [TestMethod]
        public void AWrongContentTypeIsToleratedWhenTheBodyIsClear()
        {
            X509Certificate root = Root(), issuing = Issuing();
            string e;
            ScepCaCertificates r = ScepCaCertificates.TryParse(null, root.Der, Pin(root), false, out e);
            Assert.IsNotNull(r, e);
            Assert.IsTrue(r.Summary.IndexOf("Content-Type") >= 0);
            r = ScepCaCertificates.TryParse("application/octet-stream", Cms(root, issuing), Pin(root), false, out e);
            Assert.IsNotNull(r, e);
            Assert.AreEqual(2, r.All.Length);
        }
    }
}
