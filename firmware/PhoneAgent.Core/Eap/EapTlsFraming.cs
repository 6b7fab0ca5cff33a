namespace PhoneAgent.Core.Eap
{
    /// <summary>TLS records inside EAP, RFC 5216 §2.1.5 and §3.1 (also PEAP's framing, which
    /// uses the same Flags octet with its version in the three low bits): the Type-Data of an
    /// EAP-TLS packet is
    /// <code>
    ///   Flags (L M S R R R R R) | TLS Message Length (4 octets, when L) | TLS Data
    /// </code>
    /// Incoming: Accept() takes one Request's Type-Data and says what it was (Start, a fragment
    /// to acknowledge, the last fragment of a message, an acknowledgement of ours, malformed,
    /// too large); fragments are reassembled up to MaxMessage octets. Outgoing: Queue() takes
    /// a whole TLS flight, NextFragment() returns the Type-Data of the next Response, at most
    /// FragmentSize octets of TLS Data each (wpa_supplicant's fragment_size counts the same
    /// way), the L bit and the total length on the first fragment of a fragmented message
    /// only, M on all but the last. Ack() is the empty Response (flags only).
    ///
    /// No I/O, no state beyond one message in each direction; the reserved and version bits
    /// are ignored here (PEAP reads its version from Flags). Never throws on content.</summary>
    public sealed class EapTlsFraming
    {
        public const int FlagLengthIncluded = 0x80;
        public const int FlagMoreFragments = 0x40;
        public const int FlagStart = 0x20;
        /// <summary>The three low bits: reserved in EAP-TLS, the version in PEAP.</summary>
        public const int VersionMask = 0x07;

        /// <summary>wpa_supplicant's default fragment_size: TLS Data octets per fragment. An
        /// EAP-TLS Response is then at most 5 + 1 + 4 + 1398 = 1408 octets, which fits a
        /// 1500-octet Ethernet payload with the 4-octet EAPOL header.</summary>
        public const int DefaultFragmentSize = 1398;
        /// <summary>Largest reassembled TLS message accepted (a server flight with a long
        /// chain is 3..10 KB).</summary>
        public const int DefaultMaxMessage = 65536;
        public const int MinFragmentSize = 64;

        // Accept() results.
        public const int Malformed = 0;
        /// <summary>S bit: a new conversation starts (RFC 5216 §2.1.1). Flags has the version bits.</summary>
        public const int Start = 1;
        /// <summary>A fragment with M: stored; answer with Ack() (§2.1.5).</summary>
        public const int NeedAck = 2;
        /// <summary>The last (or only) fragment: TakeMessage() has the whole TLS data.</summary>
        public const int Complete = 3;
        /// <summary>An empty Request while we have fragments left: answer with NextFragment().</summary>
        public const int Acknowledged = 4;
        /// <summary>The message exceeds MaxMessage (by its TLS Message Length or by its
        /// fragments): unrecoverable, Reason says how large.</summary>
        public const int TooLarge = 5;

        private readonly int _fragmentSize;
        private readonly int _maxMessage;

        // Incoming reassembly.
        private byte[] _in;
        private int _inCount;
        private long _inDeclared = -1;
        private bool _reassembling;
        private int _inFragments;

        // Outgoing fragmentation.
        private byte[] _out;
        private int _outPos;
        private bool _sending;

        private int _flags;
        private string _reason = "";
        private long _bytesIn;
        private long _bytesOut;

        public EapTlsFraming() : this(DefaultFragmentSize, DefaultMaxMessage) { }

        /// <summary>fragmentSize: TLS Data octets per outgoing fragment (at least
        /// MinFragmentSize). maxMessage: cap of a reassembled incoming message.</summary>
        public EapTlsFraming(int fragmentSize, int maxMessage)
        {
            if (fragmentSize < MinFragmentSize || fragmentSize > 65000) throw new System.ArgumentException("fragmentSize out of range");
            if (maxMessage < 1024) throw new System.ArgumentException("maxMessage below 1024");
            _fragmentSize = fragmentSize;
            _maxMessage = maxMessage;
        }

        public int FragmentSize { get { return _fragmentSize; } }
        public int MaxMessage { get { return _maxMessage; } }
        /// <summary>The Flags octet of the last accepted packet (PEAP: Flags &amp; VersionMask).</summary>
        public int Flags { get { return _flags; } }
        /// <summary>Why the last packet was Malformed or TooLarge.</summary>
        public string Reason { get { return _reason; } }
        /// <summary>True while the peer's message is being reassembled (we owe ACKs).</summary>
        public bool Reassembling { get { return _reassembling; } }
        /// <summary>True while fragments of our message remain to be sent.</summary>
        public bool Sending { get { return _sending; } }
        /// <summary>Fragments of the message being (or last) reassembled.</summary>
        public int FragmentsIn { get { return _inFragments; } }
        /// <summary>TLS Data octets received and sent since Reset (for bounds and statistics).</summary>
        public long BytesIn { get { return _bytesIn; } }
        public long BytesOut { get { return _bytesOut; } }

        public void Reset()
        {
            ClearMessages();
            _flags = 0;
            _reason = "";
            _bytesIn = 0;
            _bytesOut = 0;
        }

        /// <summary>Drops the message being reassembled and the one being sent.</summary>
        private void ClearMessages()
        {
            _in = null;
            _inCount = 0;
            _inDeclared = -1;
            _reassembling = false;
            _inFragments = 0;
            _out = null;
            _outPos = 0;
            _sending = false;
        }

        /// <summary>One Request's Type-Data (after the Type octet): typeData[offset..offset+count).</summary>
        public int Accept(byte[] typeData, int offset, int count)
        {
            if (typeData == null || offset < 0 || count < 0 || offset > typeData.Length - count)
                throw new System.ArgumentException("offset/count outside the buffer");
            _reason = "";
            if (count < 1) return Bad("no Flags octet");
            int flags = typeData[offset];
            bool l = (flags & FlagLengthIncluded) != 0;
            bool m = (flags & FlagMoreFragments) != 0;
            bool s = (flags & FlagStart) != 0;
            int pos = offset + 1;
            int end = offset + count;
            long declared = -1;
            if (l)
            {
                if (end - pos < 4) return Bad("L flag set but only " + (end - pos).ToString() + " octets follow the Flags (TLS Message Length needs 4)");
                declared = Util.BigEndian.ReadUInt32(typeData, pos);
                pos += 4;
            }
            int dataLength = end - pos;

            if (s)
            {
                // §2.1.1: the EAP-TLS Start carries no data; PEAP's too (its version is in Flags).
                if (m || l) return Bad("S flag together with " + (m ? "M" : "L") + " (flags 0x" + Util.Hex.Byte(flags) + ")");
                _flags = flags;
                ClearMessages();
                return Start;
            }

            if (_sending)
            {
                // §2.1.5: while we send fragments the server answers each with an empty Request.
                if (dataLength != 0 || m) return Bad("a Request with " + dataLength.ToString() + " octets of TLS data while " +
                    (_out.Length - _outPos).ToString() + " octets of our message were still to be sent (an acknowledgement has none)");
                _flags = flags;
                return Acknowledged;
            }

            if (l)
            {
                if (declared > _maxMessage)
                    return Large("TLS Message Length " + declared.ToString() + " exceeds this phone's limit of " + _maxMessage.ToString() + " octets");
                if (declared < dataLength)
                    return Bad("TLS Message Length " + declared.ToString() + " is shorter than the " + dataLength.ToString() + " octets of this fragment");
                if (_reassembling && _inDeclared >= 0 && declared != _inDeclared)
                    return Bad("TLS Message Length changed from " + _inDeclared.ToString() + " to " + declared.ToString() + " within one message");
            }
            if (m && dataLength == 0) return Bad("M flag set on a fragment without TLS data");

            if (!_reassembling)
            {
                if (!m)
                {
                    if (l && declared != dataLength)
                        return Bad("TLS Message Length " + declared.ToString() + " but the unfragmented message has " + dataLength.ToString() + " octets");
                    if (dataLength > _maxMessage)
                        return Large("TLS message of " + dataLength.ToString() + " octets exceeds this phone's limit of " + _maxMessage.ToString());
                    _in = new byte[dataLength];
                    System.Array.Copy(typeData, pos, _in, 0, dataLength);
                    _inCount = dataLength;
                    _inFragments = 1;
                    _bytesIn += dataLength;
                    _flags = flags;
                    return Complete;
                }
                _reassembling = true;
                _inFragments = 0;
                _inCount = 0;
                _inDeclared = declared;
                _in = new byte[declared >= 0 ? (int)declared : (dataLength * 2 < 4096 ? 4096 : dataLength * 2)];
            }
            if (_inCount + dataLength > _maxMessage)
            {
                int had = _inCount;
                AbandonIn();
                return Large("the fragments add up to more than this phone's limit of " + _maxMessage.ToString() + " octets (" +
                    (had + dataLength).ToString() + " so far)");
            }
            if (_inDeclared >= 0 && _inCount + dataLength > _inDeclared)
            {
                long declaredWas = _inDeclared;
                int had = _inCount;
                AbandonIn();
                return Bad("fragments carry " + (had + dataLength).ToString() + " octets, more than the TLS Message Length " + declaredWas.ToString());
            }
            if (_inCount + dataLength > _in.Length)
            {
                int size = _in.Length * 2;
                while (size < _inCount + dataLength) size *= 2;
                if (size > _maxMessage) size = _maxMessage;
                byte[] grown = new byte[size];
                System.Array.Copy(_in, 0, grown, 0, _inCount);
                _in = grown;
            }
            System.Array.Copy(typeData, pos, _in, _inCount, dataLength);
            _inCount += dataLength;
            _inFragments++;
            _bytesIn += dataLength;
            _flags = flags;
            if (m) return NeedAck;
            if (_inDeclared >= 0 && _inCount != _inDeclared)
            {
                long declaredWas = _inDeclared;
                int had = _inCount;
                AbandonIn();
                return Bad("the last fragment ends the message at " + had.ToString() + " octets, but its TLS Message Length was " + declaredWas.ToString());
            }
            _reassembling = false;
            return Complete;
        }

        /// <summary>The reassembled TLS data of the last Complete message (consumed).</summary>
        public byte[] TakeMessage()
        {
            if (_in == null) return new byte[0];
            byte[] r = _in;
            if (_inCount != r.Length)
            {
                r = new byte[_inCount];
                System.Array.Copy(_in, 0, r, 0, _inCount);
            }
            _in = null;
            _inCount = 0;
            _inDeclared = -1;
            return r;
        }

        /// <summary>A TLS flight to send (null or empty: nothing; NextFragment then gives an Ack).</summary>
        public void Queue(byte[] tls)
        {
            _out = tls == null || tls.Length == 0 ? null : tls;
            _outPos = 0;
            _sending = false;
        }

        /// <summary>The next Response's Type-Data: flags (with versionBits), the TLS Message
        /// Length on the first fragment of a fragmented message, and up to FragmentSize octets.
        /// With nothing queued: an Ack.</summary>
        public byte[] NextFragment(int versionBits)
        {
            if (_out == null) return Ack(versionBits);
            int left = _out.Length - _outPos;
            int n = left > _fragmentSize ? _fragmentSize : left;
            bool more = n < left;
            bool first = _outPos == 0;
            bool withLength = first && more;
            byte[] r = new byte[1 + (withLength ? 4 : 0) + n];
            r[0] = (byte)((versionBits & VersionMask) | (more ? FlagMoreFragments : 0) | (withLength ? FlagLengthIncluded : 0));
            int at = 1;
            if (withLength)
            {
                Util.BigEndian.WriteUInt32(r, 1, (uint)_out.Length);
                at = 5;
            }
            System.Array.Copy(_out, _outPos, r, at, n);
            _outPos += n;
            _bytesOut += n;
            _sending = more;
            if (!more)
            {
                _out = null;
                _outPos = 0;
            }
            return r;
        }

        /// <summary>RFC 5216 §2.1.5: the acknowledgement, an EAP-TLS packet with no data.</summary>
        public static byte[] Ack(int versionBits)
        {
            return new byte[] { (byte)(versionBits & VersionMask) };
        }

        /// <summary>"L M S" letters of a Flags octet, for notes.</summary>
        public static string DescribeFlags(int flags)
        {
            string s = "";
            if ((flags & FlagLengthIncluded) != 0) s += "L";
            if ((flags & FlagMoreFragments) != 0) s += "M";
            if ((flags & FlagStart) != 0) s += "S";
            return s.Length == 0 ? "-" : s;
        }

        private void AbandonIn()
        {
            _in = null;
            _inCount = 0;
            _inDeclared = -1;
            _reassembling = false;
        }

        private int Bad(string why)
        {
            _reason = why;
            return Malformed;
        }

        private int Large(string why)
        {
            AbandonIn();
            _reason = why;
            return TooLarge;
        }
    }
}
