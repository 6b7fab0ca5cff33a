using System.CommandLine;
using System.IO;
using PhoneAgent.Cli.Commands;

namespace PhoneAgent.Cli
{
    /// <summary>The command tree. Exit codes everywhere: 0 success, 1 the agent failed (with
    /// the reason printed), 2 bad input (arguments, configuration, files).</summary>
    public static class CliApp
    {
        public const int Ok = 0;
        public const int Failed = 1;
        public const int BadInput = 2;

        public static RootCommand Build(TextWriter output, TextWriter error)
        {
            var root = new RootCommand("PhoneAgent: an enterprise IP-phone endpoint agent (host harness)");
            root.Subcommands.Add(DemoCommand.Create(output, error));
            root.Subcommands.Add(RunCommand.Create(output, error));
            root.Subcommands.Add(ConfigCommand.Create(output, error));
            root.Subcommands.Add(DhcpCommand.Create(output, error));
            root.Subcommands.Add(Dot1xCommand.Create(output, error));
            root.Subcommands.Add(PcPortCommand.Create(output, error));
            root.Subcommands.Add(X509Command.Create(output, error));
            root.Subcommands.Add(TlsCommand.Create(output, error));
            root.Subcommands.Add(HttpCommand.Create(output, error));
            root.Subcommands.Add(SipCommand.Create(output, error));
            root.Subcommands.Add(ScepCommand.Create(output, error));
            return root;
        }

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            var config = new InvocationConfiguration { Output = output, Error = error };
            return Build(output, error).Parse(args).Invoke(config);
        }
    }
}
