using System.Collections;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Option 120, SIP servers (RFC 3361 §3): the first byte is the encoding, 0 for
    /// a list of domain names (RFC 1035 §3.1 labels, no compression), 1 for a list of IPv4
    /// addresses. Decoded into Names or Addresses; never both.</summary>
    public sealed class SipServersOption
    {
        public const int EncodingNames = 0;
        public const int EncodingAddresses = 1;
        public const int MaxNameLength = 255;   // RFC 1035 §2.3.4

        public int Encoding;
        public string[] Names = new string[0];
        public uint[] Addresses = new uint[0];

        public int Count { get { return Encoding == EncodingNames ? Names.Length : Addresses.Length; } }

        public static bool TryDecode(byte[] value, out SipServersOption option, out string reason)
        {
            option = null;
            reason = null;
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            if (value.Length < 2) { reason = "option 120 shorter than an encoding byte and one entry"; return false; }
            SipServersOption o = new SipServersOption();
            o.Encoding = value[0];
            if (o.Encoding == EncodingAddresses)
            {
                // RFC 3361 §3.2: a multiple of 4 octets follows.
                if ((value.Length - 1) % 4 != 0) { reason = "option 120 (addresses) length is not 1 + 4n"; return false; }
                o.Addresses = new uint[(value.Length - 1) / 4];
                for (int k = 0; k < o.Addresses.Length; k++) o.Addresses[k] = Ip4.Read(value, 1 + 4 * k);
                option = o;
                return true;
            }
            if (o.Encoding != EncodingNames) { reason = "option 120 encoding " + o.Encoding.ToString() + " is neither 0 (names) nor 1 (addresses)"; return false; }
            ArrayList names = new ArrayList();
            int i = 1;
            while (i < value.Length)
            {
                System.Text.StringBuilder name = new System.Text.StringBuilder();
                int start = i;
                while (true)
                {
                    if (i >= value.Length) { reason = "option 120 name runs past the end (no root label)"; return false; }
                    int len = value[i];
                    if (len == 0) { i++; break; }
                    if ((len & 0xC0) != 0) { reason = "option 120 uses DNS compression or an extended label type, which RFC 3361 does not allow"; return false; }
                    if (i + 1 + len > value.Length) { reason = "option 120 label runs past the end"; return false; }
                    if (name.Length > 0) name.Append('.');
                    for (int k = 0; k < len; k++)
                    {
                        byte c = value[i + 1 + k];
                        if (c <= 0x20 || c > 0x7E || c == (byte)'.') { reason = "option 120 label holds a byte not allowed in a host name"; return false; }
                        name.Append((char)c);
                    }
                    i += 1 + len;
                    if (i - start > MaxNameLength) { reason = "option 120 name longer than 255 octets"; return false; }
                }
                if (name.Length == 0) { reason = "option 120 holds an empty name"; return false; }
                names.Add(name.ToString());
            }
            o.Names = new string[names.Count];
            for (int k = 0; k < names.Count; k++) o.Names[k] = (string)names[k];
            option = o;
            return true;
        }

        /// <summary>Servers as text: names, or dotted quads.</summary>
        public string Describe()
        {
            string s = "";
            for (int k = 0; k < Count; k++)
            {
                if (k > 0) s += ", ";
                s += Encoding == EncodingNames ? Names[k] : Ip4.Format(Addresses[k]);
            }
            return s;
        }

        public string First
        {
            get
            {
                if (Count == 0) return "";
                return Encoding == EncodingNames ? Names[0] : Ip4.Format(Addresses[0]);
            }
        }

        /// <summary>Encodes names (RFC 3361 encoding 0).</summary>
        public static byte[] EncodeNames(string[] names)
        {
            if (names == null || names.Length == 0) throw new System.ArgumentException("at least one name");
            byte[] tmp = new byte[1 + names.Length * (MaxNameLength + 2)];
            int p = 1;
            for (int n = 0; n < names.Length; n++)
            {
                string name = names[n];
                if (name == null || name.Length == 0 || name.Length > 253) throw new System.ArgumentException("a SIP server name must have 1..253 characters");
                int labelStart = 0;
                for (int k = 0; k <= name.Length; k++)
                {
                    if (k < name.Length && name[k] != '.') continue;
                    int len = k - labelStart;
                    if (len < 1 || len > 63) throw new System.ArgumentException("'" + name + "' has an empty or over-long label");
                    tmp[p++] = (byte)len;
                    for (int c = labelStart; c < k; c++) tmp[p++] = (byte)name[c];
                    labelStart = k + 1;
                }
                tmp[p++] = 0;
            }
            byte[] r = new byte[p];
            System.Array.Copy(tmp, r, p);
            return r;
        }

        /// <summary>Encodes addresses (RFC 3361 encoding 1).</summary>
        public static byte[] EncodeAddresses(uint[] addresses)
        {
            if (addresses == null || addresses.Length == 0) throw new System.ArgumentException("at least one address");
            byte[] r = new byte[1 + 4 * addresses.Length];
            r[0] = EncodingAddresses;
            for (int k = 0; k < addresses.Length; k++) Ip4.Write(r, 1 + 4 * k, addresses[k]);
            return r;
        }
    }
}
