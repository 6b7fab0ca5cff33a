using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>The AIA completion machine on the lab PKI's server-aia.crt (caIssuers
    /// http://10.77.0.1:8080/int.cer) with the fetch scripted; the real HTTP fetch is in the
    /// lab tests.</summary>
    [TestClass]
    public class AiaCompletionTests
    {
        private static string Pki(string f) => Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki", f);

        private static byte[] PemDer(string file) => PhoneAgent.Tests.Host.Support.PemFile.Der(Pki(file));

        private static PhoneAgent.Core.X509.X509Certificate Cert(byte[] der) =>
            PhoneAgent.Core.X509.X509Certificate.TryParse(der, out var e) ?? throw new InvalidDataException(e);

        private static AiaCompletion Start()
        {
            if (!File.Exists(Pki("server-aia.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
            var leaf = Cert(PemDer("server-aia.crt"));
            var policy = new ValidationPolicy { Time = leaf.NotBefore + 3600, HostName = "web.lab.test" };
            return new AiaCompletion(new[] { Cert(PemDer("root.crt")) }, null, new[] { leaf }, policy, null);
        }

        [TestMethod]
        public void TheFetchedIntermediateCompletesTheChainAndIsReported()
        {
            var aia = Start();
            Assert.AreEqual("missing-issuer", aia.Result.Code);
            Assert.AreEqual("http://10.77.0.1:8080/int.cer", aia.PendingUrl);
            aia.Supply(File.ReadAllBytes(Pki("int.cer")));
            Assert.IsNull(aia.PendingUrl);
            Assert.IsTrue(aia.Result.Valid, aia.Result.Message);
            Assert.AreEqual(3, aia.Result.Path.Length);
            StringAssert.Contains(aia.Notes, "fetched \"CN=Lab Issuing CA\"");
            StringAssert.Contains(aia.Notes, "from http://10.77.0.1:8080/int.cer");
            StringAssert.Contains(aia.Notes, "completed by the AIA fetch");
            Assert.AreEqual(1, aia.Fetched.Length);
        }

        [TestMethod]
        public void ACertsOnlyCmsBodyWorksToo()
        {
            var aia = Start();
            aia.Supply(PhoneAgent.Core.Cms.CmsCertsOnly.Encode(new[] { File.ReadAllBytes(Pki("int.cer")) }));
            Assert.IsTrue(aia.Result.Valid, aia.Result.Message + " / " + aia.Notes);
        }

        [TestMethod]
        public void FailuresAndJunkLeaveTheDiagnosisAndStop()
        {
            var failed = Start();
            failed.Failed("no answer from 10.77.0.1:8080 within 5 s");
            Assert.IsNull(failed.PendingUrl, "each URL is tried once");
            Assert.AreEqual("missing-issuer", failed.Result.Code);
            StringAssert.Contains(failed.Notes, "could not fetch http://10.77.0.1:8080/int.cer: no answer");

            var junk = Start();
            junk.Supply(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 });
            Assert.IsNull(junk.PendingUrl);
            StringAssert.Contains(junk.Notes, "held no usable certificate");

            var wrong = Start();
            wrong.Supply(PemDer("client.crt"));       // a certificate, but not the issuer
            Assert.AreEqual("missing-issuer", wrong.Result.Code);

            var huge = Start();
            huge.Supply(new byte[AiaCompletion.MaxBody + 1]);
            StringAssert.Contains(huge.Notes, "exceeds");
            Assert.ThrowsExactly<InvalidOperationException>(() => huge.Supply(new byte[1]));
        }
    }
}
