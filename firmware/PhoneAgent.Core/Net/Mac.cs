using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Net
{
    public static class Mac
    {
        public static string Format(byte[] mac)
        {
            return Hex.Bytes(mac, 0, mac.Length, ":");
        }

        /// <summary>Six bytes written as hex with ':' or '-' separators (or none).</summary>
        public static byte[] TryParse(string s)
        {
            byte[] b = Hex.TryParse(s);
            return b != null && b.Length == 6 ? b : null;
        }
    }
}
