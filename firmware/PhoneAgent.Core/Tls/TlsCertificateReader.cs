namespace PhoneAgent.Core.Tls
{
    /// <summary>Reads a TLS 1.2 server's first flight (RFC 5246 §6.2 records, §7.4 handshake) far
    /// enough to take the Certificate message's certificate_list, then stops. Input arrives in
    /// any pieces (Feed); every length is capped; malformed input ends in State = Failed with
    /// a reason, never an exception.</summary>
    public sealed class TlsCertificateReader
    {
        public const int NeedMore = 0;
        public const int GotCertificates = 1;
        public const int Failed = 2;

        public const int MaxRecord = 16384 + 2048;      // TLSCiphertext limit, RFC 5246 §6.2.3
        public const int MaxHandshake = 65536;
        public const int MaxCertificates = 16;

        private readonly byte[] _rec = new byte[5 + MaxRecord];
        private int _recHave;
        private byte[] _hs = new byte[1024];
        private int _hsHave;
        private int _state = NeedMore;
        private string _reason = "";
        private int _serverVersion;
        private byte[][] _certs;

        public int State { get { return _state; } }
        public string Reason { get { return _reason; } }
        /// <summary>The version the ServerHello chose (0x0303 for TLS 1.2), 0 before it.</summary>
        public int ServerVersion { get { return _serverVersion; } }
        public byte[][] Certificates { get { return _certs; } }

        public void Feed(byte[] data, int offset, int count)
        {
            int i = 0;
            while (i < count && _state == NeedMore)
            {
                int want = _recHave < 5 ? 5 - _recHave : 5 + RecordLength() - _recHave;
                int take = count - i < want ? count - i : want;
                System.Array.Copy(data, offset + i, _rec, _recHave, take);
                _recHave += take;
                i += take;
                if (_recHave == 5)
                {
                    if (_rec[1] != 3) { Fail("not a TLS server (record version " + _rec[1].ToString() + "." + _rec[2].ToString() + ")"); return; }
                    if (RecordLength() > MaxRecord) { Fail("TLS record longer than allowed"); return; }
                }
                if (_recHave >= 5 && _recHave == 5 + RecordLength())
                {
                    Record(_rec[0], 5, RecordLength());
                    _recHave = 0;
                }
            }
        }

        private int RecordLength() { return (_rec[3] << 8) | _rec[4]; }

        private void Record(int type, int offset, int length)
        {
            if (type == 21)
            {
                // Alert: level, description (RFC 5246 §7.2)
                int desc = length >= 2 ? _rec[offset + 1] : -1;
                Fail("the server sent TLS alert " + desc.ToString() + " (" + AlertName(desc) + ")");
                return;
            }
            if (type != 22) { Fail("unexpected TLS record type " + type.ToString() + " before the Certificate message"); return; }
            if (_hsHave + length > MaxHandshake) { Fail("handshake data larger than " + MaxHandshake.ToString() + " bytes"); return; }
            if (_hsHave + length > _hs.Length)
            {
                int n = _hs.Length;
                while (n < _hsHave + length) n *= 2;
                byte[] bigger = new byte[n > MaxHandshake ? MaxHandshake : n];
                System.Array.Copy(_hs, bigger, _hsHave);
                _hs = bigger;
            }
            System.Array.Copy(_rec, offset, _hs, _hsHave, length);
            _hsHave += length;
            Messages();
        }

        private void Messages()
        {
            int p = 0;
            while (_state == NeedMore && _hsHave - p >= 4)
            {
                int type = _hs[p];
                int len = (_hs[p + 1] << 16) | (_hs[p + 2] << 8) | _hs[p + 3];
                if (len > MaxHandshake) { Fail("handshake message longer than allowed"); return; }
                if (_hsHave - p - 4 < len) break;
                Message(type, p + 4, len);
                p += 4 + len;
            }
            if (p > 0)
            {
                System.Array.Copy(_hs, p, _hs, 0, _hsHave - p);
                _hsHave -= p;
            }
        }

        private void Message(int type, int o, int len)
        {
            if (type == 2)
            {
                if (len < 2) { Fail("ServerHello too short"); return; }
                _serverVersion = (_hs[o] << 8) | _hs[o + 1];
                if (_serverVersion == 0x7F1C || ServerHelloIsTls13(o, len))
                    Fail("the server negotiated TLS 1.3, which encrypts the certificates");
                else if (_serverVersion < 0x0301 || _serverVersion > 0x0303)
                    Fail("the server chose TLS version 0x" + Util.Hex.Byte(_serverVersion >> 8) + Util.Hex.Byte(_serverVersion));
                return;
            }
            if (type != 11) return;                    // ServerHello done; skip others until Certificate
            // Certificate: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1> (RFC 5246 §7.4.2)
            if (len < 3) { Fail("Certificate message too short"); return; }
            int listLen = (_hs[o] << 16) | (_hs[o + 1] << 8) | _hs[o + 2];
            if (listLen != len - 3) { Fail("certificate_list length does not match the message"); return; }
            System.Collections.ArrayList certs = new System.Collections.ArrayList();
            int p = o + 3, end = o + len;
            while (p < end)
            {
                if (end - p < 3) { Fail("certificate entry truncated"); return; }
                int cl = (_hs[p] << 16) | (_hs[p + 1] << 8) | _hs[p + 2];
                p += 3;
                if (cl == 0 || cl > end - p) { Fail("certificate length runs past the message"); return; }
                if (certs.Count >= MaxCertificates) { Fail("more than " + MaxCertificates.ToString() + " certificates"); return; }
                byte[] c = new byte[cl];
                System.Array.Copy(_hs, p, c, 0, cl);
                certs.Add(c);
                p += cl;
            }
            if (certs.Count == 0) { Fail("the server sent an empty certificate list"); return; }
            _certs = new byte[certs.Count][];
            for (int i = 0; i < certs.Count; i++) _certs[i] = (byte[])certs[i];
            _state = GotCertificates;
        }

        /// <summary>A TLS 1.3 ServerHello says 0x0303 and puts 0x0304 in supported_versions (RFC 8446 §4.2.1).</summary>
        private bool ServerHelloIsTls13(int o, int len)
        {
            int p = o + 2 + 32;
            if (p >= o + len) return false;
            p += 1 + _hs[p];                            // session id
            p += 3;                                     // cipher suite, compression
            if (p + 2 > o + len) return false;
            int extEnd = p + 2 + ((_hs[p] << 8) | _hs[p + 1]);
            p += 2;
            if (extEnd > o + len) return false;
            while (p + 4 <= extEnd)
            {
                int type = (_hs[p] << 8) | _hs[p + 1];
                int l = (_hs[p + 2] << 8) | _hs[p + 3];
                if (type == 43 && l == 2 && p + 6 <= extEnd && _hs[p + 4] == 3 && _hs[p + 5] == 4) return true;
                p += 4 + l;
            }
            return false;
        }

        private void Fail(string why)
        {
            _state = Failed;
            _reason = why;
        }

        public static string AlertName(int d)
        {
            switch (d)
            {
                case 40: return "handshake_failure: no cipher suite or version in common";
                case 42: return "bad_certificate";
                case 70: return "protocol_version: the server refuses TLS 1.2";
                case 71: return "insufficient_security";
                case 80: return "internal_error";
                case 112: return "unrecognized_name: the server does not know this SNI name";
                default: return "see RFC 5246 §7.2";
            }
        }
    }
}
