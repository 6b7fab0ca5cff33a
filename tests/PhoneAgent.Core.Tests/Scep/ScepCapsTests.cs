#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Scep;

namespace PhoneAgent.Core.Tests.Scep
{
    /// <summary>GetCACaps answers (RFC 8894 §3.5.2), one row per case: the keywords found and
    /// the choices made from them.</summary>
    [TestClass]
    public class ScepCapsTests
    {
        private static ScepCaps Caps(string body) { return ScepCaps.Parse(body == null ? null : Util.Ascii.GetBytes(body)); }

        // body, hash, cipher, POST?, Renewal?, keyword count, unknown count
        private static void Row(string body, string hash, string cipher, bool post, bool renewal, int keywords, int unknown)
        {
            ScepCaps c = Caps(body);
            string what = "caps \"" + body + "\"";
            Assert.AreEqual(hash, c.HashName, what);
            Assert.AreEqual(cipher, c.ContentEncryption, what);
            Assert.AreEqual(post, c.UsePost, what);
            Assert.AreEqual(renewal, c.Renewal, what);
            Assert.AreEqual(keywords, c.Keywords.Length, what);
            Assert.AreEqual(unknown, c.Unknown.Length, what);
            Assert.AreEqual(keywords > 0, c.Received, what);
        }

        [TestMethod]
        public void Rows()
        {
            string aes = CmsAlgorithms.OidAes128Cbc, des3 = CmsAlgorithms.OidDesEde3Cbc;
            string s1 = HashAlgorithm.Sha1Name, s256 = HashAlgorithm.Sha256Name, s512 = HashAlgorithm.Sha512Name;
            // The Dogtag example of RFC 8894 style answers; SCEPStandard alone implies AES, POST, SHA-256 (§3.5.2).
            Row("AES\nGetNextCACert\nPOSTPKIOperation\nSCEPStandard\nSHA-256\n", s256, aes, true, false, 5, 0);
            Row("SCEPStandard", s256, aes, true, false, 1, 0);
            // micromdm scepserver's default set, CRLF line ends.
            Row("Renewal\r\nSHA-1\r\nSHA-256\r\nAES\r\nDES3\r\nSCEPStandard\r\nPOSTPKIOperation\r\n", s256, aes, true, true, 7, 0);
            // Case does not matter; surrounding blanks and empty lines are ignored.
            Row("  postpkioperation \n\n sha-256\naes\nrenewal\n", s256, aes, true, true, 4, 0);
            // Old CAs: DES3 and SHA-1 only; GET.
            Row("DES3\nSHA-1\n", s1, des3, false, false, 2, 0);
            // SHA-512 without SHA-256 is used; SHA-256 is preferred when both are there.
            Row("SHA-512\nAES\n", s512, aes, false, false, 2, 0);
            Row("SHA-512\nSHA-256\n", s256, des3, false, false, 2, 0);
            // Unknown keywords are kept, not fatal (Cisco's and cryptlib's extras).
            Row("POSTPKIOperation\nSHAng\nUpdate\nFoo Bar\n", s1, des3, true, false, 4, 2);
            // Nothing: the pre-RFC 8894 defaults.
            Row("", s1, des3, false, false, 0, 0);
            Row("\r\n\r\n", s1, des3, false, false, 0, 0);
            Row(null, s1, des3, false, false, 0, 0);
        }

        [TestMethod]
        public void HostileAnswersAreBounded()
        {
            // Control characters become '?', so a keyword with one is unknown; very long answers
            // are cut at MaxBodyLength and at MaxLines keywords.
            ScepCaps c = Caps("AES\u001b[2J\nSHA-256\n");
            Assert.IsFalse(c.Aes);
            Assert.IsTrue(c.Sha256);
            Assert.AreEqual(1, c.Unknown.Length);
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < 1000; i++) sb.Append("X\n");
            sb.Append("AES\n");
            ScepCaps many = Caps(sb.ToString());
            Assert.AreEqual(ScepCaps.MaxLines, many.Keywords.Length);
            Assert.IsFalse(many.Aes, "the keyword after the caps is not read");
            byte[] huge = new byte[100000];
            for (int i = 0; i < huge.Length; i++) huge[i] = (byte)'A';
            Assert.AreEqual(1, ScepCaps.Parse(huge).Keywords.Length);
            Assert.AreEqual(ScepCaps.MaxBodyLength, ScepCaps.Parse(huge).Keywords[0].Length);
        }

        [TestMethod]
        public void DescribeSaysWhatWillBeUsed()
        {
            Assert.AreEqual("SHA-256, AES-128-CBC, POST, renewal offered", Caps("SCEPStandard\nRenewal").Describe());
            Assert.AreEqual("SHA-1, DES-EDE3-CBC, GET, no renewal", Caps("").Describe());
        }
    }
}
