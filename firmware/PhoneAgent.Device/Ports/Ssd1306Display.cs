using System;
using System.Device.I2c;
using Iot.Device.Ssd13xx;
using Iot.Device.Ssd13xx.Commands.Ssd1306Commands;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>A 128x64 SSD1306 OLED on I2C through the Iot.Device.Ssd13xx binding. The core's
    /// FrameBuffer already has the controller's page layout, so a frame is one column/page
    /// window and one 1024-byte data write (horizontal addressing, set by the binding's init).</summary>
    public sealed class Ssd1306Display : IDisplay
    {
        private readonly Ssd1306 _panel;

        private Ssd1306Display(Ssd1306 panel) { _panel = panel; }

        public int Width { get { return 128; } }
        public int Height { get { return 64; } }

        /// <summary>The display, or null (reported) when no panel answers on the bus: the phone
        /// then runs headless and says so, instead of failing the boot.</summary>
        public static Ssd1306Display TryOpen(int bus, int address, IEventSink sink, IClock clock)
        {
            try
            {
                I2cDevice dev = I2cDevice.Create(new I2cConnectionSettings(bus, address));
                return new Ssd1306Display(new Ssd1306(dev, Ssd13xx.DisplayResolution.OLED128x64));
            }
            catch (Exception e)
            {
                sink.Event(clock.NowMs, "board", Level.Warning, "no SSD1306 display at I2C" + bus.ToString() + " address " + address.ToString() + ": " + e.Message);
                return null;
            }
        }

        public void Show(byte[] pages)
        {
            _panel.SendCommand(new SetColumnAddress());
            _panel.SendCommand(new SetPageAddress());
            _panel.SendData(new SpanByte(pages));
        }
    }
}
