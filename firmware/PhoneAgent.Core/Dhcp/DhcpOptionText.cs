using PhoneAgent.Core.Net;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Names and readable values of the options an administrator looks at; any other
    /// option is shown as hex. Never throws on a malformed value: it says so instead.</summary>
    public static class DhcpOptionText
    {
        public static string Name(int code)
        {
            switch (code)
            {
                case DhcpOption.SubnetMask: return "subnet mask";
                case DhcpOption.Router: return "router";
                case DhcpOption.DomainNameServer: return "DNS servers";
                case DhcpOption.HostName: return "host name";
                case DhcpOption.DomainName: return "domain name";
                case 28: return "broadcast address";
                case DhcpOption.NtpServers: return "NTP servers";
                case DhcpOption.VendorSpecific: return "vendor-specific";
                case DhcpOption.LeaseTime: return "lease time";
                case DhcpOption.MessageType: return "message type";
                case DhcpOption.ServerIdentifier: return "server identifier";
                case DhcpOption.ParameterRequestList: return "parameter request list";
                case DhcpOption.Message: return "message";
                case DhcpOption.RenewalTime: return "renewal time (T1)";
                case DhcpOption.RebindingTime: return "rebinding time (T2)";
                case DhcpOption.VendorClassIdentifier: return "vendor class";
                case DhcpOption.ClientIdentifier: return "client identifier";
                case DhcpOption.TftpServerName: return "TFTP server name";
                case DhcpOption.SipServers: return "SIP servers";
                case DhcpOption.TftpServerAddress: return "TFTP server addresses";
                default: return "option " + code.ToString();
            }
        }

        public static string Value(int code, byte[] v)
        {
            switch (code)
            {
                case DhcpOption.SubnetMask:
                case DhcpOption.ServerIdentifier:
                case 28:
                    return v.Length == 4 ? Ip4.Format(Ip4.Read(v, 0)) : Malformed(v);
                case DhcpOption.Router:
                case DhcpOption.DomainNameServer:
                case DhcpOption.NtpServers:
                case DhcpOption.TftpServerAddress:
                    return Addresses(v);
                case DhcpOption.LeaseTime:
                case DhcpOption.RenewalTime:
                case DhcpOption.RebindingTime:
                    if (v.Length != 4) return Malformed(v);
                    uint s = BigEndian.ReadUInt32(v, 0);
                    return s == DhcpLease.Infinite ? "infinite" : s.ToString() + " s";
                case DhcpOption.MessageType:
                    return v.Length == 1 ? DhcpMessageType.Name(v[0]) : Malformed(v);
                case DhcpOption.HostName:
                case DhcpOption.DomainName:
                case DhcpOption.Message:
                case DhcpOption.VendorClassIdentifier:
                case DhcpOption.TftpServerName:
                    return "\"" + Ascii.Printable(v, 0, v.Length) + "\"";
                case DhcpOption.VendorSpecific:
                    MsUcClientOption uc;
                    string why;
                    if (!MsUcClientOption.TryDecode(v, out uc, out why)) return Hex.Bytes(v) + " (not MS-UC-Client sub-options: " + why + ")";
                    return "MS-UC-Client 1=\"" + uc.UcIdentifier + "\" 2=\"" + uc.UrlScheme + "\" 3=\"" + uc.WebServerFqdn +
                        "\" 4=\"" + uc.WebServerPort + "\" 5=\"" + uc.RelativePath + "\"";
                case DhcpOption.SipServers:
                    SipServersOption sip;
                    string why2;
                    if (!SipServersOption.TryDecode(v, out sip, out why2)) return Hex.Bytes(v) + " (" + why2 + ")";
                    return (sip.Encoding == SipServersOption.EncodingNames ? "names: " : "addresses: ") + sip.Describe();
                default:
                    return Hex.Bytes(v);
            }
        }

        private static string Addresses(byte[] v)
        {
            if (v.Length == 0 || v.Length % 4 != 0) return Malformed(v);
            string s = "";
            for (int i = 0; i < v.Length; i += 4) s += (i > 0 ? ", " : "") + Ip4.Format(Ip4.Read(v, i));
            return s;
        }

        private static string Malformed(byte[] v)
        {
            return Hex.Bytes(v) + " (malformed: " + v.Length.ToString() + " bytes)";
        }
    }
}
