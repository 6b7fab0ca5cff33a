using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Asn1;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;

namespace PhoneAgent.Tests.Host.Scep
{
    /// <summary>A scripted SCEP server on 127.0.0.1 built only from .NET (no code of the core):
    /// HttpListener-free plain TCP with HTTP/1.1, GetCACaps/GetCACert, and PKIOperation read with
    /// SignedCms (signature checked) and EnvelopedCms (decrypted with the CA's key). Its answers
    /// follow a script of pkiStatus values ("PENDING", "PENDING", "SUCCESS", "FAILURE:2"): SUCCESS
    /// issues the CSR with CertificateRequest and envelopes it with EnvelopedCms inside a SignedCms;
    /// PENDING and FAILURE carry no content, which SignedCms cannot sign, so that SignedData is
    /// written with System.Formats.Asn1's AsnWriter (DER, SET OF sorted by the writer) and signed
    /// with RSA.SignData over the signed attributes as RFC 5652 §5.4 says.</summary>
    internal sealed class ScriptedScepPeer : IDisposable
    {
        private const string OidData = "1.2.840.113549.1.7.1";
        private const string OidSignedData = "1.2.840.113549.1.7.2";
        private const string OidSha256 = "2.16.840.1.101.3.4.2.1";
        private const string OidRsa = "1.2.840.113549.1.1.1";
        private const string OidContentType = "1.2.840.113549.1.9.3";
        private const string OidMessageDigest = "1.2.840.113549.1.9.4";
        private const string OidMessageType = "2.16.840.1.113733.1.9.2";
        private const string OidPkiStatus = "2.16.840.1.113733.1.9.3";
        private const string OidFailInfo = "2.16.840.1.113733.1.9.4";
        private const string OidSenderNonce = "2.16.840.1.113733.1.9.5";
        private const string OidRecipientNonce = "2.16.840.1.113733.1.9.6";
        private const string OidTransactionId = "2.16.840.1.113733.1.9.7";
        private const string OidChallengePassword = "1.2.840.113549.1.9.7";

        public readonly RSA CaKey = RSA.Create(2048);
        public readonly X509Certificate2 Ca;
        private readonly TcpListener _listener;
        private readonly Thread _thread;
        private readonly Queue<string> _script;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private volatile bool _stop;

        /// <summary>Each PKIOperation: (milliseconds since start, messageType, transactionID, answered status).</summary>
        public readonly List<(long AtMs, int Type, string Tid, string Answer)> Log = new();
        public string Challenge = "peer-challenge";
        public string Caps = "POSTPKIOperation\nSHA-256\nAES\nSCEPStandard\n";
        /// <summary>The certificate that signed the last PKIOperation (self-signed, or the LSC for a RenewalReq).</summary>
        public X509Certificate2 LastSigner;
        public string LastError;

