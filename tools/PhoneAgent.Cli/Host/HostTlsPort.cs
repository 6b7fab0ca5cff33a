using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;
using CoreCert = PhoneAgent.Core.X509.X509Certificate;

namespace PhoneAgent.Cli.Host
{
    /// <summary>The host's TLS client port: SslStream over TCP whose certificate callback hands
    /// the certificates the server actually sent (the leaf plus the callback chain's ExtraStore,
    /// which holds exactly the server's extra certificates) to the core's PathValidator. .NET's
    /// own chain result, which may use intermediates it cached or downloaded, is ignored, so a
    /// server that omits its intermediate fails here as it fails on the device.</summary>
    public sealed class HostTlsPort : ITlsPort
    {
        private readonly PathValidator _validator;
        private readonly ValidationPolicy _policy;
        private readonly int _timeoutMs;
        private byte[][] _last;

        public HostTlsPort(PathValidator validator, ValidationPolicy policy, int timeoutMs = 10000)
        {
            _validator = validator ?? throw new ArgumentNullException(nameof(validator));
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _timeoutMs = timeoutMs;
        }

        public byte[][] LastPeerCertificates => _last;

        /// <summary>The core's verdict on the last handshake's certificates, or null.</summary>
        public ValidationResult LastValidation { get; private set; }

        public IStreamPort Connect(uint address, int port, string serverName, byte[] clientCertificateDer, byte[] clientKeyDer, out string reason)
        {
            reason = null;
            if (clientCertificateDer != null || clientKeyDer != null)
            {
                reason = "client certificates are not supported by the host TLS port yet";
                return null;
            }
            var a = new byte[4];
            Ip4.Write(a, 0, address);
            var tcp = new TcpClient();
            try
            {
                if (!tcp.ConnectAsync(new System.Net.IPAddress(a), port).Wait(_timeoutMs))
                {
                    reason = $"no TCP connection to {Ip4.Format(address)}:{port} within {_timeoutMs / 1000} s";
                    tcp.Dispose();
                    return null;
                }
                var ssl = new SslStream(tcp.GetStream(), false, Check);
                ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
                {
                    TargetHost = serverName,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                });
                return new TlsStream(tcp, ssl);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or SocketException or AggregateException)
            {
                reason = LastValidation is { Valid: false } v ? "certificate refused (" + v.Code + "): " + v.Message : e.Message;
                tcp.Dispose();
                return null;
            }
        }

        private bool Check(object sender, System.Security.Cryptography.X509Certificates.X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            if (certificate == null) { LastValidation = null; return false; }
            var leaf = certificate.GetRawCertData();
            var sent = new System.Collections.Generic.List<byte[]> { leaf };
            // ExtraStore holds what the server sent, the leaf included: keep the leaf once, first.
            if (chain != null)
                foreach (var extra in chain.ChainPolicy.ExtraStore)
                    if (!extra.RawData.AsSpan().SequenceEqual(leaf)) sent.Add(extra.RawData);
            _last = sent.ToArray();
            var parsed = new CoreCert[_last.Length];
            for (int i = 0; i < _last.Length; i++)
            {
                parsed[i] = CoreCert.TryParse(_last[i], out var why);
                if (parsed[i] == null)
                {
                    LastValidation = new ValidationResult { Code = "malformed", Message = $"certificate {i} the server sent is malformed: {why}" };
                    return false;
                }
            }
            LastValidation = _validator.Validate(parsed, _policy);
            return LastValidation.Valid;
        }

        private sealed class TlsStream : IStreamPort
        {
            private readonly TcpClient _tcp;
            private readonly SslStream _ssl;

            public TlsStream(TcpClient tcp, SslStream ssl)
            {
                _tcp = tcp;
                _ssl = ssl;
            }

            public bool Connected => _tcp.Connected;

            public bool Write(byte[] data, int offset, int count)
            {
                try { _ssl.Write(data, offset, count); return true; }
                catch (IOException) { return false; }
            }

            /// <summary>Non-blocking only at record boundaries: when the socket is idle it reports 0
            /// (or -1 when closed); data already decrypted inside SslStream is read on the next
            /// call that finds socket data. Good enough for request/response protocols (SIP).</summary>
            public int TryRead(byte[] buffer, int offset, int count)
            {
                if (_tcp.Available == 0) return _tcp.Client.Poll(0, SelectMode.SelectRead) ? -1 : 0;
                try
                {
                    int n = _ssl.Read(buffer, offset, count);
                    return n == 0 ? -1 : n;
                }
                catch (IOException) { return -1; }
            }

            public void Close()
            {
                _ssl.Dispose();
                _tcp.Dispose();
            }
        }
    }
}
