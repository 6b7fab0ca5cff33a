using System.Collections;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>A test-only stand-in for a TLS engine behind ITlsTunnelPort: no cryptography, a
    /// scripted handshake so the TLS-based EAP methods can be driven on virtual time. The
    /// "records" are plain bytes: Open emits "HELLO" padded to HelloSize; "SRV-HELLO..." from the
    /// server is answered with "KEYX"; "SRV-FINISHED" establishes the session; "BADCERT" fails it
    /// with CertificateReason (as a validating port would). Established: Write(x) emits "APP" + x
    /// and the server's "APP" + y hands y to TakeIncoming. Real TLS is in the lab tests.</summary>
    public sealed class FakeTlsTunnelPort : ITlsTunnelPort
    {
        public int HelloSize = 100;
        public string CertificateReason = "certificate refused (UntrustedRoot): \"CN=evil\" does not chain to a trusted root";
        public byte[] ExportedKey;
        public bool RefuseOpen;
        public bool AlertOnFailure;
        public string LastServerName;
        public byte[] LastClientCertificate;
        public int Opened;
        public FakeTlsTunnel Last;

        public ITlsTunnel Open(string serverName, byte[] clientCertificateDer, byte[] clientKeyDer, out string reason)
        {
            reason = null;
            if (RefuseOpen)
            {
                reason = "no TLS engine for EAP on this platform";
                return null;
            }
            LastServerName = serverName;
            LastClientCertificate = clientCertificateDer;
            Opened++;
            Last = new FakeTlsTunnel(this);
            return Last;
        }

        public static byte[] Tagged(string tag, byte[] data)
        {
            byte[] t = Util.Ascii.GetBytes(tag);
            byte[] r = new byte[t.Length + (data == null ? 0 : data.Length)];
            System.Array.Copy(t, 0, r, 0, t.Length);
            if (data != null) System.Array.Copy(data, 0, r, t.Length, data.Length);
            return r;
        }

        public static bool StartsWith(byte[] b, string tag)
        {
            if (b == null || b.Length < tag.Length) return false;
            for (int i = 0; i < tag.Length; i++) if (b[i] != (byte)tag[i]) return false;
            return true;
        }
    }

    public sealed class FakeTlsTunnel : ITlsTunnel
    {
        private readonly FakeTlsTunnelPort _port;
        private int _state = TlsTunnelState.Handshaking;
        private string _reason = "";
        private byte[] _outgoing;
        private readonly ArrayList _incoming = new ArrayList();
        /// <summary>Every application message the method wrote (the inner responses).</summary>
        public readonly ArrayList Written = new ArrayList();
        public bool Closed;

        public FakeTlsTunnel(FakeTlsTunnelPort port)
        {
            _port = port;
            byte[] hello = new byte[port.HelloSize];
            byte[] tag = Util.Ascii.GetBytes("HELLO");
            System.Array.Copy(tag, 0, hello, 0, tag.Length);
            for (int i = tag.Length; i < hello.Length; i++) hello[i] = (byte)i;
            _outgoing = hello;
        }

        public int State { get { return _state; } }
        public string FailureReason { get { return _reason; } }

        public void Receive(byte[] data, int offset, int count)
        {
            byte[] d = new byte[count];
            System.Array.Copy(data, offset, d, 0, count);
            if (_state == TlsTunnelState.Handshaking)
            {
                if (FakeTlsTunnelPort.StartsWith(d, "BADCERT"))
                {
                    _state = TlsTunnelState.Failed;
                    _reason = _port.CertificateReason;
                    if (_port.AlertOnFailure) _outgoing = FakeTlsTunnelPort.Tagged("ALERT", null);
                }
                else if (FakeTlsTunnelPort.StartsWith(d, "SRV-HELLO")) Append(FakeTlsTunnelPort.Tagged("KEYX", null));
                else if (FakeTlsTunnelPort.StartsWith(d, "SRV-FINISHED"))
                {
                    _state = TlsTunnelState.Established;
                    // Application data may follow the Finished in the same flight.
                    if (d.Length > 12 && FakeTlsTunnelPort.StartsWith(Slice(d, 12), "APP")) _incoming.Add(Slice(d, 15));
                }
                else
                {
                    _state = TlsTunnelState.Failed;
                    _reason = "unexpected handshake message";
                }
                return;
            }
            if (_state == TlsTunnelState.Established && FakeTlsTunnelPort.StartsWith(d, "APP")) _incoming.Add(Slice(d, 3));
        }

        private static byte[] Slice(byte[] d, int from)
        {
            byte[] r = new byte[d.Length - from];
            System.Array.Copy(d, from, r, 0, r.Length);
            return r;
        }

        private void Append(byte[] b)
        {
            if (_outgoing == null) { _outgoing = b; return; }
            byte[] n = new byte[_outgoing.Length + b.Length];
            System.Array.Copy(_outgoing, 0, n, 0, _outgoing.Length);
            System.Array.Copy(b, 0, n, _outgoing.Length, b.Length);
            _outgoing = n;
        }

        public byte[] TakeOutgoing()
        {
            byte[] o = _outgoing;
            _outgoing = null;
            return o;
        }

        public void Write(byte[] data, int offset, int count)
        {
            byte[] d = new byte[count];
            System.Array.Copy(data, offset, d, 0, count);
            Written.Add(d);
            Append(FakeTlsTunnelPort.Tagged("APP", d));
        }

        public byte[] TakeIncoming()
        {
            if (_incoming.Count == 0) return null;
            byte[] b = (byte[])_incoming[0];
            _incoming.RemoveAt(0);
            return b;
        }

        public byte[][] PeerCertificates { get { return _state == TlsTunnelState.Established ? new byte[][] { new byte[1], new byte[1] } : null; } }
        public string Protocol { get { return _state == TlsTunnelState.Established ? "TLSv1.2" : null; } }

        public byte[] ExportKeyingMaterial(string label, int length)
        {
            return _port.ExportedKey;
        }

        public void Close()
        {
            Closed = true;
            _state = TlsTunnelState.Closed;
        }
    }
}
