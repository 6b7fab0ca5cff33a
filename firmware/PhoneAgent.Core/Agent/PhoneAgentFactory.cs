using PhoneAgent.Core.Config;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Scep;
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
            ScepStep scep = NewScepStep(config, ports, mac, (IAddressSource)address, wall);
            if (scep != null) boot.Add(scep);
            if (config.GetString(ConfigKeys.SipUser).Length > 0)
            {
                SipStep sip = NewSipStep(config, ports, mac, (IAddressSource)address, inform);
                // SIP over mutual TLS presents the LSC the SCEP step keeps in the store.
                if (ports.Store != null) sip.UseClientIdentity(new CredentialStore(ports.Store), wall);
                boot.Add(sip);
            }
            return new AgentLoop(ports, boot);
        }

        /// <summary>The LSC step (after SNTP, before SIP) when scep.url is configured or an LSC is
        /// installed; null without a store or with neither.</summary>
        public static ScepStep NewScepStep(AgentConfig config, AgentPorts ports, byte[] mac, IAddressSource address, IWallClock wall)
        {
            if (ports.Store == null) return null;
            CredentialStore store = new CredentialStore(ports.Store);
            string problem;
            ScepSettings settings = ScepConfig.Settings(config, mac, out problem);
            if (settings == null && store.Certificate() == null) return null;
            int percent = ScepConfig.RenewPercent(config.GetString(ConfigKeys.ScepRenewShare));
            if (percent < 0) percent = 20;
            IKeyPairSource keys = ports.Keys ?? new CoreKeyPairSource(ports.Random);
            return new ScepStep(settings, problem, percent, store, address, config.GetIp(ConfigKeys.NetDns), wall, ports.Streams, ports.Random, keys);
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
            s.AuthDomain = config.GetString(ConfigKeys.SipAuthDomain);
            s.Workstation = config.GetString(ConfigKeys.DeviceName);
            s.WallClock = ports.WallClock;
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
            string outer = identity;
            if (method == ConfigKeys.Dot1xMethodMd5) m = new Md5ChallengeMethod(config.GetString(ConfigKeys.Dot1xPassword));
            else if (method == ConfigKeys.Dot1xMethodPeap)
            {
                string anonymous = config.GetString(ConfigKeys.Dot1xAnonymousIdentity);
                if (anonymous.Length > 0) outer = anonymous;
                string serverName = config.GetString(ConfigKeys.Dot1xServerName);
                if (config.GetString(ConfigKeys.Dot1xPassword).Length > MsChapV2.MaxPasswordLength)
                    unavailable = "dot1x.password is longer than the 256 characters MS-CHAPv2 allows (RFC 2759 §8.3)";
                else if (ports.TlsTunnel == null)
                    unavailable = "dot1x.method = peap needs TLS inside EAP, which this platform does not provide (the device needs native mbedTLS support; on the host: dot1x.roots with phoneagent run, or phoneagent 8021x --method peap --roots FILE)";
                else
                    m = new PeapMethod(ports.TlsTunnel, serverName.Length > 0 ? serverName : null, identity,
                        new MsChapV2Method(identity, config.GetString(ConfigKeys.Dot1xPassword), ports.Random));
            }
            else if (method == ConfigKeys.Dot1xMethodTls)
            {
                string serverName = config.GetString(ConfigKeys.Dot1xServerName);
                // The certificate to present: the LSC when one is installed (enrolled by SCEP on an
                // earlier boot), else the manufacturing certificate the platform read from
                // dot1x.tls.certificate / dot1x.tls.key.
                byte[] cert = ports.Dot1xCertificate, key = ports.Dot1xKey;
                string lsc = null;
                if (ports.Store != null)
                {
                    string why;
                    Credentials.TlsClientIdentity id = new Credentials.CredentialStore(ports.Store).ClientIdentity(0, out why);
                    if (id != null)
                    {
                        cert = Concat(id.CertificateDer, id.ChainDer);
                        key = id.PrivateKeyDer;
                        lsc = id.Certificate.Subject.Text;
                    }
                }
                if (ports.TlsTunnel == null)
                    unavailable = "dot1x.method = tls needs TLS inside EAP, which this platform does not offer (on the device: native mbedTLS with memory BIOs, see hardware/README.md)";
                else if (cert == null || key == null)
                    unavailable = "dot1x.method = tls needs the phone's certificate and key: an LSC in the credential store, or dot1x.tls.certificate and dot1x.tls.key";
                else
                {
                    m = new EapTlsMethod(ports.TlsTunnel, serverName.Length > 0 ? serverName : null, cert, key);
                    if (lsc != null) ports.Events.Event(ports.Clock.NowMs, SupplicantPae.Source, Level.Info, "EAP-TLS presents the LSC \"" + lsc + "\"");
                }
            }
            else unavailable = "dot1x.method = " + method + " is not md5, tls or peap";
            if (m == null) m = new Md5ChallengeMethod("");
            if (unavailable == null && ports.Frames == null) ports.Frames = ports.Network.OpenFrames(Eapol.EtherType);
            if (unavailable == null && ports.Frames == null)
                unavailable = "cannot send or receive EAPOL frames (EtherType 0x888e) on " + ports.Network.Name +
                    ": raw Ethernet frames need root or CAP_NET_RAW on Linux, and native L2 support on the device";
            return new Dot1xStep(new SupplicantPae(mac, new EapPeer(outer, m)), unavailable);
        }

        /// <summary>The DHCPINFORM step for an address source; also used by `phoneagent dhcp inform`.</summary>
        public static InformStep NewInformStep(AgentConfig config, AgentPorts ports, byte[] mac, IAddressSource address)
        {
            string vendorClass = config.GetString(ConfigKeys.DhcpInformVendorClass);
            return new InformStep(new DhcpInformClient(mac, ports.Random, vendorClass), address,
                config.GetIp(ConfigKeys.DhcpInformServer), vendorClass,
                config.GetString(ConfigKeys.DhcpStsUriOverride), config.GetString(ConfigKeys.SipRegistrar));
        }

        /// <summary>A leaf followed by its chain, concatenated DER (what ITlsTunnelPort.Open takes).</summary>
        private static byte[] Concat(byte[] leaf, byte[][] chain)
        {
            int n = leaf.Length;
            for (int i = 0; chain != null && i < chain.Length; i++) n += chain[i].Length;
            byte[] all = new byte[n];
            System.Array.Copy(leaf, all, leaf.Length);
            int o = leaf.Length;
            for (int i = 0; chain != null && i < chain.Length; i++)
            {
                System.Array.Copy(chain[i], 0, all, o, chain[i].Length);
                o += chain[i].Length;
            }
            return all;
        }
    }
}
