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
    /// server that omits its intermediate fails here as it fails on the device. The phone's
    /// client certificate and key (mutual TLS) are given per connection.</summary>
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
            X509Certificate2 client = null;
            if (clientCertificateDer != null || clientKeyDer != null)
            {
                client = ClientCertificate(clientCertificateDer, clientKeyDer, out reason);
                if (client == null) return null;
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
                    // The phone's own certificate (mutual TLS, e.g. SIP over TLS with an LSC),
                    // offered whatever CA names the server lists.
                    LocalCertificateSelectionCallback = client == null ? null : (_, _, _, _, _) => client,
                    ClientCertificates = client == null ? null : new X509CertificateCollection { client },
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

        /// <summary>The client certificate with its private key: PKCS#8, or PKCS#1 (RSA) / SEC 1
        /// (EC) DER. Null with the reason when they are malformed or do not belong together; the
        /// key itself never appears in the reason.</summary>
        internal static X509Certificate2 ClientCertificate(byte[] certificateDer, byte[] keyDer, out string reason)
        {
            reason = null;
            if (certificateDer == null || keyDer == null)
            {
                reason = "mutual TLS needs both the client certificate and its private key";
                return null;
            }
            X509Certificate2 cert;
            try { cert = X509CertificateLoader.LoadCertificate(certificateDer); }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                reason = "the client certificate is not a DER certificate: " + e.Message;
                return null;
            }
            try
            {
                using var key = cert.GetKeyAlgorithm() == "1.2.840.10045.2.1"
                    ? (System.Security.Cryptography.AsymmetricAlgorithm)ImportEc(keyDer)
                    : ImportRsa(keyDer);
                var withKey = key is System.Security.Cryptography.RSA rsa ? cert.CopyWithPrivateKey(rsa)
                    : cert.CopyWithPrivateKey((System.Security.Cryptography.ECDsa)key);
                // An ephemeral key is not usable by every TLS backend: round-trip through PKCS#12.
                var pfx = withKey.Export(X509ContentType.Pkcs12);
                return X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.Exportable);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                reason = "the client private key is malformed or does not belong to the client certificate \"" + cert.Subject + "\"";
                return null;
            }
            catch (ArgumentException)
            {
                reason = "the client private key does not belong to the client certificate \"" + cert.Subject + "\"";
                return null;
            }
        }

        private static System.Security.Cryptography.RSA ImportRsa(byte[] der)
        {
            var rsa = System.Security.Cryptography.RSA.Create();
            try { rsa.ImportPkcs8PrivateKey(der, out _); }
            catch (System.Security.Cryptography.CryptographicException) { rsa.ImportRSAPrivateKey(der, out _); }
            return rsa;
        }

        private static System.Security.Cryptography.ECDsa ImportEc(byte[] der)
        {
            var ec = System.Security.Cryptography.ECDsa.Create();
            try { ec.ImportPkcs8PrivateKey(der, out _); }
            catch (System.Security.Cryptography.CryptographicException) { ec.ImportECPrivateKey(der, out _); }
            return ec;
        }

        private bool Check(object sender, System.Security.Cryptography.X509Certificates.X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            LastValidation = ValidateSent(certificate, chain, _validator, _policy, out var sent);
            if (sent != null) _last = sent;
            return LastValidation != null && LastValidation.Valid;
        }

        /// <summary>The core's verdict on exactly the certificates the server sent: the leaf and
        /// the callback chain's ExtraStore (which holds them, the leaf included); null without a
        /// certificate. sent: their DER, leaf first. Shared with HostTlsTunnelPort.</summary>
        internal static ValidationResult ValidateSent(System.Security.Cryptography.X509Certificates.X509Certificate certificate, X509Chain chain,
            PathValidator validator, ValidationPolicy policy, out byte[][] sent)
        {
            sent = null;
            if (certificate == null) return null;
            var leaf = certificate.GetRawCertData();
            var list = new System.Collections.Generic.List<byte[]> { leaf };
            // ExtraStore holds what the server sent, the leaf included: keep the leaf once, first.
            if (chain != null)
                foreach (var extra in chain.ChainPolicy.ExtraStore)
                    if (!extra.RawData.AsSpan().SequenceEqual(leaf)) list.Add(extra.RawData);
            sent = list.ToArray();
            var parsed = new CoreCert[sent.Length];
            for (int i = 0; i < sent.Length; i++)
            {
                parsed[i] = CoreCert.TryParse(sent[i], out var why);
                if (parsed[i] == null)
                    return new ValidationResult { Code = "malformed", Message = $"certificate {i} the server sent is malformed: {why}" };
            }
            return validator.Validate(parsed, policy);
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
