namespace PhoneAgent.Core.Eap
{
    /// <summary>EAP Codes, RFC 3748 §4.</summary>
    public static class EapCode
    {
        public const int Request = 1;
        public const int Response = 2;
        public const int Success = 3;
        public const int Failure = 4;

        public static string Name(int code)
        {
            switch (code)
            {
                case Request: return "EAP-Request";
                case Response: return "EAP-Response";
                case Success: return "EAP-Success";
                case Failure: return "EAP-Failure";
                default: return "EAP code " + code.ToString();
            }
        }
    }

    /// <summary>EAP Types, RFC 3748 §5 and the IANA "Method Types" registry.</summary>
    public static class EapType
    {
        public const int None = -1;
        public const int Identity = 1;
        public const int Notification = 2;
        public const int Nak = 3;
        public const int Md5Challenge = 4;
        public const int Otp = 5;
        public const int Gtc = 6;
        public const int Tls = 13;
        public const int Ttls = 21;
        public const int Peap = 25;
        public const int MsChapV2 = 26;
        public const int Fast = 43;
        public const int Teap = 55;
        /// <summary>RFC 3748 §5.7: Vendor-Id (3 octets) and Vendor-Type (4 octets) follow.</summary>
        public const int Expanded = 254;
        public const int Experimental = 255;

        public static string Name(int type)
        {
            switch (type)
            {
                case Identity: return "Identity";
                case Notification: return "Notification";
                case Nak: return "Nak";
                case Md5Challenge: return "MD5-Challenge";
                case Otp: return "OTP";
                case Gtc: return "GTC";
                case Tls: return "TLS";
                case Ttls: return "TTLS";
                case Peap: return "PEAP";
                case MsChapV2: return "MSCHAPv2";
                case Fast: return "FAST";
                case Teap: return "TEAP";
                case Expanded: return "Expanded";
                case Experimental: return "Experimental";
                default: return "type " + type.ToString();
            }
        }
    }
}
