using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Tls;
using PhoneAgent.Core.X509;
using CoreCert = PhoneAgent.Core.X509.X509Certificate;

namespace PhoneAgent.Device.Ports
{
    /// <summary>TLS on the board. nanoFramework's SslStream (mbedTLS) does not hand the server's
    /// certificates to managed code, so the port first runs the core's certificate probe on a
    /// separate TCP connection (TLS 1.2 ClientHello, clear-text Certificate message) and
    /// validates exactly what the server sent with the core's PathValidator: that is where the
    /// administrator's diagnosis comes from (missing intermediate, expiry, host name). Only a
    /// valid chain goes on to the real handshake, in which mbedTLS verifies the server against
    /// the same anchor as well (SslVerification.CertificateRequired). A server that only
    /// speaks TLS 1.3 gives no clear-text certificates: then the probe reports it and mbedTLS
    /// alone decides. Not built or run here: the device build needs the nanoFramework toolchain.</summary>
    public sealed class NanoTlsPort : ITlsPort
    {
        private readonly PathValidator _validator;
        private readonly ValidationPolicy _policy;
        private readonly byte[] _anchorDer;
        private readonly IRandom _random;
        private byte[][] _last;

        public NanoTlsPort(PathValidator validator, ValidationPolicy policy, byte[] anchorDer, IRandom random)
        {
            _validator = validator;
            _policy = policy;
            _anchorDer = anchorDer;
            _random = random;
        }

        public byte[][] LastPeerCertificates { get { return _last; } }

        public ValidationResult LastValidation;

        public IStreamPort Connect(uint address, int port, string serverName, byte[] clientCertificateDer, byte[] clientKeyDer, out string reason)
        {
            reason = null;
            _last = null;
            LastValidation = null;
            byte[] a = new byte[4];
            Ip4.Write(a, 0, address);
            IPEndPoint ep = new IPEndPoint(new IPAddress(a), port);
            string probeWhy = Probe(ep, serverName);
            if (probeWhy != null && LastValidation != null)
            {
                reason = probeWhy;                       // a chain was read and refused
                return null;
            }
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                s.Connect(ep);
                SslStream ssl = new SslStream(s);
                ssl.SslVerification = SslVerification.CertificateRequired;
                X509Certificate ca = new X509Certificate(_anchorDer);
                X509Certificate client = null;
                if (clientCertificateDer != null && clientKeyDer != null)
                    client = new X509Certificate2(clientCertificateDer, Pem("PRIVATE KEY", clientKeyDer), null);
                ssl.AuthenticateAsClient(serverName, client, ca, System.Net.Security.SslProtocols.Tls12);
                return new Stream(s, ssl);
            }
            catch (Exception e)
            {
                s.Close();
                reason = "TLS handshake with " + Ip4.Format(address) + ":" + port.ToString() + " failed: " + e.Message +
                    (probeWhy != null ? " (certificate probe: " + probeWhy + ")" : "");
                return null;
            }
        }

        /// <summary>Reads the server's certificates and validates them: null when valid.</summary>
        private string Probe(IPEndPoint ep, string serverName)
        {
            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            TlsCertificateReader reader = new TlsCertificateReader();
            try
            {
                s.ReceiveTimeout = 10000;
                s.Connect(ep);
                byte[] hello = TlsClientHello.Build(serverName, _random);
                s.Send(hello);
                byte[] buf = new byte[1024];
                while (reader.State == TlsCertificateReader.NeedMore)
                {
                    int n = s.Receive(buf);
                    if (n <= 0) break;
                    reader.Feed(buf, 0, n);
                }
            }
            catch (Exception e)
            {
                return "no certificates read: " + e.Message;
            }
            finally
            {
                s.Close();
            }
            if (reader.State != TlsCertificateReader.GotCertificates)
                return "no certificates read: " + (reader.State == TlsCertificateReader.Failed ? reader.Reason : "the server closed before its Certificate message");
            _last = reader.Certificates;
            CoreCert[] certs = new CoreCert[_last.Length];
            for (int i = 0; i < certs.Length; i++)
            {
                string why;
                certs[i] = CoreCert.TryParse(_last[i], out why);
                if (certs[i] == null)
                {
                    LastValidation = new ValidationResult();
                    LastValidation.Code = "malformed";
                    LastValidation.Message = "certificate " + i.ToString() + " the server sent is malformed: " + why;
                    return LastValidation.Message;
                }
            }
            LastValidation = _validator.Validate(certs, _policy);
            return LastValidation.Valid ? null : "certificate refused (" + LastValidation.Code + "): " + LastValidation.Message;
        }

        private static byte[] Pem(string label, byte[] der)
        {
            string b64 = Convert.ToBase64String(der);
            string text = "-----BEGIN " + label + "-----\n";
            for (int i = 0; i < b64.Length; i += 64) text += b64.Substring(i, b64.Length - i < 64 ? b64.Length - i : 64) + "\n";
            text += "-----END " + label + "-----\n";
            byte[] r = new byte[text.Length + 1];          // mbedTLS wants the PEM NUL-terminated
            for (int i = 0; i < text.Length; i++) r[i] = (byte)text[i];
            return r;
        }

        private sealed class Stream : IStreamPort
        {
            private readonly Socket _socket;
            private readonly SslStream _ssl;
            private bool _closed;

            public Stream(Socket socket, SslStream ssl)
            {
                _socket = socket;
                _ssl = ssl;
            }

            public bool Connected { get { return !_closed; } }

            public bool Write(byte[] data, int offset, int count)
            {
                try { _ssl.Write(data, offset, count); return true; }
                catch (Exception) { _closed = true; return false; }
            }

            public int TryRead(byte[] buffer, int offset, int count)
            {
                if (_closed) return -1;
                try
                {
                    if (!_ssl.DataAvailable) return 0;
                    int n = _ssl.Read(buffer, offset, count);
                    if (n <= 0) { _closed = true; return -1; }
                    return n;
                }
                catch (Exception) { _closed = true; return -1; }
            }

            public void Close()
            {
                _closed = true;
                _ssl.Close();
            }
        }
    }
}
