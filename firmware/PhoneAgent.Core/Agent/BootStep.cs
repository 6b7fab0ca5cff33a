namespace PhoneAgent.Core.Agent
{
    /// <summary>One step of the boot sequence (link, 802.1X, DHCP, ...): the adapter between
    /// the agent loop's ports and one protocol machine. A step stays active after it is
    /// done, so its machine keeps running (DHCP renewals, SIP refreshes).</summary>
    public abstract class BootStep
    {
        public const int Waiting = 0;
        public const int Running = 1;
        public const int Done = 2;
        public const int Failed = 3;
        /// <summary>Done, but with a problem the administrator should act on (a fallback was used).</summary>
        public const int Warning = 4;

        private int _status = Waiting;
        private string _summary = "";
        private int _version;

        public abstract string Name { get; }

        public int Status { get { return _status; } }

        /// <summary>One line for the administrator: what was obtained, or what went wrong.</summary>
        public string Summary { get { return _summary; } }

        /// <summary>Up to 21 characters for the 128x64 display.</summary>
        public virtual string DisplayLine { get { return Name + ": " + StatusName(_status); } }

        /// <summary>Changes whenever status, summary or display line change.</summary>
        public int Version { get { return _version; } }

        public virtual long NextDeadlineMs { get { return Deadline.None; } }

        public abstract void Start(long nowMs, Outbox outbox);

        public virtual void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox) { }

        /// <summary>A whole Ethernet frame from the EAPOL port (802.1X steps only).</summary>
        public virtual void OnFrame(byte[] frame, int count, long nowMs, Outbox outbox) { }

        public virtual void OnDeadline(long nowMs, Outbox outbox) { }

        /// <summary>The link went down (false) or came back (true) after the step started: an
        /// unplugged cable or a restarted switch. 802.1X authenticates again; DHCP re-checks
        /// its lease.</summary>
        public virtual void OnLink(bool up, long nowMs, Outbox outbox) { }

        /// <summary>Orderly shutdown (RELEASE, un-REGISTER, EAPOL-Logoff): queue the goodbye messages.</summary>
        public virtual void Stop(long nowMs, Outbox outbox) { }

        /// <summary>After the goodbye messages were sent: undo local state (remove the address).</summary>
        public virtual void Cleanup() { }

        /// <summary>After Stop: still waiting for a peer (e.g. the answer to an un-REGISTER).</summary>
        public virtual bool Stopping { get { return false; } }

        protected void SetStatus(int status, string summary)
        {
            _status = status;
            _summary = summary;
            _version++;
        }

        protected void Touch() { _version++; }

        /// <summary>Done or Warning: the next step may start.</summary>
        public bool IsFinished { get { return _status == Done || _status == Warning; } }

        public static string StatusName(int status)
        {
            switch (status)
            {
                case Waiting: return "waiting";
                case Running: return "running";
                case Done: return "done";
                case Failed: return "FAILED";
                case Warning: return "warning";
                default: return "status " + status.ToString();
            }
        }
    }
}
