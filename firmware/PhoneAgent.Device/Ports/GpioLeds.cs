using System.Device.Gpio;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>LEDs on GPIO pins (-1: not fitted). Blink is shown as on: the agent loop has
    /// no timer thread for it, and a steady LED still tells the state.</summary>
    public sealed class GpioLeds : ILeds
    {
        private readonly GpioPin[] _pins;

        public GpioLeds(int[] pins)
        {
            GpioController gpio = new GpioController();
            _pins = new GpioPin[Led.Count];
            for (int i = 0; i < Led.Count && i < pins.Length; i++)
            {
                if (pins[i] >= 0) _pins[i] = gpio.OpenPin(pins[i], PinMode.Output);
            }
        }

        public void Set(int led, int state)
        {
            if (led < 0 || led >= _pins.Length || _pins[led] == null) return;
            _pins[led].Write(state == Led.Off ? PinValue.Low : PinValue.High);
        }
    }
}
