using System.Collections;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>Keeps every event as "source level text" for assertions.</summary>
    public sealed class RecordingSink : IEventSink
    {
        private readonly ArrayList _lines = new ArrayList();

        public int Count { get { return _lines.Count; } }
        public string LineAt(int i) { return (string)_lines[i]; }

        public void Event(long atMs, string source, int level, string text)
        {
            _lines.Add(source + " " + Level.Name(level) + " " + text);
        }

        public bool Any(string needle)
        {
            for (int i = 0; i < _lines.Count; i++) if (((string)_lines[i]).IndexOf(needle) >= 0) return true;
            return false;
        }

        public string All()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < _lines.Count; i++) { sb.Append((string)_lines[i]); sb.Append('\n'); }
            return sb.ToString();
        }
    }
}
