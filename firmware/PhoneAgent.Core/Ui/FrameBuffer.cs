namespace PhoneAgent.Core.Ui
{
    /// <summary>A 1-bit frame in the SSD1306 page layout: Width columns by Height/8 pages,
    /// each byte a vertical strip of 8 pixels with bit 0 at the top. The device sends
    /// Pages to the panel unchanged; the host renders it as text or PNG.</summary>
    public sealed class FrameBuffer
    {
        public const int CellWidth = Font5x7.GlyphWidth + 1;
        public const int CellHeight = 8;

        public readonly int Width;
        public readonly int Height;
        public readonly byte[] Pages;

        public FrameBuffer(int width, int height)
        {
            if (width <= 0 || height <= 0 || height % 8 != 0) throw new System.ArgumentException("height must be a positive multiple of 8");
            Width = width;
            Height = height;
            Pages = new byte[width * height / 8];
        }

        public int Columns { get { return Width / CellWidth; } }
        public int Rows { get { return Height / CellHeight; } }

        public void Clear()
        {
            System.Array.Clear(Pages, 0, Pages.Length);
        }

        public bool GetPixel(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) return false;
            return (Pages[(y >> 3) * Width + x] & (1 << (y & 7))) != 0;
        }

        public void SetPixel(int x, int y, bool on)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) return;
            int i = (y >> 3) * Width + x;
            if (on) Pages[i] = (byte)(Pages[i] | (1 << (y & 7)));
            else Pages[i] = (byte)(Pages[i] & ~(1 << (y & 7)));
        }

        /// <summary>Writes text on a character row (0..Rows-1), clipped at the right edge.</summary>
        public void DrawText(int row, int column, string text)
        {
            if (row < 0 || row >= Rows || text == null) return;
            int page = row; // one text row per 8-pixel page
            for (int i = 0; i < text.Length; i++)
            {
                int x0 = (column + i) * CellWidth;
                if (x0 + Font5x7.GlyphWidth > Width) break;
                char ch = text[i];
                for (int c = 0; c < Font5x7.GlyphWidth; c++) Pages[page * Width + x0 + c] = Font5x7.Column(ch, c);
                Pages[page * Width + x0 + Font5x7.GlyphWidth] = 0;
            }
        }

        /// <summary>Inverts one character row, for a highlighted menu line or a fault banner.</summary>
        public void InvertRow(int row)
        {
            if (row < 0 || row >= Rows) return;
            for (int x = 0; x < Width; x++) Pages[row * Width + x] = (byte)~Pages[row * Width + x];
        }
    }
}
