namespace PhoneAgent.Core.Eap
{
    /// <summary>The TLS record carriage of EAP-TLS (RFC 5216 §2.1.5 fragmentation, §3.1/§3.2
    /// packet format) shared by the TLS-based methods (PEAP keeps its version in the low three
    /// flag bits, draft-josefsson-pppext-eap-tls-eap-06 §3.1). Type-Data: Flags (L 0x80 length
    /// included, M 0x40 more fragments, S 0x20 start, then reserved or version bits), TLS
    /// Message Length (4 octets, when L), TLS data. The peer's side: incoming fragments are
    /// acknowledged with empty responses and reassembled up to MaxMessage; outgoing messages
    /// longer than FragmentSize are sent in fragments, each after the server's empty
    /// acknowledgement, the first with L and the total length. Never throws on content.
    /// (Written for PEAP in the peap branch; the EAP-TLS work carries the same framing and the
    /// two should be merged into one class.)</summary>
    public sealed class EapTlsFraming
    {
        public const int FlagLength = 0x80;
        public const int FlagMore = 0x40;
        public const int FlagStart = 0x20;
        /// <summary>PEAP, TTLS and FAST carry their version here; EAP-TLS keeps them 0.</summary>
        public const int VersionMask = 0x07;

        /// <summary>wpa_supplicant's default fragment_size: an EAPOL frame of 1500 bytes holds it
        /// with room for the EAP, EAPOL and RADIUS (EAP-Message) overheads.</summary>
        public const int DefaultFragmentSize = 1398;
        /// <summary>Reassembly cap (RFC 5216 allows 2^32 - 1; a certificate chain of a few
        /// certificates is well under this).</summary>
        public const int DefaultMaxMessage = 65536;

        // Receive results.
        public const int Malformed = 0;
        /// <summary>A fragment with M: answer with Ack().</summary>
        public const int FragmentReceived = 1;
        /// <summary>The whole message is in Message.</summary>
        public const int MessageComplete = 2;
        /// <summary>An empty request while we send fragments: answer with NextFragment().</summary>
        public const int SendNextFragment = 3;
        /// <summary>S set, no data: a new conversation (the method starts its TLS client).</summary>
        public const int Start = 4;
        /// <summary>An empty request with nothing of ours pending (a TLS ACK).</summary>
        public const int EmptyAck = 5;

        private readonly int _fragmentSize;
        private readonly int _maxMessage;

        private byte[] _in;
        private int _inCount;
        private long _inTotal = -1;
        private int _inFragments;

        private byte[] _out;
        private int _outSent;

        private byte[] _message;
        private int _flags;
        private string _reason = "";

        public EapTlsFraming() : this(DefaultFragmentSize, DefaultMaxMessage) { }

        public EapTlsFraming(int fragmentSize, int maxMessage)
        {
            if (fragmentSize < 64) throw new System.ArgumentException("fragment size below 64 bytes");
            if (maxMessage < 1024) throw new System.ArgumentException("message cap below 1024 bytes");
            _fragmentSize = fragmentSize;
            _maxMessage = maxMessage;
        }

        public int FragmentSize { get { return _fragmentSize; } }
        public int MaxMessage { get { return _maxMessage; } }

        /// <summary>Flags of the last request received.</summary>
        public int Flags { get { return _flags; } }
        public int Version { get { return _flags & VersionMask; } }

        /// <summary>The reassembled message after MessageComplete (taken once).</summary>
        public byte[] TakeMessage()
        {
            byte[] m = _message;
            _message = null;
            return m;
        }

        /// <summary>Why the last request was Malformed.</summary>
        public string Reason { get { return _reason; } }

        /// <summary>Fragments of the message being reassembled, or of the last one completed.</summary>
        public int FragmentsReceived { get { return _inFragments; } }

        /// <summary>True while part of our outgoing message waits for the server's acknowledgement.</summary>
        public bool Sending { get { return _out != null && _outSent < _out.Length; } }

        public void Reset()
        {
            _in = null;
            _inCount = 0;
            _inTotal = -1;
            _inFragments = 0;
            _out = null;
            _outSent = 0;
            _message = null;
            _flags = 0;
            _reason = "";
        }

