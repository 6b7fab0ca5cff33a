namespace PhoneAgent.Core.Ports
{
    /// <summary>Persistent key/value flash store. Write is atomic per call: after a power
    /// cut the key holds either the old value or the new one, never a mix.</summary>
    public interface IStore
    {
        /// <summary>The stored value, or null when the key is absent.</summary>
        byte[] Read(string key);

        void Write(string key, byte[] value);

        void Delete(string key);
    }
}
