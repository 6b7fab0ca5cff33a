namespace PhoneAgent.Core.Eap
{
    /// <summary>One EAPOL frame: the Ethernet header (destination, source, EtherType 0x888E)
    /// and the EAPOL PDU of IEEE 802.1X-2010 §11.3 (protocol version, packet type, packet
    /// body length, packet body). Stateless codec: TryDecode never throws on content.</summary>
    public sealed class EapolFrame
    {
        public readonly byte[] Destination = new byte[6];
        public readonly byte[] Source = new byte[6];
        public int Version;
        public int PacketType;
        public byte[] Body = new byte[0];

        /// <summary>Decodes frame[offset..offset+count). Octets after the packet body (Ethernet
        /// padding to 60 bytes) are ignored; a body length beyond the frame is malformed.
        /// Versions above 3 are accepted and read by version 3's rules (the standard's
        /// forward-compatibility rule: a PAE reads a higher version as its own).</summary>
        public static bool TryDecode(byte[] frame, int offset, int count, out EapolFrame f, out string reason)
        {
            f = null;
            reason = null;
            if (frame == null || offset < 0 || count < 0 || offset > frame.Length - count)
                throw new System.ArgumentException("offset/count outside the buffer");
            int min = Eapol.EthernetHeaderLength + Eapol.HeaderLength;
            if (count < min)
            {
                reason = "frame of " + count.ToString() + " bytes is shorter than the Ethernet and EAPOL headers (" + min.ToString() + ")";
                return false;
            }
            int etherType = Util.BigEndian.ReadUInt16(frame, offset + 12);
            if (etherType != Eapol.EtherType)
            {
                reason = "EtherType 0x" + Util.Hex.Byte(etherType >> 8) + Util.Hex.Byte(etherType) + " is not EAPOL (0x888e)";
                return false;
            }
            int p = offset + Eapol.EthernetHeaderLength;
            int version = frame[p];
            if (version == 0)
            {
                reason = "EAPOL protocol version 0";
                return false;
            }
            int bodyLength = Util.BigEndian.ReadUInt16(frame, p + 2);
            int available = count - min;
            if (bodyLength > available)
            {
                reason = "EAPOL packet body length " + bodyLength.ToString() + " exceeds the " + available.ToString() + " bytes in the frame";
                return false;
            }
            EapolFrame r = new EapolFrame();
            System.Array.Copy(frame, offset, r.Destination, 0, 6);
            System.Array.Copy(frame, offset + 6, r.Source, 0, 6);
            r.Version = version;
            r.PacketType = frame[p + 1];
            r.Body = new byte[bodyLength];
            System.Array.Copy(frame, p + Eapol.HeaderLength, r.Body, 0, bodyLength);
            f = r;
            return true;
        }

        /// <summary>The whole frame, unpadded (the NIC pads short frames to 60 bytes).</summary>
        public byte[] Encode()
        {
            if (Body == null) throw new System.ArgumentException("EAPOL body is null");
            if (Body.Length > 0xFFFF) throw new System.ArgumentException("EAPOL body longer than 65535 bytes");
            if (Version < 1 || Version > 255 || PacketType < 0 || PacketType > 255) throw new System.ArgumentException("EAPOL version or type out of range");
            byte[] b = new byte[Eapol.EthernetHeaderLength + Eapol.HeaderLength + Body.Length];
            System.Array.Copy(Destination, 0, b, 0, 6);
            System.Array.Copy(Source, 0, b, 6, 6);
            Util.BigEndian.WriteUInt16(b, 12, Eapol.EtherType);
            b[14] = (byte)Version;
            b[15] = (byte)PacketType;
            Util.BigEndian.WriteUInt16(b, 16, Body.Length);
            System.Array.Copy(Body, 0, b, 18, Body.Length);
            return b;
        }

        /// <summary>A frame from source to the PAE group address 01-80-C2-00-00-03.</summary>
        public static EapolFrame ToPaeGroup(byte[] source, int packetType, byte[] body)
        {
            if (source == null || source.Length != 6) throw new System.ArgumentException("source must be 6 bytes");
            EapolFrame f = new EapolFrame();
            System.Array.Copy(Eapol.PaeGroupAddress(), f.Destination, 6);
            System.Array.Copy(source, f.Source, 6);
            f.Version = Eapol.SendVersion;
            f.PacketType = packetType;
            f.Body = body == null ? new byte[0] : body;
            return f;
        }
    }
}