        /// <summary>One request's Type-Data (after the EAP Type octet).</summary>
        public int Receive(byte[] d, int offset, int count)
        {
            _reason = "";
            if (d == null || offset < 0 || count < 0 || offset > d.Length - count) return Bad("no Type-Data");
            if (count < 1) return Bad("request without the flags octet");
            int flags = d[offset];
            _flags = flags;
            int pos = offset + 1;
            int end = offset + count;
            long total = -1;
            if ((flags & FlagLength) != 0)
            {
                if (end - pos < 4) return Bad("L flag without the 4-octet TLS Message Length");
                total = Util.BigEndian.ReadUInt32(d, pos);
                pos += 4;
                if (total > _maxMessage) return Bad("TLS Message Length " + total.ToString() + " exceeds the " + _maxMessage.ToString() + "-byte cap");
            }
            int n = end - pos;
            bool more = (flags & FlagMore) != 0;
            if ((flags & FlagStart) != 0)
            {
                // RFC 5216 §3.1: the Start carries no data. A new conversation forgets everything.
                Reset();
                _flags = flags;
                return Start;
            }
            if (Sending)
            {
                if (n != 0 || more) return Bad("the server sent " + n.ToString() + " bytes while our fragments wait for its acknowledgement");
                return SendNextFragment;
            }
            _out = null;
            if (n == 0 && !more && _in == null) return EmptyAck;
            if (_in == null)
            {
                _inFragments = 0;
                _inTotal = total;
                int initial = total > 0 ? (int)total : (n > 1024 ? n : 1024);
                _in = new byte[initial];
                _inCount = 0;
            }
            else if (total >= 0 && _inTotal >= 0 && total != _inTotal)
            {
                return Bad("TLS Message Length changed from " + _inTotal.ToString() + " to " + total.ToString() + " between fragments");
            }
            if ((long)_inCount + n > _maxMessage) return Bad("reassembled TLS data would exceed the " + _maxMessage.ToString() + "-byte cap");
            if (_inTotal >= 0 && (long)_inCount + n > _inTotal) return Bad("fragments carry more than the announced TLS Message Length " + _inTotal.ToString());
            if (_inCount + n > _in.Length)
            {
                int size = _in.Length * 2;
                while (size < _inCount + n) size *= 2;
                if (size > _maxMessage) size = _maxMessage;
                byte[] bigger = new byte[size];
                System.Array.Copy(_in, 0, bigger, 0, _inCount);
                _in = bigger;
            }
            System.Array.Copy(d, pos, _in, _inCount, n);
            _inCount += n;
            _inFragments++;
            if (more) return FragmentReceived;
            if (_inTotal >= 0 && _inCount != _inTotal)
                return Bad("the last fragment ends at " + _inCount.ToString() + " of the announced " + _inTotal.ToString() + " bytes");
            byte[] m = new byte[_inCount];
            System.Array.Copy(_in, 0, m, 0, _inCount);
            _message = m;
            _in = null;
            _inCount = 0;
            _inTotal = -1;
            return MessageComplete;
        }

        /// <summary>An empty response (the flags octet alone): acknowledges a fragment, or says
        /// the peer has nothing to send.</summary>
        public byte[] Ack(int version)
        {
            return new byte[] { (byte)(version & VersionMask) };
        }

        /// <summary>Queues a message to send; the first fragment comes from NextFragment.</summary>
        public void SetOutgoing(byte[] message)
        {
            if (message == null) throw new System.ArgumentNullException(nameof(message));
            _out = message;
            _outSent = 0;
        }

        /// <summary>The next response Type-Data of the queued message: all of it when it fits,
        /// else a fragment (the first with L and the total length, all but the last with M).</summary>
        public byte[] NextFragment(int version)
        {
            if (_out == null) return Ack(version);
            int remaining = _out.Length - _outSent;
            bool first = _outSent == 0;
            bool fragmented = _out.Length > _fragmentSize;
            int header = 1 + (first && fragmented ? 4 : 0);
            int n = remaining > _fragmentSize ? _fragmentSize : remaining;
            bool more = n < remaining;
            byte[] r = new byte[header + n];
            int flags = version & VersionMask;
            if (more) flags |= FlagMore;
            if (first && fragmented)
            {
                flags |= FlagLength;
                Util.BigEndian.WriteUInt32(r, 1, (uint)_out.Length);
            }
            r[0] = (byte)flags;
            System.Array.Copy(_out, _outSent, r, header, n);
            _outSent += n;
            if (!more) _out = null;
            return r;
        }

        private int Bad(string why)
        {
            _reason = why;
            return Malformed;
        }
    }
}
