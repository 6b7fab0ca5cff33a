using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Hardware.Emulated.Display
{
    /// <summary>A 128x64 monochrome panel (SSD1306 page layout, as the device sends it).
    /// Keeps the last frame; renders it as text (two pixel rows per character with
    /// half-block glyphs, or '#'/'.' in ASCII mode) and as a PNG.</summary>
    public sealed class EmulatedDisplay : IDisplay
    {
        private byte[] _pages;

        public EmulatedDisplay(int width = 128, int height = 64)
        {
            if (width <= 0 || height <= 0 || height % 8 != 0) throw new ArgumentException("height must be a positive multiple of 8");
            Width = width;
            Height = height;
            _pages = new byte[width * height / 8];
        }

        public int Width { get; }
        public int Height { get; }
        public int FrameCount { get; private set; }

        /// <summary>Raised after each frame, for live views.</summary>
        public event Action<EmulatedDisplay> FrameShown;

        public void Show(byte[] pages)
        {
            ArgumentNullException.ThrowIfNull(pages);
            if (pages.Length != _pages.Length) throw new ArgumentException($"frame must be {_pages.Length} bytes, got {pages.Length}");
            _pages = (byte[])pages.Clone();
            FrameCount++;
            FrameShown?.Invoke(this);
        }

        public bool Pixel(int x, int y) => x >= 0 && y >= 0 && x < Width && y < Height && (_pages[(y >> 3) * Width + x] & (1 << (y & 7))) != 0;

        // Unicode quadrant blocks indexed by (top-left, top-right, bottom-left, bottom-right) bits.
        private const string Quadrants = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█";

        /// <summary>The frame as text in a border, one character per 1x2 pixels (130 columns):
        /// Unicode half blocks, or '#'/' ' with ascii. compact draws 2x2 pixels per character
        /// with quadrant blocks (66 columns): fits any terminal, harder to read.</summary>
        public string RenderText(bool ascii = false, bool compact = false)
        {
            int step = compact && !ascii ? 2 : 1;
            var sb = new StringBuilder();
            string h = new string(ascii ? '-' : '─', Width / step);
            sb.Append(ascii ? '+' : '┌').Append(h).Append(ascii ? '+' : '┐').Append('\n');
            for (int y = 0; y < Height; y += 2)
            {
                sb.Append(ascii ? '|' : '│');
                for (int x = 0; x < Width; x += step)
                {
                    bool tl = Pixel(x, y), bl = Pixel(x, y + 1);
                    if (ascii) sb.Append(tl || bl ? '#' : ' ');
                    else if (compact) sb.Append(Quadrants[(tl ? 1 : 0) | (Pixel(x + 1, y) ? 2 : 0) | (bl ? 4 : 0) | (Pixel(x + 1, y + 1) ? 8 : 0)]);
                    else sb.Append(tl ? (bl ? '█' : '▀') : (bl ? '▄' : ' '));
                }
                sb.Append(ascii ? '|' : '│').Append('\n');
            }
            sb.Append(ascii ? '+' : '└').Append(h).Append(ascii ? '+' : '┘').Append('\n');
            return sb.ToString();
        }

        /// <summary>PNG of the frame: 8-bit greyscale, each pixel scaled to scale x scale,
        /// lit pixels light blue-white on black like an OLED (stored as grey levels).</summary>
        public byte[] ToPng(int scale = 4)
        {
            if (scale < 1 || scale > 16) throw new ArgumentOutOfRangeException(nameof(scale), "scale must be 1..16");
            int w = Width * scale, hgt = Height * scale;
            var raw = new byte[hgt * (w + 1)];
            for (int y = 0; y < hgt; y++)
            {
                int row = y * (w + 1);
                raw[row] = 0; // filter: none
                for (int x = 0; x < w; x++) raw[row + 1 + x] = Pixel(x / scale, y / scale) ? (byte)0xE8 : (byte)0x10;
            }
            using var png = new MemoryStream();
            png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            var ihdr = new byte[13];
            BigEndian.WriteUInt32(ihdr, 0, (uint)w);
            BigEndian.WriteUInt32(ihdr, 4, (uint)hgt);
            ihdr[8] = 8;  // bit depth
            ihdr[9] = 0;  // greyscale
            WriteChunk(png, "IHDR", ihdr);
            using (var z = new MemoryStream())
            {
                using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(raw);
                WriteChunk(png, "IDAT", z.ToArray());
            }
            WriteChunk(png, "IEND", Array.Empty<byte>());
            return png.ToArray();
        }

        private static void WriteChunk(Stream s, string type, byte[] data)
        {
            var head = new byte[8];
            BigEndian.WriteUInt32(head, 0, (uint)data.Length);
            Encoding.ASCII.GetBytes(type, 0, 4, head, 4);
            s.Write(head);
            s.Write(data);
            uint crc = Crc32.Update(Crc32.Compute(head, 4, 4), data, 0, data.Length);
            var tail = new byte[4];
            BigEndian.WriteUInt32(tail, 0, crc);
            s.Write(tail);
        }
    }
}
