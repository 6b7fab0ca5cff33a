using PhoneAgent.Core.Config;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Net;

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

            BootSequence boot = new BootSequence();
            boot.Add(new LinkStep(ports.Network));
            if (config.GetBool(ConfigKeys.NetDhcp) && ports.Network.PlatformOwnsDhcp)
            {
                boot.Add(new PlatformLeaseStep(ports.Network));
            }
            else if (config.GetBool(ConfigKeys.NetDhcp))
            {
                DhcpClient client = new DhcpClient(mac, ports.Random, config.GetString(ConfigKeys.DeviceName),
                    config.GetString(ConfigKeys.DhcpVendorClass));
                boot.Add(new DhcpStep(client, ports.Network));
            }
            else
            {
                boot.Add(new StaticAddressStep(ports.Network, config.GetIp(ConfigKeys.NetAddress),
                    config.GetNetmask(ConfigKeys.NetAddress), config.GetIp(ConfigKeys.NetRouter)));
            }
            return new AgentLoop(ports, boot);
        }
    }
}
