namespace PhoneAgent.Core.Eap
{
    /// <summary>EAPOL constants, IEEE 802.1X-2010 §11.1-§11.3: the PAE EtherType, the group
    /// addresses EAPOL frames are sent to, and the packet types.</summary>
    public static class Eapol
    {
        /// <summary>PAE EtherType (§11.1.4).</summary>
        public const int EtherType = 0x888E;

        /// <summary>The protocol version this supplicant sends: 2, the version of IEEE
        /// 802.1X-2004 whose state machines it implements (hostapd is configured for 2 too).</summary>
        public const int SendVersion = 2;

        /// <summary>The highest version whose packet types this codec knows (802.1X-2010).</summary>
        public const int KnownVersion = 3;

        public const int EthernetHeaderLength = 14;
        public const int HeaderLength = 4;

        // Packet types, §11.3.2 Table 11-3.
        public const int TypeEapPacket = 0;
        public const int TypeStart = 1;
        public const int TypeLogoff = 2;
        public const int TypeKey = 3;
        public const int TypeEncapsulatedAsfAlert = 4;
        public const int TypeMka = 5;
        public const int TypeAnnouncementGeneric = 6;
        public const int TypeAnnouncementSpecific = 7;
        public const int TypeAnnouncementRequest = 8;

        /// <summary>Nearest non-TPMR Bridge group address 01-80-C2-00-00-03 (§11.1.1 Table 11-1):
        /// the PAE group address a supplicant on a switch port sends to.</summary>
        public static byte[] PaeGroupAddress() { return new byte[] { 0x01, 0x80, 0xC2, 0x00, 0x00, 0x03 }; }

        /// <summary>The three group addresses of Table 11-1 (01-80-C2-00-00-00, -03, -0E): an
        /// authenticator may use any of them.</summary>
        public static bool IsPaeGroup(byte[] mac, int offset)
        {
            if (mac[offset] != 0x01 || mac[offset + 1] != 0x80 || mac[offset + 2] != 0xC2 || mac[offset + 3] != 0 || mac[offset + 4] != 0) return false;
            int last = mac[offset + 5];
            return last == 0x00 || last == 0x03 || last == 0x0E;
        }

        public static string TypeName(int type)
        {
            switch (type)
            {
                case TypeEapPacket: return "EAP-Packet";
                case TypeStart: return "EAPOL-Start";
                case TypeLogoff: return "EAPOL-Logoff";
                case TypeKey: return "EAPOL-Key";
                case TypeEncapsulatedAsfAlert: return "EAPOL-Encapsulated-ASF-Alert";
                case TypeMka: return "EAPOL-MKA";
                case TypeAnnouncementGeneric: return "EAPOL-Announcement (Generic)";
                case TypeAnnouncementSpecific: return "EAPOL-Announcement (Specific)";
                case TypeAnnouncementRequest: return "EAPOL-Announcement-Req";
                default: return "EAPOL type " + type.ToString();
            }
        }
    }
}
