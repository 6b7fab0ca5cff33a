namespace PhoneAgent.Core.Config
{
    /// <summary>One thing wrong with (or worth telling about) a configuration file.</summary>
    public sealed class ConfigProblem
    {
        public readonly int Line;
        public readonly bool IsError;
        public readonly string Text;

        public ConfigProblem(int line, bool isError, string text)
        {
            Line = line;
            IsError = isError;
            Text = text;
        }

        public override string ToString()
        {
            return (Line > 0 ? "line " + Line.ToString() + ": " : "") + (IsError ? "error: " : "warning: ") + Text;
        }
    }
}
