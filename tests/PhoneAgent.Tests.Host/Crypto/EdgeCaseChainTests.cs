using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.X509;
using PhoneAgent.Tests.Host.Support;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>Edge cases PKITS does not cover, on chains made by TestPki: RFC 6125 host names,
    /// EKU, validity of an intermediate, keyUsage, pathLen, cross-signing with a second
    /// candidate path, and a leaf used as a CA.</summary>
    [TestClass]
    public class EdgeCaseChainTests
    {
        private static readonly long Time = TestPki.Now.ToUnixTimeSeconds();
        private const string ServerAuth = ValidationPolicy.EkuServerAuth;

        private static ValidationResult Validate(TestPki.Issued root, string host, string purpose, params TestPki.Issued[] presented) =>
            new PathValidator(TestPki.Core(root), null).Validate(TestPki.Core(presented), new ValidationPolicy { Time = Time, HostName = host, Purpose = purpose });

        private static TestPki.Issued Ca(TestPki.Issued root, int pathLen = -1) =>
            TestPki.Issue(root, new TestPki.Spec { Subject = "CN=Issuing CA", Ca = true, PathLen = pathLen });

        [TestMethod]
        public void HostNamesFollowRfc6125()
        {
            var root = TestPki.Root();
            var ca = Ca(root);
            var leaf = TestPki.Issue(ca, new TestPki.Spec { Subject = "CN=ignored.lab.test", Dns = new[] { "*.lab.test", "sip.example.org" }, Ips = new[] { "10.77.0.1" }, Eku = new[] { ServerAuth } });
            Assert.IsTrue(Validate(root, "web.lab.test", ServerAuth, leaf, ca).Valid, "left-most wildcard label");
            Assert.IsTrue(Validate(root, "WEB.Lab.Test", ServerAuth, leaf, ca).Valid, "case-insensitive");
            Assert.IsTrue(Validate(root, "sip.example.org", ServerAuth, leaf, ca).Valid);
            Assert.IsTrue(Validate(root, "10.77.0.1", ServerAuth, leaf, ca).Valid, "IP SAN");
            Assert.AreEqual("host-name", Validate(root, "a.b.lab.test", ServerAuth, leaf, ca).Code, "a wildcard covers one label");
            Assert.AreEqual("host-name", Validate(root, "lab.test", ServerAuth, leaf, ca).Code, "a wildcard needs a label");
            Assert.AreEqual("host-name", Validate(root, "ignored.lab.test2", ServerAuth, leaf, ca).Code);
            Assert.AreEqual("host-name", Validate(root, "10.77.0.2", ServerAuth, leaf, ca).Code);
            var cnOnly = TestPki.Issue(ca, new TestPki.Spec { Subject = "CN=cn.lab.test", Dns = new[] { "san.lab.test" } });
            Assert.AreEqual("host-name", Validate(root, "cn.lab.test", null, cnOnly, ca).Code, "CN is ignored when a SAN is present");
        }

        [TestMethod]
        public void ClientCertificateIsNotAServer()
        {
            var root = TestPki.Root();
            var ca = Ca(root);
            var client = TestPki.Issue(ca, new TestPki.Spec { Subject = "CN=phone", Eku = new[] { ValidationPolicy.EkuClientAuth } });
            var r = Validate(root, null, ServerAuth, client, ca);
            Assert.AreEqual("eku", r.Code);
            StringAssert.Contains(r.Message, "is not for TLS server authentication");
            Assert.IsTrue(Validate(root, null, ValidationPolicy.EkuClientAuth, client, ca).Valid);
        }

        [TestMethod]
        public void ExpiredIntermediateIsNamed()
        {
            var root = TestPki.Root();
            var ca = TestPki.Issue(root, new TestPki.Spec { Subject = "CN=Old CA", Ca = true, NotBefore = TestPki.Now.AddDays(-60), NotAfter = TestPki.Now.AddDays(-2) });
            var leaf = TestPki.Issue(ca, new TestPki.Spec { NotBefore = TestPki.Now.AddDays(-3) });
            var r = Validate(root, null, null, leaf, ca);
            Assert.AreEqual("expired", r.Code);
            StringAssert.Contains(r.Message, "CA certificate \"CN=Old CA\"");
        }

        [TestMethod]
        public void KeyUsageAndBasicConstraintsAreEnforced()
        {
            var root = TestPki.Root();
            var noSign = TestPki.Issue(root, new TestPki.Spec { Subject = "CN=No Sign CA", Ca = true, KeyUsage = X509KeyUsageFlags.CrlSign });
            Assert.AreEqual("key-usage", Validate(root, null, null, TestPki.Issue(noSign, new TestPki.Spec()), noSign).Code);

            var leafAsCa = TestPki.Issue(root, new TestPki.Spec { Subject = "CN=Just a leaf", Ca = false, KeyUsage = X509KeyUsageFlags.KeyCertSign });
            var r = Validate(root, null, null, TestPki.Issue(leafAsCa, new TestPki.Spec()), leafAsCa);
            Assert.AreEqual("not-a-ca", r.Code);
            StringAssert.Contains(r.Message, "basicConstraints has cA = FALSE");

            var ca0 = Ca(root, pathLen: 0);
            var sub = TestPki.Issue(ca0, new TestPki.Spec { Subject = "CN=Sub CA", Ca = true });
            Assert.AreEqual("path-length", Validate(root, null, null, TestPki.Issue(sub, new TestPki.Spec()), sub, ca0).Code);
        }

        [TestMethod]
        public void CrossSignedIntermediateFindsTheValidPath()
        {
            // The issuing CA's key is certified twice: by the old root (that cross-certificate
            // has expired) and by the new root. The server sends the expired cross-certificate
            // first; the validator must try the other candidate and succeed with the new root.
            var oldRoot = TestPki.Root("CN=Old Root");
            var newRoot = TestPki.Root("CN=New Root");
            var caKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var viaOld = TestPki.Issue(oldRoot, new TestPki.Spec { Subject = "CN=Issuing CA", Ca = true, Key = caKey, NotBefore = TestPki.Now.AddDays(-60), NotAfter = TestPki.Now.AddDays(-1) });
            var viaNew = TestPki.Issue(newRoot, new TestPki.Spec { Subject = "CN=Issuing CA", Ca = true, Key = caKey });
            var leaf = TestPki.Issue(viaNew, new TestPki.Spec { Dns = new[] { "sip.lab.test" } });
            var v = new PathValidator(TestPki.Core(oldRoot, newRoot), null);
            var r = v.Validate(TestPki.Core(leaf, viaOld, viaNew), new ValidationPolicy { Time = TestPki.Now.ToUnixTimeSeconds(), HostName = "sip.lab.test" });
            Assert.IsTrue(r.Valid, r.Message);
            StringAssert.Contains(r.Message, "anchored at \"CN=New Root\"");
            // Only the old root trusted: the cross-certificate's expiry is what is reported.
            var onlyOld = new PathValidator(TestPki.Core(oldRoot), null).Validate(TestPki.Core(leaf, viaOld, viaNew), new ValidationPolicy { Time = TestPki.Now.ToUnixTimeSeconds() });
            Assert.AreEqual("expired", onlyOld.Code);
            StringAssert.Contains(onlyOld.Message, "CA certificate \"CN=Issuing CA\"");
        }
    }
}
