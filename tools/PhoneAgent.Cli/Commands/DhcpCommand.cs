using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent dhcp inform`: the phone's DHCPINFORM from this host, on a real
    /// network: decoded options, the provisioning URL and SIP servers, or the diagnosis.</summary>
    public static class DhcpCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var iface = new Option<string>("--interface", "-i") { Description = "network interface, e.g. eth0", Required = true };
            var address = new Option<string>("--address") { Description = "address to inform from (ciaddr); default: the interface's IPv4 address" };
            var server = new Option<string>("--server") { Description = "unicast the INFORM to this DHCP server; default: broadcast" };
            var vendor = new Option<string>("--vendor-class") { Description = "option 60", DefaultValueFactory = _ => "MS-UC-Client" };
            var sts = new Option<string>("--sts-override") { Description = "provisioning URL to fall back to (as dhcp.option43.override.stsUri)" };
            var sip = new Option<string>("--sip-override") { Description = "SIP server to fall back to (as sip.registrar)" };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "print every retransmission" };
            var inform = new Command("inform", "Send a DHCPINFORM (vendor class MS-UC-Client) and report options 43 and 120, or why they did not arrive")
            {
                iface, address, server, vendor, sts, sip, verbose,
            };
            inform.SetAction(r => Inform(output, error, r.GetValue(iface), r.GetValue(address), r.GetValue(server), r.GetValue(vendor),
                r.GetValue(sts), r.GetValue(sip), r.GetValue(verbose)));
            return new Command("dhcp", "DHCP tools") { inform };
        }

        private static int Inform(TextWriter o, TextWriter err, string ifName, string addressText, string serverText,
            string vendorClass, string stsOverride, string sipOverride, bool verbose)
        {
            uint server = 0;
            if (!string.IsNullOrEmpty(serverText) && !Ip4.TryParse(serverText, out server))
            {
                err.WriteLine($"error: --server '{serverText}' is not an IPv4 address");
                return CliApp.BadInput;
            }
            uint address, netmask;
            if (!string.IsNullOrEmpty(addressText))
            {
                if (!Ip4.TryParse(addressText, out address) && !AgentConfig.TryParseCidr(addressText, out address, out _))
                {
                    err.WriteLine($"error: --address '{addressText}' is not an IPv4 address");
                    return CliApp.BadInput;
                }
                netmask = 0xffffffff;
            }
            else if (!InterfaceAddress(ifName, out address, out netmask))
            {
                err.WriteLine($"error: {ifName} has no IPv4 address; give one with --address (the INFORM needs ciaddr)");
                return CliApp.BadInput;
            }
            if (vendorClass.Length > 255) { err.WriteLine("error: --vendor-class longer than 255 bytes"); return CliApp.BadInput; }

            var clock = new HostClock();
            var sink = new ConsoleEventSink(o, verbose);
            LinuxInterface net;
            try { net = new LinuxInterface(ifName, false, line => sink.Event(clock.NowMs, "host", PhoneAgent.Core.Ports.Level.Warning, line)); }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                err.WriteLine("error: " + e.Message);
                return CliApp.BadInput;
            }
            using var netScope = net;
            var config = AgentConfig.Parse(
                $"dhcp.inform.vendorClass = {vendorClass}\n" +
                (server != 0 ? $"dhcp.inform.server = {Ip4.Format(server)}\n" : "") +
                (string.IsNullOrEmpty(stsOverride) ? "" : $"dhcp.option43.override.stsUri = {stsOverride}\n") +
                (string.IsNullOrEmpty(sipOverride) ? "" : $"sip.registrar = {sipOverride}\n"));
            if (config.HasErrors)
            {
                for (int i = 0; i < config.ProblemCount; i++) err.WriteLine("error: " + config.ProblemAt(i).Text);
                return CliApp.BadInput;
            }
            var ports = new AgentPorts { Clock = clock, Network = net, Random = new HostRandom(), Events = sink };
            var boot = new BootSequence();
            boot.Add(new LinkStep(net));
            var given = new StaticAddressStep(net, address, netmask, 0, apply: false);
            boot.Add(given);
            var step = PhoneAgentFactory.NewInformStep(config, ports, net.MacAddress, given);
            boot.Add(step);
            var loop = new AgentLoop(ports, boot);
            o.WriteLine($"DHCPINFORM from {Ip4.Format(address)} on {ifName} (MAC {Mac.Format(net.MacAddress)}), vendor class \"{vendorClass}\", to {(server != 0 ? Ip4.Format(server) : "255.255.255.255")}");
            RealTimeRunner.Run(loop, clock, net, true, 90_000, CancellationToken.None);
            loop.Shutdown();

            o.WriteLine();
            var ack = step.Client.Ack;
            if (ack != null)
            {
                o.WriteLine($"DHCPACK from {Ip4.Format(step.Client.AckSource)}:");
                for (int i = 0; i < ack.OptionCount; i++)
                {
                    int code = ack.OptionCodeAt(i);
                    o.WriteLine($"  {code,3} {DhcpOptionText.Name(code),-24} {DhcpOptionText.Value(code, ack.OptionValueAt(i))}");
                }
                o.WriteLine();
            }
            var p = step.Provisioning;
            if (p == null)
            {
                o.WriteLine("RESULT: the INFORM did not finish: " + step.Summary);
                return CliApp.Failed;
            }
            o.WriteLine("Provisioning URL: " + (p.HasStsUri ? $"{p.StsUri}  (from {p.StsUriSource})" : "none"));
            o.WriteLine("SIP servers:      " + (p.HasSipServers ? $"{string.Join(", ", p.SipServers)}  (from {p.SipServersSource})" : "none"));
            if (p.Diagnosis.Length > 0) o.WriteLine("Diagnosis:        " + p.Diagnosis);
            return step.Status == BootStep.Done ? CliApp.Ok : CliApp.Failed;
        }

        /// <summary>The interface's first IPv4 address and mask, read in this network namespace.</summary>
        private static bool InterfaceAddress(string ifName, out uint address, out uint netmask)
        {
            address = netmask = 0;
            var ni = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == ifName);
            var ua = ni?.GetIPProperties().UnicastAddresses.FirstOrDefault(u => u.Address.AddressFamily == AddressFamily.InterNetwork);
            if (ua == null) return false;
            address = Ip4.Read(ua.Address.GetAddressBytes(), 0);
            netmask = ua.PrefixLength == 0 ? 0 : 0xffffffffu << (32 - ua.PrefixLength);
            return true;
        }
    }
}
