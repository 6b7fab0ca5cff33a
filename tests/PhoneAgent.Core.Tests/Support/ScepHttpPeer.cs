using System.Collections;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Scep;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>ScepTestCa behind HTTP/1.1 on scripted TCP connections: each connection collects
    /// the bytes the client writes until a whole request is there (head and Content-Length body),
    /// hands it to the CA as a ScepHttpRequest, and serves the answer with Connection: close.
    /// For the boot step's tests: the real HttpFetch writes and parses every byte.</summary>
    public sealed class ScepHttpPeer : IStreamConnector
    {
        public readonly ScepTestCa Ca;
        public readonly ArrayList Connections = new ArrayList();   // "a.b.c.d:port" of each connect
        public bool Refuse;
        public long NowMs;

        public ScepHttpPeer(ScepTestCa ca) { Ca = ca; }

        public IStreamPort Connect(uint address, int port)
        {
            Connections.Add(PhoneAgent.Core.Net.Ip4.Format(address) + ":" + port.ToString());
            return new Conn(this, Refuse);
        }

        private byte[] Serve(byte[] request, int count)
        {
            ScepHttpRequest r = new ScepHttpRequest();
            int headEnd = IndexOf(request, count, "\r\n\r\n");
            string head = Text(request, headEnd);
            int sp1 = head.IndexOf(' '), sp2 = head.IndexOf(' ', sp1 + 1);
            r.Method = head.Substring(0, sp1);
            r.Url = "http://peer" + head.Substring(sp1 + 1, sp2 - sp1 - 1);
            int bodyLength = count - headEnd - 4;
            if (bodyLength > 0)
            {
                r.Body = new byte[bodyLength];
                System.Array.Copy(request, headEnd + 4, r.Body, 0, bodyLength);
                r.ContentType = Header(head, "Content-Type");
            }
            int status;
            string type;
            byte[] body;
            Ca.NowMs = NowMs;
            Ca.Handle(r, out status, out type, out body);
            if (body == null) body = new byte[0];
            byte[] h = Util.Ascii.GetBytes("HTTP/1.1 " + status.ToString() + (status == 200 ? " OK" : " Error") + "\r\n" +
                (type != null ? "Content-Type: " + type + "\r\n" : "") + "Content-Length: " + body.Length.ToString() + "\r\nConnection: close\r\n\r\n");
            byte[] all = new byte[h.Length + body.Length];
            System.Array.Copy(h, all, h.Length);
            System.Array.Copy(body, 0, all, h.Length, body.Length);
            return all;
        }

        /// <summary>Length of a complete request in b[0, count), or -1 while incomplete.</summary>
        private static int Complete(byte[] b, int count)
        {
            int headEnd = IndexOf(b, count, "\r\n\r\n");
            if (headEnd < 0) return -1;
            string length = Header(Text(b, headEnd), "Content-Length");
            int n = 0;
            if (length != null) for (int i = 0; i < length.Length; i++) n = n * 10 + (length[i] - '0');
            return count >= headEnd + 4 + n ? headEnd + 4 + n : -1;
        }

        private static string Header(string head, string name)
        {
            int at = head.IndexOf("\r\n" + name + ":");
            if (at < 0) return null;
            int start = at + name.Length + 3, end = head.IndexOf("\r\n", start);
            return (end < 0 ? head.Substring(start) : head.Substring(start, end - start)).Trim();
        }

        private static string Text(byte[] b, int count)
        {
            char[] c = new char[count];
            for (int i = 0; i < count; i++) c[i] = (char)b[i];
            return new string(c);
        }

        private static int IndexOf(byte[] b, int count, string what)
        {
            for (int i = 0; i + what.Length <= count; i++)
            {
                int k = 0;
                while (k < what.Length && b[i + k] == what[k]) k++;
                if (k == what.Length) return i;
            }
            return -1;
        }

        private sealed class Conn : IStreamPort
        {
            private readonly ScepHttpPeer _peer;
            private readonly bool _refused;
            private byte[] _in = new byte[4096];
            private int _inCount;
            private byte[] _answer;
            private int _answerOffset;
            private bool _closed;

            public Conn(ScepHttpPeer peer, bool refused)
            {
                _peer = peer;
                _refused = refused;
            }

            public bool Connected { get { return !_refused; } }

            public bool Write(byte[] data, int offset, int count)
            {
                if (_refused || _closed) return false;
                if (_inCount + count > _in.Length)
                {
                    byte[] bigger = new byte[(_inCount + count) * 2];
                    System.Array.Copy(_in, bigger, _inCount);
                    _in = bigger;
                }
                System.Array.Copy(data, offset, _in, _inCount, count);
                _inCount += count;
                int n = Complete(_in, _inCount);
                if (n > 0 && _answer == null) _answer = _peer.Serve(_in, n);
                return true;
            }

            public int TryRead(byte[] buffer, int offset, int count)
            {
                if (_refused || _closed) return -1;
                if (_answer == null) return 0;
                int n = _answer.Length - _answerOffset;
                if (n == 0) return -1;   // Connection: close
                if (n > count) n = count;
                System.Array.Copy(_answer, _answerOffset, buffer, offset, n);
                _answerOffset += n;
                return n;
            }

            public void Close() { _closed = true; }
        }
    }
}
