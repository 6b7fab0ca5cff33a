using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Sip.Registration
{
    /// <summary>What a registration needs: where (servers in failover order, transport), as whom
    /// (address-of-record user@domain, authentication user and password, and for NTLM the logon
    /// domain and workstation), and from where (the phone's address and SIP port, its RFC 5626
    /// instance ID). The password is never shown.
    /// NTLM identity rule: the logon name is AuthDomain\AuthUser (AuthUser defaults to User);
    /// User is only the address-of-record's user part, so "DOMAIN\user" there is refused with
    /// a pointer to AuthDomain (configuration key sip.authDomain, `--auth-domain`).</summary>
    public sealed class RegistrationSettings
    {
        public const string Udp = "udp";
        public const string Tcp = "tcp";
        public const string Tls = "tls";

        public string Transport = Udp;
        public uint[] ServerAddresses = new uint[0];
        public int[] ServerPorts = new int[0];
        /// <summary>TLS: the name the registrar's certificate must carry (SNI and RFC 6125 check).</summary>
        public string ServerName;
        /// <summary>The domain of the address-of-record and the Request-URI (sip:DOMAIN).</summary>
        public string Domain;
        public string User;
        /// <summary>The digest user name; defaults to User.</summary>
        public string AuthUser;
        public string Password = "";
        /// <summary>The Windows logon domain for NTLM (MS-SIPAE), e.g. CONTOSO; "" when the
        /// registrar is not expected to ask for NTLM (an NTLM challenge is then refused, saying so).</summary>
        public string AuthDomain = "";
        /// <summary>The NTLM workstation name: the phone's host name.</summary>
        public string Workstation = "";
        /// <summary>Wall-clock time for the NTLMv2 blob when the registrar's CHALLENGE_MESSAGE
        /// carries no MsvAvTimestamp (MS-NLMP §3.1.5.2.1); optional.</summary>
        public IWallClock WallClock;
        public uint LocalAddress;
        public int LocalPort = 5060;
        public int Expires = 3600;
        public string InstanceId = "00000000-0000-4000-8000-000000000000";
        public byte[] ClientCertificateDer;
        public byte[] ClientKeyDer;

        public override string ToString()
        {
            return User + "@" + Domain + " over " + Transport + (AuthDomain != null && AuthDomain.Length > 0 ? " (NTLM " + AuthDomain + "\\" + (AuthUser ?? User) + ")" : "")
                + (Password.Length > 0 ? " (password set)" : "");
        }

        /// <summary>Null when usable, else what is wrong.</summary>
        public string Check()
        {
            if (Transport != Udp && Transport != Tcp && Transport != Tls) return "transport must be udp, tcp or tls, not \"" + Transport + "\"";
            if (ServerAddresses == null || ServerAddresses.Length == 0) return "no registrar address";
            if (ServerPorts == null || ServerPorts.Length != ServerAddresses.Length) return "a port for every registrar address is needed";
            for (int i = 0; i < ServerPorts.Length; i++) if (ServerPorts[i] < 1 || ServerPorts[i] > 65535) return "registrar port out of range";
            if (Domain == null || Domain.Length == 0) return "no SIP domain";
            if (User == null || User.Length == 0) return "no SIP user";
            if (User.IndexOf('\\') >= 0 || (AuthUser != null && AuthUser.IndexOf('\\') >= 0))
                return "the SIP user is the address-of-record's user part; give the NTLM logon domain separately (sip.authDomain, --auth-domain), not as DOMAIN\\user";
            if (!IsSafe(Domain) || !IsSafe(User) || (AuthUser != null && !IsSafe(AuthUser))) return "user and domain may not contain spaces, quotes, '<', '>', ';' or '@'";
            if (AuthDomain == null) AuthDomain = "";
            if (Workstation == null) Workstation = "";
            if (AuthDomain.Length > 0 && (!IsSafe(AuthDomain) || AuthDomain.IndexOf('\\') >= 0 || AuthDomain.Length > 255)) return "the NTLM logon domain may not contain spaces, quotes, '\\', '<', '>', ';' or '@'";
            if (Workstation.Length > 255) return "the NTLM workstation name is longer than 255 characters";
            if (LocalAddress == 0) return "the phone has no address yet";
            if (LocalPort < 1 || LocalPort > 65535) return "local SIP port out of range";
            if (Expires < 1) return "expires must be positive";
            if (AuthUser == null || AuthUser.Length == 0) AuthUser = User;
            return null;
        }

        private static bool IsSafe(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == ';' || c == '@' || c == ',' || c > '~') return false;
            }
            return true;
        }
    }
}
