using System.Text;

namespace PhoneAgent.Core.Sip
{
    /// <summary>Text helpers with behaviour fixed on both targets: a UTF-8 decoder of our own
    /// (nanoFramework's decoder and .NET's treat invalid input differently), % HEX HEX
    /// (RFC 3261 §25.1 "escaped") and decimal numbers with range checks.</summary>
    public static class SipText
    {
        public const char Replacement = '\uFFFD';

        // Character classes for Escape (no delegates: cheaper on nanoCLR).
        public const int ClassUser = 1;
        public const int ClassParam = 2;
        public const int ClassHeader = 3;
        public const int ClassPassword = 4;
        public const int ClassUri = 5;

        private const string HexUpper = "0123456789ABCDEF";

        /// <summary>Decodes UTF-8 (RFC 3629). Invalid or overlong sequences and encoded
        /// surrogates become U+FFFD, one per offending byte; never throws.</summary>
        public static string DecodeUtf8(byte[] b, int offset, int count)
        {
            char[] c = new char[count];
            int n = 0, i = offset, end = offset + count;
            while (i < end)
            {
                int b0 = b[i];
                if (b0 < 0x80) { c[n++] = (char)b0; i++; continue; }
                int need, cp, min;
                if ((b0 & 0xE0) == 0xC0) { need = 1; cp = b0 & 0x1F; min = 0x80; }
                else if ((b0 & 0xF0) == 0xE0) { need = 2; cp = b0 & 0x0F; min = 0x800; }
                else if ((b0 & 0xF8) == 0xF0) { need = 3; cp = b0 & 0x07; min = 0x10000; }
                else { c[n++] = Replacement; i++; continue; }
                bool ok = i + need < end;
                for (int k = 1; ok && k <= need; k++)
                {
                    if ((b[i + k] & 0xC0) != 0x80) ok = false;
                    else cp = (cp << 6) | (b[i + k] & 0x3F);
                }
                if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    c[n++] = Replacement;
                    i++;
                    continue;
                }
                if (cp >= 0x10000)
                {
                    // A supplementary character takes two chars but at least four bytes: fits.
                    cp -= 0x10000;
                    c[n++] = (char)(0xD800 + (cp >> 10));
                    c[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    c[n++] = (char)cp;
                }
                i += need + 1;
            }
            return new string(c, 0, n);
        }

        public static byte[] EncodeUtf8(string s)
        {
            return Encoding.UTF8.GetBytes(s);
        }

        /// <summary>True when every char is printable ASCII or non-ASCII (no controls); HTAB allowed.</summary>
        public static bool HasNoControls(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
            }
            return true;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>Replaces each % HEX HEX by its octet and decodes the octets as UTF-8
        /// (so %00 becomes U+0000 and the string keeps its full length, RFC 4475 §3.1.1.4).
        /// Returns null when a % is not followed by two hex digits. Never recursive
        /// ("%25%34%31" is "%41", RFC 4475 §3.1.1.3).</summary>
        public static string Unescape(string s, int start, int end)
        {
            bool any = false;
            for (int i = start; i < end; i++)
            {
                if (s[i] == '%') { any = true; break; }
            }
            if (!any) return s.Substring(start, end - start);
            byte[] b = new byte[(end - start) * 3];
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c == '%')
                {
                    if (i + 2 >= end) return null;
                    int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
                    if (hi < 0 || lo < 0) return null;
                    b[n++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else if (c < 0x80)
                {
                    b[n++] = (byte)c;
                }
                else
                {
                    byte[] u = Encoding.UTF8.GetBytes(c.ToString());
                    for (int k = 0; k < u.Length; k++) b[n++] = u[k];
                }
            }
            return DecodeUtf8(b, 0, n);
        }

        /// <summary>Writes s with every octet outside the given class as % HEX HEX (upper case,
        /// RFC 3986 §2.1's recommendation).</summary>
        public static void Escape(System.Text.StringBuilder sb, string s, int charClass)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c < 0x80 && Allowed(c, charClass))
                {
                    sb.Append(c);
                    continue;
                }
                byte[] u;
                if (c < 0x80) u = new byte[] { (byte)c };
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length)
                {
                    u = Encoding.UTF8.GetBytes(s.Substring(i, 2));
                    i++;
                }
                else u = Encoding.UTF8.GetBytes(c.ToString());
                for (int k = 0; k < u.Length; k++)
                {
                    sb.Append('%');
                    sb.Append(HexUpper[u[k] >> 4]);
                    sb.Append(HexUpper[u[k] & 0xF]);
                }
            }
        }

        private static bool Allowed(char c, int charClass)
        {
            switch (charClass)
            {
                case ClassUser: return SipChars.IsUserChar(c);
                case ClassParam: return SipChars.IsParamChar(c);
                case ClassHeader: return SipChars.IsHeaderChar(c);
                case ClassPassword: return SipChars.IsPasswordChar(c);
                case ClassUri: return SipChars.IsReserved(c) || SipChars.IsUnreserved(c);
                default: return SipChars.IsUnreserved(c);
            }
        }

        /// <summary>Checks that s[start..end) is "escaped"-valid text of a class: every char
        /// is in the class or starts % HEX HEX. Returns the index of the first bad char, or -1.</summary>
        public static int FindInvalid(string s, int start, int end, int charClass)
        {
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c == '%')
                {
                    if (i + 2 >= end || !SipChars.IsHex(s[i + 1]) || !SipChars.IsHex(s[i + 2])) return i;
                    i += 2;
                    continue;
                }
                if (c >= 0x80 || !Allowed(c, charClass)) return i;
            }
            return -1;
        }

        /// <summary>Parses 1*DIGIT in s[start..end) into value. Returns 0 on success, 1 when the
        /// text is empty or has a non-digit, 2 when the number exceeds max (leading zeros are
        /// fine: RFC 4475 §3.1.1.1 "0068"). Never overflows.</summary>
        public static int ParseDecimal(string s, int start, int end, long max, out long value)
        {
            value = 0;
            if (start >= end) return 1;
            bool tooBig = false;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9') return 1;
                if (!tooBig)
                {
                    value = value * 10 + (c - '0');
                    if (value > max) tooBig = true;
                }
            }
            if (tooBig) { value = 0; return 2; }
            return 0;
        }

        /// <summary>Quotes s as a quoted-string: '"', '\' and controls become quoted-pair;
        /// CR and LF, which quoted-pair cannot carry (RFC 3261 §25.1), become SP.</summary>
        public static void Quote(System.Text.StringBuilder sb, string s)
        {
            sb.Append('"');
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\r' || c == '\n') { sb.Append(' '); continue; }
                if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7F) sb.Append('\\');
                sb.Append(c);
            }
            sb.Append('"');
        }
    }
}
