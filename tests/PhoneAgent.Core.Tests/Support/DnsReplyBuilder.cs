using System.Collections;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>Builds the reply to a query the phone sent (RFC 1035 §4.1): its ID and question,
    /// then answer and additional records written here by hand, uncompressed. For machine
    /// tests that need several different answers; the resolver's own parsing is proven on
    /// captured dnsmasq replies in DnsResolverTests.</summary>
    public sealed class DnsReplyBuilder
    {
        private readonly byte[] _query;
        private readonly ArrayList _answers = new ArrayList();
        private readonly ArrayList _additional = new ArrayList();
        private int _rcode;

        public DnsReplyBuilder(byte[] query) { _query = query; }

        public DnsReplyBuilder Rcode(int rcode) { _rcode = rcode; return this; }

        public DnsReplyBuilder A(string name, uint address, bool additional)
        {
            byte[] data = new byte[4];
            BigEndian.WriteUInt32(data, 0, address);
            (additional ? _additional : _answers).Add(Record(name, 1, data));
            return this;
        }

        public DnsReplyBuilder Srv(string name, int priority, int weight, int port, string target)
        {
            byte[] t = Name(target);
            byte[] data = new byte[6 + t.Length];
            BigEndian.WriteUInt16(data, 0, priority);
            BigEndian.WriteUInt16(data, 2, weight);
            BigEndian.WriteUInt16(data, 4, port);
            System.Array.Copy(t, 0, data, 6, t.Length);
            _answers.Add(Record(name, 33, data));
            return this;
        }

        public byte[] Build()
        {
            int length = _query.Length;
            for (int i = 0; i < _answers.Count; i++) length += ((byte[])_answers[i]).Length;
            for (int i = 0; i < _additional.Count; i++) length += ((byte[])_additional[i]).Length;
            byte[] b = new byte[length];
            System.Array.Copy(_query, b, _query.Length);
            b[2] = 0x85;                             // QR, AA, RD
            b[3] = (byte)(0x80 | _rcode);            // RA
            BigEndian.WriteUInt16(b, 6, _answers.Count);
            BigEndian.WriteUInt16(b, 10, _additional.Count);
            int o = _query.Length;
            for (int i = 0; i < _answers.Count; i++) o = Put(b, o, (byte[])_answers[i]);
            for (int i = 0; i < _additional.Count; i++) o = Put(b, o, (byte[])_additional[i]);
            return b;
        }

        private static int Put(byte[] b, int o, byte[] r)
        {
            System.Array.Copy(r, 0, b, o, r.Length);
            return o + r.Length;
        }

        private static byte[] Record(string name, int type, byte[] data)
        {
            byte[] n = Name(name);
            byte[] r = new byte[n.Length + 10 + data.Length];
            System.Array.Copy(n, r, n.Length);
            BigEndian.WriteUInt16(r, n.Length, type);
            BigEndian.WriteUInt16(r, n.Length + 2, 1);
            BigEndian.WriteUInt32(r, n.Length + 4, 300);
            BigEndian.WriteUInt16(r, n.Length + 8, data.Length);
            System.Array.Copy(data, 0, r, n.Length + 10, data.Length);
            return r;
        }

        private static byte[] Name(string name)
        {
            byte[] b = new byte[name.Length + 2];
            int o = 0, start = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i < name.Length && name[i] != '.') continue;
                b[o++] = (byte)(i - start);
                for (int k = start; k < i; k++) b[o++] = (byte)name[k];
                start = i + 1;
            }
            b[o++] = 0;
            byte[] r = new byte[o];
            System.Array.Copy(b, r, o);
            return r;
        }
    }
}
