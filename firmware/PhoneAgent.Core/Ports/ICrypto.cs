namespace PhoneAgent.Core.Ports
{
    /// <summary>Hashing that a platform may accelerate (ESP32 SHA hardware, .NET's BCL).
    /// The core's own managed implementations stand behind it where nothing faster exists.</summary>
    public interface ICrypto
    {
        /// <summary>Digest of data with the named algorithm ("SHA-256", ...); null when the
        /// algorithm is not provided by this port.</summary>
        byte[] Hash(string algorithm, byte[] data, int offset, int count);
    }
}
