using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Net
{
    /// <summary>Boot step 1: wait for Ethernet link. Polls the interface, since neither
    /// lwIP nor the host gives a portable link event.</summary>
    public sealed class LinkStep : BootStep
    {
        public const int PollMs = 250;
        public const int WarnAfterMs = 10000;

        private readonly INetworkInterface _net;
        private long _startedMs;
        private long _deadlineMs = Deadline.None;
        private bool _warned;

        public LinkStep(INetworkInterface net)
        {
            if (net == null) throw new System.ArgumentNullException(nameof(net));
            _net = net;
        }

        public override string Name { get { return "link"; } }

        public override string DisplayLine
        {
            get { return Status == Done ? "Link up" : (_warned ? "No link: cable?" : "Link: waiting"); }
        }

        public override long NextDeadlineMs { get { return _deadlineMs; } }

        public override void Start(long nowMs, Outbox outbox)
        {
            _startedMs = nowMs;
            SetStatus(Running, "waiting for link on " + _net.Name);
            Check(nowMs, outbox);
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            if (Status == Running) Check(nowMs, outbox);
        }

        private void Check(long nowMs, Outbox outbox)
        {
            if (_net.LinkUp)
            {
                _deadlineMs = Deadline.None;
                string summary = "link up on " + _net.Name + ", MAC " + Mac.Format(_net.MacAddress);
                outbox.Note("link", Level.Info, summary);
                SetStatus(Done, summary);
                return;
            }
            if (!_warned && nowMs - _startedMs >= WarnAfterMs)
            {
                _warned = true;
                outbox.Note("link", Level.Warning, "no Ethernet link on " + _net.Name + " after " + (WarnAfterMs / 1000).ToString() +
                    " s: check the cable and the switch port; still waiting");
                Touch();
            }
            _deadlineMs = nowMs + PollMs;
        }
    }
}
