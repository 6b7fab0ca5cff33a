using System.IO;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Host
{
    /// <summary>Prints events as "[   12.345 s] source  level  text"; debug only when verbose.</summary>
    public sealed class ConsoleEventSink : IEventSink
    {
        private readonly TextWriter _out;
        private readonly bool _verbose;

        public ConsoleEventSink(TextWriter output, bool verbose)
        {
            _out = output;
            _verbose = verbose;
        }

        public int Errors { get; private set; }
        public int Warnings { get; private set; }
        public string LastError { get; private set; }
        public string LastWarning { get; private set; }

        /// <summary>Prints the outbox's notes (not its datagrams) and clears them.</summary>
        public void Notes(PhoneAgent.Core.Agent.Outbox outbox, long atMs)
        {
            for (int i = 0; i < outbox.NoteCount; i++)
            {
                var n = outbox.NoteAt(i);
                Event(atMs, n.Source, n.Level, n.Text);
            }
            outbox.Clear();
        }

        public void Event(long atMs, string source, int level, string text)
        {
            if (level == Level.Error) { Errors++; LastError = source + ": " + text; }
            if (level == Level.Warning) { Warnings++; LastWarning = source + ": " + text; }
            if (level == Level.Debug && !_verbose) return;
            _out.WriteLine($"[{atMs / 1000,6}.{atMs % 1000:000} s] {source,-5} {Level.Name(level),-5} {text}");
        }
    }
}
