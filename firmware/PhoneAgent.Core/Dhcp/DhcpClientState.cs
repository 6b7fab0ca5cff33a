namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Client states of RFC 2131 §4.4, figure 5.</summary>
    public static class DhcpClientState
    {
        public const int Init = 0;
        public const int Selecting = 1;
        public const int Requesting = 2;
        public const int Bound = 3;
        public const int Renewing = 4;
        public const int Rebinding = 5;
        public const int InitReboot = 6;
        public const int Rebooting = 7;
        public const int Stopped = 8;

        public static string Name(int s)
        {
            switch (s)
            {
                case Init: return "INIT";
                case Selecting: return "SELECTING";
                case Requesting: return "REQUESTING";
                case Bound: return "BOUND";
                case Renewing: return "RENEWING";
                case Rebinding: return "REBINDING";
                case InitReboot: return "INIT-REBOOT";
                case Rebooting: return "REBOOTING";
                case Stopped: return "STOPPED";
                default: return "state " + s.ToString();
            }
        }
    }
}
