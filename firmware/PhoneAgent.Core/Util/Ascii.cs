namespace PhoneAgent.Core.Util
{
    /// <summary>Byte-string helpers for wire text that must stay ASCII/UTF-8 on both targets.</summary>
    public static class Ascii
    {
        public static byte[] GetBytes(string s)
        {
            return System.Text.Encoding.UTF8.GetBytes(s);
        }

        /// <summary>Decodes UTF-8 text from the wire; control characters other than tab
        /// become '?', so a hostile peer cannot write escape sequences into logs.</summary>
        public static string Printable(byte[] b, int offset, int count)
        {
            char[] c = new char[count];
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                byte v = b[offset + i];
                if (v == 0) continue;
                c[n++] = (v < 0x20 && v != 9) || v == 0x7F || v > 0x7E ? '?' : (char)v;
            }
            return new string(c, 0, n);
        }

        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a == null || b == null) return a == b;
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (Lower(a[i]) != Lower(b[i])) return false;
            }
            return true;
        }

        /// <summary>ASCII-only lower case (host names, URIs): culture-free on both targets.</summary>
        public static string Lower(string s)
        {
            char[] c = s.ToCharArray();
            for (int i = 0; i < c.Length; i++) c[i] = Lower(c[i]);
            return new string(c);
        }

        public static char Lower(char ch)
        {
            return ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
        }
    }
}
