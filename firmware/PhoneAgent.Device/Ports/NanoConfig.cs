using System.IO;
using System.Text;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>Reads the configuration file from flash (defaults when absent) and prints
    /// every problem; null when there are errors.</summary>
    public static class NanoConfig
    {
        public static AgentConfig Load(string path, IEventSink sink, IClock clock)
        {
            string text = "";
            if (File.Exists(path))
            {
                using (FileStream fs = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    if (fs.Length > AgentConfig.MaxTextLength)
                    {
                        sink.Event(clock.NowMs, "config", Level.Error, path + " is larger than " + AgentConfig.MaxTextLength.ToString() + " bytes");
                        return null;
                    }
                    byte[] b = new byte[(int)fs.Length];
                    fs.Read(b, 0, b.Length);
                    text = Encoding.UTF8.GetString(b, 0, b.Length);
                }
            }
            else sink.Event(clock.NowMs, "config", Level.Info, path + " not found: using defaults");
            AgentConfig c = AgentConfig.Parse(text);
            for (int i = 0; i < c.ProblemCount; i++)
            {
                ConfigProblem p = c.ProblemAt(i);
                sink.Event(clock.NowMs, "config", p.IsError ? Level.Error : Level.Warning, p.ToString());
            }
            return c.HasErrors ? null : c;
        }
    }
}
