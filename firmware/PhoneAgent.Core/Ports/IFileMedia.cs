namespace PhoneAgent.Core.Ports
{
    /// <summary>Whole-file access to the platform's flash file system (littlefs/SPIFFS on
    /// the device, a directory on the host). Replace must be atomic: the target names
    /// either the old file or the new one after a power cut.</summary>
    public interface IFileMedia
    {
        /// <summary>The file's bytes, or null when it does not exist.</summary>
        byte[] ReadAll(string name);

        /// <summary>Writes a file completely and flushes it to the medium.</summary>
        void WriteAll(string name, byte[] data);

        /// <summary>Atomically makes target hold what source held, removing source.</summary>
        void Replace(string source, string target);

        void Delete(string name);
    }
}
