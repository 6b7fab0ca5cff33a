namespace PhoneAgent.Core.Ports
{
    /// <summary>Monotonic milliseconds since boot. Machines never read it themselves: the
    /// agent loop passes nowMs in, so tests run on a virtual clock.</summary>
    public interface IClock
    {
        long NowMs { get; }
    }

    /// <summary>Wall-clock time once known (SNTP, or set by an operator), as Unix seconds.</summary>
    public interface IWallClock
    {
        /// <summary>False until the time has been set; certificate checks must then ask for it.</summary>
        bool IsSet { get; }
        long UnixSeconds { get; }
        void Set(long unixSeconds);
    }
}
