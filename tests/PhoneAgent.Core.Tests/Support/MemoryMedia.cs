using System.Collections;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>In-memory IFileMedia that can lose power: after CutAfter mutating steps
    /// every further write, replace or delete is lost (PowerCutException is thrown), and
    /// a write in progress is left torn (half its bytes).</summary>
    public sealed class MemoryMedia : IFileMedia
    {
        private readonly Hashtable _files = new Hashtable();
        public int CutAfter = -1;   // -1: never
        public int Steps;

        public byte[] ReadAll(string name)
        {
            byte[] v = (byte[])_files[name];
            if (v == null) return null;
            byte[] c = new byte[v.Length];
            System.Array.Copy(v, c, v.Length);
            return c;
        }

        public void WriteAll(string name, byte[] data)
        {
            if (Cut())
            {
                byte[] torn = new byte[data.Length / 2];
                System.Array.Copy(data, torn, torn.Length);
                _files[name] = torn;
                throw new PowerCutException();
            }
            byte[] c = new byte[data.Length];
            System.Array.Copy(data, c, data.Length);
            _files[name] = c;
        }

        public void Replace(string source, string target)
        {
            if (Cut()) throw new PowerCutException();
            _files[target] = _files[source];
            _files.Remove(source);
        }

        public void Delete(string name)
        {
            if (Cut()) throw new PowerCutException();
            _files.Remove(name);
        }

        public bool Exists(string name) { return _files.Contains(name); }

        private bool Cut()
        {
            Steps++;
            return CutAfter >= 0 && Steps > CutAfter;
        }
    }

    public sealed class PowerCutException : System.Exception
    {
        public PowerCutException() : base("power cut (simulated)") { }
    }
}
