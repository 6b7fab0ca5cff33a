namespace PhoneAgent.Core.Agent
{
    public static class Deadline
    {
        /// <summary>"No deadline": machines return this from NextDeadlineMs when idle.</summary>
        public const long None = long.MaxValue;

        public static long Min(long a, long b) { return a < b ? a : b; }
    }
}
