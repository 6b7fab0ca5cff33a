using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent pc-port`: the phone's PC port for EAPOL on the host. EAPOL frames
    /// are forwarded unchanged between the uplink (the switch) and the PC interface (802.1X
    /// pass-through), the core's PcPortProxy watches the PC's conversation, and when the PC
    /// interface loses carrier after the PC authenticated, it sends EAPOL-Logoff from the PC's
    /// MAC on the uplink (proxy logoff). Only EtherType 0x888E is bridged. Needs root or CAP_NET_RAW.</summary>
    public static class PcPortCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var uplink = new Option<string>("--uplink") { Description = "the phone's network interface towards the switch", Required = true };
            var pc = new Option<string>("--pc") { Description = "the interface the PC is plugged into", Required = true };
            var timeout = new Option<int>("--timeout") { Description = "stop after this many seconds (0: until Ctrl-C)", DefaultValueFactory = _ => 0 };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "print every forwarded frame" };
            var cmd = new Command("pc-port", "Bridge EAPOL between the switch and the PC port, with proxy EAPOL-Logoff when the PC unplugs")
            {
                uplink, pc, timeout, verbose,
            };
            cmd.SetAction(r => Run(output, error, r.GetValue(uplink), r.GetValue(pc), r.GetValue(timeout), r.GetValue(verbose)));
            return cmd;
        }

        private static int Run(TextWriter o, TextWriter err, string uplinkName, string pcName, int timeoutS, bool verbose)
        {
            if (timeoutS < 0) { err.WriteLine("error: --timeout must be 0 or more"); return CliApp.BadInput; }
            if (uplinkName == pcName) { err.WriteLine("error: --uplink and --pc must be different interfaces"); return CliApp.BadInput; }
            byte[] phoneMac = LinuxInterface.ReadMac(uplinkName);
            if (phoneMac == null) { err.WriteLine($"error: no interface '{uplinkName}' in this network namespace (see `ip link`)"); return CliApp.BadInput; }
            using var up = LinuxFramePort.Open(uplinkName, Eapol.EtherType, out string why);
            if (up == null) { err.WriteLine("error: " + why); return CliApp.BadInput; }
            using var down = LinuxFramePort.Open(pcName, Eapol.EtherType, out why);
            if (down == null) { err.WriteLine("error: " + why); return CliApp.BadInput; }

            var clock = new HostClock();
            var sink = new ConsoleEventSink(o, verbose);
            var proxy = new PcPortProxy(phoneMac);
            var outbox = new Outbox();
            bool pcLink = LinuxInterface.Carrier(pcName);
            o.WriteLine($"PC port: EAPOL between {uplinkName} (MAC {Mac.Format(phoneMac)}) and {pcName} (link {(pcLink ? "up" : "down")}); " +
                "proxy EAPOL-Logoff when the PC unplugs" + (timeoutS > 0 ? $"; timeout {timeoutS} s" : "; Ctrl-C stops"));

            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            int toSwitch = 0, toPc = 0;
            long end = timeoutS > 0 ? timeoutS * 1000L : long.MaxValue, nextCarrier = 0;
            var buffer = new byte[2048];
            try
            {
                while (!stop.IsCancellationRequested && clock.NowMs < end)
                {
                    var readable = new List<Socket> { up.Socket, down.Socket };
                    Socket.Select(readable, null, null, 50_000);
                    for (int guard = 0; guard < 32; guard++)
                    {
                        int n = down.TryReceive(buffer);
                        if (n <= 0) break;
                        proxy.OnFrameFromPc(buffer, n, outbox);
                        if (up.Send(buffer, 0, n)) toSwitch++;
                        if (verbose) sink.Event(clock.NowMs, "pcport", PhoneAgent.Core.Ports.Level.Debug, $"PC -> switch {n} bytes");
                    }
                    for (int guard = 0; guard < 32; guard++)
                    {
                        int n = up.TryReceive(buffer);
                        if (n <= 0) break;
                        proxy.OnFrameFromSwitch(buffer, n, outbox);
                        if (down.Send(buffer, 0, n)) toPc++;
                        if (verbose) sink.Event(clock.NowMs, "pcport", PhoneAgent.Core.Ports.Level.Debug, $"switch -> PC {n} bytes");
                    }
                    if (clock.NowMs >= nextCarrier)
                    {
                        // Carrier is polled (10 Hz): the PC's unplug is an edge on the PC port.
                        nextCarrier = clock.NowMs + 100;
                        bool now = LinuxInterface.Carrier(pcName);
                        if (now != pcLink)
                        {
                            pcLink = now;
                            sink.Event(clock.NowMs, "pcport", PhoneAgent.Core.Ports.Level.Info, $"{pcName} link {(now ? "up" : "down")}");
                            proxy.OnPcLink(now, outbox);
                        }
                    }
                    for (int i = 0; i < outbox.FrameCount; i++) up.Send(outbox.FrameAt(i), 0, outbox.FrameAt(i).Length);
                    sink.Notes(outbox, clock.NowMs);
                    outbox.Clear();
                }
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            o.WriteLine($"RESULT: forwarded {toSwitch} EAPOL frames PC -> switch and {toPc} switch -> PC; {proxy.LogoffsSent} proxy EAPOL-Logoff; {PcPortProxy.StateName(proxy.State)}");
            return CliApp.Ok;
        }
    }
}
