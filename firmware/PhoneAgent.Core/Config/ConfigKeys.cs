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
        public const string SipAuthDomain = "sip.authDomain";
        public const string SipExpires = "sip.expires";
        public const string NetDns = "net.dns";
        public const string Dot1xEnabled = "dot1x.enabled";
        public const string Dot1xMethod = "dot1x.method";
        public const string Dot1xIdentity = "dot1x.identity";
        public const string Dot1xPassword = "dot1x.password";
        public const string Dot1xAnonymousIdentity = "dot1x.anonymousIdentity";
        public const string Dot1xServerName = "dot1x.serverName";
        public const string Dot1xRoots = "dot1x.roots";
        public const string Dot1xTlsCertificate = "dot1x.tls.certificate";
        public const string Dot1xTlsKey = "dot1x.tls.key";
        public const string ScepUrl = "scep.url";
        public const string ScepChallenge = "scep.challenge";
        public const string ScepCaFingerprint = "scep.caFingerprint";
        public const string ScepSubject = "scep.subject";
        public const string ScepSanDns = "scep.san.dns";
        public const string ScepSanMacUrn = "scep.san.macUrn";
        public const string ScepRenewShare = "scep.renewShare";
        public const string ScepPollFirst = "scep.pollFirst";
        public const string ScepPollMaxInterval = "scep.pollMaxInterval";
        public const string ScepPollLimit = "scep.pollLimit";

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
                        new ConfigKey(SipTransport, ConfigKey.KindString, "udp", false, false, "udp, tcp or tls (tcp and tls need the platform's stream and TLS ports: the host harness has them)"),
                        new ConfigKey(SipDomain, ConfigKey.KindString, "", false, false, "SIP domain of the address-of-record; empty: the registrar's host"),
                        new ConfigKey(SipAuthDomain, ConfigKey.KindString, "", false, false, "Windows logon domain for NTLM registrars (MS-SIPAE, e.g. CONTOSO): the NTLM identity is sip.authDomain\\sip.user, device.name the workstation; empty: NTLM is refused"),
                        new ConfigKey(SipExpires, ConfigKey.KindInt, "3600", false, false, "requested registration expiry in seconds"),
                        new ConfigKey(NetDns, ConfigKey.KindIp, "", false, false, "DNS server when DHCP gives none (option 6)"),
                        new ConfigKey(Dot1xEnabled, ConfigKey.KindBool, "false", false, false, "authenticate the switch port with 802.1X (EAPOL) before DHCP"),
                        new ConfigKey(Dot1xMethod, ConfigKey.KindString, "tls", false, false, "EAP method: md5, tls (EAP-TLS) or peap (PEAPv0/EAP-MSCHAPv2)"),
                        new ConfigKey(Dot1xIdentity, ConfigKey.KindString, "", false, false, "EAP identity (PEAP: the inner identity); empty: device.name"),
                        new ConfigKey(Dot1xPassword, ConfigKey.KindString, "", true, false, "EAP password (md5, peap)"),
                        new ConfigKey(Dot1xAnonymousIdentity, ConfigKey.KindString, "", false, false, "PEAP: the outer identity sent in clear (e.g. anonymous); empty: dot1x.identity"),
                        new ConfigKey(Dot1xServerName, ConfigKey.KindString, "", false, false, "tls, peap: the name the authentication server's certificate must carry; empty: only the chain is checked"),
                        new ConfigKey(Dot1xRoots, ConfigKey.KindString, "", false, false, "tls, peap: file of trust anchors (PEM or DER) for the authentication server's certificate"),
                        new ConfigKey(Dot1xTlsCertificate, ConfigKey.KindString, "", false, false, "tls: the manufacturing certificate (PEM or DER, intermediates may follow the leaf); an installed LSC is presented instead"),
                        new ConfigKey(Dot1xTlsKey, ConfigKey.KindString, "", false, false, "tls: the private key of dot1x.tls.certificate (PKCS#8, PKCS#1 or SEC 1; PEM or DER)"),
                        new ConfigKey(ScepUrl, ConfigKey.KindString, "", false, false, "SCEP URL (http://host[:port]/path) of the CA that issues the LSC; empty: no enrollment"),
                        new ConfigKey(ScepChallenge, ConfigKey.KindString, "", true, false, "SCEP challenge password (sent encrypted for the CA, never logged)"),
                        new ConfigKey(ScepCaFingerprint, ConfigKey.KindString, "", false, false, "sha256:HEX or sha1:HEX of the SCEP CA certificate, checked before anything is sent (required with scep.url)"),
                        new ConfigKey(ScepSubject, ConfigKey.KindString, "CN=SEP{MAC}", false, false, "subject of the LSC: ATTR=value pairs separated by commas (CN, O, OU, C, L, ST, serialNumber); {MAC}, {mac}, {name} are replaced"),
                        new ConfigKey(ScepSanDns, ConfigKey.KindString, "", false, false, "a DNS subjectAltName to request ({mac}, {name} replaced); empty: none"),
                        new ConfigKey(ScepSanMacUrn, ConfigKey.KindBool, "true", false, false, "request the URI subjectAltName urn:dev:mac:<mac> (RFC 9039)"),
                        new ConfigKey(ScepRenewShare, ConfigKey.KindString, "0.2", false, false, "renew the LSC when this share of its validity remains (0.01..0.99; 0.2: the last fifth)"),
                        new ConfigKey(ScepPollFirst, ConfigKey.KindInt, "10", false, false, "seconds to the first CertPoll after PENDING; the interval doubles"),
                        new ConfigKey(ScepPollMaxInterval, ConfigKey.KindInt, "300", false, false, "largest interval between CertPolls, seconds"),
                        new ConfigKey(ScepPollLimit, ConfigKey.KindInt, "3600", false, false, "give up polling this many seconds after the first PENDING"),
                    };
                }
                return _all;
            }
        }

        /// <summary>The 802.1X methods this build runs.</summary>
        public const string Dot1xMethodMd5 = "md5";
        public const string Dot1xMethodPeap = "peap";
        public const string Dot1xMethodTls = "tls";

        /// <summary>Why a value of the right kind is still wrong (an error), or null.</summary>
        public static string ValueProblem(string key, string value)
        {
            if (key == Dot1xMethod && value != Dot1xMethodMd5 && value != "tls" && value != "peap") return "is not md5, tls or peap";
            if (key == ScepUrl || key == ScepCaFingerprint || key == ScepSubject || key == ScepRenewShare ||
                key == ScepPollFirst || key == ScepPollMaxInterval || key == ScepPollLimit)
                return Scep.ScepConfig.ValueProblem(key, value);
            return null;
        }

        /// <summary>Problems between keys (errors), checked once every line is read, or null.</summary>
        public static string CrossProblem(AgentConfig c)
        {
            return Scep.ScepConfig.CrossProblem(c);
        }

        /// <summary>A valid value this build cannot act on yet (a warning, so configurations
        /// written for later builds stay valid), or null.</summary>
        public static string NotYet(string key, string value)
        {
            if (key == ScepUrl && value.StartsWith("https://"))
                return "'" + key + "' = '" + value + "' is accepted but this build's HTTP client has no TLS yet: enrollment will fail (SCEP runs over http, RFC 8894 §4.1)";
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
