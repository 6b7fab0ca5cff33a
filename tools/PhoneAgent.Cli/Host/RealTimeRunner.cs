using System;
using System.Threading;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Host
{
    /// <summary>Drives the agent loop in real time on a real interface: turn until idle, then
    /// wait for a datagram or the next deadline (at most 200 ms), until the boot completes
    /// (when asked), halts, times out or is cancelled.</summary>
    public static class RealTimeRunner
    {
        /// <summary>Stop every step, keep turning up to graceMs while one still waits for a peer
        /// (the un-REGISTER's answer), then close.</summary>
        public static void Shutdown(AgentLoop loop, IClock clock, INetworkInterface net, long graceMs)
        {
            loop.BeginShutdown();
            long limit = clock.NowMs + graceMs;
            while (loop.Stopping && clock.NowMs < limit)
            {
                while (loop.Turn()) { }
                if (!loop.Stopping) break;
                net.WaitForActivity((int)Math.Max(1, Math.Min(50, limit - clock.NowMs)));
            }
            loop.FinishShutdown();
        }

        public static void Run(AgentLoop loop, IClock clock, INetworkInterface net, bool stopWhenComplete, long timeoutMs, CancellationToken stop)
        {
            long deadline = timeoutMs > 0 ? clock.NowMs + timeoutMs : long.MaxValue;
            while (!stop.IsCancellationRequested)
            {
                while (loop.Turn()) { }
                if (loop.Boot.Halted) return;
                if (stopWhenComplete && loop.Boot.IsComplete) return;
                long now = clock.NowMs;
                if (now >= deadline) return;
                long wait = Math.Min(Math.Min(loop.NextDeadlineMs, deadline) - now, 200);
                net.WaitForActivity((int)Math.Max(wait, 1));
            }
        }
    }
}
