namespace PhoneAgent.Core.Asn1
{
    /// <summary>A strict DER reader over a byte range (X.690 §10): definite lengths only, in the
    /// minimum number of octets; single-octet tags; every element must fit inside its parent.
    /// Reads never throw on content: TryRead... returns false and sets Error, and the reader
    /// stays usable for the caller to bail out. Nesting is bounded by the callers (each nested
    /// reader is a new object over a sub-range; MaxDepth caps it).</summary>
    public sealed class DerReader
    {
        public const int MaxDepth = 32;

        private readonly byte[] _data;
        private readonly int _end;
        private readonly int _depth;
        private int _pos;
        private string _error;

        public DerReader(byte[] data) : this(data, 0, data == null ? 0 : data.Length, 0) { }

        public DerReader(byte[] data, int offset, int count) : this(data, offset, count, 0) { }

        private DerReader(byte[] data, int offset, int count, int depth)
        {
            if (data == null) throw new System.ArgumentNullException(nameof(data));
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new System.ArgumentException("offset/count outside the buffer");
            _data = data;
            _pos = offset;
            _end = offset + count;
            _depth = depth;
        }

        public byte[] Data { get { return _data; } }
        public int Position { get { return _pos; } }
        public bool HasMore { get { return _pos < _end; } }
        /// <summary>Why the last read failed, or null.</summary>
        public string Error { get { return _error; } }

        /// <summary>The tag of the next element, or -1 at the end or on a malformed identifier.</summary>
        public int PeekTag()
        {
            if (_pos >= _end) return -1;
            int t = _data[_pos];
            return (t & 0x1F) == 0x1F ? -1 : t;
        }

        /// <summary>Reads one element's header: its tag, where its contents start and how long
        /// they are; advances past the whole element. element* give the whole TLV.</summary>
        public bool TryReadElement(out int tag, out int contentOffset, out int contentLength, out int elementOffset, out int elementLength)
        {
            tag = -1;
            contentOffset = contentLength = elementOffset = elementLength = 0;
            if (_pos >= _end) return Fail("unexpected end of data");
            int start = _pos;
            int t = _data[_pos];
            if ((t & 0x1F) == 0x1F) return Fail("high tag numbers are not used in these structures");
            int p = _pos + 1;
            if (p >= _end) return Fail("no length octet");
            int first = _data[p++];
            int len;
            if (first < 0x80) len = first;
            else if (first == 0x80) return Fail("indefinite length is not DER");
            else
            {
                int n = first & 0x7F;
                if (n > 4) return Fail("length longer than 4 octets");
                if (p + n > _end) return Fail("length octets run past the end");
                if (_data[p] == 0) return Fail("length not in the minimum number of octets (DER)");
                long l = 0;
                for (int i = 0; i < n; i++) l = (l << 8) | _data[p + i];
                p += n;
                if (l < 0x80) return Fail("long form used for a short length (DER)");
                if (l > int.MaxValue) return Fail("length too large");
                len = (int)l;
            }
            if (len > _end - p) return Fail("element runs past the end of its parent");
            tag = t;
            contentOffset = p;
            contentLength = len;
            elementOffset = start;
            elementLength = p + len - start;
            _pos = p + len;
            _error = null;
            return true;
        }

        /// <summary>Reads an element that must have the given tag.</summary>
        public bool TryRead(int expectedTag, out int contentOffset, out int contentLength)
        {
            contentOffset = contentLength = 0;
            int save = _pos;
            int tag, eo, el;
            if (!TryReadElement(out tag, out contentOffset, out contentLength, out eo, out el)) return false;
            if (tag != expectedTag)
            {
                _pos = save;
                return Fail("expected tag 0x" + Util.Hex.Byte(expectedTag) + ", found 0x" + Util.Hex.Byte(tag));
            }
            return true;
        }

        /// <summary>A reader over the contents of the next element (SEQUENCE, SET, [n] EXPLICIT).</summary>
        public DerReader ReadNested(int expectedTag)
        {
            if (_depth + 1 > MaxDepth) { Fail("nesting deeper than " + MaxDepth.ToString()); return null; }
            int o, l;
            if (!TryRead(expectedTag, out o, out l)) return null;
            return new DerReader(_data, o, l, _depth + 1);
        }

        /// <summary>The whole encoding (tag, length, contents) of the next element, copied.</summary>
        public byte[] ReadEncoded()
        {
            int tag, co, cl, eo, el;
            if (!TryReadElement(out tag, out co, out cl, out eo, out el)) return null;
            return Copy(eo, el);
        }

        public byte[] ReadOctetString()
        {
            int o, l;
            return TryRead(Asn1Tag.OctetString, out o, out l) ? Copy(o, l) : null;
        }

