using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent http get URL`: the core's HTTP client (HttpFetch) on a host socket, as
    /// the phone fetches an AIA caIssuers certificate. Host names go through the host's resolver
    /// (the core has none yet), which also lets redirects be followed. Exit 0 on a 2xx response,
    /// 1 on any failure (the reason printed), 2 on bad input.</summary>
    public static class HttpCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var url = new Argument<string>("url") { Description = "http:// URL (https:// needs TLS, not supported yet)" };
            var max = new Option<int>("--max") { Description = "largest response body accepted, bytes", DefaultValueFactory = _ => 65536 };
            var outFile = new Option<string>("--out") { Description = "write the body to this file" };
            var timeout = new Option<int>("--timeout") { Description = "seconds for the whole fetch, redirects included", DefaultValueFactory = _ => 10 };
            var address = new Option<string>("--address") { Description = "server IPv4 address to use instead of resolving the host" };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "print every step (connect, redirects)" };
            var get = new Command("get", "Fetch a URL with the core's HTTP/1.1 client") { url, max, outFile, timeout, address, verbose };
            get.SetAction(r => Get(output, error, r.GetValue(url), r.GetValue(max), r.GetValue(outFile), r.GetValue(timeout),
                r.GetValue(address), r.GetValue(verbose)));
            return new Command("http", "HTTP client") { get };
        }

        private static int Get(TextWriter o, TextWriter err, string text, int max, string outPath, int timeoutS, string addressText, bool verbose)
        {
            var parsed = HttpUrl.TryParse(text, out string why);
            if (parsed == null) { err.WriteLine("error: " + why); return CliApp.BadInput; }
            if (parsed.NeedsTls) { err.WriteLine($"error: {parsed} needs TLS, which the HTTP client does not do yet"); return CliApp.BadInput; }
            if (max < 1 || max > HttpResponseParser.MaxBodyLimit) { err.WriteLine($"error: --max must be 1..{HttpResponseParser.MaxBodyLimit}"); return CliApp.BadInput; }
            if (timeoutS < 1 || timeoutS > 300) { err.WriteLine("error: --timeout must be 1..300"); return CliApp.BadInput; }
            uint address = 0;
            if (!string.IsNullOrEmpty(addressText) && !Ip4.TryParse(addressText, out address))
            {
                err.WriteLine($"error: --address '{addressText}' is not an IPv4 address");
                return CliApp.BadInput;
            }
            var resolver = new HostResolver();
            if (address == 0 && !parsed.HostIsAddress && !resolver.TryResolve(parsed.Host, out address))
            {
                o.WriteLine($"RESULT: cannot resolve {parsed.Host}");
                return CliApp.Failed;
            }
            var clock = new HostClock();
            var outbox = new Outbox();
            var fetch = new HttpFetch(new HostStreamConnector(), resolver);
            fetch.StartGet(parsed, address, max, timeoutS * 1000, clock.NowMs, outbox);
            Flush(o, outbox, verbose);
            while (fetch.Busy)
            {
                Thread.Sleep(5);
                fetch.Poll(clock.NowMs, outbox);
                Flush(o, outbox, verbose);
            }
            var r = fetch.Response;
            if (fetch.State != HttpFetch.Done)
            {
                if (r != null) PrintHead(o, r);
                o.WriteLine("RESULT: " + fetch.Reason);
                return CliApp.Failed;
            }
            PrintHead(o, r);
            if (!string.IsNullOrEmpty(outPath))
            {
                try { File.WriteAllBytes(outPath, r.Body); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    err.WriteLine($"error: cannot write {outPath}: {e.Message}");
                    return CliApp.BadInput;
                }
                o.WriteLine($"RESULT: HTTP {r.StatusText}, {r.Body.Length} bytes written to {outPath}");
                return CliApp.Ok;
            }
            o.WriteLine($"RESULT: HTTP {r.StatusText}, {r.Body.Length} bytes");
            if (r.Body.Length > 0 && r.Body.Length <= 4096 && Printable(r.Body)) o.Write(System.Text.Encoding.UTF8.GetString(r.Body));
            else if (r.Body.Length > 0) o.WriteLine("(binary or long body: use --out FILE)");
            return CliApp.Ok;
        }

        private static void PrintHead(TextWriter o, HttpResponse r)
        {
            o.WriteLine($"HTTP/{r.Version / 10}.{r.Version % 10} {r.StatusText}");
            for (int i = 0; i < r.HeaderCount; i++) o.WriteLine($"  {r.NameAt(i)}: {r.ValueAt(i)}");
        }

        private static void Flush(TextWriter o, Outbox outbox, bool verbose)
        {
            for (int i = 0; i < outbox.NoteCount; i++)
            {
                var n = outbox.NoteAt(i);
                if (verbose) o.WriteLine($"{n.Source} {Level.Name(n.Level)} {n.Text}");
            }
            outbox.Clear();
        }

        private static bool Printable(byte[] b)
        {
            foreach (byte x in b) if (x < 0x09 || (x > 0x0d && x < 0x20) || x == 0x7f) return false;
            return true;
        }
    }
}
