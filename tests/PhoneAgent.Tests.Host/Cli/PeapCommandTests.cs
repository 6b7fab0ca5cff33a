using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli;

namespace PhoneAgent.Tests.Host.Cli
{
    /// <summary>`phoneagent 8021x --method peap` input checks (no network: every case stops before
    /// a socket is opened). The exchange itself: Lab/PeapLabTests.</summary>
    [TestClass]
    public class PeapCommandTests
    {
        private static (int exit, string output, string error) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int exit = CliApp.Run(args, o, e);
            return (exit, o.ToString(), e.ToString());
        }

        [TestMethod]
        public void PeapNeedsAPasswordFileAndRoots()
        {
            string pw = Path.Combine(Path.GetTempPath(), "phoneagent-peap-pw");
            File.WriteAllText(pw, "peappass\n");
            var (exit, _, error) = Run("8021x", "--interface", "lo", "--method", "peap");
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "peap needs --password-file");
            (exit, _, error) = Run("8021x", "--interface", "lo", "--method", "peap", "--password-file", pw);
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "peap needs --roots");
            (exit, _, error) = Run("8021x", "--interface", "lo", "--method", "peap", "--password-file", pw, "--roots", "/nonexistent/roots.pem");
            Assert.AreEqual(2, exit);
            (exit, _, error) = Run("8021x", "--interface", "lo", "--method", "peap", "--password-file", pw, "--anonymous-identity", "");
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "--anonymous-identity must be 1 to 253 characters");
            Assert.IsFalse(error.Contains("peappass"), "the password is never printed");
            (exit, _, error) = Run("8021x", "--interface", "lo", "--method", "tls", "--password-file", pw);
            Assert.AreEqual(2, exit);
            StringAssert.Contains(error, "EAP-TLS needs the phone's certificate, its key and the roots", "tls ignores the password and asks for its own material");
        }
    }
}
