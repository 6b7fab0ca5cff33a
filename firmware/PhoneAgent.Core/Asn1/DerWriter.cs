namespace PhoneAgent.Core.Asn1
{
    /// <summary>Builds DER (X.690 §10, §11) into one growing buffer. Constructed values are
    /// opened with Begin...() and closed with End(): the writer reserves one length octet at
    /// Begin and, at End, moves the contents right when the definite length needs the long form
    /// (§8.1.3.5). SET OF contents are sorted at End (§11.6). Bounded: at most MaxDepth open
    /// values and MaxLength bytes of output. Caller mistakes throw: bad values ArgumentException,
    /// misuse (End without Begin, ToArray while open, output too large) InvalidOperationException.
    /// Tags are single identifier octets (numbers 0..30), as in Asn1Tag.</summary>
    public sealed class DerWriter
    {
        public const int MaxDepth = 32;
        public const int DefaultMaxLength = 65536;

        private const int KindPlain = 0;
        private const int KindSetOf = 1;

        private readonly int _max;
        private byte[] _buf;
        private int _pos;
        private int _depth;
        private readonly int[] _lengthAt = new int[MaxDepth];   // offset of each open value's reserved length octet
        private readonly int[] _kind = new int[MaxDepth];

        public DerWriter() : this(DefaultMaxLength) { }

        /// <summary>maxLength caps the finished output (and so the memory used) in bytes.</summary>
        public DerWriter(int maxLength)
        {
            if (maxLength < 2) throw new System.ArgumentException("maxLength must allow at least one element");
            _max = maxLength;
            _buf = new byte[maxLength < 256 ? maxLength : 256];
        }

        /// <summary>Bytes written so far (open values counted with one length octet).</summary>
        public int Length { get { return _pos; } }

        /// <summary>How many constructed values are open.</summary>
        public int Depth { get { return _depth; } }

        // ---- constructed values -------------------------------------------------------------

        /// <summary>Opens a constructed value with the given identifier octet (constructed bit set),
        /// e.g. Asn1Tag.Sequence or Asn1Tag.ContextConstructed(3).</summary>
        public void Begin(int tag)
        {
            CheckTag(tag);
            if (!Asn1Tag.IsConstructed(tag)) throw new System.ArgumentException("Begin needs a constructed tag; 0x" + Util.Hex.Byte(tag) + " is primitive (use BeginOctetString/BeginBitString to wrap an encoding)");
            Open(tag, KindPlain);
        }

        public void BeginSequence() { Open(Asn1Tag.Sequence, KindPlain); }

        /// <summary>[n] EXPLICIT: a constructed context-specific wrapper around one value.</summary>
        public void BeginExplicit(int n) { Open(Asn1Tag.ContextConstructed(CheckNumber(n)), KindPlain); }

        /// <summary>SET OF: the elements written until End are sorted as octet strings (X.690 §11.6).</summary>
        public void BeginSetOf() { Open(Asn1Tag.Set, KindSetOf); }

        /// <summary>SET OF under an IMPLICIT tag (e.g. CMS certificates [0] IMPLICIT CertificateSet).</summary>
        public void BeginSetOf(int tag)
        {
            CheckTag(tag);
            if (!Asn1Tag.IsConstructed(tag)) throw new System.ArgumentException("a SET OF is constructed; tag 0x" + Util.Hex.Byte(tag) + " is primitive");
            Open(tag, KindSetOf);
        }

        /// <summary>An OCTET STRING whose contents are the DER written until End (extnValue, eContent).</summary>
        public void BeginOctetString() { Open(Asn1Tag.OctetString, KindPlain); }

        /// <summary>The same under an IMPLICIT primitive tag.</summary>
        public void BeginOctetString(int tag) { Open(CheckPrimitive(tag), KindPlain); }

        /// <summary>A BIT STRING with no unused bits whose contents are the DER written until End
        /// (subjectPublicKey): the unused-bits octet 0 is written here (X.690 §8.6.2).</summary>
        public void BeginBitString()
        {
            Open(Asn1Tag.BitString, KindPlain);
            Put(0);
        }

        /// <summary>Closes the innermost open value and fixes its length.</summary>
        public void End()
        {
            if (_depth == 0) throw new System.InvalidOperationException("End without a matching Begin");
            _depth--;
            int lengthAt = _lengthAt[_depth];
            int start = lengthAt + 1;
            int count = _pos - start;
            if (_kind[_depth] == KindSetOf) SortElements(start, count);
            int extra = LongFormOctets(count);
            if (extra > 0)
            {
                Reserve(extra);
                // Array.Copy is memmove-safe for overlapping ranges of one array (documented for
                // .NET; nanoCLR's CLR_RT_HeapBlock_Array::Copy uses memmove for value types).
                System.Array.Copy(_buf, start, _buf, start + extra, count);
                _pos += extra;
            }
            WriteLength(lengthAt, count, extra);
        }

        // ---- primitives ---------------------------------------------------------------------

        /// <summary>INTEGER in the minimum number of two's-complement octets (X.690 §8.3.2).</summary>
        public void WriteInteger(long value) { WriteInteger(value, Asn1Tag.Integer); }

        public void WriteInteger(long value, int tag)
        {
            byte[] b = new byte[8];
            for (int i = 7; i >= 0; i--) { b[i] = (byte)value; value >>= 8; }
            WriteTwosComplement(b, tag);
        }

        /// <summary>A non-negative INTEGER from unsigned big-endian bytes (a serial number, an RSA
        /// modulus): redundant leading zeros go, and one 0x00 is added when the high bit is set.
        /// Empty or all-zero input is the integer 0.</summary>
        public void WriteIntegerUnsigned(byte[] bigEndian) { WriteIntegerUnsigned(bigEndian, Asn1Tag.Integer); }

        public void WriteIntegerUnsigned(byte[] bigEndian, int tag)
        {
            if (bigEndian == null) throw new System.ArgumentNullException(nameof(bigEndian));
            CheckPrimitive(tag);
            int s = 0;
            while (s < bigEndian.Length && bigEndian[s] == 0) s++;
            if (s == bigEndian.Length) { WritePrimitive(tag, new byte[1], 0, 1); return; }
            bool pad = (bigEndian[s] & 0x80) != 0;
            int n = bigEndian.Length - s + (pad ? 1 : 0);
            Header(tag, n);
            if (pad) Put(0);
            PutBytes(bigEndian, s, bigEndian.Length - s);
        }

        /// <summary>An INTEGER from two's-complement big-endian bytes (as DerReader.ReadIntegerBytes
        /// gives them), shortened to the minimal form.</summary>
        public void WriteIntegerTwosComplement(byte[] value) { WriteTwosComplement(value, Asn1Tag.Integer); }

        /// <summary>BOOLEAN: DER TRUE is 0xFF (X.690 §11.1).</summary>
        public void WriteBoolean(bool value) { WriteBoolean(value, Asn1Tag.Boolean); }

        public void WriteBoolean(bool value, int tag)
        {
            Header(CheckPrimitive(tag), 1);
            Put(value ? 0xFF : 0x00);
        }

        public void WriteNull() { WriteNull(Asn1Tag.Null); }

        public void WriteNull(int tag) { Header(CheckPrimitive(tag), 0); }

        /// <summary>OBJECT IDENTIFIER from dotted text; throws ArgumentException on bad text (see Oid.Encode).</summary>
        public void WriteOid(string dotted) { WriteOid(dotted, Asn1Tag.ObjectIdentifier); }

        public void WriteOid(string dotted, int tag)
        {
            byte[] c = Oid.Encode(dotted);
            WritePrimitive(tag, c, 0, c.Length);
        }

        public void WriteOctetString(byte[] value) { WriteOctetString(value, Asn1Tag.OctetString); }

        public void WriteOctetString(byte[] value, int tag)
        {
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            WritePrimitive(tag, value, 0, value.Length);
        }

        public void WriteOctetString(byte[] value, int offset, int count) { WritePrimitive(Asn1Tag.OctetString, value, offset, count); }

        /// <summary>BIT STRING (X.690 §8.6): the unused bits of the last octet must be zero (DER
        /// §11.2.1), and there are none when the string is empty.</summary>
        public void WriteBitString(byte[] value, int unusedBits) { WriteBitString(value, unusedBits, Asn1Tag.BitString); }

        public void WriteBitString(byte[] value, int unusedBits, int tag)
        {
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            CheckPrimitive(tag);
            if (unusedBits < 0 || unusedBits > 7 || (value.Length == 0 && unusedBits != 0)) throw new System.ArgumentException("BIT STRING unused bits must be 0..7, and 0 when empty");
            if (unusedBits > 0 && (value[value.Length - 1] & ((1 << unusedBits) - 1)) != 0) throw new System.ArgumentException("BIT STRING unused bits must be zero (X.690 §11.2.1)");
            Header(tag, value.Length + 1);
            Put(unusedBits);
            PutBytes(value, 0, value.Length);
        }

        public void WriteUtf8String(string value) { WriteUtf8String(value, Asn1Tag.Utf8String); }

        public void WriteUtf8String(string value, int tag)
        {
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            byte[] b = System.Text.Encoding.UTF8.GetBytes(value);
            WritePrimitive(tag, b, 0, b.Length);
        }

        /// <summary>PrintableString: only A-Z a-z 0-9 space ' ( ) + , - . / : = ? (X.680 §41.4).</summary>
        public void WritePrintableString(string value) { WritePrintableString(value, Asn1Tag.PrintableString); }

        public void WritePrintableString(string value, int tag)
        {
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            if (!IsPrintable(value)) throw new System.ArgumentException("character not allowed in a PrintableString");
            WriteAscii(value, tag);
        }

        /// <summary>IA5String: 7-bit characters only (dNSName, URIs, e-mail, domainComponent).</summary>
        public void WriteIa5String(string value) { WriteIa5String(value, Asn1Tag.Ia5String); }

        public void WriteIa5String(string value, int tag)
        {
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            for (int i = 0; i < value.Length; i++)
                if (value[i] > 0x7F) throw new System.ArgumentException("character not allowed in an IA5String");
            WriteAscii(value, tag);
        }

        /// <summary>A certificate time as RFC 5280 §4.1.2.5 requires: UTCTime for 1950-2049,
        /// GeneralizedTime otherwise; always Zulu with seconds, no fraction.</summary>
        public void WriteTime(long unixSeconds)
        {
            if (Asn1Time.TagFor(unixSeconds) == Asn1Tag.UtcTime) WriteUtcTime(unixSeconds);
            else WriteGeneralizedTime(unixSeconds);
        }

        /// <summary>UTCTime "YYMMDDHHMMSSZ"; ArgumentException outside 1950-2049.</summary>
        public void WriteUtcTime(long unixSeconds)
        {
            byte[] b = Asn1Time.EncodeUtcTime(unixSeconds);
            WritePrimitive(Asn1Tag.UtcTime, b, 0, b.Length);
        }

        /// <summary>GeneralizedTime "YYYYMMDDHHMMSSZ"; ArgumentException outside years 0-9999.</summary>
        public void WriteGeneralizedTime(long unixSeconds)
        {
            byte[] b = Asn1Time.EncodeGeneralizedTime(unixSeconds);
            WritePrimitive(Asn1Tag.GeneralizedTime, b, 0, b.Length);
        }

        /// <summary>Any primitive value whose contents the caller has encoded.</summary>
        public void WritePrimitive(int tag, byte[] contents, int offset, int count)
        {
            if (contents == null) throw new System.ArgumentNullException(nameof(contents));
            if (offset < 0 || count < 0 || offset > contents.Length - count) throw new System.ArgumentException("offset/count outside the buffer");
            Header(CheckPrimitive(tag), count);
            PutBytes(contents, offset, count);
        }

        /// <summary>One complete, pre-encoded element (a certificate, a Name). Its outer header
        /// must be DER and span exactly the bytes given; its inside is the caller's word.</summary>
        public void WriteEncoded(byte[] element) { WriteEncoded(element, 0, element == null ? 0 : element.Length); }

        public void WriteEncoded(byte[] element, int offset, int count)
        {
            if (element == null) throw new System.ArgumentNullException(nameof(element));
            if (offset < 0 || count < 0 || offset > element.Length - count) throw new System.ArgumentException("offset/count outside the buffer");
            DerReader r = new DerReader(element, offset, count);
            int tag, co, cl, eo, el;
            if (!r.TryReadElement(out tag, out co, out cl, out eo, out el) || el != count)
                throw new System.ArgumentException("not exactly one DER element: " + (r.Error == null ? "trailing bytes" : r.Error));
            PutBytes(element, offset, count);
        }

        /// <summary>The finished encoding; every Begin must have its End.</summary>
        public byte[] ToArray()
        {
            if (_depth != 0) throw new System.InvalidOperationException(_depth.ToString() + " constructed value(s) still open");
            byte[] r = new byte[_pos];
            System.Array.Copy(_buf, r, _pos);
            return r;
        }

        /// <summary>PrintableString's character set (X.680 §41.4, Table 10).</summary>
        public static bool IsPrintable(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == ' ' || c == '\'' || c == '(' || c == ')' || c == '+' || c == ',' || c == '-' ||
                    c == '.' || c == '/' || c == ':' || c == '=' || c == '?';
                if (!ok) return false;
            }
            return true;
        }

        // ---- internals ----------------------------------------------------------------------

        private void Open(int tag, int kind)
        {
            if (_depth >= MaxDepth) throw new System.InvalidOperationException("more than " + MaxDepth.ToString() + " nested values");
            Put(tag);
            _lengthAt[_depth] = _pos;
            _kind[_depth] = kind;
            _depth++;
            Put(0);
        }

        private void WriteTwosComplement(byte[] b, int tag)
        {
            if (b == null) throw new System.ArgumentNullException("value");
            if (b.Length == 0) throw new System.ArgumentException("an INTEGER has at least one octet");
            CheckPrimitive(tag);
            // X.690 §8.3.2: the first nine bits are never all zeros or all ones.
            int s = 0;
            while (s < b.Length - 1 && ((b[s] == 0x00 && (b[s + 1] & 0x80) == 0) || (b[s] == 0xFF && (b[s + 1] & 0x80) != 0))) s++;
            WritePrimitive(tag, b, s, b.Length - s);
        }

        private void WriteAscii(string value, int tag)
        {
            byte[] b = new byte[value.Length];
            for (int i = 0; i < b.Length; i++) b[i] = (byte)value[i];
            WritePrimitive(tag, b, 0, b.Length);
        }

        private void Header(int tag, int count)
        {
            int extra = LongFormOctets(count);
            Reserve(2 + extra);
            _buf[_pos] = (byte)tag;
            WriteLength(_pos + 1, count, extra);
            _pos += 2 + extra;
            Reserve(count);
        }

        /// <summary>X.690 §10.1: short form below 128, else the fewest octets.</summary>
        private static int LongFormOctets(int count)
        {
            if (count < 0x80) return 0;
            if (count <= 0xFF) return 1;
            if (count <= 0xFFFF) return 2;
            if (count <= 0xFFFFFF) return 3;
            return 4;
        }

        private void WriteLength(int at, int count, int extra)
        {
            if (extra == 0) { _buf[at] = (byte)count; return; }
            _buf[at] = (byte)(0x80 | extra);
            for (int i = 0; i < extra; i++) _buf[at + extra - i] = (byte)(count >> (8 * i));
        }

        private void Put(int b)
        {
            Reserve(1);
            _buf[_pos++] = (byte)b;
        }

        private void PutBytes(byte[] src, int offset, int count)
        {
            Reserve(count);
            System.Array.Copy(src, offset, _buf, _pos, count);
            _pos += count;
        }

        /// <summary>Room for n more bytes, within MaxLength.</summary>
        private void Reserve(int n)
        {
            if (n > _max - _pos) throw new System.InvalidOperationException("DER output would exceed " + _max.ToString() + " bytes");
            int need = _pos + n;
            if (need <= _buf.Length) return;
            int size = _buf.Length;
            while (size < need) size = size > _max / 2 ? _max : size * 2;
            byte[] nb = new byte[size];
            System.Array.Copy(_buf, nb, _pos);
            _buf = nb;
        }

        /// <summary>X.690 §11.6: the encodings of a SET OF's elements in ascending order, compared
        /// as octet strings (a shorter one padded with zeros; no complete TLV is a prefix of another).</summary>
        private void SortElements(int start, int count)
        {
            int n = 0;
            int p = start, end = start + count;
            while (p < end) { p = ElementEnd(p); n++; }
            if (n < 2) return;
            int[] off = new int[n];
            int[] len = new int[n];
            p = start;
            bool sorted = true;
            for (int i = 0; i < n; i++)
            {
                int e = ElementEnd(p);
                off[i] = p;
                len[i] = e - p;
                if (i > 0 && Compare(off[i - 1], len[i - 1], p, len[i]) > 0) sorted = false;
                p = e;
            }
            if (sorted) return;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            MergeSort(order, new int[n], off, len);
            byte[] tmp = new byte[count];
            int t = 0;
            for (int i = 0; i < n; i++)
            {
                System.Array.Copy(_buf, off[order[i]], tmp, t, len[order[i]]);
                t += len[order[i]];
            }
            System.Array.Copy(tmp, 0, _buf, start, count);
        }

        /// <summary>End of the element starting at p; every element in the buffer was written by
        /// this writer or checked by WriteEncoded, so its header is well formed.</summary>
        private int ElementEnd(int p)
        {
            int first = _buf[p + 1];
            if (first < 0x80) return p + 2 + first;
            int n = first & 0x7F;
            int len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | _buf[p + 2 + i];
            return p + 2 + n + len;
        }

        private int Compare(int a, int alen, int b, int blen)
        {
            int n = alen < blen ? alen : blen;
            for (int i = 0; i < n; i++)
            {
                int d = _buf[a + i] - _buf[b + i];
                if (d != 0) return d;
            }
            return alen - blen;
        }

        /// <summary>Bottom-up merge sort of element indices (stable, O(n log n), no recursion).</summary>
        private void MergeSort(int[] order, int[] scratch, int[] off, int[] len)
        {
            int n = order.Length;
            int[] src = order, dst = scratch;
            for (int width = 1; width < n; width *= 2)
            {
                for (int lo = 0; lo < n; lo += 2 * width)
                {
                    int mid = lo + width < n ? lo + width : n;
                    int hi = lo + 2 * width < n ? lo + 2 * width : n;
                    int i = lo, j = mid, k = lo;
                    while (i < mid && j < hi)
                        dst[k++] = Compare(off[src[i]], len[src[i]], off[src[j]], len[src[j]]) <= 0 ? src[i++] : src[j++];
                    while (i < mid) dst[k++] = src[i++];
                    while (j < hi) dst[k++] = src[j++];
                }
                int[] t = src; src = dst; dst = t;
            }
            if (src != order) System.Array.Copy(src, order, n);
        }

        private static void CheckTag(int tag)
        {
            if (tag < 0 || tag > 0xFF || (tag & 0x1F) == 0x1F) throw new System.ArgumentException("tag must be one identifier octet with a number below 31");
            if (tag == 0) throw new System.ArgumentException("tag 0 is the end-of-contents marker");
        }

        private static int CheckPrimitive(int tag)
        {
            CheckTag(tag);
            if (Asn1Tag.IsConstructed(tag)) throw new System.ArgumentException("tag 0x" + Util.Hex.Byte(tag) + " is constructed; a primitive value needs a primitive tag");
            return tag;
        }

        private static int CheckNumber(int n)
        {
            if (n < 0 || n > 30) throw new System.ArgumentException("tag number must be 0..30");
            return n;
        }
    }
}
