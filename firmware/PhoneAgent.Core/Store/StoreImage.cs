using System.Collections;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Store
{
    /// <summary>The flash store's on-media format, one image holding all keys:
    /// "PAS1", count (u16), then per entry key length (u8), key (UTF-8), value length
    /// (u32), value; then a CRC-32 of everything before it. A torn or corrupted image
    /// fails the CRC and is refused, so the store keeps the previous good copy.</summary>
    public static class StoreImage
    {
        public const int MaxEntries = 256;
        public const int MaxKeyLength = 64;
        public const int MaxValueLength = 65536;
        private static readonly byte[] Magic = new byte[] { (byte)'P', (byte)'A', (byte)'S', (byte)'1' };

        /// <summary>keys and values as parallel lists (string, byte[]).</summary>
        public static byte[] Encode(ArrayList keys, ArrayList values)
        {
            if (keys == null || values == null || keys.Count != values.Count) throw new System.ArgumentException("keys and values must pair up");
            if (keys.Count > MaxEntries) throw new System.ArgumentException("too many entries");
            int size = 4 + 2 + 4;
            byte[][] keyBytes = new byte[keys.Count][];
            for (int i = 0; i < keys.Count; i++)
            {
                keyBytes[i] = Ascii.GetBytes((string)keys[i]);
                byte[] v = (byte[])values[i];
                if (keyBytes[i].Length == 0 || keyBytes[i].Length > MaxKeyLength) throw new System.ArgumentException("key length must be 1.." + MaxKeyLength.ToString());
                if (v == null || v.Length > MaxValueLength) throw new System.ArgumentException("value missing or too long");
                size += 1 + keyBytes[i].Length + 4 + v.Length;
            }
            byte[] b = new byte[size];
            System.Array.Copy(Magic, b, 4);
            BigEndian.WriteUInt16(b, 4, keys.Count);
            int p = 6;
            for (int i = 0; i < keys.Count; i++)
            {
                byte[] v = (byte[])values[i];
                b[p++] = (byte)keyBytes[i].Length;
                System.Array.Copy(keyBytes[i], 0, b, p, keyBytes[i].Length);
                p += keyBytes[i].Length;
                BigEndian.WriteUInt32(b, p, (uint)v.Length);
                p += 4;
                System.Array.Copy(v, 0, b, p, v.Length);
                p += v.Length;
            }
            BigEndian.WriteUInt32(b, p, Crc32.Compute(b, 0, p));
            return b;
        }

        /// <summary>Decodes an image into keys and values; false (with reason) when it is torn,
        /// corrupted or not an image at all. Never throws on content.</summary>
        public static bool TryDecode(byte[] b, ArrayList keys, ArrayList values, out string reason)
        {
            reason = null;
            keys.Clear();
            values.Clear();
            if (b == null || b.Length < 10) { reason = "shorter than an empty image"; return false; }
            for (int i = 0; i < 4; i++) if (b[i] != Magic[i]) { reason = "not a store image"; return false; }
            int end = b.Length - 4;
            if (BigEndian.ReadUInt32(b, end) != Crc32.Compute(b, 0, end)) { reason = "CRC mismatch (torn or corrupted write)"; return false; }
            int count = BigEndian.ReadUInt16(b, 4);
            if (count > MaxEntries) { reason = "too many entries"; return false; }
            int p = 6;
            for (int i = 0; i < count; i++)
            {
                if (p + 1 > end) { reason = "entry " + i.ToString() + " truncated"; return false; }
                int kl = b[p++];
                if (kl == 0 || kl > MaxKeyLength || p + kl + 4 > end) { reason = "entry " + i.ToString() + " key malformed"; return false; }
                string key = Ascii.Printable(b, p, kl);
                p += kl;
                uint vl = BigEndian.ReadUInt32(b, p);
                p += 4;
                if (vl > MaxValueLength || p + (int)vl > end) { reason = "entry " + i.ToString() + " value runs past the end"; return false; }
                byte[] v = new byte[vl];
                System.Array.Copy(b, p, v, 0, (int)vl);
                p += (int)vl;
                keys.Add(key);
                values.Add(v);
            }
            if (p != end) { reason = "trailing bytes after the last entry"; return false; }
            return true;
        }
    }
}
