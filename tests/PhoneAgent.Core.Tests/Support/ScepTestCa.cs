using System.Collections;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>An emulated SCEP server built from the core's own codecs (the server side of the
    /// message layer): answers GetCACaps, GetCACert (the CA alone, or CA + RA), and PKIOperation
    /// by POST or GET, decrypting and verifying each request and answering a CertRep per the
    /// scripted Outcome. It records what it received for the tests to inspect. Independent
    /// implementations check the same messages in the host tests (.NET, OpenSSL) and, in the lab,
    /// the real micromdm scepserver.</summary>
    public sealed class ScepTestCa
    {
        public const int Issue = 0;
        public const int Refuse = 1;            // FAILURE with FailInfo
        public const int HoldThenIssue = 2;     // PENDING until PendingPolls CertPolls were answered

        public static readonly long Now = PhoneAgent.Core.Asn1.Asn1Time.ToUnix(2026, 1, 15, 12, 0, 0);

        public readonly X509Certificate CaCert;
        public readonly X509Certificate RaCert;   // null without an RA
        public string CapsText = "POSTPKIOperation\nSHA-256\nAES\nRenewal\nSCEPStandard\n";
        public int CapsStatus = 200;
        public string ChallengePassword = "s3cret";
        public int Outcome = Issue;
        public int FailInfo = ScepCodes.BadRequest;
        public string FailInfoText;
        public int PendingPolls;
        /// <summary>Issued certificates are valid from IssueNow - 300 s for ValidDays days.</summary>
        public long IssueNow = Now;
        public int ValidDays = 365;
        /// <summary>Sign CertReps with this key and certificate instead (an impostor), when set.</summary>
        public ScepKeyPair ImpostorKey;
        public X509Certificate ImpostorCert;
        /// <summary>Answer recipientNonce with this instead of the request's senderNonce, when set.</summary>
        public byte[] WrongRecipientNonce;
        /// <summary>Replace the CertRep before it leaves (mutation tests), when set.</summary>
        public byte[] Override;

        // What it received, for the assertions.
        public readonly ArrayList Operations = new ArrayList();     // "GetCACaps", "GetCACert", "PKCSReq", ...
        public readonly ArrayList Methods = new ArrayList();        // "GET"/"POST" of each PKIOperation
        public Pkcs10Request LastCsr;
        public ScepPkiMessage LastRequest;
        public X509Certificate LastSigner;
        public string LastError;
        public int Polls;
        /// <summary>The last CertRep produced (before Override).</summary>
        public byte[] LastAnswer;
        /// <summary>Virtual time (ms) of each PKIOperation, as the rig sets it.</summary>
        public readonly ArrayList Times = new ArrayList();
        public long NowMs;
        /// <summary>transactionID and senderNonce (hex) of each request.</summary>
        public readonly ArrayList TransactionIds = new ArrayList();
        public readonly ArrayList Nonces = new ArrayList();
        private X509Certificate _issued;
        private int _serial = 100;

        public ScepTestCa(bool withRa)
        {
            byte[] caName = new X509NameBuilder().Add(X509NameBuilder.OidCountryName, "US").Add(X509NameBuilder.OidOrganization, "PhoneAgent Lab").Add(X509NameBuilder.OidCommonName, "Lab SCEP CA").ToDer();
            CertificateBuilder b = new CertificateBuilder();
            b.SerialNumber = new byte[] { 1 };
            b.IssuerDer = caName;
            b.SubjectDer = caName;
            b.NotBefore = Now - 86400L * 365;
            b.NotAfter = Now + 86400L * 3650;
            b.Modulus = TestRsaKeys.Ca.Modulus;
            b.Exponent = TestRsaKeys.Ca.Exponent;
            b.BasicConstraints = true;
            b.IsCa = true;
            b.KeyUsage = X509Certificate.KuKeyCertSign | X509Certificate.KuCrlSign | X509Certificate.KuDigitalSignature | X509Certificate.KuKeyEncipherment;
            CaCert = Parse(b.Sign(TestRsaKeys.Ca.Key, HashAlgorithm.Sha256Name));
            if (withRa)
            {
                CertificateBuilder r = new CertificateBuilder();
                r.SerialNumber = new byte[] { 2 };
                r.IssuerDer = caName;
                r.SubjectDer = new X509NameBuilder().Add(X509NameBuilder.OidOrganization, "PhoneAgent Lab").Add(X509NameBuilder.OidCommonName, "Lab SCEP RA").ToDer();
                r.NotBefore = b.NotBefore;
                r.NotAfter = b.NotAfter;
                r.Modulus = TestRsaKeys.Ra.Modulus;
                r.Exponent = TestRsaKeys.Ra.Exponent;
                r.KeyUsage = X509Certificate.KuDigitalSignature | X509Certificate.KuKeyEncipherment;
                RaCert = Parse(r.Sign(TestRsaKeys.Ca.Key, HashAlgorithm.Sha256Name));
            }
        }

        /// <summary>"sha256:HEX" of the CA certificate.</summary>
        public string Pin { get { return "sha256:" + Util.Hex.Bytes(CaCert.Sha256Fingerprint); } }

        public int PkiOperations { get { return Methods.Count; } }

        /// <summary>Answers one request: status, Content-Type and body.</summary>
        public void Handle(ScepHttpRequest r, out int status, out string contentType, out byte[] body)
        {
            status = 200;
            contentType = null;
            body = null;
            string op = Param(r.Url, "operation");
            if (op == "GetCACaps")
            {
                Operations.Add(op);
                status = CapsStatus;
                contentType = "text/plain";
                body = Util.Ascii.GetBytes(CapsText);
                return;
            }
            if (op == "GetCACert")
            {
                Operations.Add(op);
                if (RaCert == null) { contentType = ScepCodes.ContentTypeCaCert; body = CaCert.Der; }
                else { contentType = ScepCodes.ContentTypeCaRaCert; body = CmsCertsOnly.Encode(new byte[][] { RaCert.Der, CaCert.Der }); }
                return;
            }
            if (op != "PKIOperation") { status = 404; return; }
            Methods.Add(r.Method);
            Times.Add(NowMs);
            byte[] message = r.Method == ScepHttpRequest.Post ? r.Body : Util.Base64.TryDecode(PercentDecode(Param(r.Url, "message")), 1 << 20);
            contentType = ScepCodes.ContentTypePkiMessage;
            body = Answer(message);
            LastAnswer = body;
            if (body == null) { status = 500; contentType = "text/plain"; body = Util.Ascii.GetBytes(LastError); }
            else if (Override != null) body = Override;
        }

        private byte[] Answer(byte[] message)
        {
            string e;
            ScepPkiMessage m = ScepPkiMessage.TryParse(message, out e);
            if (m == null) { LastError = "request: " + e; return null; }
            LastRequest = m;
            TransactionIds.Add(m.TransactionId);
            Nonces.Add(m.SenderNonce == null ? "" : Util.Hex.Bytes(m.SenderNonce));
            Operations.Add(ScepCodes.MessageTypeName(m.MessageType));
            X509Certificate[] included = m.IncludedCertificates(out e);
            X509Certificate signer = included == null ? null : m.VerifySignature(included, out e);
            if (signer == null) { LastError = "signature: " + e; return null; }
            LastSigner = signer;
            X509Certificate recipient = RaCert != null ? RaCert : CaCert;
            ScepKeyPair recipientKey = RaCert != null ? TestRsaKeys.Ra : TestRsaKeys.Ca;
            byte[] data = m.DecryptEnvelope(recipient, recipientKey.Key, new SeededRandom(77), out e);
            if (data == null) { LastError = "envelope: " + e; return null; }

            if (m.MessageType == ScepCodes.PkcsReq || m.MessageType == ScepCodes.RenewalReq)
            {
                LastCsr = Pkcs10Request.TryParse(data, out e);
                if (LastCsr == null || LastCsr.VerifySignature() != null) { LastError = "CSR: " + (e ?? LastCsr.VerifySignature()); return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadMessageCheck, null); }
                if (m.MessageType == ScepCodes.PkcsReq && ChallengePassword != null && LastCsr.ChallengePassword != ChallengePassword)
                    return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadRequest, null);
                if (m.MessageType == ScepCodes.RenewalReq && SignatureCheck.Verify(signer, CaCert, null, false) != null)
                    return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadRequest, null);
                if (Outcome == Refuse) return Rep(m, signer, ScepCodes.Failure, FailInfo, null);
                _issued = IssueFor(LastCsr);
                if (Outcome == HoldThenIssue) return Rep(m, signer, ScepCodes.Pending, 0, null);
                return Rep(m, signer, ScepCodes.Success, 0, _issued);
            }
            if (m.MessageType == ScepCodes.CertPoll)
            {
                Polls++;
                if (_issued == null) return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadCertId, null);
                return Polls < PendingPolls ? Rep(m, signer, ScepCodes.Pending, 0, null) : Rep(m, signer, ScepCodes.Success, 0, _issued);
            }
            return Rep(m, signer, ScepCodes.Failure, ScepCodes.BadRequest, null);
        }

        private X509Certificate IssueFor(Pkcs10Request csr)
        {
            CertificateBuilder b = new CertificateBuilder();
            b.SerialNumber = new byte[] { 0x10, (byte)(_serial++) };
            b.IssuerDer = CaCert.Subject.Der;
            b.SubjectDer = csr.Subject.Der;
            b.NotBefore = IssueNow - 300;
            b.NotAfter = IssueNow + 86400L * ValidDays;
            b.Modulus = csr.RsaModulus;
            b.Exponent = csr.RsaExponent;
            b.KeyUsage = csr.HasKeyUsage ? csr.KeyUsage : 0;
            b.ExtendedKeyUsages = csr.ExtendedKeyUsages;
            b.DnsNames = csr.DnsNames.Length > 0 ? csr.DnsNames : null;
            b.IpAddresses = csr.IpAddresses.Length > 0 ? csr.IpAddresses : null;
            b.Uris = csr.UriNames.Length > 0 ? csr.UriNames : null;
            b.AuthorityKeyId = CertificateBuilder.KeyIdentifier(TestRsaKeys.Ca.Modulus, TestRsaKeys.Ca.Exponent);
            return Parse(b.Sign(TestRsaKeys.Ca.Key, HashAlgorithm.Sha256Name));
        }

        private byte[] Rep(ScepPkiMessage request, X509Certificate requester, int status, int failInfo, X509Certificate issued)
        {
            X509Certificate signCert = ImpostorCert != null ? ImpostorCert : RaCert != null ? RaCert : CaCert;
            ScepKeyPair signKey = ImpostorKey != null ? ImpostorKey : RaCert != null ? TestRsaKeys.Ra : TestRsaKeys.Ca;
            byte[] certsOnly = issued == null ? null : CmsCertsOnly.Encode(new byte[][] { issued.Der, CaCert.Der });
            byte[] recipientNonce = WrongRecipientNonce != null ? WrongRecipientNonce : request.SenderNonce;
            string hash = request.HashName != null ? request.HashName : HashAlgorithm.Sha256Name;
            string why;
            string cipher = CmsEnvelopedData.TryParse(request.Envelope, out why).ContentEncryptionAlgorithm;
            return ScepMessageWriter.CertRep(status, failInfo, status == ScepCodes.Failure ? FailInfoText : null, request.TransactionId, recipientNonce,
                ScepMessageWriter.NewNonce(new SeededRandom(5)), certsOnly, requester, signCert, signKey.Key, hash, cipher, new SeededRandom((uint)(_serial + Polls + 1)));
        }

        private static X509Certificate Parse(byte[] der)
        {
            string e;
            X509Certificate c = X509Certificate.TryParse(der, out e);
            if (c == null) throw new System.InvalidOperationException("test certificate: " + e);
            return c;
        }

        /// <summary>The value of name=... in a URL's query, or null.</summary>
        public static string Param(string url, string name)
        {
            int q = url.IndexOf('?');
            if (q < 0) return null;
            string[] pairs = url.Substring(q + 1).Split('&');
            for (int i = 0; i < pairs.Length; i++)
                if (pairs[i].StartsWith(name + "=")) return pairs[i].Substring(name.Length + 1);
            return null;
        }

        public static string PercentDecode(string s)
        {
            if (s == null) return null;
            System.Text.StringBuilder sb = new System.Text.StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '%' && i + 2 < s.Length)
                {
                    byte[] b = Util.Hex.TryParse(s.Substring(i + 1, 2));
                    sb.Append((char)b[0]);
                    i += 2;
                }
                else sb.Append(s[i]);
            }
            return sb.ToString();
        }
    }
}
