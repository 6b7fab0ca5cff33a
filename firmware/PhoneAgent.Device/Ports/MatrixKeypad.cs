using System;
using System.Collections;
using Iot.Device.KeyMatrix;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>A 4x4 membrane keypad through the Iot.Device.KeyMatrix binding. Layout:
    /// 1 2 3 A / 4 5 6 B / 7 8 9 C / * 0 # D, with A=Up, B=Down, C=Ok, D=Back. Key events
    /// arrive on the binding's thread and are queued for the agent loop.</summary>
    public sealed class MatrixKeypad : IKeypad
    {
        private const string Layout = "123U456D789O*0#B";
        private const int MaxQueued = 16;

        private readonly KeyMatrix _matrix;
        private readonly Queue _keys = new Queue();
        private readonly int _columns;

        private MatrixKeypad(KeyMatrix matrix, int columns)
        {
            _matrix = matrix;
            _columns = columns;
            _matrix.KeyEvent += OnKey;
            _matrix.StartListeningKeyEvent();
        }

        public static MatrixKeypad TryOpen(int[] rowPins, int[] columnPins, IEventSink sink, IClock clock)
        {
            if (rowPins == null || rowPins.Length == 0) return null;
            try
            {
                return new MatrixKeypad(new KeyMatrix(rowPins, columnPins, TimeSpan.FromMilliseconds(15)), columnPins.Length);
            }
            catch (Exception e)
            {
                sink.Event(clock.NowMs, "board", Level.Warning, "keypad not available: " + e.Message);
                return null;
            }
        }

        private void OnKey(object sender, KeyMatrixEvent e)
        {
            if (e.EventType != System.Device.Gpio.PinEventTypes.Falling) return;
            int index = e.Output * _columns + e.Input;
            if (index < 0 || index >= Layout.Length) return;
            lock (_keys)
            {
                if (_keys.Count < MaxQueued) _keys.Enqueue(Layout[index]);
            }
        }

        public char TryReadKey()
        {
            lock (_keys)
            {
                return _keys.Count == 0 ? Keys.None : (char)_keys.Dequeue();
            }
        }
    }
}
