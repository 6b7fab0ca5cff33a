using System.Collections;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>One BOOTP/DHCP message, RFC 2131 §2 figure 1. Options are kept as
    /// (code, value) pairs after RFC 3396 concatenation, in first-seen order.</summary>
    public sealed class DhcpMessage
    {
        public const int OpRequest = 1;
        public const int OpReply = 2;
        public const ushort FlagBroadcast = 0x8000; // RFC 2131 §2, figure 2

        public int Op;
        public int HType = 1; // Ethernet
        public int HLen = 6;
        public int Hops;
        public uint Xid;
        public int Secs;
        public int Flags;
        public uint CiAddr;
        public uint YiAddr;
        public uint SiAddr;
        public uint GiAddr;
        public byte[] ChAddr = new byte[16];
        public string SName = "";
        public string File = "";

        private readonly ArrayList _codes = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        public int OptionCount { get { return _codes.Count; } }

        public int OptionCodeAt(int index) { return (int)_codes[index]; }

        public byte[] OptionValueAt(int index) { return (byte[])_values[index]; }

        /// <summary>The option's value, or null when absent.</summary>
        public byte[] Get(int code)
        {
            for (int i = 0; i < _codes.Count; i++)
            {
                if ((int)_codes[i] == code) return (byte[])_values[i];
            }
            return null;
        }

        /// <summary>Sets (replaces) an option. Values above 255 bytes are split on encode (RFC 3396).</summary>
        public void Set(int code, byte[] value)
        {
            if (code <= DhcpOption.Pad || code >= DhcpOption.End)
                throw new System.ArgumentException("option code must be 1..254");
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            for (int i = 0; i < _codes.Count; i++)
            {
                if ((int)_codes[i] == code)
                {
                    _values[i] = value;
                    return;
                }
            }
            _codes.Add(code);
            _values.Add(value);
        }

        /// <summary>Appends to an option's value: RFC 3396 §5 concatenation of repeated options.</summary>
        internal void Append(int code, byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < _codes.Count; i++)
            {
                if ((int)_codes[i] == code)
                {
                    byte[] old = (byte[])_values[i];
                    byte[] joined = new byte[old.Length + count];
                    System.Array.Copy(old, joined, old.Length);
                    System.Array.Copy(buffer, offset, joined, old.Length, count);
                    _values[i] = joined;
                    return;
                }
            }
            byte[] v = new byte[count];
            System.Array.Copy(buffer, offset, v, 0, count);
            _codes.Add(code);
            _values.Add(v);
        }

        public void SetByte(int code, int value) { Set(code, new byte[] { (byte)value }); }

        /// <summary>Option 61 as hardware type 1 (Ethernet) + MAC (RFC 2132 §9.14), and chaddr.</summary>
        public void SetClient(byte[] mac)
        {
            System.Array.Copy(mac, ChAddr, 6);
            byte[] clientId = new byte[7];
            clientId[0] = 1;
            System.Array.Copy(mac, 0, clientId, 1, 6);
            Set(DhcpOption.ClientIdentifier, clientId);
        }

        public void SetUInt32(int code, uint value)
        {
            byte[] b = new byte[4];
            Util.BigEndian.WriteUInt32(b, 0, value);
            Set(code, b);
        }

        /// <summary>Option 53, or 0 when absent or malformed (a plain BOOTP message).</summary>
        public int MessageType
        {
            get
            {
                byte[] v = Get(DhcpOption.MessageType);
                return v != null && v.Length == 1 ? v[0] : 0;
            }
        }

        /// <summary>A 4-byte option as an address or number; false when absent or not 4 bytes.</summary>
        public bool TryGetUInt32(int code, out uint value)
        {
            byte[] v = Get(code);
            value = 0;
            if (v == null || v.Length != 4) return false;
            value = Util.BigEndian.ReadUInt32(v, 0);
            return true;
        }
    }
}
