namespace PhoneAgent.Core.Util
{
    /// <summary>Base64 (RFC 4648 §4, standard alphabet, '=' padding) without the BCL's Convert,
    /// which the nanoFramework surface does not declare. The decoder is strict: no whitespace,
    /// no missing or misplaced padding, no non-zero pad bits; it returns null instead of throwing.</summary>
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        public static string Encode(byte[] data)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            char[] c = new char[(data.Length + 2) / 3 * 4];
            int o = 0;
            for (int i = 0; i < data.Length; i += 3)
            {
                int rest = data.Length - i;
                int v = data[i] << 16;
                if (rest > 1) v |= data[i + 1] << 8;
                if (rest > 2) v |= data[i + 2];
                c[o++] = Alphabet[(v >> 18) & 63];
                c[o++] = Alphabet[(v >> 12) & 63];
                c[o++] = rest > 1 ? Alphabet[(v >> 6) & 63] : '=';
                c[o++] = rest > 2 ? Alphabet[v & 63] : '=';
            }
            return new string(c);
        }

        /// <summary>The decoded bytes, or null when text is not canonical base64 or would decode
        /// to more than maxBytes.</summary>
        public static byte[] TryDecode(string text, int maxBytes)
        {
            if (text == null || (text.Length & 3) != 0) return null;
            if (text.Length / 4 * 3 > maxBytes + 2) return null;
            int pad = 0;
            if (text.Length > 0 && text[text.Length - 1] == '=') pad++;
            if (text.Length > 1 && text[text.Length - 2] == '=') pad++;
            int n = text.Length / 4 * 3 - pad;
            if (n > maxBytes) return null;
            byte[] result = new byte[n];
            int o = 0;
            for (int i = 0; i < text.Length; i += 4)
            {
                bool last = i + 4 == text.Length;
                int v = 0;
                for (int k = 0; k < 4; k++)
                {
                    char ch = text[i + k];
                    int d;
                    if (ch == '=')
                    {
                        // Padding only in the last quantum's final one or two places.
                        if (!last || k < 4 - pad) return null;
                        d = 0;
                    }
                    else
                    {
                        d = Value(ch);
                        if (d < 0) return null;
                    }
                    v = (v << 6) | d;
                }
                if (last && pad == 2 && (v & 0xFFFF) != 0) return null;
                if (last && pad == 1 && (v & 0xFF) != 0) return null;
                result[o++] = (byte)(v >> 16);
                if (o < n) result[o++] = (byte)(v >> 8);
                if (o < n) result[o++] = (byte)v;
            }
            return result;
        }

        private static int Value(char ch)
        {
            if (ch >= 'A' && ch <= 'Z') return ch - 'A';
            if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
            if (ch >= '0' && ch <= '9') return ch - '0' + 52;
            if (ch == '+') return 62;
            if (ch == '/') return 63;
            return -1;
        }
    }
}
