using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Hardware.Emulated.Keypad
{
    /// <summary>A keypad fed by a script ("123#", soft keys as {up} {down} {ok} {back}) or by
    /// lines of stdin in the same notation. Unknown tokens are reported, not dropped.</summary>
    public sealed class ScriptedKeypad : IKeypad, IDisposable
    {
        private readonly ConcurrentQueue<char> _keys = new();
        private Thread _reader;
        private volatile bool _stopped;

        public int Pending => _keys.Count;

        public char TryReadKey() => _keys.TryDequeue(out char k) ? k : Keys.None;

        /// <summary>Queues the keys of a script; throws FormatException naming the bad token.</summary>
        public void Feed(string script)
        {
            ArgumentNullException.ThrowIfNull(script);
            foreach (char k in Parse(script)) _keys.Enqueue(k);
        }

        public static char[] Parse(string script)
        {
            ArgumentNullException.ThrowIfNull(script);
            var result = new System.Collections.Generic.List<char>();
            for (int i = 0; i < script.Length; i++)
            {
                char c = script[i];
                if (char.IsWhiteSpace(c)) continue;
                if (c >= '0' && c <= '9' || c == '*' || c == '#') { result.Add(c); continue; }
                if (c == '{')
                {
                    int end = script.IndexOf('}', i);
                    if (end < 0) throw new FormatException($"unclosed '{{' at position {i}");
                    string name = script.Substring(i + 1, end - i - 1).ToLowerInvariant();
                    result.Add(name switch
                    {
                        "up" => Keys.Up,
                        "down" => Keys.Down,
                        "ok" => Keys.Ok,
                        "back" => Keys.Back,
                        _ => throw new FormatException($"unknown soft key '{{{name}}}' (known: {{up}} {{down}} {{ok}} {{back}})"),
                    });
                    i = end;
                    continue;
                }
                throw new FormatException($"'{c}' at position {i} is not a key (0-9 * # or {{up}} {{down}} {{ok}} {{back}})");
            }
            return result.ToArray();
        }

        /// <summary>Reads key lines from a reader (stdin) on a background thread until it ends.</summary>
        public void FollowReader(TextReader reader, Action<string> onError)
        {
            ArgumentNullException.ThrowIfNull(reader);
            _reader = new Thread(() =>
            {
                string line;
                while (!_stopped && (line = reader.ReadLine()) != null)
                {
                    try { Feed(line); }
                    catch (FormatException e) { onError?.Invoke(e.Message); }
                }
            }) { IsBackground = true, Name = "keypad-stdin" };
            _reader.Start();
        }

        public void Dispose() => _stopped = true;
    }
}
