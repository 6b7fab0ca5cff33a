using PhoneAgent.Core.Agent;

namespace PhoneAgent.Cli.Host
{
    /// <summary>Drives the agent loop on virtual time: turn until idle, then jump the clock to
    /// the next deadline; stop when the boot completes, halts, or the limit passes.</summary>
    public static class VirtualRunner
    {
        /// <summary>The shutdown phase on virtual time: Stop, then turns while a step still waits
        /// for a peer (at most graceMs of virtual time), then cleanup.</summary>
        public static void Shutdown(AgentLoop loop, VirtualClock clock, long graceMs, System.Func<long> nextExternalMs = null)
        {
            loop.BeginShutdown();
            long limit = clock.NowMs + graceMs;
            for (int turns = 0; turns < 100_000 && loop.Stopping; turns++)
            {
                while (loop.Turn()) { }
                if (!loop.Stopping) break;
                long next = loop.NextDeadlineMs;
                if (nextExternalMs != null) next = System.Math.Min(next, nextExternalMs());
                if (next > limit) break;
                if (next > clock.NowMs) clock.AdvanceTo(next);
            }
            loop.FinishShutdown();
        }

        /// <param name="nextExternalMs">when something outside the loop (the emulated wire) is
        /// next due; null when nothing is.</param>
        /// <summary>Turns for a fixed span of virtual time after the boot (e.g. to let a PC's
        /// unplug be noticed), whatever the boot's state.</summary>
        public static void For(AgentLoop loop, VirtualClock clock, long durationMs, System.Func<long> nextExternalMs = null)
        {
            long end = clock.NowMs + durationMs;
            for (int turns = 0; turns < 1_000_000; turns++)
            {
                while (loop.Turn()) { }
                if (clock.NowMs >= end) return;
                // Links are polled: step at least every LinkPollMs so a pulled cable is seen in time.
                long next = System.Math.Min(System.Math.Min(loop.NextDeadlineMs, end), clock.NowMs + PhoneAgent.Core.Agent.AgentLoop.LinkPollMs);
                if (nextExternalMs != null) next = System.Math.Min(next, nextExternalMs());
                clock.AdvanceTo(System.Math.Max(next, clock.NowMs + 1));
            }
        }

        public static void Run(AgentLoop loop, VirtualClock clock, long limitMs, System.Func<long> nextExternalMs = null)
        {
            for (int turns = 0; turns < 1_000_000; turns++)
            {
                while (loop.Turn()) { }
                if (loop.Boot.IsComplete || loop.Boot.Halted) return;
                long next = loop.NextDeadlineMs;
                if (nextExternalMs != null) next = System.Math.Min(next, nextExternalMs());
                if (next > limitMs)
                {
                    clock.AdvanceTo(limitMs);
                    return;
                }
                if (next > clock.NowMs) clock.AdvanceTo(next);
            }
        }
    }
}
