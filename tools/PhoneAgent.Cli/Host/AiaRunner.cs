using System.IO;
using System.Threading;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Cli.Host
{
    /// <summary>Validation for the commands, with the optional AIA completion (--aia): the core's
    /// AiaCompletion and AiaFetcher over the host's TCP connector and resolver, in real time.</summary>
    public static class AiaRunner
    {
        public static ValidationResult Validate(X509Certificate[] roots, X509Certificate[] intermediates, X509Certificate[] presented,
            ValidationPolicy policy, bool aia, TextWriter o)
        {
            if (!aia) return new PathValidator(roots, intermediates).Validate(presented, policy);
            var completion = new AiaCompletion(roots, intermediates, presented, policy, null);
            var fetcher = new AiaFetcher(completion, new HostStreamConnector(), new HostResolver());
            var clock = new HostClock();
            var outbox = new Outbox();
            long giveUp = clock.NowMs + (AiaCompletion.MaxFetches + 1) * (long)AiaFetcher.TimeoutMs;
            while (clock.NowMs < giveUp)
            {
                fetcher.Poll(clock.NowMs, outbox);
                outbox.Clear();
                if (fetcher.Finished) break;
                Thread.Sleep(5);
            }
            if (completion.Notes.Length > 0) o.WriteLine("AIA: " + completion.Notes);
            else if (!completion.Result.Valid && completion.Result.Code == "missing-issuer") o.WriteLine("AIA: nothing to fetch");
            return completion.Result;
        }
    }
}
