namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Option codes used by the client (RFC 2132 unless noted).</summary>
    public static class DhcpOption
    {
        public const int Pad = 0;
        public const int SubnetMask = 1;
        public const int Router = 3;
        public const int DomainNameServer = 6;
        public const int HostName = 12;
        public const int DomainName = 15;
        public const int NtpServers = 42;
        public const int VendorSpecific = 43;
        public const int RequestedAddress = 50;
        public const int LeaseTime = 51;
        public const int Overload = 52;
        public const int MessageType = 53;
        public const int ServerIdentifier = 54;
        public const int ParameterRequestList = 55;
        public const int Message = 56;
        public const int MaxMessageSize = 57;
        public const int RenewalTime = 58;
        public const int RebindingTime = 59;
        public const int VendorClassIdentifier = 60;
        public const int ClientIdentifier = 61;
        public const int TftpServerName = 66;
        public const int SipServers = 120; // RFC 3361
        public const int TftpServerAddress = 150; // RFC 5859
        public const int End = 255;
    }

    /// <summary>DHCP message types, option 53 (RFC 2132 §9.6).</summary>
    public static class DhcpMessageType
    {
        public const int Discover = 1;
        public const int Offer = 2;
        public const int Request = 3;
        public const int Decline = 4;
        public const int Ack = 5;
        public const int Nak = 6;
        public const int Release = 7;
        public const int Inform = 8;

        public static string Name(int type)
        {
            switch (type)
            {
                case Discover: return "DHCPDISCOVER";
                case Offer: return "DHCPOFFER";
                case Request: return "DHCPREQUEST";
                case Decline: return "DHCPDECLINE";
                case Ack: return "DHCPACK";
                case Nak: return "DHCPNAK";
                case Release: return "DHCPRELEASE";
                case Inform: return "DHCPINFORM";
                default: return "DHCP type " + type.ToString();
            }
        }
    }
}
