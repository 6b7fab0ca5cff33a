namespace PhoneAgent.Core.Config
{
    /// <summary>Every key the agent knows. A key not listed here is reported as unknown;
    /// a reserved key is accepted and reported as not used by this build yet.</summary>
    public static class ConfigKeys
    {
        public const string DeviceName = "device.name";
        public const string DeviceMac = "device.mac";
        public const string NetDhcp = "net.dhcp";
        public const string NetAddress = "net.address";
        public const string NetRouter = "net.router";
        public const string DhcpVendorClass = "dhcp.vendorClass";
        public const string DhcpStsUriOverride = "dhcp.option43.override.stsUri";
        public const string DhcpInform = "dhcp.inform";
        public const string DhcpInformVendorClass = "dhcp.inform.vendorClass";
        public const string DhcpInformServer = "dhcp.inform.server";
        public const string SntpServer = "sntp.server";
        public const string SntpEnabled = "sntp.enabled";
        public const string SipRegistrar = "sip.registrar";
        public const string SipUser = "sip.user";
        public const string SipPassword = "sip.password";
        public const string SipTransport = "sip.transport";
        public const string SipDomain = "sip.domain";
        public const string SipExpires = "sip.expires";
        public const string NetDns = "net.dns";
        public const string Dot1xEnabled = "dot1x.enabled";
        public const string Dot1xMethod = "dot1x.method";
        public const string Dot1xIdentity = "dot1x.identity";
        public const string Dot1xPassword = "dot1x.password";
        public const string Dot1xServerName = "dot1x.serverName";
        public const string Dot1xRoots = "dot1x.roots";
        public const string Dot1xTlsCertificate = "dot1x.tls.certificate";
        public const string Dot1xTlsKey = "dot1x.tls.key";
        public const string ScepUrl = "scep.url";
        public const string ScepChallenge = "scep.challenge";
        public const string ScepCaFingerprint = "scep.caFingerprint";

        private static ConfigKey[] _all;

        public static ConfigKey[] All
        {
            get
            {
                if (_all == null)
                {
                    _all = new ConfigKey[]
                    {
                        new ConfigKey(DeviceName, ConfigKey.KindString, "phoneagent", false, false, "host name sent in DHCP option 12"),
                        new ConfigKey(DeviceMac, ConfigKey.KindMac, "", false, false, "MAC address; empty: the interface's own"),
                        new ConfigKey(NetDhcp, ConfigKey.KindBool, "true", false, false, "obtain the address by DHCP; false: use net.address"),
                        new ConfigKey(NetAddress, ConfigKey.KindCidr, "", false, false, "static address, e.g. 10.77.0.2/24 (with net.dhcp=false)"),
                        new ConfigKey(NetRouter, ConfigKey.KindIp, "", false, false, "static default router"),
                        new ConfigKey(DhcpVendorClass, ConfigKey.KindString, "PhoneAgent", false, false, "option 60 sent while leasing"),
                        new ConfigKey(DhcpInform, ConfigKey.KindBool, "true", false, false, "send DHCPINFORM for options 43 and 120 once the phone has an address"),
                        new ConfigKey(DhcpInformVendorClass, ConfigKey.KindString, "MS-UC-Client", false, false, "option 60 of the DHCPINFORM (servers send option 43 for MS-UC-Client)"),
                        new ConfigKey(DhcpInformServer, ConfigKey.KindIp, "", false, false, "unicast the DHCPINFORM to this server; empty: broadcast"),
                        new ConfigKey(DhcpStsUriOverride, ConfigKey.KindString, "", false, false, "certificate-provisioning URL used when DHCP option 43 is missing"),
                        new ConfigKey(SntpEnabled, ConfigKey.KindBool, "true", false, false, "set the clock by SNTP once the phone has an address"),
                        new ConfigKey(SntpServer, ConfigKey.KindIp, "", false, false, "SNTP server address; empty: from DHCP option 42"),
                        new ConfigKey(SipRegistrar, ConfigKey.KindString, "", false, false, "SIP registrar (sip:host[:port], host or address) used when DHCP option 120 is missing"),
                        new ConfigKey(SipUser, ConfigKey.KindString, "", false, false, "SIP user name; empty: no registration"),
                        new ConfigKey(SipPassword, ConfigKey.KindString, "", true, false, "SIP password"),
                        new ConfigKey(SipTransport, ConfigKey.KindString, "udp", false, false, "udp, tcp or tls (the boot sequence registers over udp unless the platform hands in stream ports)"),
                        new ConfigKey(SipDomain, ConfigKey.KindString, "", false, false, "SIP domain of the address-of-record; empty: the registrar's host"),
                        new ConfigKey(SipExpires, ConfigKey.KindInt, "3600", false, false, "requested registration expiry in seconds"),
                        new ConfigKey(NetDns, ConfigKey.KindIp, "", false, false, "DNS server when DHCP gives none (option 6)"),
                        new ConfigKey(Dot1xEnabled, ConfigKey.KindBool, "false", false, false, "authenticate the switch port with 802.1X (EAPOL) before DHCP"),
                        new ConfigKey(Dot1xMethod, ConfigKey.KindString, "tls", false, false, "EAP method: md5, tls or peap (not yet)"),
                        new ConfigKey(Dot1xIdentity, ConfigKey.KindString, "", false, false, "EAP identity; empty: device.name"),
                        new ConfigKey(Dot1xPassword, ConfigKey.KindString, "", true, false, "EAP password (md5, later peap)"),
                        new ConfigKey(Dot1xServerName, ConfigKey.KindString, "", false, false, "name the RADIUS server's certificate must carry (tls); empty: only the chain is checked"),
                        new ConfigKey(Dot1xRoots, ConfigKey.KindString, "", false, false, "file of trust anchors (PEM or DER) for the RADIUS server's certificate (tls)"),
                        new ConfigKey(Dot1xTlsCertificate, ConfigKey.KindString, "", false, false, "the phone's certificate for EAP-TLS, PEM or DER, intermediates may follow the leaf"),
                        new ConfigKey(Dot1xTlsKey, ConfigKey.KindString, "", false, false, "the private key of dot1x.tls.certificate (PKCS#8, PKCS#1 or SEC 1; PEM or DER)"),
                        new ConfigKey(ScepUrl, ConfigKey.KindString, "", false, true, "SCEP server URL for LSC enrollment"),
                        new ConfigKey(ScepChallenge, ConfigKey.KindString, "", true, true, "SCEP challenge password"),
                        new ConfigKey(ScepCaFingerprint, ConfigKey.KindString, "", false, true, "sha256:HEX or sha1:HEX of the SCEP CA"),
                    };
                }
                return _all;
            }
        }

        /// <summary>The 802.1X methods this build runs.</summary>
        public const string Dot1xMethodMd5 = "md5";
        public const string Dot1xMethodTls = "tls";

        /// <summary>Why a value of the right kind is still wrong (an error), or null.</summary>
        public static string ValueProblem(string key, string value)
        {
            if (key == Dot1xMethod && value != Dot1xMethodMd5 && value != "tls" && value != "peap") return "is not md5, tls or peap";
            return null;
        }

        /// <summary>A valid value this build cannot act on yet (a warning, so configurations
        /// written for later builds stay valid), or null.</summary>
        public static string NotYet(string key, string value)
        {
            if (key == Dot1xMethod && value == "peap")
                return "'" + key + "' = '" + value + "' is accepted but not in this build yet: only md5 and tls authenticate, 802.1X will fail";
            return null;
        }

        /// <summary>The key's definition, or null when unknown.</summary>
        public static ConfigKey Find(string name)
        {
            ConfigKey[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Name == name) return all[i];
            }
            return null;
        }
    }
}
