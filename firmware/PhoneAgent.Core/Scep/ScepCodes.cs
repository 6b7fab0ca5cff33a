namespace PhoneAgent.Core.Scep
{
    /// <summary>SCEP's names and numbers (RFC 8894 §3.2.1): the signed attributes under
    /// id-VeriSign pki-attributes 2.16.840.1.113733.1.9, the message types, pkiStatus and
    /// failInfo values, and the failures in words an administrator can act on.</summary>
    public static class ScepCodes
    {
        public const string OidMessageType = "2.16.840.1.113733.1.9.2";      // PrintableString (§3.2.1.2)
        public const string OidPkiStatus = "2.16.840.1.113733.1.9.3";        // PrintableString (§3.2.1.3)
        public const string OidFailInfo = "2.16.840.1.113733.1.9.4";         // PrintableString (§3.2.1.4)
        public const string OidSenderNonce = "2.16.840.1.113733.1.9.5";      // OCTET STRING (§3.2.1.5)
        public const string OidRecipientNonce = "2.16.840.1.113733.1.9.6";   // OCTET STRING (§3.2.1.5)
        public const string OidTransactionId = "2.16.840.1.113733.1.9.7";    // PrintableString (§3.2.1.1)
        public const string OidFailInfoText = "1.3.6.1.5.5.7.24.1";          // UTF8String (§3.2.1.4)

        // messageType (§3.2.1.2, IANA "SCEP Message Types")
        public const int CertRep = 3;
        public const int RenewalReq = 17;
        public const int PkcsReq = 19;
        public const int CertPoll = 20;
        public const int GetCert = 21;
        public const int GetCrl = 22;

        // pkiStatus (§3.2.1.3)
        public const int Success = 0;
        public const int Failure = 2;
        public const int Pending = 3;

        // failInfo (§3.2.1.4)
        public const int BadAlg = 0;
        public const int BadMessageCheck = 1;
        public const int BadRequest = 2;
        public const int BadTime = 3;
        public const int BadCertId = 4;

        /// <summary>Nonces are 16 random octets (§3.2.1.5).</summary>
        public const int NonceLength = 16;

        public const string ContentTypePkiMessage = "application/x-pki-message";   // §4.1, §4.3
        public const string ContentTypeCaCert = "application/x-x509-ca-cert";      // §4.2.1.1
        public const string ContentTypeCaRaCert = "application/x-x509-ca-ra-cert"; // §4.2.1.2

        public static string MessageTypeName(int t)
        {
            switch (t)
            {
                case CertRep: return "CertRep";
                case RenewalReq: return "RenewalReq";
                case PkcsReq: return "PKCSReq";
                case CertPoll: return "CertPoll";
                case GetCert: return "GetCert";
                case GetCrl: return "GetCRL";
                default: return "messageType " + t.ToString();
            }
        }

        public static string StatusName(int s)
        {
            switch (s)
            {
                case Success: return "SUCCESS";
                case Failure: return "FAILURE";
                case Pending: return "PENDING";
                default: return "pkiStatus " + s.ToString();
            }
        }

        public static string FailInfoName(int f)
        {
            switch (f)
            {
                case BadAlg: return "badAlg";
                case BadMessageCheck: return "badMessageCheck";
                case BadRequest: return "badRequest";
                case BadTime: return "badTime";
                case BadCertId: return "badCertId";
                default: return "failInfo " + f.ToString();
            }
        }

        /// <summary>The failInfo with what it usually means for a phone's enrollment.</summary>
        public static string FailInfoWords(int f)
        {
            switch (f)
            {
                case BadAlg: return "badAlg: the CA does not accept the algorithms used (hash or cipher); check its GetCACaps and its key and signature policy";
                case BadMessageCheck: return "badMessageCheck: the CA could not verify the request's signature or decrypt it; check that the configured CA (or RA) certificate is the one the server uses";
                case BadRequest: return "badRequest: the CA refused the request (a wrong or expired challenge password, a subject or key its policy does not allow, or a renewal it does not permit)";
                case BadTime: return "badTime: the CA found the request's time unacceptable; check the phone's clock (SNTP)";
                case BadCertId: return "badCertId: the CA knows no request or certificate matching this one (an expired or unknown transaction)";
                default: return FailInfoName(f) + ": a failure code RFC 8894 does not define";
            }
        }

        /// <summary>A small non-negative decimal number from a PrintableString attribute ("19", "0");
        /// -1 when absent or not such a number.</summary>
        public static int ParseNumber(string s)
        {
            if (s == null || s.Length == 0 || s.Length > 4) return -1;
            int v = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9') return -1;
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }
}