        public ScriptedScepPeer(params string[] script)
        {
            _script = new Queue<string>(script);
            var req = new CertificateRequest("CN=Scripted SCEP CA, O=PhoneAgent Tests", CaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            Ca = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _thread = new Thread(Serve) { IsBackground = true, Name = "scripted-scep" };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public string Url => $"http://127.0.0.1:{Port}/scep";
        public string Pin => "sha256:" + Convert.ToHexString(SHA256.HashData(Ca.RawData));

        public void Dispose()
        {
            _stop = true;
            _listener.Stop();
            _thread.Join(2000);
            CaKey.Dispose();
        }

        private void Serve()
        {
            while (!_stop)
            {
                TcpClient c;
                try { c = _listener.AcceptTcpClient(); }
                catch (SocketException) { return; }
                catch (ObjectDisposedException) { return; }
                using (c)
                {
                    try { Exchange(c.GetStream()); }
                    catch (Exception e) when (e is IOException or CryptographicException or InvalidOperationException or AsnContentException or FormatException)
                    {
                        LastError = e.ToString();
                    }
                }
            }
        }

        private void Exchange(NetworkStream s)
        {
            s.ReadTimeout = 5000;
            var buf = new List<byte>();
            var chunk = new byte[4096];
            int headEnd = -1, length = 0;
            while (true)
            {
                int n = s.Read(chunk, 0, chunk.Length);
                if (n <= 0) return;
                buf.AddRange(chunk.AsSpan(0, n).ToArray());
                byte[] all = buf.ToArray();
                if (headEnd < 0 && (headEnd = all.AsSpan().IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    foreach (string line in Encoding.ASCII.GetString(all, 0, headEnd).Split("\r\n"))
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
                }
                if (headEnd >= 0 && all.Length >= headEnd + 4 + length) break;
            }
            byte[] req = buf.ToArray();
            string first = Encoding.ASCII.GetString(req, 0, req.AsSpan().IndexOf("\r\n"u8));
            string target = first.Split(' ')[1];
            string op = target.Contains("operation=GetCACaps") ? "GetCACaps" : target.Contains("operation=GetCACert") ? "GetCACert" : target.Contains("operation=PKIOperation") ? "PKIOperation" : "";
            (int status, string type, byte[] body) answer = op switch
            {
                "GetCACaps" => (200, "text/plain", Encoding.ASCII.GetBytes(Caps)),
                "GetCACert" => (200, "application/x-x509-ca-cert", Ca.RawData),
                "PKIOperation" => (200, "application/x-pki-message", PkiOperation(req[(headEnd + 4)..(headEnd + 4 + length)])),
                _ => (404, "text/plain", Encoding.ASCII.GetBytes("no such operation")),
            };
            byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 {answer.status} {(answer.status == 200 ? "OK" : "Not Found")}\r\nContent-Type: {answer.type}\r\nContent-Length: {answer.body.Length}\r\nConnection: close\r\n\r\n");
            s.Write(head);
            s.Write(answer.body);
        }

        private byte[] PkiOperation(byte[] message)
        {
            var cms = new SignedCms();
            cms.Decode(message);
            cms.CheckSignature(true);                       // the requester's signature, with the certificate it included
            SignerInfo si = cms.SignerInfos[0];
            int type = int.Parse(Printable(si, OidMessageType));
            string tid = Printable(si, OidTransactionId);
            byte[] nonce = Octets(si, OidSenderNonce);
            X509Certificate2 requester = si.Certificate ?? throw new InvalidOperationException("no signer certificate");
            LastSigner = requester;
            var env = new EnvelopedCms();
            env.Decode(cms.ContentInfo.Content);
            env.Decrypt(env.RecipientInfos[0], CaKey);
            byte[] inner = env.ContentInfo.Content;

            string step = _script.Count > 0 ? _script.Dequeue() : "FAILURE:2";
            if (type == 19 && !ChallengeMatches(inner)) step = "FAILURE:2";
            if (type == 19 || type == 17) _csr = inner;
            lock (Log) Log.Add((_clock.ElapsedMilliseconds, type, tid, step));
            if (step == "SUCCESS") return Success(requester, tid, nonce);
            if (step == "PENDING") return Empty("3", null, requester, tid, nonce);
            return Empty("2", step.Split(':')[1], requester, tid, nonce);
        }

        private byte[] _csr;

        private bool ChallengeMatches(byte[] csrDer)
        {
            var csr = CertificateRequest.LoadSigningRequest(csrDer, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            foreach (AsnEncodedData a in csr.OtherRequestAttributes)
            {
                if (a.Oid?.Value != OidChallengePassword) continue;
                var r = new AsnReader(a.RawData, AsnEncodingRules.DER);
                var tag = r.PeekTag();
                string v = tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UTF8String)) ? r.ReadCharacterString(UniversalTagNumber.UTF8String) : r.ReadCharacterString(UniversalTagNumber.PrintableString);
                return v == Challenge;
            }
            return false;
        }

        private byte[] Success(X509Certificate2 requester, string tid, byte[] recipientNonce)
        {
            var csr = CertificateRequest.LoadSigningRequest(_csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, RSASignaturePadding.Pkcs1);
            byte[] serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
            var issued = csr.Create(Ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(90), serial);
            var env = new EnvelopedCms(new ContentInfo(CertsOnly(issued.RawData, Ca.RawData)), new AlgorithmIdentifier(new Oid("2.16.840.1.101.3.4.1.2")));
            env.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, requester));
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Ca) { DigestAlgorithm = new Oid(OidSha256) };
            foreach (var (oid, value) in Attributes("3", "0", null, tid, recipientNonce)) signer.SignedAttributes.Add(new AsnEncodedData(oid, value));
            var cms = new SignedCms(new ContentInfo(new Oid(OidData), env.Encode()), false);
            cms.ComputeSignature(signer);
            return cms.Encode();
        }

