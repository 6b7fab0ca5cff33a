using PhoneAgent.Core.Agent;

namespace PhoneAgent.Cli.Host
{
    /// <summary>Drives the agent loop on virtual time: turn until idle, then jump the clock to
    /// the next deadline; stop when the boot completes, halts, or the limit passes.</summary>
    public static class VirtualRunner
    {
        /// <param name="nextExternalMs">when something outside the loop (the emulated wire) is
        /// next due; null when nothing is.</param>
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
