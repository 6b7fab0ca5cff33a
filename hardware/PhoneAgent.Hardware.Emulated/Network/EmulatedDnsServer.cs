using System.Collections.Generic;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>A DNS server for the demo (the lab uses dnsmasq): A records from a table,
    /// NXDOMAIN for anything else. Built by hand from RFC 1035 §4.1 so it does not share code
    /// with the phone's resolver.</summary>
    public sealed class EmulatedDnsServer : IEmulatedServer
    {
        private readonly Dictionary<string, uint> _a = new(System.StringComparer.OrdinalIgnoreCase);

        public uint Address { get; init; } = 0x0a4d0001;
        public string Name => "dns-server";
        public int Queries { get; private set; }

        public void AddA(string name, uint address) => _a[name] = address;

        public bool Accepts(uint destination, int destinationPort) => destination == Address && destinationPort == 53;

        public IEnumerable<EmulatedDatagram> Handle(uint source, int sourcePort, byte[] q)
        {
            if (q.Length < 17 || (q[2] & 0x80) != 0 || BigEndian.ReadUInt16(q, 4) != 1) yield break;
            Queries++;
            int o = 12;
            var labels = new List<string>();
            while (o < q.Length && q[o] != 0 && q[o] < 64 && o + 1 + q[o] <= q.Length)
            {
                labels.Add(System.Text.Encoding.ASCII.GetString(q, o + 1, q[o]));
                o += 1 + q[o];
            }
            if (o + 5 > q.Length) yield break;
            int qEnd = o + 5;
            string name = string.Join(".", labels);
            int type = BigEndian.ReadUInt16(q, o + 1);
            bool found = type == 1 && _a.TryGetValue(name, out uint address);
            var r = new List<byte>(q[..qEnd]);
            r[2] = (byte)(0x84 | (q[2] & 0x01));                     // QR, AA, RD copied
            r[3] = (byte)(0x80 | (found ? 0 : 3));                    // RA; NOERROR or NXDOMAIN
            r[6] = 0; r[7] = (byte)(found ? 1 : 0);
            r[8] = r[9] = r[10] = r[11] = 0;
            if (found)
            {
                r.AddRange(new byte[] { 0xC0, 12, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4 });
                var a = new byte[4];
                BigEndian.WriteUInt32(a, 0, _a[name]);
                r.AddRange(a);
            }
            yield return new EmulatedDatagram(Address, 53, source, sourcePort, r.ToArray());
        }
    }
}
