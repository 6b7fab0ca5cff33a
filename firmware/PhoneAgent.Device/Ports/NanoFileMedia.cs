using System.IO;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Device.Ports
{
    /// <summary>Whole files on the ESP32's internal flash file system (drive I:).</summary>
    public sealed class NanoFileMedia : IFileMedia
    {
        private readonly string _root;

        public NanoFileMedia(string root) { _root = root; }

        public byte[] ReadAll(string name)
        {
            string p = _root + name;
            if (!File.Exists(p)) return null;
            using (FileStream fs = new FileStream(p, FileMode.Open, FileAccess.Read))
            {
                byte[] b = new byte[(int)fs.Length];
                int read = 0;
                while (read < b.Length)
                {
                    int n = fs.Read(b, read, b.Length - read);
                    if (n <= 0) break;
                    read += n;
                }
                return b;
            }
        }

        public void WriteAll(string name, byte[] data)
        {
            using (FileStream fs = new FileStream(_root + name, FileMode.Create, FileAccess.Write))
            {
                fs.Write(data, 0, data.Length);
                fs.Flush();
            }
        }

        public void Replace(string source, string target)
        {
            // littlefs renames atomically; File.Move refuses an existing target, so delete first.
            // A cut between the two leaves the verified source, which ImageStore recovers at boot.
            if (File.Exists(_root + target)) File.Delete(_root + target);
            File.Move(_root + source, _root + target);
        }

        public void Delete(string name)
        {
            if (File.Exists(_root + name)) File.Delete(_root + name);
        }
    }
}
