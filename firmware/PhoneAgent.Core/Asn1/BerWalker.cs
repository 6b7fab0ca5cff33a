namespace PhoneAgent.Core.Asn1
{
    /// <summary>A bounded walker over BER element boundaries (X.690 §8.1), for envelopes that
    /// peers may send in BER although the payload inside is DER: a CMS message from a
    /// Bouncy Castle based SCEP server or CA web page (its default encoding of SignedData uses
    /// indefinite lengths). It only finds where elements start and end; it decodes no values.
    /// Accepted beyond DER: the indefinite length on constructed values (§8.1.3.6) and long-form
    /// lengths that are not minimal (§8.1.3.5). Refused: high tag numbers, lengths of more than
    /// 4 octets, the reserved length octet 0xFF, an indefinite primitive, nesting past MaxDepth.
    /// Never throws on content and never recurses: every step consumes at least two octets.</summary>
    public static class BerWalker
    {
        public const int MaxDepth = 32;

        /// <summary>Reads the identifier and length octets of the element at pos (which must lie
        /// before end). contentLength is -1 for an indefinite length. nonDer is set to true when
        /// the header is valid BER but not DER.</summary>
        public static bool TryReadHeader(byte[] b, int pos, int end, out int tag, out int contentOffset, out int contentLength, ref bool nonDer, out string error)
        {
            tag = -1;
            contentOffset = contentLength = 0;
            error = null;
            if (pos < 0 || pos >= end || end > b.Length) { error = "unexpected end of data"; return false; }
            int t = b[pos];
            if ((t & 0x1F) == 0x1F) { error = "high tag numbers are not used in these structures"; return false; }
            if (t == 0) { error = "end-of-contents octets where an element was expected"; return false; }
            if (pos + 1 >= end) { error = "no length octet"; return false; }
            int first = b[pos + 1];
            int p = pos + 2;
            int len;
            if (first < 0x80) len = first;
            else if (first == 0x80)
            {
                if ((t & Asn1Tag.Constructed) == 0) { error = "indefinite length on a primitive value"; return false; }
                nonDer = true;
                len = -1;
            }
            else if (first == 0xFF) { error = "reserved length octet 0xFF"; return false; }
            else
            {
                int n = first & 0x7F;
                if (n > 4) { error = "length longer than 4 octets"; return false; }
                if (n > end - p) { error = "length octets run past the end"; return false; }
                long l = 0;
                for (int i = 0; i < n; i++) l = (l << 8) | b[p + i];
                p += n;
                if (l > int.MaxValue) { error = "length too large"; return false; }
                if (l < 0x80 || b[p - n] == 0) nonDer = true;   // long form where DER wants the fewest octets
                len = (int)l;
            }
            if (len > end - p) { error = "element runs past the end of its parent"; return false; }
            tag = t;
            contentOffset = p;
            contentLength = len;
            return true;
        }

        /// <summary>Where the element at pos ends: after its contents, or after the end-of-contents
        /// octets (00 00, §8.1.5) that close an indefinite length. -1 with error when malformed.</summary>
        public static int ElementEnd(byte[] b, int pos, int end, ref bool nonDer, out string error)
        {
            int tag, co, cl;
            if (!TryReadHeader(b, pos, end, out tag, out co, out cl, ref nonDer, out error)) return -1;
            if (cl >= 0) return co + cl;
            // Inside indefinite lengths: skip definite children whole, descend into indefinite ones,
            // climb out at each end-of-contents. open counts the indefinite values not yet closed.
            int open = 1;
            int p = co;
            while (open > 0)
            {
                if (p + 1 >= end) { error = "indefinite length without its end-of-contents octets"; return -1; }
                if (b[p] == 0)
                {
                    if (b[p + 1] != 0) { error = "tag 0 with contents (not an end-of-contents marker)"; return -1; }
                    p += 2;
                    open--;
                    continue;
                }
                if (!TryReadHeader(b, p, end, out tag, out co, out cl, ref nonDer, out error)) return -1;
                if (cl >= 0) p = co + cl;
                else
                {
                    if (++open > MaxDepth) { error = "indefinite lengths nested deeper than " + MaxDepth.ToString(); return -1; }
                    p = co;
                }
            }
            return p;
        }
    }
}
