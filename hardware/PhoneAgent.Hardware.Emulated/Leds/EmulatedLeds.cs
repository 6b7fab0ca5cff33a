using System;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Hardware.Emulated.Leds
{
    /// <summary>The board's LEDs; reports each change so the console shows them.</summary>
    public sealed class EmulatedLeds : ILeds
    {
        private readonly int[] _state = new int[Led.Count];

        public event Action<int, int> Changed;

        public int State(int led) => _state[led];

        public void Set(int led, int state)
        {
            if (led < 0 || led >= Led.Count) throw new ArgumentOutOfRangeException(nameof(led));
            if (_state[led] == state) return;
            _state[led] = state;
            Changed?.Invoke(led, state);
        }

        public string Describe()
        {
            var parts = new string[Led.Count];
            for (int i = 0; i < Led.Count; i++) parts[i] = Led.Name(i) + "=" + Led.StateName(_state[i]);
            return string.Join(" ", parts);
        }
    }
}
