using System.Collections;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>An IStreamConnector the test drives by hand: each Connect hands out the next
    /// prepared ScriptedStream (or a silent one), records where it was aimed, and never does any
    /// peer logic itself.</summary>
    public sealed class ScriptedConnector : IStreamConnector
    {
        private readonly ArrayList _prepared = new ArrayList();
        private readonly ArrayList _made = new ArrayList();

        /// <summary>Connect returns null (the platform refused at once).</summary>
        public bool RefuseAtOnce;

        public ScriptedStream Prepare()
        {
            ScriptedStream s = new ScriptedStream();
            _prepared.Add(s);
            return s;
        }

        public int Count { get { return _made.Count; } }
        public ScriptedStream At(int i) { return (ScriptedStream)_made[i]; }

        public IStreamPort Connect(uint address, int port)
        {
            if (RefuseAtOnce) return null;
            ScriptedStream s;
            if (_prepared.Count > 0)
            {
                s = (ScriptedStream)_prepared[0];
                _prepared.RemoveAt(0);
            }
            else s = new ScriptedStream();
            s.Address = address;
            s.Port = port;
            _made.Add(s);
            return s;
        }
    }

    /// <summary>One scripted TCP connection: the test accepts or refuses it, queues the bytes the
    /// "server" sends (handed out at most ReadLimit bytes per TryRead), and closes it.</summary>
    public sealed class ScriptedStream : IStreamPort
    {
        private readonly ArrayList _incoming = new ArrayList();   // byte[] pieces
        private int _offset;
        private readonly System.Text.StringBuilder _written = new System.Text.StringBuilder();
        private int _writtenBytes;
        private bool _connected;
        private bool _refused;
        private bool _peerClosed;

        public uint Address;
        public int Port;
        public bool Closed;
        public int Reads;
        /// <summary>Largest piece one TryRead hands out (the test's MSS).</summary>
        public int ReadLimit = 1460;
        /// <summary>Write fails (the connection broke).</summary>
        public bool FailWrites;

        public ScriptedStream AcceptNow() { _connected = true; return this; }
        public void Refuse() { _refused = true; }

        public ScriptedStream Send(string text) { return Send(Util.Ascii.GetBytes(text)); }

        public ScriptedStream Send(byte[] bytes)
        {
            _incoming.Add(bytes);
            return this;
        }

        /// <summary>The server closes after what it has sent.</summary>
        public ScriptedStream PeerCloses() { _peerClosed = true; return this; }

        /// <summary>What the client wrote, bytes as Latin-1-ish text ('?' for non-printables but CR/LF kept).</summary>
        public string Written { get { return _written.ToString(); } }
        public int WrittenBytes { get { return _writtenBytes; } }

        public bool Connected { get { return _connected; } }

        public bool Write(byte[] data, int offset, int count)
        {
            if (!_connected || FailWrites || Closed) return false;
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                _written.Append(b == 13 || b == 10 || (b >= 0x20 && b < 0x7F) ? (char)b : '?');
            }
            _writtenBytes += count;
            return true;
        }

        public int TryRead(byte[] buffer, int offset, int count)
        {
            Reads++;
            if (Closed) return -1;
            if (_refused) return -1;
            if (!_connected) return 0;
            if (_incoming.Count == 0) return _peerClosed ? -1 : 0;
            byte[] piece = (byte[])_incoming[0];
            int n = piece.Length - _offset;
            if (n > count) n = count;
            if (n > ReadLimit) n = ReadLimit;
            System.Array.Copy(piece, _offset, buffer, offset, n);
            _offset += n;
            if (_offset == piece.Length)
            {
                _incoming.RemoveAt(0);
                _offset = 0;
            }
            return n;
        }

        public void Close() { Closed = true; }
    }
}
