using System.CommandLine;
using System.IO;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Config;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent config check FILE` and `phoneagent config keys`.</summary>
    public static class ConfigCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var file = new Argument<string>("file") { Description = "configuration file to check" };
            var check = new Command("check", "Check a configuration file: unknown keys, bad values, repeated keys") { file };
            check.SetAction(r =>
            {
                var cfg = ConfigLoader.Load(r.GetValue(file), null, output, error);
                if (cfg == null) return CliApp.BadInput;
                foreach (var k in ConfigKeys.All)
                    if (cfg.IsSet(k.Name)) output.WriteLine($"{k.Name} = {cfg.Describe(k.Name)}");
                output.WriteLine("configuration OK");
                return CliApp.Ok;
            });
            var keys = new Command("keys", "List every configuration key with its default");
            keys.SetAction(_ =>
            {
                foreach (var k in ConfigKeys.All)
                    output.WriteLine($"{k.Name,-32} {ConfigKey.KindName(k.Kind),-20} default '{k.Default}'{(k.Secret ? " (secret)" : "")}{(k.Reserved ? " (not used by this build yet)" : "")}  {k.Help}");
                return CliApp.Ok;
            });
            return new Command("config", "Configuration files") { check, keys };
        }
    }
}
