using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Core.Provisioning
{
    /// <summary>Decides the certificate-provisioning URL and SIP servers from what DHCP gave
    /// (the INFORM ACK first, then the lease ACK) and the configured overrides, recording the
    /// source of each and, when DHCP fell short, a diagnosis an administrator can act on.
    /// Pure: no I/O, so every branch is tested directly.</summary>
    public static class ProvisioningResolver
    {
        public const string StsOverrideKey = "dhcp.option43.override.stsUri";
        public const string SipOverrideKey = "sip.registrar";

        public static ProvisioningInfo Resolve(DhcpInformClient inform, uint ciaddr, DhcpLease lease,
            string vendorClass, string stsOverride, string sipOverride, long nowMs)
        {
            ProvisioningInfo p = new ProvisioningInfo();
            DhcpMessage ack = inform.Ack;
            string server = ack != null ? ServerOf(ack, inform.AckSource) : "";
            string why = "";

            // Option 43: the INFORM ACK, then the lease ACK.
            if (ack == null) why = NoAckDiagnosis(inform, ciaddr, lease, nowMs);
            else
            {
                byte[] v43 = ack.Get(DhcpOption.VendorSpecific);
                if (v43 == null)
                    why = "server " + server + " answered the DHCPINFORM without option 43: it has no vendor-specific options for vendor class \"" +
                        vendorClass + "\" (dnsmasq: dhcp-option=vendor:MS-UC-Client,1..5; kea: a client class testing option 60 that encapsulates option 43)";
                else why = TakeSts(p, v43, "DHCP option 43 in the DHCPACK to DHCPINFORM from " + server);
            }
            if (!p.HasStsUri && lease != null && lease.VendorSpecific != null)
            {
                string leaseWhy = TakeSts(p, lease.VendorSpecific, "DHCP option 43 in the lease DHCPACK from " + Ip4.Format(lease.Server));
                if (p.HasStsUri) why += "; the provisioning URL from the lease ACK is used instead";
                else if (leaseWhy.Length > 0) why += "; lease ACK: " + leaseWhy;
            }
            if (!p.HasStsUri && stsOverride != null && stsOverride.Length > 0)
            {
                p.StsUri = stsOverride;
                p.StsUriSource = "configuration key " + StsOverrideKey;
                why += "; using the configured " + StsOverrideKey;
            }
            else if (!p.HasStsUri)
            {
                why += "; no " + StsOverrideKey + " is configured, so the phone has no certificate-provisioning URL (no PIN sign-in)";
            }

            // Option 120: the INFORM ACK, then the lease ACK, then sip.registrar.
            string sipWhy = "";
            if (ack != null && ack.Get(DhcpOption.SipServers) != null)
                sipWhy = TakeSip(p, ack.Get(DhcpOption.SipServers), "DHCP option 120 in the DHCPACK to DHCPINFORM from " + server);
            if (!p.HasSipServers && lease != null && lease.SipServers != null)
                sipWhy = TakeSip(p, lease.SipServers, "DHCP option 120 in the lease DHCPACK from " + Ip4.Format(lease.Server));
            if (!p.HasSipServers && sipOverride != null && sipOverride.Length > 0)
            {
                p.SipServers = new string[] { sipOverride };
                p.SipServersSource = "configuration key " + SipOverrideKey;
            }
            if (sipWhy.Length > 0) why += (why.Length > 0 ? "; " : "") + sipWhy;

            p.Diagnosis = why.Length > 0 && why[0] == ';' ? why.Substring(2) : why;
            return p;
        }

        private static string TakeSts(ProvisioningInfo p, byte[] v43, string source)
        {
            MsUcClientOption o;
            string reason;
            if (!MsUcClientOption.TryDecode(v43, out o, out reason)) return "option 43 is malformed (" + reason + ")";
            if (!o.IsComplete) return "option 43 lacks MS-UC-Client sub-option(s) " + o.Missing;
            p.StsUri = o.Url;
            p.StsUriSource = source;
            return "";
        }

        private static string TakeSip(ProvisioningInfo p, byte[] v120, string source)
        {
            SipServersOption o;
            string reason;
            if (!SipServersOption.TryDecode(v120, out o, out reason)) return "option 120 is malformed (" + reason + ")";
            string[] servers = new string[o.Count];
            for (int i = 0; i < o.Count; i++) servers[i] = o.Encoding == SipServersOption.EncodingNames ? o.Names[i] : Ip4.Format(o.Addresses[i]);
            p.SipServers = servers;
            p.SipServersSource = source;
            return "";
        }

        private static string ServerOf(DhcpMessage ack, uint source)
        {
            uint sid;
            return ack.TryGetUInt32(DhcpOption.ServerIdentifier, out sid) && sid != 0 ? Ip4.Format(sid) : Ip4.Format(source);
        }

        /// <summary>The firewall diagnosis: the INFORM ACK is unicast from the server's UDP 67
        /// straight to the phone's UDP 68 and bypasses any relay.</summary>
        public static string NoAckDiagnosis(DhcpInformClient inform, uint ciaddr, DhcpLease lease, long nowMs)
        {
            string head = "no DHCPACK to DHCPINFORM after " + inform.Sends.ToString() + " sends in " +
                ((nowMs - inform.StartedMs) / 1000).ToString() + " s";
            if (lease != null)
            {
                string server = Ip4.Format(lease.Server);
                string relay = lease.RelayAddress != 0 ? Ip4.Format(lease.RelayAddress) : "";
                return head + ", although server " + server + (relay.Length > 0 ? " (through relay " + relay + ")" : "") +
                    " granted this phone's lease on " + Ip4.Format(ciaddr) + ". The INFORM ACK travels unicast from " + server +
                    " UDP 67 to " + Ip4.Format(ciaddr) + " UDP 68" + (relay.Length > 0 ? ", not back through the relay" : "") +
                    ": a firewall or ACL on that path that only allows the " + (relay.Length > 0 ? "relayed " : "") +
                    "lease exchange is the usual cause";
            }
            return head + " (sent to " + Ip4.Format(inform.Destination) + " from " + Ip4.Format(ciaddr) + "). A DHCP server's INFORM ACK" +
                " travels unicast from its UDP 67 to " + Ip4.Format(ciaddr) + " UDP 68: a firewall on that path is the usual cause;" +
                " also check that a DHCP server or relay serves this VLAN and answers DHCPINFORM";
        }
    }
}
