namespace PhoneAgent.Core.Asn1
{
    /// <summary>OBJECT IDENTIFIER contents (X.690 §8.19) to and from dotted text. Arcs are held
    /// in 64 bits; a longer arc or a non-minimal base-128 digit is refused.</summary>
    public static class Oid
    {
        public const int MaxArcs = 64;

        public static string Decode(byte[] b, int offset, int count, out string error)
        {
            error = null;
            if (count < 1) { error = "empty OBJECT IDENTIFIER"; return null; }
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            ulong value = 0;
            int arcs = 0;
            bool first = true;
            bool fresh = true;
            for (int i = 0; i < count; i++)
            {
                byte c = b[offset + i];
                if (fresh && c == 0x80) { error = "OBJECT IDENTIFIER arc with a leading 0x80 (not minimal)"; return null; }
                fresh = false;
                if (value > (ulong.MaxValue >> 7)) { error = "OBJECT IDENTIFIER arc too large"; return null; }
                value = (value << 7) | (uint)(c & 0x7F);
                if ((c & 0x80) != 0)
                {
                    if (i == count - 1) { error = "OBJECT IDENTIFIER ends inside an arc"; return null; }
                    continue;
                }
                if (++arcs > MaxArcs) { error = "OBJECT IDENTIFIER has too many arcs"; return null; }
                if (first)
                {
                    // X.690 §8.19.4: the first subidentifier packs the first two arcs.
                    ulong a = value < 40 ? 0UL : value < 80 ? 1UL : 2UL;
                    sb.Append(a.ToString()).Append('.').Append((value - 40 * a).ToString());
                    first = false;
                }
                else sb.Append('.').Append(value.ToString());
                value = 0;
                fresh = true;
            }
            return sb.ToString();
        }

        /// <summary>Dotted text to contents octets; throws ArgumentException on a bad string:
        /// an empty or non-decimal arc, a leading zero ("1.02", not canonical text), an arc past
        /// 64 bits, more than MaxArcs arcs, or first arcs outside X.660 (0..2, then 0..39 under 0 and 1).</summary>
        public static byte[] Encode(string dotted)
        {
            if (dotted == null) throw new System.ArgumentNullException(nameof(dotted));
            string[] parts = dotted.Split('.');
            if (parts.Length < 2) throw new System.ArgumentException("an OID has at least two arcs");
            if (parts.Length > MaxArcs) throw new System.ArgumentException("an OID of more than " + MaxArcs.ToString() + " arcs");
            ulong[] arcs = new ulong[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                string a = parts[i];
                if (a.Length == 0 || a.Length > 20 || (a.Length > 1 && a[0] == '0')) throw new System.ArgumentException("bad OID arc in " + dotted);
                ulong v = 0;
                for (int k = 0; k < a.Length; k++)
                {
                    char ch = a[k];
                    if (ch < '0' || ch > '9') throw new System.ArgumentException("bad OID arc in " + dotted);
                    ulong digit = (ulong)(ch - '0');
                    if (v > (ulong.MaxValue - digit) / 10) throw new System.ArgumentException("OID arc larger than 64 bits in " + dotted);
                    v = v * 10 + digit;
                }
                arcs[i] = v;
            }
            if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) throw new System.ArgumentException("bad first arcs in " + dotted);
            // X.690 §8.19.4: the first subidentifier is 40 * arc0 + arc1; it must fit 64 bits too.
            if (arcs[1] > ulong.MaxValue - 80) throw new System.ArgumentException("OID arc larger than 64 bits in " + dotted);
            byte[] tmp = new byte[parts.Length * 10];
            int n = 0;
            for (int i = 1; i < arcs.Length; i++)
            {
                ulong v = i == 1 ? arcs[0] * 40 + arcs[1] : arcs[i];
                int groups = 1;
                for (ulong t = v >> 7; t != 0; t >>= 7) groups++;
                for (int g = groups - 1; g >= 0; g--)
                {
                    byte c = (byte)((v >> (7 * g)) & 0x7F);
                    if (g > 0) c |= 0x80;
                    tmp[n++] = c;
                }
            }
            byte[] r = new byte[n];
            System.Array.Copy(tmp, r, n);
            return r;
        }
    }
}
