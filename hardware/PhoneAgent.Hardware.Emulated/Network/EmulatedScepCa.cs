using System;
using System.Collections.Generic;
using System.Text;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>A SCEP CA for the demo (the lab uses micromdm's scepserver): HTTP/1.1 on
    /// 10.77.0.1:8080, path /scep, answering GetCACaps, GetCACert and PKIOperation (PKCSReq,
    /// RenewalReq, CertPoll) with CertReps. It is built from the core's own SCEP codecs (the server
    /// side of the message layer), so it shows the flow, not interoperability; that is what the
    /// lab and the host tests with .NET's CMS are for. Its CA key is fixed (a demo key, nothing
    /// else trusts it) so the CA certificate and its fingerprint are the same on every run.</summary>
    public sealed class EmulatedScepCa : IEmulatedStreamServer
    {
        public const int Port = 8080;
        public const string Path = "/scep";

        // 2048-bit RSA, PKCS#1 DER, made with `openssl genrsa -traditional 2048` for this demo only.
        private const string CaKeyBase64 =
            "MIIEowIBAAKCAQEAlhmSizJNYyv6G6wX3uHxYvr9ad6PM0H/93LOtzVU5TBuy0AbD0NXb/MSHfLlITOsRAQlug3+25BptkUbINrx" +
            "FGfIVWm2u4cEXz1wY2wdatNcwhdsol9X9wJVhiRijltDIiURwg70Gv6sjAnmLMpMLx1wWI9zewQmHiBbG3rQGa73OYtKTOXRtGLu" +
            "IZnroeTlhy/cZacUyX7QNDOBllrah2U/lw6eRloclEKFLDPz3tsq5eAjlXKm8jKRK9k7MRIjthIVg4RML7Z7/7yeSrX7Vzp6t+8C" +
            "h7YxbLs1Xu6Dl+arppDMHOC4Cv4lrH90DK5hsKN+oxej9eX+1oAtgtMPTwIDAQABAoIBAAswddWtlspFTXxBnHfvhPSZfEmnnyo1" +
            "idTS+Kj8r0r0jNXW/g1pujtstdWItV7/wKBDZOKVR4Hrpo3BYg/VcnJQeEUxv78EBiXpaRboSNsdTYVkhKMoE2ElCeYZkUVGdV82" +
            "vzelsLnQcWFxHXkKTZqXibf4XaX2fbbyN4h5Y8j+PlK1p9HLldOMhcO2aUmvBgSyxlcyMrgV36tZH96nUk8Pd9ckwvk6U/qZ6AQe" +
            "fY07I4ozwRZ1R36segTWyD9MTsjy05ogl+tO6lxXgab/r8pbqZI3uIE6cAcXn3UT2E752oT1M8vCWWzbR3gZaPI71sSQy3bEhhaA" +
            "CmLNVIX7YC0CgYEAxY6oPbkl9u5gKDpVpH/Q32VBkGPNvTg/G3Kuk6Lbcoy/6vFTRgbqem8MtRz2VtfYkmB0SKDkG6N/vEOlzWf3" +
            "8x4AZED7WDIfHbCOWpa4W2w5/LClQa3uvUfG0hR76JUmgVbKTH550CbcWn1yEy/+gumWNJeE9w1Uub3vSQ+cbgUCgYEAwoDjs93Z" +
            "FCust0V/swu9UVCalf9bo5W5ZEIKfE6p4NiE2Q5lOCCOgyeMSu+kpiIksafBCt0qzaXyLFHgNpP3QsohpUNCIdHLKCqqN4UTMsQ6" +
            "ef/9PNuduttFvHcM5zWsxwy+hTpCDxoKdWlTzTECgT+lqrGToE4V7SafwcVodEMCgYEAiI9iMLhpS9XfVi9sv/cydRnTRnIW57OX" +
            "u+t8TcWHmBk/GLKUc5WYQ+W7jP5mMgWmSRiviPzecVSFmafRVrmFpeKZNrPMilyrMaS34lrJOTkIpGme8lW+78xL3TAXruBa65EI" +
            "6fOLVJ1oOIz6a9UDQ48gK16JpRTr+jEW1RQbd9kCgYBRKV1aycDyhML+etatjMGD8+F9o9/GZAzHRDOB6YVDmLXeqP4drKArJE6L" +
            "WnJXDLpJE5ofAWkCBTQHwGaR/65WxWfCwU0QNa3TZfI/Vp1LOsy36dTvFyk7NpJj8T2GIUSmjq/Vghjcml4w3jGk1sWXz0o+7viO" +
            "FOdbXRmeztQmZwKBgCnXHLwslS9hZ4sszXx6JlKQhyNBeNAv4KupJsQ5/yetiiVjenAY0l67GZbVD+SmpecIGnRY2Um3qyHIuki1" +
            "r/asZRdz8KNWeEsd4Bf/F7RHQfEa0RfIz8ojwVhlTP90ZNuWq3T7+kuSlO5VzmBxUFTHNAp/mQDDD2IXgR01ae1l";

        private static ScepKeyPair _caKey;
        private static X509Certificate _caCert;
        private readonly Func<long> _unixNow;
        private readonly Dictionary<string, X509Certificate> _held = new();
        private int _serial = 0x1000;

        /// <param name="unixNow">the CA's wall clock (the demo's SNTP server time)</param>
        public EmulatedScepCa(Func<long> unixNow) => _unixNow = unixNow ?? throw new ArgumentNullException(nameof(unixNow));

        public uint Address { get; init; } = 0x0a4d0001;
        public string Name => "scep-ca";
        /// <summary>The challenge password the CA expects in a PKCSReq.</summary>
        public string Challenge { get; set; } = "demo-challenge";
        /// <summary>Answer PENDING to the request and to this many CertPolls before issuing.</summary>
        public int PendingPolls { get; set; }
        public int ValidDays { get; set; } = 365;
        public int Requests { get; private set; }
        public int Issued { get; private set; }

        public static X509Certificate CaCertificate { get { Init(); return _caCert; } }

        /// <summary>"sha256:HEX" of the CA certificate, for scep.caFingerprint.</summary>
        public static string Fingerprint => "sha256:" + PhoneAgent.Core.Util.Hex.Bytes(CaCertificate.Sha256Fingerprint);

        private static void Init()
        {
            if (_caCert != null) return;
            _caKey = ScepKeyPair.TryDecode(Convert.FromBase64String(CaKeyBase64), out string e) ?? throw new InvalidOperationException(e);
            byte[] name = new X509NameBuilder().Add(X509NameBuilder.OidOrganization, "PhoneAgent Demo").Add(X509NameBuilder.OidCommonName, "Demo SCEP CA").ToDer();
            var b = new CertificateBuilder
            {
                SerialNumber = new byte[] { 1 },
                IssuerDer = name,
                SubjectDer = name,
                NotBefore = PhoneAgent.Core.Asn1.Asn1Time.ToUnix(2025, 1, 1, 0, 0, 0),
                NotAfter = PhoneAgent.Core.Asn1.Asn1Time.ToUnix(2045, 1, 1, 0, 0, 0),
                Modulus = _caKey.Modulus,
                Exponent = _caKey.Exponent,
                BasicConstraints = true,
                IsCa = true,
                KeyUsage = X509Certificate.KuKeyCertSign | X509Certificate.KuCrlSign | X509Certificate.KuDigitalSignature | X509Certificate.KuKeyEncipherment,
            };
            _caCert = X509Certificate.TryParse(b.Sign(_caKey.Key, HashAlgorithm.Sha256Name), out e) ?? throw new InvalidOperationException(e);
        }

        public bool Accepts(uint destination, int destinationPort) => destination == Address && destinationPort == Port;

        public byte[] Handle(uint source, byte[] received)
        {
            int headEnd = IndexOf(received, "\r\n\r\n"u8);
            if (headEnd < 0) return null;
            string head = Encoding.Latin1.GetString(received, 0, headEnd);
            string[] lines = head.Split("\r\n");
            int length = 0;
            foreach (var l in lines)
                if (l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(l[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (received.Length < headEnd + 4 + length) return null;
            string[] request = lines[0].Split(' ');
            if (request.Length != 3) return Http(400, "text/plain", "bad request line"u8.ToArray());
            string target = request[1];
            int q = target.IndexOf('?');
            string path = q < 0 ? target : target[..q];
            var query = new Dictionary<string, string>();
            if (q >= 0)
                foreach (var pair in target[(q + 1)..].Split('&'))
                {
                    int eq = pair.IndexOf('=');
                    if (eq > 0) query[pair[..eq]] = Uri.UnescapeDataString(pair[(eq + 1)..]);
                }
            if (path != Path) return Http(404, "text/plain", "not here"u8.ToArray());
            Init();
            query.TryGetValue("operation", out string op);
            switch (op)
            {
                case "GetCACaps":
                    return Http(200, "text/plain", "POSTPKIOperation\nSHA-256\nAES\nRenewal\nSCEPStandard\n"u8.ToArray());
                case "GetCACert":
                    return Http(200, ScepCodes.ContentTypeCaCert, _caCert.Der);
                case "PKIOperation":
                    byte[] message = request[0] == "POST" ? received[(headEnd + 4)..(headEnd + 4 + length)]
                        : query.TryGetValue("message", out string m) ? Convert.FromBase64String(m) : null;
                    byte[] rep = message == null ? null : Answer(message, out string error);
                    return rep != null ? Http(200, ScepCodes.ContentTypePkiMessage, rep) : Http(400, "text/plain", Encoding.ASCII.GetBytes("bad pkiMessage"));
                default:
                    return Http(400, "text/plain", "unknown operation"u8.ToArray());
            }
        }

        private byte[] Answer(byte[] message, out string error)
        {
            var m = ScepPkiMessage.TryParse(message, out error);
            if (m == null) return null;
            X509Certificate[] included = m.IncludedCertificates(out error);
            X509Certificate signer = included == null ? null : m.VerifySignature(included, out error);
            if (signer == null) return null;
            byte[] data = m.DecryptEnvelope(_caCert, _caKey.Key, new OsRandom(), out error);
            if (data == null) return null;
            Requests++;
            if (m.MessageType == ScepCodes.CertPoll)
            {
                if (!_held.TryGetValue(m.TransactionId, out var held)) return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadCertId, null);
                if (++_polls < PendingPolls) return Rep(m, signer, ScepCodes.Pending, 0, null);
                _held.Remove(m.TransactionId);
                return Rep(m, signer, ScepCodes.Success, 0, held);
            }
            if (m.MessageType != ScepCodes.PkcsReq && m.MessageType != ScepCodes.RenewalReq) return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadRequest, null);
            var csr = Pkcs10Request.TryParse(data, out error);
            if (csr == null || csr.VerifySignature() != null) return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadMessageCheck, null);
            bool renewal = m.MessageType == ScepCodes.RenewalReq && SignatureCheck.Verify(signer, _caCert, null, false) == null;
            if (!renewal && csr.ChallengePassword != Challenge) return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadRequest, null);
            long now = _unixNow();
            var b = new CertificateBuilder
            {
                SerialNumber = new byte[] { (byte)(_serial >> 8), (byte)_serial++ },
                IssuerDer = _caCert.Subject.Der,
                SubjectDer = csr.Subject.Der,
                NotBefore = now - 300,
                NotAfter = now + 86400L * ValidDays,
                Modulus = csr.RsaModulus,
                Exponent = csr.RsaExponent,
                KeyUsage = csr.HasKeyUsage ? csr.KeyUsage : X509Certificate.KuDigitalSignature | X509Certificate.KuKeyEncipherment,
                ExtendedKeyUsages = csr.ExtendedKeyUsages,
                DnsNames = csr.DnsNames.Length > 0 ? csr.DnsNames : null,
                Uris = csr.UriNames.Length > 0 ? csr.UriNames : null,
                AuthorityKeyId = CertificateBuilder.KeyIdentifier(_caKey.Modulus, _caKey.Exponent),
            };
            var issued = X509Certificate.TryParse(b.Sign(_caKey.Key, HashAlgorithm.Sha256Name), out error);
            if (issued == null) return null;
            Issued++;
            if (PendingPolls > 0)
            {
                _held[m.TransactionId] = issued;
                _polls = 0;
                return Rep(m, signer, ScepCodes.Pending, 0, null);
            }
            return Rep(m, signer, ScepCodes.Success, 0, issued);
        }

        private int _polls;

        private byte[] Rep(ScepPkiMessage request, X509Certificate requester, int status, int failInfo, X509Certificate issued)
        {
            byte[] certsOnly = issued == null ? null : CmsCertsOnly.Encode(new[] { issued.Der, _caCert.Der });
            string cipher = CmsEnvelopedData.TryParse(request.Envelope, out _)?.ContentEncryptionAlgorithm ?? CmsAlgorithms.OidAes128Cbc;
            var random = new OsRandom();
            return ScepMessageWriter.CertRep(status, failInfo, status == ScepCodes.Failure ? "refused by the demo CA" : null, request.TransactionId,
                request.SenderNonce, ScepMessageWriter.NewNonce(random), certsOnly, requester, _caCert, _caKey.Key,
                request.HashName ?? HashAlgorithm.Sha256Name, cipher, random);
        }

        private static byte[] Http(int status, string type, byte[] body)
        {
            string reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
            byte[] h = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            return [.. h, .. body];
        }

        private static int IndexOf(byte[] b, ReadOnlySpan<byte> what) => b.AsSpan().IndexOf(what);

        private sealed class OsRandom : PhoneAgent.Core.Ports.IRandom
        {
            public void NextBytes(byte[] buffer) => System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
            public int Next(int maxExclusive) => System.Security.Cryptography.RandomNumberGenerator.GetInt32(maxExclusive);
        }
    }
}
