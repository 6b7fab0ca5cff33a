#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Ui;

namespace PhoneAgent.Core.Tests.Ui
{
    [TestClass]
    public class FrameBufferTests
    {
        [TestMethod]
        public void TextLandsInTheRightPage()
        {
            FrameBuffer f = new FrameBuffer(128, 64);
            Assert.AreEqual(21, f.Columns);
            Assert.AreEqual(8, f.Rows);
            f.DrawText(2, 0, "I");
            int lit = 0;
            for (int y = 0; y < 64; y++)
                for (int x = 0; x < 128; x++)
                    if (f.GetPixel(x, y))
                    {
                        lit++;
                        Assert.IsTrue(y >= 16 && y < 24 && x < 6, "pixel outside the cell at " + x.ToString() + "," + y.ToString());
                    }
            Assert.IsTrue(lit >= 5, "'I' must light some pixels");
        }

        [TestMethod]
        public void GlyphsDifferAndSpaceIsBlank()
        {
            int same = 0;
            for (int c = 0; c < Font5x7.GlyphWidth; c++)
            {
                Assert.AreEqual((byte)0, Font5x7.Column(' ', c));
                if (Font5x7.Column('0', c) == Font5x7.Column('O', c)) same++;
            }
            Assert.IsTrue(same < Font5x7.GlyphWidth, "'0' and 'O' must be told apart");
        }

        [TestMethod]
        public void InvertAndClipping()
        {
            FrameBuffer f = new FrameBuffer(128, 64);
            f.DrawText(0, 20, "XYZ"); // only X fits (column 20 is the last)
            f.DrawText(9, 0, "off-screen");
            f.InvertRow(7);
            Assert.IsTrue(f.GetPixel(0, 56) && f.GetPixel(127, 63));
            Assert.IsFalse(f.GetPixel(127, 0));
            f.SetPixel(200, 5, true); // ignored
            f.Clear();
            Assert.IsFalse(f.GetPixel(0, 56));
        }
    }
}
