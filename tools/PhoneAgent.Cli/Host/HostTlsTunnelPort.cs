using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Tls;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Cli.Host
{
    /// <summary>The host's TLS-inside-EAP port: an SslStream over an in-memory duplex pipe,
    /// driven synchronously. A worker thread runs AuthenticateAsClient (and, once established,
    /// a read loop for tunnelled application data, PEAP phase 2); every call returns when the
    /// engine is quiescent, i.e. blocked waiting for more records from the server with all
    /// given input consumed, or finished. The server's certificates are checked exactly as
    /// HostTlsPort does: the ones the server sent, by the core's PathValidator, purpose
    /// serverAuth and the server name of Open, .NET's own chain ignored.
    ///
    /// TLS 1.2 only: hostapd 2.10 and FreeRADIUS 3.2 keep TLS 1.3 off for EAP by default, and
    /// EAP-TLS 1.3 (RFC 9190: the 0x00 commitment message, the key schedule) is not done here.
    /// ExportKeyingMaterial returns null: .NET has no RFC 5705 exporter (nor access to the
    /// master secret), so no MSK on the host; 802.1X on a wired port does not need one.</summary>
    public sealed class HostTlsTunnelPort : ITlsTunnelPort
    {
        private readonly PathValidator _validator;
        private readonly ValidationPolicy _policy;
        private readonly int _stepTimeoutMs;

        /// <summary>policy: its Purpose, Fips, MaxDepth, PinnedAnchor, Crls and Time (0: the
        /// current time at each Open) are used; HostName comes from Open's serverName.</summary>
        public HostTlsTunnelPort(PathValidator validator, ValidationPolicy policy, int stepTimeoutMs = 10000)
        {
            _validator = validator ?? throw new ArgumentNullException(nameof(validator));
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _stepTimeoutMs = stepTimeoutMs;
        }

        /// <summary>The core's verdict on the last server's certificates, or null.</summary>
        public ValidationResult LastValidation { get; private set; }

        public ITlsTunnel Open(string serverName, byte[] clientCertificateDer, byte[] clientKeyDer, out string reason)
        {
            reason = null;
            SslStreamCertificateContext client = null;
            if (clientCertificateDer != null || clientKeyDer != null)
            {
                byte[][] certs = SplitDer(clientCertificateDer);
                if (certs == null)
                {
                    reason = "the client certificate is not DER (one certificate, optionally followed by its intermediates)";
                    return null;
                }
                var leaf = HostTlsPort.ClientCertificate(certs[0], clientKeyDer, out reason);
                if (leaf == null) return null;
                var extra = new X509Certificate2Collection();
                for (int i = 1; i < certs.Length; i++)
                {
                    try { extra.Add(X509CertificateLoader.LoadCertificate(certs[i])); }
                    catch (System.Security.Cryptography.CryptographicException e)
                    {
                        reason = $"intermediate certificate {i} after the client certificate is malformed: {e.Message}";
                        return null;
                    }
                }
                // offline: the chain sent is exactly leaf + the given intermediates, nothing fetched.
                client = SslStreamCertificateContext.Create(leaf, extra, offline: true);
            }
            var policy = _policy.Copy();
            if (policy.Time == 0) policy.Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            policy.Purpose ??= ValidationPolicy.EkuServerAuth;
            policy.HostName = string.IsNullOrEmpty(serverName) ? null : serverName;
            LastValidation = null;
            var t = new Tunnel(this, policy, _stepTimeoutMs);
            t.Begin(ssl => ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = serverName ?? "",
                EnabledSslProtocols = SslProtocols.Tls12,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                ClientCertificateContext = client,
            }));
            return t;
        }

        /// <summary>For tests: the server end of a tunnel, driven the same synchronous way (an
        /// SslStream server over the same pipe), with the server's verdict on the client's
        /// certificate (null: none requested).</summary>
        public static ITlsTunnel OpenServer(X509Certificate2 serverCertificate, X509Certificate2Collection chain,
            RemoteCertificateValidationCallback checkClient, int stepTimeoutMs = 10000)
        {
            var t = new Tunnel(null, null, stepTimeoutMs, checkClient ?? ((_, _, _, _) => true));
            t.Begin(ssl => ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(serverCertificate, chain, offline: true),
                ClientCertificateRequired = checkClient != null,
                EnabledSslProtocols = SslProtocols.Tls12,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }));
            return t;
        }

        /// <summary>Concatenated DER certificates (each a SEQUENCE with a definite length), or
        /// null when the bytes are not exactly that.</summary>
        public static byte[][] SplitDer(byte[] der)
        {
            if (der == null || der.Length == 0) return null;
            var list = new List<byte[]>();
            int at = 0;
            while (at < der.Length)
            {
                if (der[at] != 0x30 || at + 2 > der.Length) return null;
                int lenByte = der[at + 1];
                int header = 2;
                long len;
                if (lenByte < 0x80) len = lenByte;
                else
                {
                    int n = lenByte & 0x7F;
                    if (n < 1 || n > 3 || at + 2 + n > der.Length) return null;
                    len = 0;
                    for (int i = 0; i < n; i++) len = (len << 8) | der[at + 2 + i];
                    header += n;
                }
                if (at + header + len > der.Length) return null;
                list.Add(der.AsSpan(at, header + (int)len).ToArray());
                at += header + (int)len;
            }
            return list.ToArray();
        }

        private sealed class Tunnel : ITlsTunnel
        {
            private readonly HostTlsTunnelPort _port;
            private readonly ValidationPolicy _policy;
            private readonly int _timeoutMs;
            private readonly Pipe _pipe;
            private readonly SslStream _ssl;
            private readonly MemoryStream _incoming = new();
            private Thread _worker;
            private int _state = TlsTunnelState.Handshaking;
            private string _failure = "";
            private string _protocol;
            private byte[][] _peer;
            private bool _done;

            public Tunnel(HostTlsTunnelPort port, ValidationPolicy policy, int timeoutMs, RemoteCertificateValidationCallback check = null)
            {
                _port = port;
                _policy = policy;
                _timeoutMs = timeoutMs;
                _pipe = new Pipe();
                _ssl = new SslStream(_pipe, false, check ?? Check);
            }

            private object Gate => _pipe.Gate;

            public int State { get { lock (Gate) return _state; } }
            public string FailureReason { get { lock (Gate) return _failure; } }
            public byte[][] PeerCertificates => _peer;
            public string Protocol { get { lock (Gate) return _protocol; } }

            private Action<SslStream> _authenticate;

            public void Begin(Action<SslStream> authenticate)
            {
                _authenticate = authenticate;
                _worker = new Thread(Work) { IsBackground = true, Name = "tls-tunnel" };
                _worker.Start();
                WaitQuiescent();
            }

            private void Work()
            {
                try
                {
                    _authenticate(_ssl);
                    lock (Gate)
                    {
                        _state = TlsTunnelState.Established;
                        _protocol = _ssl.SslProtocol switch
                        {
                            SslProtocols.Tls12 => "TLSv1.2",
                            SslProtocols.Tls13 => "TLSv1.3",
                            var p => p.ToString(),
                        };
                    }
                    var buffer = new byte[16384];
                    while (true)
                    {
                        int n = _ssl.Read(buffer, 0, buffer.Length);
                        if (n == 0) break;
                        lock (Gate) _incoming.Write(buffer, 0, n);
                    }
                    lock (Gate) if (_state == TlsTunnelState.Established) { _state = TlsTunnelState.Closed; _failure = "the server closed the TLS session"; }
                }
                catch (Exception e) // whatever the engine throws ends this session, never the agent
                {
                    lock (Gate)
                    {
                        if (_state == TlsTunnelState.Handshaking)
                        {
                            _state = TlsTunnelState.Failed;
                            var v = _port?.LastValidation;
                            _failure = v is { Valid: false } ? "untrusted server certificate (" + v.Code + "): " + v.Message : Flatten(e);
                        }
                        else if (_state == TlsTunnelState.Established)
                        {
                            _state = TlsTunnelState.Failed;
                            _failure = "the TLS session broke: " + Flatten(e);
                        }
                    }
                }
                finally
                {
                    lock (Gate)
                    {
                        _done = true;
                        Monitor.PulseAll(Gate);
                    }
                }
            }

            private static string Flatten(Exception e)
            {
                var parts = new List<string>();
                for (var x = e; x != null; x = x.InnerException)
                    if (!x.Message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase)) parts.Add(x.Message.TrimEnd('.'));
                return parts.Count == 0 ? e.GetType().Name : string.Join(": ", parts);
            }

            private bool Check(object sender, System.Security.Cryptography.X509Certificates.X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
            {
                var v = HostTlsPort.ValidateSent(certificate, chain, _port._validator, _policy, out var sent);
                _peer = sent;
                _port.LastValidation = v;
                return v != null && v.Valid;
            }

            /// <summary>Waits until the worker reads from an empty pipe or has finished.</summary>
            private void WaitQuiescent()
            {
                lock (Gate)
                {
                    long deadline = Environment.TickCount64 + _timeoutMs;
                    while (!_done && !(_pipe.ReaderWaiting && _pipe.InputEmpty))
                    {
                        long left = deadline - Environment.TickCount64;
                        if (left <= 0)
                        {
                            if (_state == TlsTunnelState.Handshaking || _state == TlsTunnelState.Established)
                            {
                                _state = TlsTunnelState.Failed;
                                _failure = $"the TLS engine did not settle within {_timeoutMs} ms";
                            }
                            return;
                        }
                        Monitor.Wait(Gate, (int)Math.Min(left, int.MaxValue));
                    }
                }
            }

            public void Receive(byte[] data, int offset, int count)
            {
                ArgumentNullException.ThrowIfNull(data);
                if (_port != null && _certificates.State == TlsCertificateReader.NeedMore && State == TlsTunnelState.Handshaking)
                {
                    // .NET on Linux (10.0 with OpenSSL 3.0) runs the validation callback only after
                    // the handshake: the phone would send its certificate, Finished and then the
                    // final ACK that lets the server send EAP-Success to an untrusted server. So
                    // the server's Certificate message (clear text in TLS 1.2) is read and judged
                    // here first, and an untrusted chain is answered with a fatal alert instead.
                    _certificates.Feed(data, offset, count);
                    if (_certificates.State == TlsCertificateReader.GotCertificates && Refuse(_certificates.Certificates)) return;
                }
                lock (Gate)
                {
                    if (_done) return;
                    _pipe.AddInput(data, offset, count);
                }
                WaitQuiescent();
            }

            private readonly TlsCertificateReader _certificates = new();

            /// <summary>True when the core refuses the server's certificates: the tunnel fails and
            /// a fatal alert (RFC 5246 §7.2, clear text: no ChangeCipherSpec was sent) is queued.</summary>
            private bool Refuse(byte[][] sent)
            {
                var parsed = new PhoneAgent.Core.X509.X509Certificate[sent.Length];
                ValidationResult v = null;
                for (int i = 0; i < sent.Length && v == null; i++)
                {
                    parsed[i] = PhoneAgent.Core.X509.X509Certificate.TryParse(sent[i], out var why);
                    if (parsed[i] == null) v = new ValidationResult { Code = "malformed", Message = $"certificate {i} the server sent is malformed: {why}" };
                }
                v ??= _port._validator.Validate(parsed, _policy);
                _peer = sent;
                _port.LastValidation = v;
                if (v.Valid) return false;
                int alert = v.Code switch
                {
                    "expired" or "not-yet-valid" => 45,             // certificate_expired
                    "missing-issuer" or "signature" or "pin" => 48, // unknown_ca
                    "malformed" => 42,                              // bad_certificate
                    _ => 46,                                        // certificate_unknown
                };
                lock (Gate)
                {
                    _state = TlsTunnelState.Failed;
                    _failure = "untrusted server certificate (" + v.Code + "): " + v.Message;
                    _pipe.Queue(new byte[] { 21, 3, 3, 0, 2, 2, (byte)alert });
                    _pipe.CloseInput();
                }
                return true;
            }

            public byte[] TakeOutgoing() => _pipe.TakeOutput();

            public void Write(byte[] data, int offset, int count)
            {
                if (State != TlsTunnelState.Established) throw new InvalidOperationException("the TLS tunnel is not established");
                try { _ssl.Write(data, offset, count); }
                catch (IOException e)
                {
                    lock (Gate) { _state = TlsTunnelState.Failed; _failure = "the TLS session broke: " + Flatten(e); }
                }
            }

            public byte[] TakeIncoming()
            {
                lock (Gate)
                {
                    if (_incoming.Length == 0) return null;
                    var r = _incoming.ToArray();
                    _incoming.SetLength(0);
                    return r;
                }
            }

            public byte[] ExportKeyingMaterial(string label, int length) => null;

            public void Close()
            {
                lock (Gate)
                {
                    if (_state != TlsTunnelState.Failed) _state = TlsTunnelState.Closed;
                    _pipe.CloseInput();
                }
                _worker?.Join(_timeoutMs);
                _ssl.Dispose();
            }
        }

        /// <summary>The in-memory transport under SslStream: reads block until the tunnel hands
        /// records in (or the input is closed), writes collect the records to send.</summary>
        private sealed class Pipe : Stream
        {
            public readonly object Gate = new();
            private readonly MemoryStream _out = new();
            private byte[] _in = Array.Empty<byte>();
            private int _inPos;
            private bool _closed;

            public bool ReaderWaiting { get; private set; }
            public bool InputEmpty => _inPos >= _in.Length;

            public void AddInput(byte[] data, int offset, int count)
            {
                int left = _in.Length - _inPos;
                var b = new byte[left + count];
                Array.Copy(_in, _inPos, b, 0, left);
                Array.Copy(data, offset, b, left, count);
                _in = b;
                _inPos = 0;
                Monitor.PulseAll(Gate);
            }

            public void Queue(byte[] record)
            {
                lock (Gate) _out.Write(record, 0, record.Length);
            }

            public void CloseInput()
            {
                _closed = true;
                Monitor.PulseAll(Gate);
            }

            public byte[] TakeOutput()
            {
                lock (Gate)
                {
                    if (_out.Length == 0) return null;
                    var r = _out.ToArray();
                    _out.SetLength(0);
                    return r;
                }
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                lock (Gate)
                {
                    while (InputEmpty && !_closed)
                    {
                        ReaderWaiting = true;
                        Monitor.PulseAll(Gate);
                        Monitor.Wait(Gate);
                    }
                    ReaderWaiting = false;
                    if (InputEmpty) return 0;
                    int n = Math.Min(count, _in.Length - _inPos);
                    Array.Copy(_in, _inPos, buffer, offset, n);
                    _inPos += n;
                    return n;
                }
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                lock (Gate) _out.Write(buffer, offset, count);
            }

            public override void Flush() { }
            public override bool CanRead => true;
            public override bool CanWrite => true;
            public override bool CanSeek => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