        /// <summary>A BIT STRING's bytes (X.690 §8.6); unused bits must be 0 and zero-padded (DER §11.2).</summary>
        public byte[] ReadBitString(out int unusedBits)
        {
            unusedBits = 0;
            int o, l;
            if (!TryRead(Asn1Tag.BitString, out o, out l)) return null;
            if (l < 1) { Fail("BIT STRING without the unused-bits octet"); return null; }
            unusedBits = _data[o];
            if (unusedBits > 7 || (l == 1 && unusedBits != 0)) { Fail("BIT STRING unused-bits octet invalid"); return null; }
            if (unusedBits > 0 && (_data[o + l - 1] & ((1 << unusedBits) - 1)) != 0) { Fail("BIT STRING padding bits not zero (DER)"); return null; }
            return Copy(o + 1, l - 1);
        }

        /// <summary>An INTEGER's two's-complement contents (minimal per DER §8.3.2), copied.</summary>
        public byte[] ReadIntegerBytes()
        {
            int o, l;
            if (!TryRead(Asn1Tag.Integer, out o, out l)) return null;
            if (l == 0) { Fail("INTEGER with no contents"); return null; }
            if (l > 1 && ((_data[o] == 0 && (_data[o + 1] & 0x80) == 0) || (_data[o] == 0xFF && (_data[o + 1] & 0x80) != 0)))
            {
                Fail("INTEGER not minimally encoded (DER)");
                return null;
            }
            return Copy(o, l);
        }

        /// <summary>A non-negative INTEGER as unsigned big-endian bytes (leading 0x00 removed).</summary>
        public byte[] ReadUnsignedInteger()
        {
            byte[] b = ReadIntegerBytes();
            if (b == null) return null;
            if ((b[0] & 0x80) != 0) { Fail("INTEGER is negative"); return null; }
            if (b[0] == 0 && b.Length > 1)
            {
                byte[] r = new byte[b.Length - 1];
                System.Array.Copy(b, 1, r, 0, r.Length);
                return r;
            }
            return b;
        }

        /// <summary>A small INTEGER (version numbers, pathLen); false if it does not fit 31 bits.</summary>
        public bool TryReadInt(out int value)
        {
            value = 0;
            byte[] b = ReadIntegerBytes();
            if (b == null) return false;
            if (b.Length > 4 || (b[0] & 0x80) != 0) return Fail("INTEGER out of range");
            for (int i = 0; i < b.Length; i++) value = (value << 8) | b[i];
            return true;
        }

        /// <summary>DER BOOLEAN: one octet, 0x00 or 0xFF (X.690 §11.1).</summary>
        public bool TryReadBoolean(out bool value)
        {
            value = false;
            int o, l;
            if (!TryRead(Asn1Tag.Boolean, out o, out l)) return false;
            if (l != 1 || (_data[o] != 0 && _data[o] != 0xFF)) return Fail("BOOLEAN not DER (one octet, 0x00 or 0xFF)");
            value = _data[o] == 0xFF;
            return true;
        }

        public bool TryReadNull()
        {
            int o, l;
            if (!TryRead(Asn1Tag.Null, out o, out l)) return false;
            return l == 0 || Fail("NULL with contents");
        }

        /// <summary>An OBJECT IDENTIFIER in dotted form (X.690 §8.19), e.g. "1.2.840.113549.1.1.11".</summary>
        public string ReadOid()
        {
            int o, l;
            if (!TryRead(Asn1Tag.ObjectIdentifier, out o, out l)) return null;
            return Oid.Decode(_data, o, l, out _error);
        }

        /// <summary>A UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5) as Unix seconds.</summary>
        public bool TryReadTime(out long unixSeconds)
        {
            unixSeconds = 0;
            int tag, co, cl, eo, el;
            if (!TryReadElement(out tag, out co, out cl, out eo, out el)) return false;
            string e;
            if (Asn1Time.TryDecode(tag, _data, co, cl, out unixSeconds, out e)) return true;
            return Fail(e);
        }

        /// <summary>Any of the string types used in names, decoded to text (UTF-8, Printable,
        /// IA5, T61 as Latin-1, BMP as UTF-16BE, Universal as UTF-32BE).</summary>
        public string ReadString(out int tag)
        {
            int co, cl, eo, el;
            if (!TryReadElement(out tag, out co, out cl, out eo, out el)) return null;
            return Asn1String.Decode(tag, _data, co, cl, out _error);
        }

        public byte[] Copy(int offset, int count)
        {
            byte[] r = new byte[count];
            System.Array.Copy(_data, offset, r, 0, count);
            return r;
        }

        private bool Fail(string why)
        {
            _error = why;
            return false;
        }
    }
}
