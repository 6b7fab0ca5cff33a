using System.Collections;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Dns
{
    /// <summary>The DNS messages a phone needs (RFC 1035 §4.1): a recursive query for one name
    /// and type, and the answer section of the reply with A, CNAME and SRV (RFC 2782) records.
    /// Names are read with compression (§4.1.4) where every pointer must point backwards, so
    /// a crafted reply cannot loop; every count and length is capped.</summary>
    public sealed class DnsMessage
    {
        public const int TypeA = 1;
        public const int TypeCname = 5;
        public const int TypeSrv = 33;
        public const int ClassIn = 1;
        public const int MaxUdpMessage = 4096;
        public const int MaxRecords = 64;
        public const int MaxName = 255;          // §2.3.4

        public const int RcodeNoError = 0;
        public const int RcodeFormErr = 1;
        public const int RcodeServFail = 2;
        public const int RcodeNxDomain = 3;
        public const int RcodeNotImp = 4;
        public const int RcodeRefused = 5;

        public int Id;
        public bool IsResponse;
        public bool Truncated;
        public bool RecursionAvailable;
        public int Rcode;
        public string QuestionName = "";
        public int QuestionType;

        /// <summary>Answer records in order: owner name, type, TTL and the decoded data (Address for A,
        /// Target for CNAME and SRV, Priority/Weight/Port for SRV).</summary>
        public DnsRecord[] Answers = new DnsRecord[0];
        /// <summary>The additional section (servers put the A records of SRV targets there).</summary>
        public DnsRecord[] Additional = new DnsRecord[0];

        private static DnsRecord[] ToArray(ArrayList a)
        {
            DnsRecord[] r = new DnsRecord[a.Count];
            for (int i = 0; i < r.Length; i++) r[i] = (DnsRecord)a[i];
            return r;
        }

        public static string RcodeName(int rcode)
        {
            switch (rcode)
            {
                case RcodeNoError: return "NOERROR";
                case RcodeFormErr: return "FORMERR";
                case RcodeServFail: return "SERVFAIL";
                case RcodeNxDomain: return "NXDOMAIN";
                case RcodeNotImp: return "NOTIMP";
                case RcodeRefused: return "REFUSED";
                default: return "RCODE " + rcode.ToString();
            }
        }

        /// <summary>A standard query with RD set (§4.1.1), class IN; null with the reason for a bad name.</summary>
        public static byte[] BuildQuery(int id, string name, int type, out string reason)
        {
            reason = null;
            byte[] qname = EncodeName(name, out reason);
            if (qname == null) return null;
            byte[] b = new byte[12 + qname.Length + 4];
            BigEndian.WriteUInt16(b, 0, id & 0xFFFF);
            b[2] = 0x01;                         // RD
            BigEndian.WriteUInt16(b, 4, 1);      // QDCOUNT
            System.Array.Copy(qname, 0, b, 12, qname.Length);
            BigEndian.WriteUInt16(b, 12 + qname.Length, type);
            BigEndian.WriteUInt16(b, 14 + qname.Length, ClassIn);
            return b;
        }

        /// <summary>Labels of 1..63 octets of letters, digits, '-' and '_' (SRV owner names), 255 octets at most.</summary>
        public static byte[] EncodeName(string name, out string reason)
        {
            reason = null;
            if (name == null || name.Length == 0) { reason = "empty name"; return null; }
            if (name[name.Length - 1] == '.') name = name.Substring(0, name.Length - 1);
            byte[] b = new byte[name.Length + 2];
            int o = 0, start = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i < name.Length && name[i] != '.')
                {
                    char c = name[i];
                    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                    if (!ok) { reason = "\"" + name + "\" has a character not allowed in a host name"; return null; }
                    continue;
                }
                int len = i - start;
                if (len == 0 || len > 63) { reason = "\"" + name + "\" has an empty label or one longer than 63"; return null; }
                b[o++] = (byte)len;
                for (int k = start; k < i; k++) b[o++] = (byte)name[k];
                start = i + 1;
            }
            b[o++] = 0;
            if (o > MaxName) { reason = "\"" + name + "\" is longer than 255 octets"; return null; }
            byte[] r = new byte[o];
            System.Array.Copy(b, r, o);
            return r;
        }

        public static DnsMessage TryParse(byte[] b, int count, out string reason)
        {
            reason = null;
            if (b == null || count < 12) { reason = "shorter than a DNS header"; return null; }
            if (count > MaxUdpMessage || count > b.Length) { reason = "longer than " + MaxUdpMessage.ToString() + " octets"; return null; }
            DnsMessage m = new DnsMessage();
            m.Id = BigEndian.ReadUInt16(b, 0);
            m.IsResponse = (b[2] & 0x80) != 0;
            m.Truncated = (b[2] & 0x02) != 0;
            m.RecursionAvailable = (b[3] & 0x80) != 0;
            m.Rcode = b[3] & 0x0F;
            int qd = BigEndian.ReadUInt16(b, 4), an = BigEndian.ReadUInt16(b, 6), ns = BigEndian.ReadUInt16(b, 8), ar = BigEndian.ReadUInt16(b, 10);
            if (qd > 1) { reason = qd.ToString() + " questions"; return null; }
            int o = 12;
            if (qd == 1)
            {
                m.QuestionName = ReadName(b, count, ref o, out reason);
                if (m.QuestionName == null) return null;
                if (o + 4 > count) { reason = "question truncated"; return null; }
                m.QuestionType = BigEndian.ReadUInt16(b, o);
                o += 4;
            }
            if (an + ns + ar > MaxRecords) { reason = (an + ns + ar).ToString() + " records (at most " + MaxRecords.ToString() + ")"; return null; }
            ArrayList answers = new ArrayList(), additional = new ArrayList();
            for (int i = 0; i < an + ns + ar; i++)
            {
                DnsRecord r = new DnsRecord();
                r.Name = ReadName(b, count, ref o, out reason);
                if (r.Name == null) return null;
                if (o + 10 > count) { reason = "record " + i.ToString() + " truncated"; return null; }
                r.Type = BigEndian.ReadUInt16(b, o);
                int cls = BigEndian.ReadUInt16(b, o + 2);
                r.Ttl = BigEndian.ReadUInt32(b, o + 4);
                int rdlen = BigEndian.ReadUInt16(b, o + 8);
                o += 10;
                if (o + rdlen > count) { reason = "record " + i.ToString() + " data past the end"; return null; }
                int end = o + rdlen;
                if (cls == ClassIn && r.Type == TypeA)
                {
                    if (rdlen != 4) { reason = "A record of " + rdlen.ToString() + " octets"; return null; }
                    r.Address = Ip4.Read(b, o);
                }
                else if (cls == ClassIn && r.Type == TypeCname)
                {
                    int p = o;
                    r.Target = ReadName(b, end, ref p, out reason);
                    if (r.Target == null) return null;
                }
                else if (cls == ClassIn && r.Type == TypeSrv)
                {
                    if (rdlen < 7) { reason = "SRV record of " + rdlen.ToString() + " octets"; return null; }
                    r.Priority = BigEndian.ReadUInt16(b, o);
                    r.Weight = BigEndian.ReadUInt16(b, o + 2);
                    r.Port = BigEndian.ReadUInt16(b, o + 4);
                    int p = o + 6;
                    r.Target = ReadName(b, end, ref p, out reason);
                    if (r.Target == null) return null;
                }
                o = end;
                if (i < an) answers.Add(r);
                else if (i >= an + ns) additional.Add(r);      // authority records are not needed
            }
            m.Answers = ToArray(answers);
            m.Additional = ToArray(additional);
            return m;
        }

        /// <summary>§4.1.4: labels, or a pointer to an earlier name; a pointer must point before
        /// the place it was read from, so chains are finite. limit bounds the uncompressed part.</summary>
        private static string ReadName(byte[] b, int limit, ref int o, out string reason)
        {
            reason = null;
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            int p = o;
            int jumpedFrom = -1;
            int length = 0;
            for (int guard = 0; guard < 256; guard++)
            {
                int lim = jumpedFrom >= 0 ? jumpedFrom : limit;
                if (p >= lim) { reason = "name runs past its end"; return null; }
                int len = b[p];
                if ((len & 0xC0) == 0xC0)
                {
                    if (p + 1 >= lim) { reason = "compression pointer truncated"; return null; }
                    int target = ((len & 0x3F) << 8) | b[p + 1];
                    if (jumpedFrom < 0) o = p + 2;
                    if (target >= p) { reason = "compression pointer does not point backwards"; return null; }
                    jumpedFrom = p;
                    p = target;
                    continue;
                }
                if ((len & 0xC0) != 0) { reason = "unknown label type"; return null; }
                if (len == 0)
                {
                    if (jumpedFrom < 0) o = p + 1;
                    return sb.Length == 0 ? "." : sb.ToString();
                }
                if (p + 1 + len > lim) { reason = "label runs past its end"; return null; }
                length += len + 1;
                if (length > MaxName) { reason = "name longer than 255 octets"; return null; }
                if (sb.Length > 0) sb.Append('.');
                sb.Append(Ascii.Printable(b, p + 1, len));
                p += 1 + len;
            }
            reason = "name has too many labels";
            return null;
        }
    }

    public sealed class DnsRecord
    {
        public string Name;
        public int Type;
        public uint Ttl;
        public uint Address;
        public string Target;
        public int Priority;
        public int Weight;
        public int Port;
    }
}
