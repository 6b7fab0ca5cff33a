namespace PhoneAgent.Core.Eap
{
    /// <summary>One EAP packet, RFC 3748 §4: Code, Identifier, Length and, for Requests and
    /// Responses, the Type and its Type-Data (§4.1); for the Expanded Type 254 also the
    /// Vendor-Id and Vendor-Type (§5.7). Stateless codec: TryDecode never throws on content.</summary>
    public sealed class EapPacket
    {
        public const int HeaderLength = 4;

        public int Code;
        public int Identifier;
        /// <summary>EapType.None for Success and Failure.</summary>
        public int Type = EapType.None;
        /// <summary>Expanded Type only (§5.7): 24-bit Vendor-Id and 32-bit Vendor-Type.</summary>
        public int VendorId;
        public uint VendorType;
        /// <summary>The octets after Type (after Vendor-Type for type 254).</summary>
        public byte[] TypeData = new byte[0];

        public bool IsRequest { get { return Code == EapCode.Request; } }

        /// <summary>Decodes data[offset..offset+count). Octets beyond Length are link-layer
        /// padding and ignored (§4); a Length beyond the octets received, unknown Codes and a
        /// Request or Response without a Type are malformed (§4: silently discarded).</summary>
        public static bool TryDecode(byte[] data, int offset, int count, out EapPacket p, out string reason)
        {
            p = null;
            reason = null;
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
                throw new System.ArgumentException("offset/count outside the buffer");
            if (count < HeaderLength)
            {
                reason = "EAP packet of " + count.ToString() + " bytes is shorter than its 4-byte header";
                return false;
            }
            int code = data[offset];
            int length = Util.BigEndian.ReadUInt16(data, offset + 2);
            if (code < EapCode.Request || code > EapCode.Failure)
            {
                reason = "unknown EAP code " + code.ToString();
                return false;
            }
            if (length < HeaderLength)
            {
                reason = "EAP Length " + length.ToString() + " is shorter than the header";
                return false;
            }
            if (length > count)
            {
                reason = "EAP Length " + length.ToString() + " exceeds the " + count.ToString() + " bytes received";
                return false;
            }
            EapPacket r = new EapPacket();
            r.Code = code;
            r.Identifier = data[offset + 1];
            if (code == EapCode.Success || code == EapCode.Failure)
            {
                // §4.2: no Data. Octets within Length are tolerated and not kept.
                p = r;
                return true;
            }
            if (length < HeaderLength + 1)
            {
                reason = EapCode.Name(code) + " without a Type";
                return false;
            }
            r.Type = data[offset + 4];
            int start = offset + 5;
            int end = offset + length;
            if (r.Type == EapType.Expanded)
            {
                if (length < HeaderLength + 8)
                {
                    reason = "Expanded Type without its Vendor-Id and Vendor-Type (Length " + length.ToString() + ")";
                    return false;
                }
                r.VendorId = (data[start] << 16) | (data[start + 1] << 8) | data[start + 2];
                r.VendorType = Util.BigEndian.ReadUInt32(data, start + 3);
                start += 7;
            }
            r.TypeData = new byte[end - start];
            System.Array.Copy(data, start, r.TypeData, 0, r.TypeData.Length);
            p = r;
            return true;
        }

        public byte[] Encode()
        {
            if (Code < EapCode.Request || Code > EapCode.Failure) throw new System.ArgumentException("EAP code out of range");
            if (Identifier < 0 || Identifier > 255) throw new System.ArgumentException("EAP identifier out of range");
            if (Code == EapCode.Success || Code == EapCode.Failure)
            {
                return new byte[] { (byte)Code, (byte)Identifier, 0, HeaderLength };
            }
            if (Type < 0 || Type > 255) throw new System.ArgumentException("EAP type out of range");
            if (TypeData == null) throw new System.ArgumentException("EAP type data is null");
            int extra = Type == EapType.Expanded ? 7 : 0;
            int length = HeaderLength + 1 + extra + TypeData.Length;
            if (length > 0xFFFF) throw new System.ArgumentException("EAP packet longer than 65535 bytes");
            byte[] b = new byte[length];
            b[0] = (byte)Code;
            b[1] = (byte)Identifier;
            Util.BigEndian.WriteUInt16(b, 2, length);
            b[4] = (byte)Type;
            if (extra > 0)
            {
                b[5] = (byte)(VendorId >> 16);
                b[6] = (byte)(VendorId >> 8);
                b[7] = (byte)VendorId;
                Util.BigEndian.WriteUInt32(b, 8, VendorType);
            }
            System.Array.Copy(TypeData, 0, b, 5 + extra, TypeData.Length);
            return b;
        }

        public static EapPacket Response(int identifier, int type, byte[] typeData)
        {
            EapPacket p = new EapPacket();
            p.Code = EapCode.Response;
            p.Identifier = identifier;
            p.Type = type;
            p.TypeData = typeData == null ? new byte[0] : typeData;
            return p;
        }

        /// <summary>"EAP-Request/MD5-Challenge id 93", with the text of Identity and
        /// Notification packets. Never the method's data (an MD5 response and its challenge
        /// would allow an offline guess of the password).</summary>
        public string Describe()
        {
            string s = EapCode.Name(Code);
            if (Type != EapType.None)
            {
                s += "/" + EapType.Name(Type);
                if (Type == EapType.Expanded) s += " (vendor " + VendorId.ToString() + ", type " + VendorType.ToString() + ")";
            }
            s += " id " + Identifier.ToString();
            if ((Type == EapType.Identity || Type == EapType.Notification) && TypeData.Length > 0)
                s += " \"" + DisplayText(TypeData) + "\"";
            else if (Type == EapType.Nak && Code == EapCode.Response) s += " proposing " + NakTypes(TypeData);
            return s;
        }

        /// <summary>The displayable text of an Identity or Notification: up to the first NUL
        /// (RFC 3748 §5.1: options may follow it), control characters replaced, at most 200 characters.</summary>
        public static string DisplayText(byte[] b)
        {
            int n = 0;
            while (n < b.Length && b[n] != 0) n++;
            if (n > 200) n = 200;
            return Util.Ascii.Printable(b, 0, n);
        }

        private static string NakTypes(byte[] b)
        {
            if (b.Length == 0 || (b.Length == 1 && b[0] == 0)) return "no alternative";
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < b.Length && i < 8; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(EapType.Name(b[i]));
            }
            return sb.ToString();
        }
    }
}
