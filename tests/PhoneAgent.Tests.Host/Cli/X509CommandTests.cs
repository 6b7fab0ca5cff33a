using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli;

namespace PhoneAgent.Tests.Host.Cli
{
    /// <summary>`phoneagent x509 verify` on the lab PKI of ../shared/lab/pki (root -> "Lab Issuing
    /// CA" -> leaves made with openssl, see its README): the path, the missing intermediate with
    /// its AIA URL, host-name and purpose failures, exit codes 0/1/2.</summary>
    [TestClass]
    public class X509CommandTests
    {
        private static string Pki(string f)
        {
            string p = Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki", f);
            if (!File.Exists(p)) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
            return p;
        }

        private static (int exit, string output, string error) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int exit = CliApp.Run(args, o, e);
            return (exit, o.ToString(), e.ToString());
        }

        // The lab PKI is remade by its script now and then: validate one day after the latest
        // notBefore of the certificates used, inside every certificate's validity.
        private static string When
        {
            get
            {
                var latest = System.DateTime.MinValue;
                foreach (var f in new[] { "root.crt", "int.crt", "server.crt", "server-aia.crt", "client.crt" })
                {
                    using var c = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Pki(f));
                    if (c.NotBefore.ToUniversalTime() > latest) latest = c.NotBefore.ToUniversalTime();
                }
                return latest.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        [TestMethod]
        public void ChainWithIntermediateIsValid()
        {
            var (exit, output, error) = Run("x509", "verify", "--roots", Pki("root.crt"), "--chain", Pki("server-chain.crt"),
                "--host", "radius.lab.test", "--purpose", "server", "--time", When);
            Assert.AreEqual(0, exit, output + error);
            StringAssert.Contains(output, "VALID");
            StringAssert.Contains(output, "anchor \"CN=Lab Root CA\"");
        }

        [TestMethod]
        public void LeafOnlyNamesTheMissingIntermediateAndItsAiaUrl()
        {
            var (exit, output, _) = Run("x509", "verify", "--roots", Pki("root.crt"), "--chain", Pki("server-aia.crt"), "--time", When);
            Assert.AreEqual(1, exit);
            StringAssert.Contains(output, "NOT VALID (missing-issuer)");
            StringAssert.Contains(output, "no certificate for issuer \"CN=Lab Issuing CA\"");
            StringAssert.Contains(output, "its AIA caIssuers URL http://10.77.0.1:8080/int.cer could supply the missing certificate");
            var (ok, _, _) = Run("x509", "verify", "--roots", Pki("root.crt"), "--chain", Pki("server-aia.crt"),
                "--intermediates", Pki("int.crt"), "--host", "web.lab.test", "--time", When);
            Assert.AreEqual(0, ok, "a provisioned intermediate completes the chain");
        }

        [TestMethod]
        public void WrongHostAndWrongPurposeAreRefused()
        {
            var (exit, output, _) = Run("x509", "verify", "--roots", Pki("root.crt"), "--chain", Pki("server-chain.crt"), "--host", "wrong.lab.test", "--time", When);
            Assert.AreEqual(1, exit);
            StringAssert.Contains(output, "NOT VALID (host-name)");
            var (exit2, output2, _) = Run("x509", "verify", "--roots", Pki("root.crt"), "--chain", Pki("client-chain.crt"), "--purpose", "server", "--time", When);
            Assert.AreEqual(1, exit2, output2);
            StringAssert.Contains(output2, "NOT VALID (eku)");
        }

        [TestMethod]
        public void BadInputExitsWith2()
        {
            Assert.AreEqual(2, Run("x509", "verify", "--roots", "/nonexistent.pem", "--chain", Pki("server.crt")).exit);
            Assert.AreEqual(2, Run("x509", "verify", "--roots", Pki("root.crt"), "--chain", Pki("client.key")).exit);
            Assert.AreEqual(2, Run("x509", "verify", "--roots", Pki("root.crt"), "--chain", Pki("server.crt"), "--time", "yesterday-ish").exit);
        }
    }
}
