using System.Collections;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Dns
{
    /// <summary>A stub resolver for one question at a time (RFC 1035 §7, RFC 1123 §6.1.3.3):
    /// the query goes to each configured server in turn (DHCP option 6), waiting 1, 2, then
    /// 4 s per round, three rounds at most; a reply must come from the server asked, to our
    /// port, with our ID and question. A-record answers follow CNAMEs inside the reply; SRV
    /// answers (RFC 2782) are ordered by priority, then weighted-random within a priority.
    /// No TCP fallback: a truncated reply is reported as such.</summary>
    public sealed class DnsResolver
    {
        public const string Source = "dns";
        public const int Port = 53;
        public const int Rounds = 3;

        public const int Idle = 0;
        public const int Asking = 1;
        public const int Answered = 2;
        public const int Failed = 3;

        private readonly uint[] _servers;
        private readonly int _localPort;
        private readonly IRandom _random;
        private int _state = Idle;
        private string _name;
        private int _type;
        private int _id;
        private byte[] _query;
        private int _attempt;
        private long _deadline = Deadline.None;
        private string _reason = "";
        private uint[] _addresses = new uint[0];
        private DnsRecord[] _srv = new DnsRecord[0];
        private DnsMessage _reply;

        public DnsResolver(uint[] servers, int localPort, IRandom random)
        {
            _servers = servers ?? new uint[0];
            _localPort = localPort;
            _random = random;
        }

        public int State { get { return _state; } }
        public string Reason { get { return _reason; } }
        public uint[] Addresses { get { return _addresses; } }
        /// <summary>SRV records in the order to try them (RFC 2782), each with Address set when the reply's additional section gave one.</summary>
        public DnsRecord[] Services { get { return _srv; } }
        public long NextDeadlineMs { get { return _state == Asking ? _deadline : Deadline.None; } }

        public void Start(long nowMs, string name, int type, Outbox output)
        {
            _name = name;
            _type = type;
            _attempt = 0;
            _addresses = new uint[0];
            _srv = new DnsRecord[0];
            _reply = null;
            if (_servers.Length == 0) { Fail("no DNS server is configured (DHCP option 6 or net.dns), so \"" + name + "\" cannot be resolved"); return; }
            _id = _random.Next(65536);
            string why;
            _query = DnsMessage.BuildQuery(_id, name, type, out why);
            if (_query == null) { Fail(why); return; }
            _state = Asking;
            Send(nowMs, output);
        }

        public void Poll(long nowMs, Outbox output)
        {
            if (_state != Asking || nowMs < _deadline) return;
            _attempt++;
            if (_attempt >= Rounds * _servers.Length)
            {
                Fail("no answer for \"" + _name + "\" from " + Ip4.FormatList(_servers) + " after " + Rounds.ToString() + " tries each");
                return;
            }
            Send(nowMs, output);
        }

        /// <summary>A datagram to our port; ignored unless it is the reply to the current question.</summary>
        public void OnDatagram(uint source, int sourcePort, byte[] data, int count)
        {
            if (_state != Asking || sourcePort != Port || source != _servers[_attempt % _servers.Length]) return;
            string why;
            DnsMessage m = DnsMessage.TryParse(data, count, out why);
            if (m == null || !m.IsResponse || m.Id != _id || !Util.Ascii.EqualsIgnoreCase(m.QuestionName, Strip(_name)) || m.QuestionType != _type) return;
            _reply = m;
            string server = Ip4.Format(source);
            if (m.Truncated) { Fail("the reply from " + server + " for \"" + _name + "\" was truncated and this phone does not retry over TCP"); return; }
            if (m.Rcode != DnsMessage.RcodeNoError) { Fail(server + " answered " + DnsMessage.RcodeName(m.Rcode) + " for \"" + _name + "\""); return; }
            if (_type == DnsMessage.TypeSrv) TakeSrv(m);
            else TakeAddresses(m);
            if (_addresses.Length == 0 && _srv.Length == 0) { Fail(server + " has no " + (_type == DnsMessage.TypeSrv ? "SRV" : "A") + " record for \"" + _name + "\""); return; }
            _state = Answered;
        }

        private void TakeAddresses(DnsMessage m)
        {
            string want = Strip(_name);
            ArrayList a = new ArrayList();
            for (int hop = 0; hop < 8; hop++)
            {
                string next = null;
                for (int i = 0; i < m.Answers.Length; i++)
                {
                    DnsRecord r = m.Answers[i];
                    if (!Util.Ascii.EqualsIgnoreCase(r.Name, want)) continue;
                    if (r.Type == DnsMessage.TypeA) a.Add(r.Address);
                    else if (r.Type == DnsMessage.TypeCname) next = r.Target;
                }
                if (a.Count > 0 || next == null) break;
                want = next;
            }
            _addresses = new uint[a.Count];
            for (int i = 0; i < a.Count; i++) _addresses[i] = (uint)a[i];
        }

        private void TakeSrv(DnsMessage m)
        {
            ArrayList all = new ArrayList();
            for (int i = 0; i < m.Answers.Length; i++)
            {
                DnsRecord r = m.Answers[i];
                if (r.Type != DnsMessage.TypeSrv || r.Target == ".") continue;   // "." : service decidedly not available
                for (int k = 0; k < m.Additional.Length; k++)
                    if (m.Additional[k].Type == DnsMessage.TypeA && Util.Ascii.EqualsIgnoreCase(m.Additional[k].Name, r.Target)) { r.Address = m.Additional[k].Address; break; }
                all.Add(r);
            }
            // RFC 2782: lowest priority first; within one, pick by running sums of weights.
            ArrayList ordered = new ArrayList();
            while (all.Count > 0)
            {
                int best = 65536;
                for (int i = 0; i < all.Count; i++) if (((DnsRecord)all[i]).Priority < best) best = ((DnsRecord)all[i]).Priority;
                int sum = 0;
                for (int i = 0; i < all.Count; i++) if (((DnsRecord)all[i]).Priority == best) sum += ((DnsRecord)all[i]).Weight;
                int pick = _random.Next(sum + 1), run = 0, chosen = -1;
                for (int i = 0; i < all.Count && chosen < 0; i++)
                {
                    DnsRecord r = (DnsRecord)all[i];
                    if (r.Priority != best) continue;
                    run += r.Weight;
                    if (run >= pick) chosen = i;
                }
                ordered.Add(all[chosen]);
                all.RemoveAt(chosen);
            }
            _srv = new DnsRecord[ordered.Count];
            for (int i = 0; i < _srv.Length; i++) _srv[i] = (DnsRecord)ordered[i];
        }

        private void Send(long nowMs, Outbox output)
        {
            uint server = _servers[_attempt % _servers.Length];
            int round = _attempt / _servers.Length;
            _deadline = nowMs + (1000L << round);
            output.Send(_localPort, server, Port, _query);
        }

        private void Fail(string reason)
        {
            _state = Failed;
            _reason = reason;
        }

        private static string Strip(string name)
        {
            return name.Length > 0 && name[name.Length - 1] == '.' ? name.Substring(0, name.Length - 1) : name;
        }
    }
}
