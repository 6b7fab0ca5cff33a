namespace PhoneAgent.Core.Eap
{
    /// <summary>Supplicant PAE states, IEEE 802.1X-2004 §8.2.11 (figure 8-17).</summary>
    public static class SupplicantPaeState
    {
        public const int None = -1;
        public const int Logoff = 0;
        public const int Disconnected = 1;
        public const int Connecting = 2;
        public const int Authenticating = 3;
        public const int Held = 4;
        public const int Authenticated = 5;
        public const int Restart = 6;
        public const int SForceAuth = 7;
        public const int SForceUnauth = 8;

        public static string Name(int s)
        {
            switch (s)
            {
                case None: return "-";
                case Logoff: return "LOGOFF";
                case Disconnected: return "DISCONNECTED";
                case Connecting: return "CONNECTING";
                case Authenticating: return "AUTHENTICATING";
                case Held: return "HELD";
                case Authenticated: return "AUTHENTICATED";
                case Restart: return "RESTART";
                case SForceAuth: return "S_FORCE_AUTH";
                case SForceUnauth: return "S_FORCE_UNAUTH";
                default: return "state " + s.ToString();
            }
        }
    }

    /// <summary>Supplicant backend states, IEEE 802.1X-2004 §8.2.12 (figure 8-18).</summary>
    public static class SupplicantBackendState
    {
        public const int None = -1;
        public const int Initialize = 0;
        public const int Idle = 1;
        public const int Request = 2;
        public const int Response = 3;
        public const int Receive = 4;
        public const int Fail = 5;
        public const int Timeout = 6;
        public const int Success = 7;

        public static string Name(int s)
        {
            switch (s)
            {
                case None: return "-";
                case Initialize: return "INITIALIZE";
                case Idle: return "IDLE";
                case Request: return "REQUEST";
                case Response: return "RESPONSE";
                case Receive: return "RECEIVE";
                case Fail: return "FAIL";
                case Timeout: return "TIMEOUT";
                case Success: return "SUCCESS";
                default: return "state " + s.ToString();
            }
        }
    }

    /// <summary>portControl / sPortMode values (IEEE 802.1X-2004 §8.2.2.2 and §8.2.11).</summary>
    public static class PortControl
    {
        public const int Auto = 0;
        public const int ForceAuthorized = 1;
        public const int ForceUnauthorized = 2;
    }

    /// <summary>How the last authentication attempt ended, for the boot step and the CLI.</summary>
    public static class Dot1xOutcome
    {
        public const int Pending = 0;
        /// <summary>EAP-Success: the port is authorized.</summary>
        public const int Authenticated = 1;
        /// <summary>maxStart EAPOL-Starts unanswered: no authenticator, the port is taken as open.</summary>
        public const int NoAuthenticator = 2;
        /// <summary>EAP-Failure (or a failure decided by the peer): HELD.</summary>
        public const int Failed = 3;
        /// <summary>The authenticator stopped answering within authPeriod: starting again.</summary>
        public const int TimedOut = 4;
        /// <summary>EAPOL-Logoff sent.</summary>
        public const int LoggedOff = 5;

        public static string Name(int o)
        {
            switch (o)
            {
                case Pending: return "pending";
                case Authenticated: return "authenticated";
                case NoAuthenticator: return "no authenticator";
                case Failed: return "failed";
                case TimedOut: return "timed out";
                case LoggedOff: return "logged off";
                default: return "outcome " + o.ToString();
            }
        }
    }
}
