using System.Collections;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Ui;

namespace PhoneAgent.Core.Agent
{
    /// <summary>The single-threaded agent loop. Each Turn is bounded: at most
    /// MaxDatagramsPerTurn datagrams are taken in, expired deadlines fire once, the outbox
    /// is flushed, and the display is redrawn if anything changed.</summary>
    public sealed class AgentLoop
    {
        public const int MaxDatagramsPerTurn = 16;
        public const int ReceiveBufferSize = 1536;

        private readonly IClock _clock;
        private readonly INetworkInterface _net;
        private readonly IEventSink _sink;
        private readonly BootSequence _boot;
        private readonly IDisplay _display;
        private readonly ILeds _leds;
        private readonly IKeypad _keypad;
        private readonly Outbox _outbox = new Outbox();
        private readonly ArrayList _ports = new ArrayList();
        private IFramePort _frames;
        private readonly IPcPort _pc;
        private readonly Eap.PcPortProxy _proxy;
        private bool _pcLink;
        private readonly byte[] _rx = new byte[ReceiveBufferSize];
        private readonly StatusScreen _screen;
        private int _shownVersion = -1;
        private int _sendFailures;

        public const int MaxKeysPerTurn = 4;

        /// <summary>How often a Turn reads the link state once the boot started: link ports
        /// are polled, and every runner turns at least this often.</summary>
        public const int LinkPollMs = 100;
        private long _nextLinkPollMs;
        private bool _link;

        public AgentLoop(AgentPorts ports, BootSequence boot)
        {
            if (ports == null) throw new System.ArgumentNullException(nameof(ports));
            if (boot == null) throw new System.ArgumentNullException(nameof(boot));
            ports.Validate();
            _clock = ports.Clock;
            _net = ports.Network;
            _sink = ports.Events;
            _boot = boot;
            _display = ports.Display;
            _leds = ports.Leds;
            _keypad = ports.Keypad;
            _frames = ports.Frames;
            _pc = ports.PcPort;
            if (_pc != null)
            {
                // 802.1X pass-through needs the uplink's EAPOL port even when the phone itself
                // does not authenticate.
                if (_frames == null) _frames = ports.Frames = _net.OpenFrames(Eap.Eapol.EtherType);
                _proxy = new Eap.PcPortProxy(_net.MacAddress);
                _pcLink = _pc.LinkUp;
            }
            if (_display != null) _screen = new StatusScreen(_display.Width, _display.Height);
        }

        public BootSequence Boot { get { return _boot; } }
        public int SendFailures { get { return _sendFailures; } }
        public StatusScreen Screen { get { return _screen; } }
        /// <summary>The PC port's proxy-logoff watcher, or null without a PC port.</summary>
        public Eap.PcPortProxy PcProxy { get { return _proxy; } }

        public long NextDeadlineMs { get { return _boot.NextDeadlineMs; } }

        /// <summary>One bounded turn; true when something happened (so call again at once).
        /// EAPOL frames are taken before datagrams, within the same MaxDatagramsPerTurn.</summary>
        public bool Turn()
        {
            long now = _clock.NowMs;
            bool worked = false;
            if (!_boot.Started)
            {
                _link = _net.LinkUp;
                _nextLinkPollMs = now + LinkPollMs;
                _boot.Start(now, _outbox);
                worked = true;
            }
            else if (now >= _nextLinkPollMs && !_shuttingDown)
            {
                _nextLinkPollMs = now + LinkPollMs;
                bool pcLink = _pc != null && _pc.LinkUp;
                if (_pc != null && pcLink != _pcLink)
                {
                    _pcLink = pcLink;
                    _outbox.Note("pcport", Level.Info, pcLink ? "PC port link up" : "PC port link down");
                    _proxy.OnPcLink(pcLink, _outbox);
                    worked = true;
                }
                bool link = _net.LinkUp;
                if (link != _link)
                {
                    _link = link;
                    _outbox.Note("link", link ? Level.Info : Level.Warning, link ? "link up again on " + _net.Name : "link down on " + _net.Name);
                    _boot.OnLink(link, now, _outbox);
                    worked = true;
                }
            }
            int taken = 0;
            while (_frames != null && taken < MaxDatagramsPerTurn)
            {
                int n = _frames.TryReceive(_rx);
                if (n < 0) break;
                taken++;
                if (_pc != null)
                {
                    // Pass-through: the PC hears the switch's EAPOL as if the phone were a wire.
                    _proxy.OnFrameFromSwitch(_rx, n, _outbox);
                    _pc.Send(_rx, 0, n);
                }
                _boot.OnFrame(_rx, n, now, _outbox);
            }
            while (_pc != null && _frames != null && taken < MaxDatagramsPerTurn)
            {
                int n = _pc.TryReceive(_rx);
                if (n < 0) break;
                taken++;
                _proxy.OnFrameFromPc(_rx, n, _outbox);
                _frames.Send(_rx, 0, n);
            }
            for (int p = 0; p < _ports.Count && taken < MaxDatagramsPerTurn; p++)
            {
                IDatagramPort port = (IDatagramPort)_ports[p];
                while (taken < MaxDatagramsPerTurn)
                {
                    uint src;
                    int srcPort;
                    int n = port.TryReceive(_rx, out src, out srcPort);
                    if (n < 0) break;
                    taken++;
                    _boot.OnDatagram(port.LocalPort, src, srcPort, _rx, n, now, _outbox);
                }
            }
            if (taken > 0) worked = true;
            for (int k = 0; k < MaxKeysPerTurn && _keypad != null; k++)
            {
                char key = _keypad.TryReadKey();
                if (key == Keys.None) break;
                worked = true;
                if (_screen != null && _screen.OnKey(key, _boot)) _shownVersion = -1;
            }
            if (_boot.NextDeadlineMs <= now)
            {
                _boot.OnDeadline(now, _outbox);
                worked = true;
            }
            if (_shuttingDown && !_stopped && !_boot.Stopping)
            {
                _stopped = _boot.StopNext(now, _outbox);
                worked = true;
            }
            Flush(now);
            Redraw();
            return worked;
        }

