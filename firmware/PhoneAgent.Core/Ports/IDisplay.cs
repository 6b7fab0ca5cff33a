namespace PhoneAgent.Core.Ports
{
    /// <summary>A 1-bit display fed whole frames (Ui.FrameBuffer, SSD1306 page layout).</summary>
    public interface IDisplay
    {
        int Width { get; }
        int Height { get; }

        /// <summary>Shows the frame; pages are 8-pixel rows, bit 0 at the top.</summary>
        void Show(byte[] pages);
    }
}
