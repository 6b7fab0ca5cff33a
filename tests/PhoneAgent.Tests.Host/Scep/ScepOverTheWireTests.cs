using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Store;
using PhoneAgent.Hardware.Emulated.Flash;

namespace PhoneAgent.Tests.Host.Scep
{
    /// <summary>`phoneagent scep enroll` and `scep renew`, in process, over real TCP on 127.0.0.1
    /// against ScriptedScepPeer, a SCEP server made of .NET's CMS and X.509 classes only: PENDING,
    /// PENDING, then SUCCESS with the CertPolls on the doubling backoff, a wrong challenge
    /// answered FAILURE, and renewal from what the store recorded.</summary>
    [TestClass]
    public class ScepOverTheWireTests
    {
        private static (int exit, string output, string error) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int exit = CliApp.Run(args, o, e);
            return (exit, o.ToString(), e.ToString());
        }

        private static string TempDir()
        {
            string d = Path.Combine(Path.GetTempPath(), "phoneagent-scep-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(d);
            return d;
        }

        private static (int, string, string) Enroll(ScriptedScepPeer peer, string dir, string challenge, params string[] extra)
        {
            string file = Path.Combine(dir, "challenge");
            File.WriteAllText(file, challenge + "\n");
            return Run(new[] { "scep", "enroll", "--url", peer.Url, "--challenge-file", file, "--ca-fingerprint", peer.Pin,
                "--store", Path.Combine(dir, "store"), "--mac", "00:16:3e:5a:01:02", "--timeout", "60" }.Concat(extra).ToArray());
        }

        [TestMethod]
        public void PendingTwiceThenSuccessIsPolledOnTheBackoffAndInstalled()
        {
            using var peer = new ScriptedScepPeer("PENDING", "PENDING", "SUCCESS");
            string dir = TempDir();
            try
            {
                var (exit, output, error) = Enroll(peer, dir, peer.Challenge, "--poll-first", "1", "--poll-max", "8");
                Assert.AreEqual(0, exit, output + error + peer.LastError);
                StringAssert.Contains(output, "CertRep PENDING");
                StringAssert.Contains(output, "next CertPoll in 1 s");
                StringAssert.Contains(output, "next CertPoll in 2 s");
                StringAssert.Contains(output, "after 2 CertPoll(s)");
                StringAssert.Contains(output, "LSC: Installed (CN=SEP00163E5A0102");
                Assert.AreEqual("19 20 20", string.Join(" ", peer.Log.Select(l => l.Type)), "PKCSReq, CertPoll, CertPoll");
                Assert.AreEqual(1, peer.Log.Select(l => l.Tid).Distinct().Count(), "one transactionID throughout (RFC 8894 §3.3.3)");
                long first = peer.Log[1].AtMs - peer.Log[0].AtMs, second = peer.Log[2].AtMs - peer.Log[1].AtMs;
                Console.WriteLine($"CertPoll intervals measured at the peer: {first} ms, {second} ms (scheduled 1 s, 2 s)");
                // The schedule itself is asserted exactly on virtual time (ScepStepTests); here only that
                // the wire saw no early poll, and the doubling.
                Assert.IsTrue(first >= 950 && second >= 1950, $"{first} ms, {second} ms");
                var set = new CredentialStore(new ImageStore(new DirectoryMedia(Path.Combine(dir, "store")))).Load(out string problem);
                Assert.IsNotNull(set, problem);
                CollectionAssert.AreEqual(peer.Ca.RawData, set.ChainDer[0]);
                var lsc = X509CertificateLoader.LoadCertificate(set.CertificateDer);
                Assert.AreEqual(peer.Ca.Subject, lsc.Issuer);
                Assert.AreEqual(peer.Url, set.EnrollUrl);
                Assert.AreEqual(peer.Pin, set.CaFingerprint);
            }
            finally { Directory.Delete(dir, true); }
        }

        [TestMethod]
        public void AWrongChallengeIsAnsweredFailureAndExplained()
        {
            using var peer = new ScriptedScepPeer("SUCCESS");
            string dir = TempDir();
            try
            {
                var (exit, output, error) = Enroll(peer, dir, "wrong-challenge");
                Assert.AreEqual(1, exit, output + error);
                StringAssert.Contains(output, "NOT ISSUED: the CA answered FAILURE to the PKCSReq: badRequest");
                Assert.IsFalse(output.Contains("wrong-challenge", StringComparison.Ordinal), "the challenge is never printed");
                StringAssert.Contains(output, "LSC: Not installed");
            }
            finally { Directory.Delete(dir, true); }
        }

        [TestMethod]
        public void RenewRefusesAnEmptyStoreThenRenewsFromWhatTheStoreRecorded()
        {
            string dir = TempDir();
            try
            {
                Directory.CreateDirectory(Path.Combine(dir, "store"));
                var (exit0, output0, error0) = Run("scep", "renew", "--store", Path.Combine(dir, "store"));
                Assert.AreEqual(1, exit0, output0 + error0);
                StringAssert.Contains(output0, "NOT RENEWED: the store " + Path.Combine(dir, "store") + " holds no LSC");

                using var peer = new ScriptedScepPeer("SUCCESS", "SUCCESS") { Caps = "POSTPKIOperation\nSHA-256\nAES\nRenewal\nSCEPStandard\n" };
                var (exit, output, error) = Enroll(peer, dir, peer.Challenge);
                Assert.AreEqual(0, exit, output + error + peer.LastError);
                var first = new CredentialStore(new ImageStore(new DirectoryMedia(Path.Combine(dir, "store")))).Load(out _);

                var (exit2, output2, error2) = Run("scep", "renew", "--store", Path.Combine(dir, "store"), "--timeout", "60");
                Assert.AreEqual(0, exit2, output2 + error2 + peer.LastError);
                StringAssert.Contains(output2, $"renewing at {peer.Url} (recorded at enrollment), CA fingerprint {peer.Pin} (recorded at enrollment)");
                StringAssert.Contains(output2, "ISSUED (renewal)");
                Assert.AreEqual("19 17", string.Join(" ", peer.Log.Select(l => l.Type)), "PKCSReq, then RenewalReq");
                CollectionAssert.AreEqual(first.CertificateDer, peer.LastSigner.RawData, "the RenewalReq is signed with the installed LSC");
                var second = new CredentialStore(new ImageStore(new DirectoryMedia(Path.Combine(dir, "store")))).Load(out _);
                Assert.AreEqual("renew", second.Origin);
                Assert.AreEqual(X509CertificateLoader.LoadCertificate(first.CertificateDer).Subject, X509CertificateLoader.LoadCertificate(second.CertificateDer).Subject);
                CollectionAssert.AreNotEqual(first.PrivateKeyDer, second.PrivateKeyDer, "a new key");
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
