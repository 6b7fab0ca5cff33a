using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Net
{
    public static class Mac
    {
        public static string Format(byte[] mac)
        {
            return Hex.Bytes(mac, 0, mac.Length, ":");
        }

        /// <summary>Whether two 6-byte addresses are the same.</summary>
        public static bool Same(byte[] a, byte[] b)
        {
            for (int i = 0; i < 6; i++) if (a[i] != b[i]) return false;
            return true;
        }

        /// <summary>Six bytes written as hex with ':' or '-' separators (or none).</summary>
        public static byte[] TryParse(string s)
        {
            byte[] b = Hex.TryParse(s);
            return b != null && b.Length == 6 ? b : null;
        }
    }
}
