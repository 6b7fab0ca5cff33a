namespace PhoneAgent.Core.Ports
{
    /// <summary>Keys '0'-'9', '*', '#', and the soft keys named in Keys.</summary>
    public interface IKeypad
    {
        /// <summary>The next key press, or '\0' when none is waiting.</summary>
        char TryReadKey();
    }

    public static class Keys
    {
        public const char None = '\0';
        public const char Up = 'U';
        public const char Down = 'D';
        public const char Ok = 'O';
        public const char Back = 'B';
    }
}
