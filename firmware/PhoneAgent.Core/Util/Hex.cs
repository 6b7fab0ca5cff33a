namespace PhoneAgent.Core.Util
{
    /// <summary>Hex formatting without format strings (nanoFramework's String.Format
    /// support for "X2" differs between versions, so the core never relies on it).</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        public static string Byte(int b)
        {
            return new string(new char[] { Digits[(b >> 4) & 0xF], Digits[b & 0xF] });
        }

        public static string UInt32(uint v)
        {
            char[] c = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                c[i] = Digits[(int)(v & 0xF)];
                v >>= 4;
            }
            return new string(c);
        }

        public static string Bytes(byte[] data, int offset, int count, string separator)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset > data.Length - count)
                throw new System.ArgumentException("offset/count outside the buffer");
            System.Text.StringBuilder sb = new System.Text.StringBuilder(count * (2 + separator.Length));
            for (int i = 0; i < count; i++)
            {
                if (i > 0) sb.Append(separator);
                sb.Append(Byte(data[offset + i]));
            }
            return sb.ToString();
        }

        public static string Bytes(byte[] data)
        {
            return Bytes(data, 0, data.Length, "");
        }

        /// <summary>Parses hex digits, ignoring ':' '-' and spaces between bytes.
        /// Returns null on any other character or an odd digit count.</summary>
        public static byte[] TryParse(string text)
        {
            if (text == null) return null;
            byte[] tmp = new byte[text.Length / 2 + 1];
            int n = 0;
            int high = -1;
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                if (ch == ':' || ch == '-' || ch == ' ')
                {
                    if (high >= 0) return null;
                    continue;
                }
                int v = Nibble(ch);
                if (v < 0) return null;
                if (high < 0) high = v;
                else
                {
                    tmp[n++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }
            if (high >= 0) return null;
            byte[] result = new byte[n];
            System.Array.Copy(tmp, result, n);
            return result;
        }

        private static int Nibble(char ch)
        {
            if (ch >= '0' && ch <= '9') return ch - '0';
            if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
            if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
            return -1;
        }
    }
}