        /// <summary>Orderly shutdown: each started step's Stop (DHCPRELEASE, later un-REGISTER
        /// and EAPOL-Logoff), a last flush, then the sockets are closed.</summary>
        public void Shutdown()
        {
            BeginShutdown();
            FinishShutdown();
        }

        /// <summary>First half of a shutdown: every started step's Stop, flushed. Runners then
        /// keep turning (bounded, e.g. 3 s) while Stopping, so an un-REGISTER can be answered
        /// (and challenged), and call FinishShutdown.</summary>
        public void BeginShutdown()
        {
            long now = _clock.NowMs;
            _shuttingDown = true;
            _stopped = _boot.StopNext(now, _outbox);
            Flush(now);
        }

        private bool _shuttingDown;
        private bool _stopped;

        /// <summary>The orderly shutdown is not over: a step still waits for a peer after its Stop
        /// (an un-REGISTER outstanding) or steps before it are not stopped yet. Turn continues it.</summary>
        public bool Stopping { get { return _shuttingDown && !_stopped; } }

        public void FinishShutdown()
        {
            if (_shuttingDown && !_stopped)
            {
                // Out of patience (the runner's grace time): stop the rest without waiting.
                long now = _clock.NowMs;
                _boot.Stop(now, _outbox);
                Flush(now);
                _stopped = true;
            }
            _boot.Cleanup();
            Redraw();
            Detach();
        }

        /// <summary>Closes the sockets without telling any peer: the lease and address stay
        /// (`phoneagent run --exit-when-ready` hands a ready interface to the next script), and
        /// an authorized 802.1X port stays authorized (no EAPOL-Logoff).</summary>
        public void Detach()
        {
            for (int p = 0; p < _ports.Count; p++) ((IDatagramPort)_ports[p]).Close();
            _ports.Clear();
            if (_frames != null) _frames.Close();
            _frames = null;
            if (_pc != null) _pc.Close();
        }

        private void Flush(long now)
        {
            for (int i = 0; i < _outbox.FrameCount; i++)
            {
                byte[] f = _outbox.FrameAt(i);
                if (_frames == null || !_frames.Send(f, 0, f.Length))
                {
                    _sendFailures++;
                    _sink.Event(now, "net", Level.Warning, _frames == null
                        ? "no EAPOL frame port on " + _net.Name + ": a frame of " + f.Length.ToString() + " bytes was not sent"
                        : "could not send an EAPOL frame of " + f.Length.ToString() + " bytes on " + _net.Name);
                }
            }
            for (int i = 0; i < _outbox.DatagramCount; i++)
            {
                OutDatagram d = _outbox.DatagramAt(i);
                IDatagramPort port = PortFor(d.LocalPort);
                if (port == null || !port.Send(d.Destination, d.DestinationPort, d.Payload, 0, d.Payload.Length))
                {
                    _sendFailures++;
                    _sink.Event(now, "net", Level.Warning, "could not send from UDP port " + d.LocalPort.ToString() +
                        " to " + Net.Ip4.Format(d.Destination) + ":" + d.DestinationPort.ToString());
                }
            }
            for (int i = 0; i < _outbox.NoteCount; i++)
            {
                Note n = _outbox.NoteAt(i);
                _sink.Event(now, n.Source, n.Level, n.Text);
            }
            _outbox.Clear();
        }

        private IDatagramPort PortFor(int localPort)
        {
            for (int p = 0; p < _ports.Count; p++)
            {
                if (((IDatagramPort)_ports[p]).LocalPort == localPort) return (IDatagramPort)_ports[p];
            }
            IDatagramPort opened = _net.OpenUdp(localPort);
            if (opened != null) _ports.Add(opened);
            return opened;
        }

        /// <summary>Opens a UDP port ahead of the first send, for steps that only listen.</summary>
        public void Listen(int localPort) { PortFor(localPort); }

        private void Redraw()
        {
            int v = _boot.Version;
            if (v == _shownVersion) return;
            _shownVersion = v;
            if (_screen != null)
            {
                _screen.Render(_boot);
                _display.Show(_screen.Frame.Pages);
            }
            if (_leds != null)
            {
                bool net = _boot.Count > 0 && StepDone("dhcp", "address");
                _leds.Set(Led.Network, net ? Led.On : Led.Blink);
                _leds.Set(Led.Fault, _boot.Halted ? Led.On : Led.Off);
                _leds.Set(Led.Registered, StepDone("sip", "sip") ? Led.On : Led.Off);
            }
        }

        private bool StepDone(string a, string b)
        {
            for (int i = 0; i < _boot.Count; i++)
            {
                BootStep s = _boot.StepAt(i);
                if ((s.Name == a || s.Name == b) && s.Status == BootStep.Done) return true;
            }
            return false;
        }
    }
}
