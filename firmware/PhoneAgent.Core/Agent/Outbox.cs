using System.Collections;

namespace PhoneAgent.Core.Agent
{
    /// <summary>What a machine wants done after a step: datagrams and frames to send and notes for
    /// the administrator. Machines write here instead of touching ports, so they stay
    /// free of I/O and tests can read exactly what was emitted.</summary>
    public sealed class Outbox
    {
        private readonly ArrayList _datagrams = new ArrayList();
        private readonly ArrayList _notes = new ArrayList();
        private readonly ArrayList _frames = new ArrayList();

        public int DatagramCount { get { return _datagrams.Count; } }
        /// <summary>Whole Ethernet frames for the EAPOL port (802.1X).</summary>
        public int FrameCount { get { return _frames.Count; } }
        public byte[] FrameAt(int i) { return (byte[])_frames[i]; }
        public int NoteCount { get { return _notes.Count; } }

        public OutDatagram DatagramAt(int i) { return (OutDatagram)_datagrams[i]; }
        public Note NoteAt(int i) { return (Note)_notes[i]; }

        public void Send(int localPort, uint destination, int destinationPort, byte[] payload)
        {
            if (payload == null) throw new System.ArgumentNullException(nameof(payload));
            _datagrams.Add(new OutDatagram(localPort, destination, destinationPort, payload));
        }

        public void SendFrame(byte[] frame)
        {
            if (frame == null) throw new System.ArgumentNullException(nameof(frame));
            _frames.Add(frame);
        }

        public void Note(string source, int level, string text)
        {
            _notes.Add(new Note(source, level, text));
        }

        public void Clear()
        {
            _datagrams.Clear();
            _notes.Clear();
            _frames.Clear();
        }
    }

    public sealed class OutDatagram
    {
        public readonly int LocalPort;
        public readonly uint Destination;
        public readonly int DestinationPort;
        public readonly byte[] Payload;

        public OutDatagram(int localPort, uint destination, int destinationPort, byte[] payload)
        {
            LocalPort = localPort;
            Destination = destination;
            DestinationPort = destinationPort;
            Payload = payload;
        }
    }

    public sealed class Note
    {
        public readonly string Source;
        public readonly int Level;
        public readonly string Text;

        public Note(string source, int level, string text)
        {
            Source = source;
            Level = level;
            Text = text;
        }
    }
}
