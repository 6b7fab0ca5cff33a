#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Credentials
{
    /// <summary>The LSC set survives power cuts: the store is interrupted at every mutating
    /// step of an install, and after the "reboot" the set is always the old one or the new
    /// one, complete.</summary>
    [TestClass]
    public class CredentialStoreTests
    {
        private static CredentialSet Set(byte tag, int chain)
        {
            CredentialSet s = new CredentialSet();
            s.CertificateDer = Fill(900, tag);
            s.PrivateKeyDer = Fill(1200, (byte)(tag + 1));
            s.ChainDer = new byte[chain][];
            for (int i = 0; i < chain; i++) s.ChainDer[i] = Fill(800 + i, (byte)(tag + 2 + i));
            s.InstalledAt = 1700000000L + tag;
            s.Origin = tag == 1 ? "enroll" : "renew";
            return s;
        }

        private static byte[] Fill(int n, byte v)
        {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte)(v + i);
            return b;
        }

        private static bool SameSet(CredentialSet a, CredentialSet b)
        {
            byte[] x = a.Encode(), y = b.Encode();
            if (x.Length != y.Length) return false;
            for (int i = 0; i < x.Length; i++) if (x[i] != y[i]) return false;
            return true;
        }

        [TestMethod]
        public void RoundTripAndStatus()
        {
            MemoryMedia media = new MemoryMedia();
            CredentialStore store = new CredentialStore(new ImageStore(media));
            string problem;
            Assert.IsNull(store.Load(out problem));
            Assert.AreEqual("LSC: Not installed", store.Status());
            Assert.IsTrue(store.Install(Set(1, 2), out problem), problem);
            CredentialSet back = new CredentialStore(new ImageStore(media)).Load(out problem);
            Assert.IsNotNull(back, problem);
            Assert.IsTrue(SameSet(Set(1, 2), back));
            Assert.AreEqual("enroll", back.Origin);
            Assert.IsTrue(back.ToString().IndexOf("key withheld") >= 0);
        }

        [TestMethod]
        public void PowerCutAtEveryStepLeavesTheOldOrTheNewSet()
        {
            // Count the mutating steps of one install first.
            MemoryMedia probe = new MemoryMedia();
            CredentialStore p = new CredentialStore(new ImageStore(probe));
            string problem;
            p.Install(Set(1, 1), out problem);
            int before = probe.Steps;
            p.Install(Set(20, 3), out problem);
            int steps = probe.Steps - before;
            Assert.IsTrue(steps >= 2, "an install writes and replaces");
            int sawOld = 0, sawNew = 0;
            for (int cut = 0; cut <= steps; cut++)
            {
                MemoryMedia media = new MemoryMedia();
                CredentialStore s = new CredentialStore(new ImageStore(media));
                s.Install(Set(1, 1), out problem);
                media.CutAfter = media.Steps + cut;
                try { s.Install(Set(20, 3), out problem); }
                catch (PowerCutException) { }
                media.CutAfter = -1;
                CredentialSet after = new CredentialStore(new ImageStore(media)).Load(out problem);
                Assert.IsNotNull(after, "cut after " + cut.ToString() + " steps: " + problem);
                bool isOld = SameSet(after, Set(1, 1)), isNew = SameSet(after, Set(20, 3));
                Assert.IsTrue(isOld || isNew, "cut after " + cut.ToString() + " steps left a mixed set");
                if (isOld) sawOld++;
                if (isNew) sawNew++;
            }
            Assert.IsTrue(sawOld > 0 && sawNew > 0, "both outcomes occur across the cut points");
        }

        [TestMethod]
        public void MalformedStoredSetIsReportedNotUsed()
        {
            MemoryMedia media = new MemoryMedia();
            ImageStore img = new ImageStore(media);
            byte[] good = Set(3, 2).Encode();
            string problem;
            for (int n = 0; n < good.Length; n += 97)
            {
                byte[] cut = new byte[n];
                System.Array.Copy(good, cut, n);
                img.Write(CredentialStore.Key, cut);
                Assert.IsNull(new CredentialStore(img).Load(out problem));
                Assert.IsNotNull(problem);
                Assert.IsTrue(new CredentialStore(img).Status().IndexOf("Not installed") >= 0);
            }
        }

        [TestMethod]
        public void RenewalWindow()
        {
            PhoneAgent.Core.X509.X509Certificate c = new PhoneAgent.Core.X509.X509Certificate();
            c.NotBefore = 1000;
            c.NotAfter = 2000;
            Assert.IsFalse(CredentialStore.NeedsRenewal(c, 1500, 20));
            Assert.IsFalse(CredentialStore.NeedsRenewal(c, 1799, 20));
            Assert.IsTrue(CredentialStore.NeedsRenewal(c, 1800, 20));
            Assert.IsTrue(CredentialStore.NeedsRenewal(c, 2500, 20));
        }
    }
}
