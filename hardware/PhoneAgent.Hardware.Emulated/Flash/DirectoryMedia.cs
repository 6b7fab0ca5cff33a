using System;
using System.IO;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Hardware.Emulated.Flash
{
    /// <summary>The emulated flash: files in one directory. WriteAll flushes to disk before
    /// returning, and Replace is rename(2), atomic on POSIX file systems, so the core's
    /// ImageStore keeps its old-or-new guarantee across a killed process or a power cut.</summary>
    public sealed class DirectoryMedia : IFileMedia
    {
        private readonly string _dir;

        public DirectoryMedia(string directory)
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            _dir = Path.GetFullPath(directory);
            Directory.CreateDirectory(_dir);
        }

        public string DirectoryPath => _dir;

        private string PathOf(string name)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name == "." || name == "..")
                throw new ArgumentException($"'{name}' is not a plain file name");
            return Path.Combine(_dir, name);
        }

        public byte[] ReadAll(string name)
        {
            string p = PathOf(name);
            return File.Exists(p) ? File.ReadAllBytes(p) : null;
        }

        public void WriteAll(string name, byte[] data)
        {
            ArgumentNullException.ThrowIfNull(data);
            using var fs = new FileStream(PathOf(name), FileMode.Create, FileAccess.Write, FileShare.None);
            fs.Write(data);
            fs.Flush(flushToDisk: true);
        }

        public void Replace(string source, string target) => File.Move(PathOf(source), PathOf(target), overwrite: true);

        public void Delete(string name)
        {
            string p = PathOf(name);
            if (File.Exists(p)) File.Delete(p);
        }
    }
}
