namespace PhoneAgent.Core.Ports
{
    /// <summary>Where the agent's step-by-step account goes: console, serial, a test.
    /// Messages never carry secrets: config values marked secret are never formatted.</summary>
    public interface IEventSink
    {
        void Event(long atMs, string source, int level, string text);
    }

    public static class Level
    {
        public const int Debug = 0;
        public const int Info = 1;
        public const int Warning = 2;
        public const int Error = 3;

        public static string Name(int level)
        {
            switch (level)
            {
                case Debug: return "debug";
                case Info: return "info";
                case Warning: return "warn";
                case Error: return "error";
                default: return "level" + level.ToString();
            }
        }
    }
}
