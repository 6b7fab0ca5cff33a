namespace PhoneAgent.Core.Scep
{
    /// <summary>What the administrator configures for LSC enrollment. The challenge password is
    /// a secret: ToString says only whether it is set.</summary>
    public sealed class ScepSettings
    {
        /// <summary>The SCEP endpoint, e.g. "http://ca.example.com/cgi-bin/pkiclient.exe" (RFC 8894 §4.1).</summary>
        public string Url;
        /// <summary>"sha256:HEX" or "sha1:HEX" of the CA certificate (or of a CA above it in the
        /// GetCACert answer): checked before any request is sent (RFC 8894 §2.2).</summary>
        public string CaFingerprint;
        /// <summary>Enroll without a fingerprint (trust on first use); the notes name the one to configure.</summary>
        public bool AllowUnpinned;
        /// <summary>The message= value of GetCACaps/GetCACert for CAs that host several (§4.2), or null.</summary>
        public string CaIdentifier;
        /// <summary>The shared secret for PKCSReq (RFC 8894 §2.3); null when the CA needs none.</summary>
        public string ChallengePassword;
        /// <summary>The DER Name to request (X509NameBuilder.ToDer()).</summary>
        public byte[] SubjectDer;
        public string[] DnsNames;
        public uint[] IpAddresses;
        public string[] Uris;
        public string[] Emails;
        /// <summary>X509Certificate.Ku* flags for the request; default digitalSignature | keyEncipherment.</summary>
        public int KeyUsage = X509.X509Certificate.KuDigitalSignature | X509.X509Certificate.KuKeyEncipherment;
        /// <summary>Key purposes to request; default TLS client authentication.</summary>
        public string[] ExtendedKeyUsages = new string[] { X509Encoding.OidClientAuth };

        /// <summary>Manual approval (PENDING): the first CertPoll after PollFirstSec, the interval
        /// doubling up to PollMaxIntervalSec, giving up PollMaxTotalSec after the first PENDING.</summary>
        public int PollFirstSec = 10;
        public int PollMaxIntervalSec = 300;
        public int PollMaxTotalSec = 3600;
        /// <summary>The largest HTTP answer the machine asks the transport to accept.</summary>
        public int MaxResponseBytes = 65536;
        /// <summary>Validity of the self-signed certificate of a first enrollment (RFC 8894 §2.3);
        /// it must outlast the polling.</summary>
        public int SelfSignedValidDays = 30;

        public override string ToString()
        {
            return "SCEP " + Url + " (CA fingerprint " + (CaFingerprint ?? "not set") + ", challenge password " + (ChallengePassword == null ? "not set" : "set") + ")";
        }
    }

    /// <summary>One HTTP request the enrollment wants made (RFC 8894 §4.1): the transport (the
    /// core's HTTP client, or a test) performs it and hands the answer back.</summary>
    public sealed class ScepHttpRequest
    {
        public const string Get = "GET";
        public const string Post = "POST";

        /// <summary>GetCACaps, GetCACert or PKIOperation.</summary>
        public string Operation;
        public string Method;
        /// <summary>The full URL with its query (for GET PKIOperation the message is base64, then
        /// percent-encoded, §4.1).</summary>
        public string Url;
        /// <summary>POST only: application/x-pki-message.</summary>
        public string ContentType;
        /// <summary>POST only: the DER pkiMessage.</summary>
        public byte[] Body;
        public int MaxResponseBytes;

        public override string ToString()
        {
            string u = Url.Length > 120 ? Url.Substring(0, 120) + "... (" + Url.Length.ToString() + " characters)" : Url;
            return Method + " " + u + (Body != null ? " with " + Body.Length.ToString() + " bytes of " + ContentType : "");
        }
    }
}
