#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Crypto
{
    /// <summary>RC4 keystreams of RFC 6229 §2: the keys 0x0102.. and 0x..833222772a of 40, 56,
    /// 64, 80, 128, 192 and 256 bits at offsets 0, 16, 240, 256, 1520, 1536, 4080 and 4096
    /// (the rows were copied from the RFC's tables and recomputed with OpenSSL's RC4 through
    /// python cryptography when copied; they agree).</summary>
    [TestClass]
    public class Rc4KnownAnswerTests
    {
        private static readonly int[] Offsets = new int[] { 0, 16, 240, 256, 1520, 1536, 4080, 4096 };

        private static void Check(string keyHex, string[] rows)
        {
            byte[] stream = new Rc4(Hex.TryParse(keyHex)).Process(new byte[4112]);
            for (int i = 0; i < Offsets.Length; i++)
            {
                Assert.AreEqual(rows[i], Hex.Bytes(stream, Offsets[i], 16, ""), "key " + keyHex + " offset " + Offsets[i].ToString());
            }
        }

        [TestMethod]
        public void Rfc6229Keys0102()
        {
            Check("0102030405", new string[] { "b2396305f03dc027ccc3524a0a1118a8", "6982944f18fc82d589c403a47a0d0919", "28cb1132c96ce286421dcaadb8b69eae", "1cfcf62b03eddb641d77dfcf7f8d8c93", "3294f744d8f9790507e70f62e5bbceea", "d8729db41882259bee4f825325f5a130", "068326a2118416d21f9d04b2cd1ca050", "ff25b58995996707e51fbdf08b34d875" });
            Check("01020304050607", new string[] { "293f02d47f37c9b633f2af5285feb46b", "e620f1390d19bd84e2e0fd752031afc1", "914f02531c9218810df60f67e338154c", "d0fdb583073ce85ab83917740ec011d5", "d2aa902bd42d0d7cfd340cd45810529f", "78b272c96e42eab4c60bd914e39d06e3", "f3172ceffc3b3d997c85ccd5af1a950c", "e74b0b9731227fd37c0ec08a47ddd8b8" });
            Check("0102030405060708", new string[] { "97ab8a1bf0afb96132f2f67258da15a8", "8263efdb45c4a18684ef87e6b19e5b09", "9636ebc9841926f4f7d1f362bddf6e18", "d0a990ff2c05fef5b90373c9ff4b870a", "1fe8986713f07c3d9ae1c163ff8cf9d3", "8369e1a965610be887fbd0c79162aafb", "d5fa5a3469d29aaaf83d23589db8c85b", "3fb46e2c8f0f068edce8cdcd7dfc5862" });
            Check("0102030405060708090a", new string[] { "ede3b04643e586cc907dc21851709902", "03516ba78f413beb223aa5d4d2df6711", "3cfd6cb58ee0fdde640176ad0000044d", "48532b21fb6079c9114c0ffd9c04a1ad", "bdae85924b3cb1d0a2e33a30c6d79599", "8a0feddbac865a09bcd127fb562ed60a", "1f135ed14ce60a91369d2322bef25e3c", "08b6be45124a43e2eb77953f84dc8553" });
            Check("0102030405060708090a0b0c0d0e0f10", new string[] { "9ac7cc9a609d1ef7b2932899cde41b97", "5248c4959014126a6e8a84f11d1a9e1c", "065902e4b620f6cc36c8589f66432f2b", "d39d566bc6bce3010768151549f3873f", "b40110c4190b5622a96116b0017ed297", "ffa0b514647ec04f6306b892ae661181", "ff38265c1642c1abe8d3c2fe5e572bf8", "a36a4c301ae8ac13610ccbc12256cacc" });
            Check("0102030405060708090a0b0c0d0e0f101112131415161718", new string[] { "0595e57fe5f0bb3c706edac8a4b2db11", "dfde31344a1af769c74f070aee9e2326", "b06b9b1e195d13d8f4a7995c4553ac05", "6bd2378ec341c9a42f37ba79f88a32ff", "96c248610aadedfeaf8978c03de8205a", "0e317b3d1c73b9e9a4688f296d133a19", "29a0b8aed54a132324c62e423f54b4c8", "3cb0f3b5020a98b82af9fe154484a168" });
            Check("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", new string[] { "eaa6bd25880bf93d3f5d1e4ca2611d91", "cfa45c9f7e714b54bdfa80027cb14380", "114ae344ded71b35f2e60febad727fd8", "02e1e7056b0f623900496422943e97b6", "40f250b26d1f096a4afd4c340a588815", "3e34135c79db010200767651cf263073", "a13a7c79c7e119b5ab0296ab28c300b9", "f3e4c0a2e02d1d01f7f0a74618af2b48" });
        }

        [TestMethod]
        public void Rfc6229Keys833222772a()
        {
            Check("833222772a", new string[] { "80ad97bdc973df8a2e879e92a497efda", "20f060c2f2e5126501d3d4fea10d5fc0", "faa148e99046181fec6b2085f3b20ed9", "f0daf5bab3d596839857846f73fbfe5a", "adb89cea9a15fbe617295bd04b8ca05c", "6251d87fd4aaae9a7e4ad5c217d3f300", "6349d126a37afcba89794f9804914fdc", "bf42c3018c2f7c66bfde524975768115" });
            Check("1910833222772a", new string[] { "bc9222dbd3274d8fc66d14ccbda6690b", "7ae627410c9a2be693df5bb7485a63e3", "3f0931aa03defb300f060103826f2a64", "beaa9ec8d59bb68129f3027c96361181", "cc03fdb79192a207312f53f5d4dc33d9", "f70f14122a1c98a3155d28b8a0a8a41d", "ecd0e96602be7f8d5092816cccf2c2e9", "027881fab4993a1c262024a94fff3f61" });
            Check("641910833222772a", new string[] { "bbf609de9413172d07660cb680716926", "46101a6dab43115d6c522b4fe93604a9", "cbe1fff21c96f3eef61e8fe0542cbdf0", "347938bffa4009c512cfb4034b0dd1a7", "bd3820f732ffb53ec193e79d33e27c73", "d0168616861907d482e36cdac8cf5749", "6b6b098d0c293bc2993d80bf0518b6d9", "8170cc3ccd92a698621b939dd38fe7b9" });
            Check("8b37641910833222772a", new string[] { "ab65c26eddb287600db2fda10d1e605c", "bb759010c29658f2c72d93a2d16d2930", "b901e8036ed1c383cd3c4c4dd0a6ab05", "3d25ce4922924c55f064943353d78a6c", "564d3dae183c5234c8af1e51061c44b5", "3c0778a7b5f72d3c23a3135c7d67b9f4", "438dd5eafea0111b6f36b4b938da2a68", "5f6bfc73815874d97100f086979357d8" });
            Check("ebb46227c6cc8b37641910833222772a", new string[] { "720c94b63edf44e131d950ca211a5a30", "c366fdeacf9ca80436be7c358424d20b", "b3394a40aabf75cba42282ef25a0059f", "4847d81da4942dbc249defc48c922b9f", "3c70047e8cbc038e3b9820db601da495", "1175da6ee756de46a53e2b075660b770", "a2221a11b833ccb498a59540f0545f4a", "5bbeb4787d59e5373fdbea6c6f75c29b" });
            Check("c109163908ebe51debb46227c6cc8b37641910833222772a", new string[] { "54b64e6b5a20b5e2ec84593dc7989da7", "c135eee237a85465ff97dc03924f45ce", "cfcc922fb4a14ab45d6175aabbf2d201", "837b87e2a446ad0ef798acd02b94124f", "532c7ceccb39df3236318405a4b1279c", "baefe6d9ceb651842260e0d1e05e3b90", "63edd684fb826282fe528f9c0e9237bc", "e4dd2e98d6960fae0b43545456743391" });
            Check("1ada31d5cf688221c109163908ebe51debb46227c6cc8b37641910833222772a", new string[] { "dd5bcb0018e922d494759d7c395d02d3", "c8446f8f77abf737685353eb89a1c9eb", "af3e30f9c095045938151575c3fb9098", "f8cb6274db99b80b1d2012a98ed48f0e", "ac4e95368d99b9eb78b8da8f81ffa795", "8c3c13f8c2388bb73f38576e65b7c446", "d5a39e3dfcc50280bac4a6b5aa0dca7d", "370b1c1fe655916d97fd0d47ca1d72b8" });
        }

        [TestMethod]
        public void PiecesEqualOneCallAndDecryptionInverts()
        {
            byte[] key = Hex.TryParse("0102030405060708090a0b0c0d0e0f10");
            byte[] data = new byte[300];
            for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 7);
            byte[] whole = new Rc4(key).Process(data);
            Rc4 r = new Rc4(key);
            byte[] pieces = new byte[data.Length];
            int pos = 0, step = 1;
            while (pos < data.Length)
            {
                int n = step < data.Length - pos ? step : data.Length - pos;
                r.Process(data, pos, n, pieces, pos);
                pos += n;
                step += 3;
            }
            Assert.AreEqual(Hex.Bytes(whole), Hex.Bytes(pieces));
            Assert.AreEqual(Hex.Bytes(data), Hex.Bytes(Rc4.Apply(key, whole)));
        }

        [TestMethod]
        public void KeyLengthsOutsideOneTo256AreCallerMistakes()
        {
            Support.Expect.ThrowsArgument(delegate { new Rc4(new byte[0]); }, "empty key");
            Support.Expect.ThrowsArgument(delegate { new Rc4(new byte[257]); }, "257-byte key");
        }
    }
}
