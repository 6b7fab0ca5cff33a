using System.Collections;

namespace PhoneAgent.Core.Agent
{
    /// <summary>The ordered boot steps: each starts when the one before is done; a failed
    /// step stops the sequence there. Started steps keep receiving events.</summary>
    public sealed class BootSequence
    {
        private readonly ArrayList _steps = new ArrayList();
        private int _current = -1;  // index of the step in progress
        private int _started;       // steps [0, _started) have been started
        private bool _halted;
        private int _version;

        public void Add(BootStep step)
        {
            if (step == null) throw new System.ArgumentNullException(nameof(step));
            if (_current >= 0) throw new System.InvalidOperationException("steps are added before Start");
            _steps.Add(step);
        }

        public int Count { get { return _steps.Count; } }
        public BootStep StepAt(int i) { return (BootStep)_steps[i]; }

        public bool Started { get { return _current >= 0; } }

        /// <summary>A step failed and the sequence stopped there.</summary>
        public bool Halted { get { return _halted; } }

        /// <summary>All steps done.</summary>
        public bool IsComplete
        {
            get
            {
                for (int i = 0; i < _steps.Count; i++) if (!StepAt(i).IsFinished) return false;
                return _steps.Count > 0;
            }
        }

        /// <summary>Steps finished with a warning.</summary>
        public int WarningCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _started; i++) if (StepAt(i).Status == BootStep.Warning) n++;
                return n;
            }
        }

        /// <summary>The first failed step, or null.</summary>
        public BootStep FailedStep
        {
            get
            {
                for (int i = 0; i < _started; i++) if (StepAt(i).Status == BootStep.Failed) return StepAt(i);
                return null;
            }
        }

        /// <summary>Changes whenever any step's Version changes.</summary>
        public int Version
        {
            get
            {
                int v = _version;
                for (int i = 0; i < _steps.Count; i++) v += StepAt(i).Version;
                return v;
            }
        }

        public long NextDeadlineMs
        {
            get
            {
                long d = Deadline.None;
                for (int i = 0; i < _started; i++) d = Deadline.Min(d, StepAt(i).NextDeadlineMs);
                return d;
            }
        }

        public void Start(long nowMs, Outbox outbox)
        {
            if (_current >= 0) return;
            _current = 0;
            if (_steps.Count == 0) return;
            StartCurrent(nowMs, outbox);
            Advance(nowMs, outbox);
        }

        public void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            for (int i = 0; i < _started; i++) StepAt(i).OnDatagram(localPort, source, sourcePort, data, count, nowMs, outbox);
            Advance(nowMs, outbox);
        }

        public void OnFrame(byte[] frame, int count, long nowMs, Outbox outbox)
        {
            for (int i = 0; i < _started; i++) StepAt(i).OnFrame(frame, count, nowMs, outbox);
            Advance(nowMs, outbox);
        }

        public void OnDeadline(long nowMs, Outbox outbox)
        {
            for (int i = 0; i < _started; i++)
            {
                if (StepAt(i).NextDeadlineMs <= nowMs) StepAt(i).OnDeadline(nowMs, outbox);
            }
            Advance(nowMs, outbox);
        }

        /// <summary>A link change, told to every started step in boot order.</summary>
        public void OnLink(bool up, long nowMs, Outbox outbox)
        {
            for (int i = 0; i < _started; i++) StepAt(i).OnLink(up, nowMs, outbox);
            Advance(nowMs, outbox);
        }

        /// <summary>Stops every started step at once, last first.</summary>
        public void Stop(long nowMs, Outbox outbox)
        {
            for (int i = _started - 1; i >= 0; i--) StepAt(i).Stop(nowMs, outbox);
            _stopAt = -1;
        }

        private int _stopAt = int.MaxValue;   // next step to stop in an orderly shutdown

        /// <summary>Orderly shutdown: stops steps last first, but not past one still finishing its
        /// Stop (an un-REGISTER waits for its answer before the address is released). Call again
        /// until it returns true.</summary>
        public bool StopNext(long nowMs, Outbox outbox)
        {
            if (_stopAt == int.MaxValue) _stopAt = _started - 1;
            while (_stopAt >= 0)
            {
                if (_stopAt + 1 < _started && StepAt(_stopAt + 1).Stopping) return false;
                StepAt(_stopAt).Stop(nowMs, outbox);
                _stopAt--;
            }
            return !Stopping;
        }

        /// <summary>True while a started step is still finishing its Stop.</summary>
        public bool Stopping
        {
            get
            {
                for (int i = 0; i < _started; i++) if (StepAt(i).Stopping) return true;
                return false;
            }
        }

        public void Cleanup()
        {
            for (int i = _started - 1; i >= 0; i--) StepAt(i).Cleanup();
        }

        private void Advance(long nowMs, Outbox outbox)
        {
            // Bounded: each pass starts at most one new step, and there are Count steps.
            for (int guard = 0; guard < _steps.Count && !_halted && _current < _steps.Count; guard++)
            {
                BootStep cur = StepAt(_current);
                if (cur.Status == BootStep.Failed)
                {
                    outbox.Note("boot", Ports.Level.Error, "stopped at step " + (_current + 1).ToString() + " (" + cur.Name + "): " + cur.Summary);
                    _halted = true; // nothing further starts
                    _version++;
                    return;
                }
                if (!cur.IsFinished) return;
                _current++;
                _version++;
                if (_current >= _steps.Count)
                {
                    outbox.Note("boot", Ports.Level.Info, "all " + _steps.Count.ToString() + " steps done");
                    return;
                }
                StartCurrent(nowMs, outbox);
            }
        }

        private void StartCurrent(long nowMs, Outbox outbox)
        {
            outbox.Note("boot", Ports.Level.Info, "step " + (_current + 1).ToString() + "/" + _steps.Count.ToString() + ": " + StepAt(_current).Name);
            _started = _current + 1;
            StepAt(_current).Start(nowMs, outbox);
        }
    }
}
