using PhoneAgent.Core.Config;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Sntp;
using PhoneAgent.Core.Sip.Registration;

namespace PhoneAgent.Core.Agent
{
    /// <summary>Builds the boot sequence from the configuration: the one place that decides
    /// which steps run, in which order, for the device and the host alike.</summary>
    public static class PhoneAgentFactory
    {
        public static AgentLoop Create(AgentConfig config, AgentPorts ports)
        {
            if (config == null) throw new System.ArgumentNullException(nameof(config));
            if (ports == null) throw new System.ArgumentNullException(nameof(ports));
            ports.Validate();
            if (config.HasErrors) throw new System.ArgumentException("the configuration has errors; report them before starting");

            byte[] mac = Mac.TryParse(config.GetString(ConfigKeys.DeviceMac));
            if (mac == null) mac = ports.Network.MacAddress;

            SyncedWallClock wall = ports.WallClock as SyncedWallClock ?? new SyncedWallClock(ports.Clock);
            ports.WallClock = wall;
            BootSequence boot = new BootSequence();
            boot.Add(new LinkStep(ports.Network));
            if (config.GetBool(ConfigKeys.Dot1xEnabled)) boot.Add(NewDot1xStep(config, ports, mac));
            BootStep address;
            if (config.GetBool(ConfigKeys.NetDhcp) && ports.Network.PlatformOwnsDhcp)
            {
                address = new PlatformLeaseStep(ports.Network);
            }
            else if (config.GetBool(ConfigKeys.NetDhcp))
            {
                DhcpClient client = new DhcpClient(mac, ports.Random, config.GetString(ConfigKeys.DeviceName),
                    config.GetString(ConfigKeys.DhcpVendorClass));
                address = new DhcpStep(client, ports.Network, ports.Store, ports.Conflicts);
            }
            else
            {
                address = new StaticAddressStep(ports.Network, config.GetIp(ConfigKeys.NetAddress),
                    config.GetNetmask(ConfigKeys.NetAddress), config.GetIp(ConfigKeys.NetRouter));
            }
            boot.Add(address);
            InformStep inform = null;
            if (config.GetBool(ConfigKeys.DhcpInform)) boot.Add(inform = NewInformStep(config, ports, mac, (IAddressSource)address));
            if (config.GetBool(ConfigKeys.SntpEnabled))
            {
                uint server = config.GetIp(ConfigKeys.SntpServer);
                boot.Add(new SntpStep((IAddressSource)address, server != 0 ? new uint[] { server } : null, ports.Random, wall));
            }
            if (config.GetString(ConfigKeys.SipUser).Length > 0) boot.Add(NewSipStep(config, ports, mac, (IAddressSource)address, inform));
            return new AgentLoop(ports, boot);
        }

        /// <summary>The SIP registration step (after the address, INFORM and SNTP).</summary>
        public static SipStep NewSipStep(AgentConfig config, AgentPorts ports, byte[] mac, IAddressSource address, InformStep inform)
        {
            int expires;
            if (!AgentConfig.TryParseInt(config.GetString(ConfigKeys.SipExpires), out expires) || expires < 1) expires = 3600;
            RegistrationSettings s = new RegistrationSettings();
            s.Transport = Util.Ascii.Lower(config.GetString(ConfigKeys.SipTransport));
            s.Domain = config.GetString(ConfigKeys.SipDomain);
            s.User = config.GetString(ConfigKeys.SipUser);
            s.Password = config.GetString(ConfigKeys.SipPassword);
            s.Expires = expires;
            // RFC 5626 §4.1: a stable instance ID; from the MAC, so it survives reboots.
            s.InstanceId = "00000000-0000-4000-8000-" + Util.Hex.Bytes(mac);
            return new SipStep(address, inform, config.GetString(ConfigKeys.SipRegistrar), config.GetIp(ConfigKeys.NetDns), s, ports.Random, ports.Streams, ports.Tls);
        }

        /// <summary>The 802.1X step (IEEE 802.1X-2004 supplicant, RFC 4137 peer) for dot1x.*;
        /// opens ports.Frames from the network interface when none was given.</summary>
        public static Dot1xStep NewDot1xStep(AgentConfig config, AgentPorts ports, byte[] mac)
        {
            string identity = config.GetString(ConfigKeys.Dot1xIdentity);
            if (identity.Length == 0) identity = config.GetString(ConfigKeys.DeviceName);
            string method = config.GetString(ConfigKeys.Dot1xMethod);
            string unavailable = null;
            IEapMethod m = null;
            if (method == ConfigKeys.Dot1xMethodMd5) m = new Md5ChallengeMethod(config.GetString(ConfigKeys.Dot1xPassword));
            else if (method == ConfigKeys.Dot1xMethodTls)
            {
                string serverName = config.GetString(ConfigKeys.Dot1xServerName);
                if (ports.TlsTunnel == null)
                    unavailable = "dot1x.method = tls needs TLS inside EAP, which this platform does not offer (on the device: native mbedTLS with memory BIOs, see hardware/README.md)";
                else if (ports.Dot1xCertificate == null || ports.Dot1xKey == null)
                    unavailable = "dot1x.method = tls needs the phone's certificate and key (dot1x.tls.certificate, dot1x.tls.key)";
                else m = new EapTlsMethod(ports.TlsTunnel, serverName.Length > 0 ? serverName : null, ports.Dot1xCertificate, ports.Dot1xKey);
            }
            else unavailable = "dot1x.method = " + method + " is not in this build yet: only md5 and tls authenticate (PEAP comes later)";
            if (m == null) m = new Md5ChallengeMethod("");
            if (unavailable == null && ports.Frames == null) ports.Frames = ports.Network.OpenFrames(Eapol.EtherType);
            if (unavailable == null && ports.Frames == null)
                unavailable = "cannot send or receive EAPOL frames (EtherType 0x888e) on " + ports.Network.Name +
                    ": raw Ethernet frames need root or CAP_NET_RAW on Linux, and native L2 support on the device";
            return new Dot1xStep(new SupplicantPae(mac, new EapPeer(identity, m)), unavailable);
        }

        /// <summary>The DHCPINFORM step for an address source; also used by `phoneagent dhcp inform`.</summary>
        public static InformStep NewInformStep(AgentConfig config, AgentPorts ports, byte[] mac, IAddressSource address)
        {
            string vendorClass = config.GetString(ConfigKeys.DhcpInformVendorClass);
            return new InformStep(new DhcpInformClient(mac, ports.Random, vendorClass), address,
                config.GetIp(ConfigKeys.DhcpInformServer), vendorClass,
                config.GetString(ConfigKeys.DhcpStsUriOverride), config.GetString(ConfigKeys.SipRegistrar));
        }
    }
}