        /// <summary>A CertRep without content (PENDING, FAILURE), written by hand.</summary>
        private byte[] Empty(string status, string failInfo, X509Certificate2 requester, string tid, byte[] recipientNonce)
        {
            var attrs = Attributes("3", status, failInfo, tid, recipientNonce);
            attrs.Add((OidContentType, Der(w => w.WriteObjectIdentifier(OidData))));
            attrs.Add((OidMessageDigest, Der(w => w.WriteOctetString(SHA256.HashData(Array.Empty<byte>())))));
            byte[] signedAttrsForSignature = Der(w => WriteAttributes(w, attrs, null));
            byte[] signature = CaKey.SignData(signedAttrsForSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(OidSignedData);
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (w.PushSequence())
                {
                    w.WriteInteger(1);
                    using (w.PushSetOf()) AlgorithmId(w, OidSha256, false);
                    using (w.PushSequence()) w.WriteObjectIdentifier(OidData);      // eContent absent
                    using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true))) w.WriteEncodedValue(Ca.RawData);
                    using (w.PushSetOf())
                    using (w.PushSequence())
                    {
                        w.WriteInteger(1);
                        using (w.PushSequence())
                        {
                            w.WriteEncodedValue(Ca.IssuerName.RawData);
                            w.WriteInteger(Ca.SerialNumberBytes.Span);
                        }
                        AlgorithmId(w, OidSha256, false);
                        WriteAttributes(w, attrs, new Asn1Tag(TagClass.ContextSpecific, 0, true));
                        AlgorithmId(w, OidRsa, true);
                        w.WriteOctetString(signature);
                    }
                }
            }
            return w.Encode();
        }

        private static List<(string, byte[])> Attributes(string type, string status, string failInfo, string tid, byte[] recipientNonce)
        {
            byte[] senderNonce = RandomNumberGenerator.GetBytes(16);
            var a = new List<(string, byte[])>
            {
                (OidMessageType, Der(w => w.WriteCharacterString(UniversalTagNumber.PrintableString, type))),
                (OidPkiStatus, Der(w => w.WriteCharacterString(UniversalTagNumber.PrintableString, status))),
                (OidTransactionId, Der(w => w.WriteCharacterString(UniversalTagNumber.PrintableString, tid))),
                (OidRecipientNonce, Der(w => w.WriteOctetString(recipientNonce))),
                (OidSenderNonce, Der(w => w.WriteOctetString(senderNonce))),
            };
            if (failInfo != null) a.Add((OidFailInfo, Der(w => w.WriteCharacterString(UniversalTagNumber.PrintableString, failInfo))));
            return a;
        }

        private static void WriteAttributes(AsnWriter w, List<(string Oid, byte[] Value)> attrs, Asn1Tag? tag)
        {
            using (w.PushSetOf(tag))
                foreach (var (oid, value) in attrs)
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(oid);
                        using (w.PushSetOf()) w.WriteEncodedValue(value);
                    }
        }

        private static void AlgorithmId(AsnWriter w, string oid, bool withNull)
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(oid);
                if (withNull) w.WriteNull();
            }
        }

        /// <summary>A degenerate (certs-only) SignedData, RFC 8894 §3.4.</summary>
        private static byte[] CertsOnly(params byte[][] certs)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(OidSignedData);
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (w.PushSequence())
                {
                    w.WriteInteger(1);
                    using (w.PushSetOf()) { }
                    using (w.PushSequence()) w.WriteObjectIdentifier(OidData);
                    using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true))) foreach (var c in certs) w.WriteEncodedValue(c);
                    using (w.PushSetOf()) { }
                }
            }
            return w.Encode();
        }

        private static byte[] Der(Action<AsnWriter> write)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            write(w);
            return w.Encode();
        }

        private static string Printable(SignerInfo si, string oid)
        {
            var a = si.SignedAttributes.Cast<CryptographicAttributeObject>().Single(x => x.Oid.Value == oid);
            return new AsnReader(a.Values[0].RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.PrintableString);
        }

        private static byte[] Octets(SignerInfo si, string oid)
        {
            var a = si.SignedAttributes.Cast<CryptographicAttributeObject>().Single(x => x.Oid.Value == oid);
            return new AsnReader(a.Values[0].RawData, AsnEncodingRules.DER).ReadOctetString();
        }
    }
}
