#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Store
{
    [TestClass]
    public class ImageStoreTests
    {
        private static byte[] Bytes(int n, int seed)
        {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte)(i * 31 + seed);
            return b;
        }

        [TestMethod]
        public void ValuesSurviveAReopen()
        {
            MemoryMedia media = new MemoryMedia();
            ImageStore s = new ImageStore(media);
            s.Write("lsc.cert", Bytes(900, 1));
            s.Write("lsc.key", Bytes(1200, 2));
            s.Write("lsc.cert", Bytes(901, 3));
            s.Delete("missing");
            ImageStore again = new ImageStore(media);
            Assert.IsNull(again.LoadProblem);
            Assert.AreEqual(2, again.Count);
            Expect.Bytes(Bytes(901, 3), again.Read("lsc.cert"), "cert");
            Expect.Bytes(Bytes(1200, 2), again.Read("lsc.key"), "key");
            Assert.IsNull(again.Read("nothing"));
            again.Delete("lsc.key");
            Assert.AreEqual(1, new ImageStore(media).Count);
        }

        [TestMethod]
        public void PowerCutAtEveryStepLeavesOldOrNew()
        {
            // Establish an old set, then cut power at each mutating step of the next write.
            for (int cut = 0; cut < 4; cut++)
            {
                MemoryMedia media = new MemoryMedia();
                ImageStore s = new ImageStore(media);
                s.Write("a", Bytes(10, 1));
                media.Steps = 0;
                media.CutAfter = cut;
                bool threw = false;
                try { s.Write("a", Bytes(20, 2)); }
                catch (PowerCutException) { threw = true; }
                media.CutAfter = -1;
                ImageStore after = new ImageStore(media);
                byte[] v = after.Read("a");
                Assert.IsNotNull(v, "cut " + cut.ToString() + ": value lost");
                bool old = v.Length == 10, fresh = v.Length == 20;
                Assert.IsTrue(old || fresh, "cut " + cut.ToString() + ": neither old nor new");
                Expect.Bytes(old ? Bytes(10, 1) : Bytes(20, 2), v, "cut " + cut.ToString());
                if (!threw) Assert.IsTrue(fresh, "a write that returned must be durable");
            }
        }

        [TestMethod]
        public void CorruptImageIsRefusedNotMisread()
        {
            ArrayList k = new ArrayList(), v = new ArrayList();
            k.Add("x"); v.Add(Bytes(5, 9));
            byte[] img = StoreImage.Encode(k, v);
            ArrayList k2 = new ArrayList(), v2 = new ArrayList();
            string reason;
            Assert.IsTrue(StoreImage.TryDecode(img, k2, v2, out reason));
            for (int i = 0; i < img.Length; i++)
            {
                byte[] bad = new byte[img.Length];
                System.Array.Copy(img, bad, img.Length);
                bad[i] ^= 0x40;
                Assert.IsFalse(StoreImage.TryDecode(bad, k2, v2, out reason), "flipped bit in byte " + i.ToString());
            }
            for (int n = 0; n < img.Length; n++)
            {
                byte[] torn = new byte[n];
                System.Array.Copy(img, torn, n);
                Assert.IsFalse(StoreImage.TryDecode(torn, k2, v2, out reason), "torn at " + n.ToString());
            }
        }
    }
}
