using System;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Store;
using PhoneAgent.Device.Ports;

namespace PhoneAgent.Device
{
    /// <summary>Device entry point: wires the nanoFramework ports to the portable core and runs
    /// the same single-threaded agent loop the host harness runs. Not built on the project's
    /// Linux machines (no nanoFramework packages there); see the README.</summary>
    public static class Program
    {
        public const string ConfigFile = "I:\\phoneagent.conf";

        public static void Main()
        {
            NanoEventSink sink = new NanoEventSink();
            NanoClock clock = new NanoClock();
            AgentConfig config = NanoConfig.Load(ConfigFile, sink, clock);
            if (config == null)
            {
                // Configuration errors were printed; show them and stop rather than guess.
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            BoardProfile board = BoardProfile.Current;
            Configuration.SetPinFunction(board.I2cSda, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(board.I2cScl, DeviceFunction.I2C1_CLOCK);
            sink.Event(clock.NowMs, "board", PhoneAgent.Core.Ports.Level.Info, "PhoneAgent on " + board.Name);
            AgentPorts ports = new AgentPorts();
            ports.Clock = clock;
            ports.Network = new NanoNetwork();
            ports.Random = new NanoRandom();
            ports.Events = sink;
            ports.Display = Ssd1306Display.TryOpen(board.I2cBus, board.DisplayAddress, sink, clock);
            ports.Leds = new GpioLeds(board.LedPins);
            ports.Keypad = MatrixKeypad.TryOpen(board.KeypadRows, board.KeypadColumns, sink, clock);
            ports.Store = new ImageStore(new NanoFileMedia("I:\\"));

            AgentLoop loop = PhoneAgentFactory.Create(config, ports);
            NanoNetwork net = (NanoNetwork)ports.Network;
            while (true)
            {
                while (loop.Turn()) { }
                long wait = loop.NextDeadlineMs - clock.NowMs;
                net.WaitForActivity(wait > 100 ? 100 : (int)(wait < 1 ? 1 : wait));
            }
        }
    }
}
