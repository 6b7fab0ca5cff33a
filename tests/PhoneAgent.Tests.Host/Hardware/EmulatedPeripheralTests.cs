using System;
using System.IO;
using System.IO.Compression;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.Ui;
using PhoneAgent.Hardware.Emulated.Display;
using PhoneAgent.Hardware.Emulated.Flash;
using PhoneAgent.Hardware.Emulated.Keypad;
using PhoneAgent.Hardware.Emulated.Leds;

namespace PhoneAgent.Tests.Host.Hardware
{
    [TestClass]
    public class EmulatedPeripheralTests
    {
        [TestMethod]
        public void PngDecodesBackToTheFrame()
        {
            var fb = new FrameBuffer(128, 64);
            fb.DrawText(1, 0, "10.77.0.100");
            fb.SetPixel(127, 63, true);
            var d = new EmulatedDisplay();
            d.Show(fb.Pages);
            byte[] png = d.ToPng(2);
            // IHDR: 256 x 128, 8-bit greyscale
            Assert.AreEqual(256, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.AreEqual(128, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
            // Inflate IDAT with .NET's own zlib and compare every pixel with the frame.
            int idat = IndexOf(png, "IDAT"u8.ToArray());
            int len = (png[idat - 4] << 24) | (png[idat - 3] << 16) | (png[idat - 2] << 8) | png[idat - 1];
            using var z = new ZLibStream(new MemoryStream(png, idat + 4, len), CompressionMode.Decompress);
            var raw = new MemoryStream();
            z.CopyTo(raw);
            byte[] px = raw.ToArray();
            Assert.AreEqual(128 * (256 + 1), px.Length);
            for (int y = 0; y < 128; y++)
                for (int x = 0; x < 256; x++)
                    Assert.AreEqual(fb.GetPixel(x / 2, y / 2), px[y * 257 + 1 + x] > 0x80, $"pixel {x},{y}");
        }

        [TestMethod]
        public void TextRenderingShowsLitPixels()
        {
            var fb = new FrameBuffer(128, 64);
            fb.SetPixel(0, 0, true);
            var d = new EmulatedDisplay();
            d.Show(fb.Pages);
            string[] lines = d.RenderText().Split('\n');
            Assert.AreEqual('▀', lines[1][1]);
            Assert.AreEqual(130, lines[1].Length);
            string[] compact = d.RenderText(compact: true).Split('\n');
            Assert.AreEqual('▘', compact[1][1]);
            Assert.AreEqual(66, compact[1].Length);
            Assert.AreEqual('#', d.RenderText(ascii: true).Split('\n')[1][1]);
            Assert.ThrowsExactly<ArgumentException>(() => d.Show(new byte[10]));
        }

        [TestMethod]
        public void KeypadScriptsParseAndRejectTypos()
        {
            CollectionAssert.AreEqual(new[] { '1', '2', '#', Keys.Ok, Keys.Down }, ScriptedKeypad.Parse("12# {ok}{DOWN}"));
            var e = Assert.ThrowsExactly<FormatException>(() => ScriptedKeypad.Parse("1{okay}"));
            StringAssert.Contains(e.Message, "unknown soft key '{okay}'");
            Assert.ThrowsExactly<FormatException>(() => ScriptedKeypad.Parse("{ok"));
            using var k = new ScriptedKeypad();
            k.FollowReader(new StringReader("12\n{ok}\n"), _ => { });
            for (int i = 0; i < 100 && k.Pending < 3; i++) System.Threading.Thread.Sleep(10);
            Assert.AreEqual('1', k.TryReadKey());
        }

        [TestMethod]
        public void LedsReportChanges()
        {
            var leds = new EmulatedLeds();
            int changes = 0;
            leds.Changed += (_, _) => changes++;
            leds.Set(Led.Network, Led.On);
            leds.Set(Led.Network, Led.On);
            Assert.AreEqual(1, changes);
            Assert.AreEqual("network=on registered=off fault=off", leds.Describe());
        }

        [TestMethod]
        public void FlashFileStoreSurvivesReopenAndKeepsOldImageOnTornWrite()
        {
            string dir = Path.Combine(Path.GetTempPath(), "phoneagent-flash-test-" + Guid.NewGuid().ToString("N"));
            try
            {
                var store = new ImageStore(new DirectoryMedia(dir));
                store.Write("lsc", new byte[] { 1, 2, 3 });
                // A torn pending write (process killed mid-write) must not disturb the good image.
                File.WriteAllBytes(Path.Combine(dir, ImageStore.PendingName), new byte[] { (byte)'P', (byte)'A', 0 });
                var again = new ImageStore(new DirectoryMedia(dir));
                CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, again.Read("lsc"));
                // A corrupted image with no good pending copy is reported, not misread.
                File.WriteAllBytes(Path.Combine(dir, ImageStore.ImageName), new byte[] { (byte)'P', (byte)'A', (byte)'S', (byte)'1', 0, 0, 0, 0, 0, 0 });
                var broken = new ImageStore(new DirectoryMedia(dir));
                StringAssert.Contains(broken.LoadProblem, "CRC mismatch");
                Assert.AreEqual(0, broken.Count);
                Assert.ThrowsExactly<ArgumentException>(() => new DirectoryMedia(dir).ReadAll("../etc/passwd"));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static int IndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
                if (hay.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            return -1;
        }
    }
}
