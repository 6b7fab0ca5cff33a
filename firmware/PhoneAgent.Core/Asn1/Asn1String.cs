namespace PhoneAgent.Core.Asn1
{
    /// <summary>The character string types of X.520 names and X.509 extensions, decoded to text.
    /// Control characters are kept out (replaced by '?') so names are safe to print.</summary>
    public static class Asn1String
    {
        public const int MaxLength = 4096;

        public static bool IsStringTag(int tag)
        {
            return tag == Asn1Tag.Utf8String || tag == Asn1Tag.PrintableString || tag == Asn1Tag.T61String ||
                tag == Asn1Tag.Ia5String || tag == Asn1Tag.VisibleString || tag == Asn1Tag.BmpString || tag == Asn1Tag.UniversalString;
        }

        public static string Decode(int tag, byte[] b, int offset, int count, out string error)
        {
            error = null;
            if (count > MaxLength) { error = "string longer than " + MaxLength.ToString() + " bytes"; return null; }
            switch (tag)
            {
                case Asn1Tag.Utf8String:
                    return Safe(System.Text.Encoding.UTF8.GetString(b, offset, count));
                case Asn1Tag.PrintableString:
                case Asn1Tag.Ia5String:
                case Asn1Tag.VisibleString:
                    for (int i = 0; i < count; i++)
                    {
                        if (b[offset + i] > 0x7E) { error = "non-ASCII byte in an ASCII string type"; return null; }
                    }
                    return Util.Ascii.Printable(b, offset, count);
                case Asn1Tag.T61String:
                    return Latin1(b, offset, count);
                case Asn1Tag.BmpString:
                    if ((count & 1) != 0) { error = "BMPString with an odd length"; return null; }
                    char[] c = new char[count / 2];
                    for (int i = 0; i < c.Length; i++) c[i] = (char)((b[offset + 2 * i] << 8) | b[offset + 2 * i + 1]);
                    return Safe(new string(c));
                case Asn1Tag.UniversalString:
                    if ((count & 3) != 0) { error = "UniversalString length not a multiple of 4"; return null; }
                    char[] u = new char[count / 4];
                    for (int i = 0; i < u.Length; i++)
                    {
                        int cp = (b[offset + 4 * i] << 24) | (b[offset + 4 * i + 1] << 16) | (b[offset + 4 * i + 2] << 8) | b[offset + 4 * i + 3];
                        u[i] = cp > 0xFFFF || cp < 0 ? '?' : (char)cp;
                    }
                    return Safe(new string(u));
                default:
                    error = "tag 0x" + Util.Hex.Byte(tag) + " is not a string type";
                    return null;
            }
        }

        private static string Latin1(byte[] b, int offset, int count)
        {
            char[] c = new char[count];
            for (int i = 0; i < count; i++) c[i] = (char)b[offset + i];
            return Safe(new string(c));
        }

        private static string Safe(string s)
        {
            char[] c = s.ToCharArray();
            for (int i = 0; i < c.Length; i++) if (c[i] < 0x20 || c[i] == 0x7F) c[i] = '?';
            return new string(c);
        }
    }
}
