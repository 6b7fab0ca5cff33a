using System;
using System.IO;
using PhoneAgent.Core.Config;

namespace PhoneAgent.Cli.Host
{
    public static class ConfigLoader
    {
        /// <summary>Parses the file (or the fallback text), prints every problem, and returns
        /// null when there are errors or the file cannot be read.</summary>
        public static AgentConfig Load(string path, string fallback, TextWriter o, TextWriter err)
        {
            string text = fallback;
            string name = "built-in settings";
            if (!string.IsNullOrEmpty(path))
            {
                try { text = File.ReadAllText(path); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    err.WriteLine($"error: cannot read {path}: {e.Message}");
                    return null;
                }
                name = path;
            }
            var cfg = AgentConfig.Parse(text);
            for (int i = 0; i < cfg.ProblemCount; i++)
            {
                var p = cfg.ProblemAt(i);
                (p.IsError ? err : o).WriteLine($"{name}: {p}");
            }
            return cfg.HasErrors ? null : cfg;
        }
    }
}
