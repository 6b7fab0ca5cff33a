using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.Cms
{
    /// <summary>A sequential reader over BER (X.690 §8) for CMS envelopes, which peers may send
    /// with indefinite lengths and constructed OCTET STRINGs (Bouncy Castle, Windows NDES, old
    /// SCEP servers) although what is signed inside must be DER. Element boundaries come from
    /// BerWalker; values (OIDs, small integers) are read from their contents. Like DerReader it
    /// never throws on content: reads return null/false and set Error. Depth is capped by
    /// MaxDepth (each nested reader is a new object over a sub-range).</summary>
    public sealed class BerReader
    {
        public const int MaxDepth = 32;
        /// <summary>Most segments one constructed OCTET STRING may have (X.690 §8.7.3).</summary>
        public const int MaxSegments = 4096;

        private readonly byte[] _data;
        private readonly int _end;
        private readonly int _depth;
        private int _pos;
        private string _error;
        private bool _nonDer;

        public BerReader(byte[] data) : this(data, 0, data == null ? 0 : data.Length, 0) { }

        public BerReader(byte[] data, int offset, int count) : this(data, offset, count, 0) { }

        private BerReader(byte[] data, int offset, int count, int depth)
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
        /// <summary>True once this reader met a BER-only form (indefinite or non-minimal length).</summary>
        public bool SawNonDer { get { return _nonDer; } }

        /// <summary>The identifier octet of the next element, or -1 at the end.</summary>
        public int PeekTag() { return _pos < _end ? _data[_pos] : -1; }

        /// <summary>One element: [contentOffset, contentEnd) holds its contents (without the
        /// end-of-contents octets of an indefinite length), [elementOffset, elementEnd) the whole
        /// encoding. Advances past it.</summary>
        public bool TryReadElement(out int tag, out int contentOffset, out int contentEnd, out int elementOffset, out int elementEnd)
        {
            contentOffset = contentEnd = elementOffset = elementEnd = 0;
            int cl;
            string e;
            if (!BerWalker.TryReadHeader(_data, _pos, _end, out tag, out contentOffset, out cl, ref _nonDer, out e)) return Fail(e);
            elementOffset = _pos;
            if (cl >= 0)
            {
                contentEnd = contentOffset + cl;
                elementEnd = contentEnd;
            }
            else
            {
                elementEnd = BerWalker.ElementEnd(_data, _pos, _end, ref _nonDer, out e);
                if (elementEnd < 0) return Fail(e);
                contentEnd = elementEnd - 2;
            }
            _pos = elementEnd;
            _error = null;
            return true;
        }

        /// <summary>Reads an element that must carry the tag.</summary>
        public bool TryRead(int expectedTag, out int contentOffset, out int contentEnd)
        {
            int tag, eo, ee;
            int save = _pos;
            contentOffset = contentEnd = 0;
            if (!TryReadElement(out tag, out contentOffset, out contentEnd, out eo, out ee)) return false;
            if (tag != expectedTag)
            {
                _pos = save;
                return Fail("expected tag 0x" + Util.Hex.Byte(expectedTag) + ", found 0x" + Util.Hex.Byte(tag));
            }
            return true;
        }

        /// <summary>A reader over the contents of the next element, which must carry the tag.</summary>
        public BerReader ReadNested(int expectedTag)
        {
            if (_depth + 1 > MaxDepth) { Fail("nesting deeper than " + MaxDepth.ToString()); return null; }
            int o, e;
            if (!TryRead(expectedTag, out o, out e)) return null;
            return new BerReader(_data, o, e - o, _depth + 1);
        }

        /// <summary>Skips the next element.</summary>
        public bool Skip()
        {
            int tag, co, ce, eo, ee;
            return TryReadElement(out tag, out co, out ce, out eo, out ee);
        }

        /// <summary>The whole encoding of the next element, copied.</summary>
        public byte[] ReadEncoded()
        {
            int tag, co, ce, eo, ee;
            if (!TryReadElement(out tag, out co, out ce, out eo, out ee)) return null;
            return Copy(eo, ee - eo);
        }

        /// <summary>The next element, which must be one DER element (certificates, names and signed
        /// attributes are DER inside a BER envelope: RFC 5652 §5.3), copied.</summary>
        public byte[] ReadDerElement(int expectedTag)
        {
            int tag, co, ce, eo, ee;
            int save = _pos;
            if (!TryReadElement(out tag, out co, out ce, out eo, out ee)) return null;
            if (tag != expectedTag) { _pos = save; Fail("expected tag 0x" + Util.Hex.Byte(expectedTag) + ", found 0x" + Util.Hex.Byte(tag)); return null; }
            DerReader d = new DerReader(_data, eo, ee - eo);
            int t, o, l, deo, del;
            if (!d.TryReadElement(out t, out o, out l, out deo, out del)) { Fail("not DER: " + d.Error); return null; }
            return Copy(eo, ee - eo);
        }

        /// <summary>An OBJECT IDENTIFIER in dotted form.</summary>
        public string ReadOid()
        {
            int o, e;
            if (!TryRead(Asn1Tag.ObjectIdentifier, out o, out e)) return null;
            string why;
            string oid = Oid.Decode(_data, o, e - o, out why);
            if (oid == null) Fail(why);
            return oid;
        }

        /// <summary>An INTEGER's contents octets (two's complement, at least one octet), copied.</summary>
        public byte[] ReadIntegerBytes()
        {
            int o, e;
            if (!TryRead(Asn1Tag.Integer, out o, out e)) return null;
            if (e == o) { Fail("INTEGER with no contents"); return null; }
            return Copy(o, e - o);
        }

        /// <summary>A small non-negative INTEGER (versions).</summary>
        public bool TryReadSmallInt(out int value)
        {
            value = 0;
            byte[] b = ReadIntegerBytes();
            if (b == null) return false;
            if (b.Length > 2 || (b[0] & 0x80) != 0) return Fail("INTEGER out of range");
            for (int i = 0; i < b.Length; i++) value = (value << 8) | b[i];
            return true;
        }

        /// <summary>NULL with no contents.</summary>
        public bool TryReadNull()
        {
            int o, e;
            if (!TryRead(Asn1Tag.Null, out o, out e)) return false;
            return e == o || Fail("NULL with contents");
        }

        /// <summary>An OCTET STRING (or one under an IMPLICIT tag: give its primitive form, e.g.
        /// 0x80 for [0]) in either BER form: primitive, or constructed from segments that are
        /// themselves OCTET STRINGs (X.690 §8.7.3), concatenated. Null when malformed or when the
        /// value would exceed maxLength.</summary>
        public byte[] ReadOctetString(int primitiveTag, int maxLength)
        {
            int tag, co, ce, eo, ee;
            int save = _pos;
            if (!TryReadElement(out tag, out co, out ce, out eo, out ee)) return null;
            if (tag == primitiveTag)
            {
                if (ce - co > maxLength) { Fail("OCTET STRING longer than " + maxLength.ToString() + " bytes"); return null; }
                return Copy(co, ce - co);
            }
            if (tag != (primitiveTag | Asn1Tag.Constructed)) { _pos = save; Fail("expected an OCTET STRING (tag 0x" + Util.Hex.Byte(primitiveTag) + "), found 0x" + Util.Hex.Byte(tag)); return null; }
            // Constructed: the primitive segments, in order, at any (bounded) depth. The segments lie
            // inside [co, ce) in order, so their total is at most ce - co; count first, then copy.
            int total = 0;
            int segments = 0;
            if (!Segments(co, ce, 1, null, ref total, ref segments, maxLength)) return null;
            byte[] r = new byte[total];
            int at = 0;
            segments = 0;
            if (!Segments(co, ce, 1, r, ref at, ref segments, maxLength)) return null;
            _nonDer = true;   // DER never uses the constructed form (X.690 §10.2)
            return r;
        }

        // Walks the segments of a constructed OCTET STRING in [p, end): counts their length into n,
        // or, with output, copies them there at n. Recursion is bounded by MaxDepth.
        private bool Segments(int p, int end, int depth, byte[] output, ref int n, ref int count, int max)
        {
            if (depth > MaxDepth) return Fail("constructed OCTET STRING nested deeper than " + MaxDepth.ToString());
            BerReader r = new BerReader(_data, p, end - p, _depth + depth);
            while (r.HasMore)
            {
                if (++count > MaxSegments) return Fail("constructed OCTET STRING of more than " + MaxSegments.ToString() + " segments");
                int tag, co, ce, eo, ee;
                if (!r.TryReadElement(out tag, out co, out ce, out eo, out ee)) return Fail(r.Error);
                if (r._nonDer) _nonDer = true;
                if (tag == Asn1Tag.OctetString)
                {
                    int len = ce - co;
                    if (len > max - n) return Fail("OCTET STRING longer than " + max.ToString() + " bytes");
                    if (output != null) System.Array.Copy(_data, co, output, n, len);
                    n += len;
                }
                else if (tag == (Asn1Tag.OctetString | Asn1Tag.Constructed))
                {
                    if (!Segments(co, ce, depth + 1, output, ref n, ref count, max)) return false;
                }
                else return Fail("segment of a constructed OCTET STRING has tag 0x" + Util.Hex.Byte(tag));
            }
            return true;
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
