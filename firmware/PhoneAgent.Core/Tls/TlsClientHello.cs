using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Tls
{
    /// <summary>A TLS 1.2 ClientHello (RFC 5246 §7.4.1.2) for the certificate probe: the
    /// server's reply up to its Certificate message is in clear text in TLS 1.2, so the phone
    /// can see exactly which certificates a server presents, whatever its TLS stack exposes.
    /// No supported_versions extension is sent, so a TLS 1.3 server falls back to 1.2.</summary>
    public static class TlsClientHello
    {
        // ECDHE and RSA key exchange with AES-GCM/CBC: what enterprise servers and load balancers offer.
        private static readonly int[] Suites = new int[]
        {
            0xC02F, 0xC030, 0xC02B, 0xC02C,   // ECDHE-RSA/ECDSA-AES-GCM
            0xC013, 0xC014, 0xC009, 0xC00A,   // ECDHE-RSA/ECDSA-AES-CBC-SHA
            0x009C, 0x009D, 0x002F, 0x0035,   // RSA-AES-GCM, RSA-AES-CBC-SHA
        };

        public static byte[] Build(string serverName, IRandom random)
        {
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            byte[] host = serverName != null && serverName.Length > 0 ? Util.Ascii.GetBytes(serverName) : new byte[0];
            if (host.Length > 255) throw new System.ArgumentException("server name longer than 255 bytes");
            byte[] b = new byte[512];
            int p = 0;
            b[p++] = 22; b[p++] = 3; b[p++] = 1;       // record: handshake, TLS 1.0 for compatibility
            int recLen = p; p += 2;
            b[p++] = 1;                                 // ClientHello
            int hsLen = p; p += 3;
            b[p++] = 3; b[p++] = 3;                     // client_version TLS 1.2
            byte[] rnd = new byte[32];
            random.NextBytes(rnd);
            System.Array.Copy(rnd, 0, b, p, 32); p += 32;
            b[p++] = 0;                                 // session_id
            b[p++] = 0; b[p++] = (byte)(2 * Suites.Length);
            for (int i = 0; i < Suites.Length; i++) { b[p++] = (byte)(Suites[i] >> 8); b[p++] = (byte)Suites[i]; }
            b[p++] = 1; b[p++] = 0;                     // compression: null
            int extLen = p; p += 2;
            if (host.Length > 0)
            {
                // server_name (RFC 6066 §3)
                p = Put16(b, p, 0); p = Put16(b, p, host.Length + 5); p = Put16(b, p, host.Length + 3);
                b[p++] = 0; p = Put16(b, p, host.Length);
                System.Array.Copy(host, 0, b, p, host.Length); p += host.Length;
            }
            // supported_groups (RFC 8422 §5.1.1): x25519, secp256r1, secp384r1
            p = Put16(b, p, 10); p = Put16(b, p, 8); p = Put16(b, p, 6);
            p = Put16(b, p, 0x001d); p = Put16(b, p, 0x0017); p = Put16(b, p, 0x0018);
            // ec_point_formats: uncompressed
            p = Put16(b, p, 11); p = Put16(b, p, 2); b[p++] = 1; b[p++] = 0;
            // signature_algorithms (RFC 5246 §7.4.1.4.1)
            int[] sigs = new int[] { 0x0401, 0x0501, 0x0601, 0x0804, 0x0805, 0x0403, 0x0503, 0x0201 };
            p = Put16(b, p, 13); p = Put16(b, p, 2 + 2 * sigs.Length); p = Put16(b, p, 2 * sigs.Length);
            for (int i = 0; i < sigs.Length; i++) p = Put16(b, p, sigs[i]);
            Put16(b, extLen, p - extLen - 2);
            int hs = p - hsLen - 3;
            b[hsLen] = (byte)(hs >> 16); b[hsLen + 1] = (byte)(hs >> 8); b[hsLen + 2] = (byte)hs;
            Put16(b, recLen, p - recLen - 2);
            byte[] r = new byte[p];
            System.Array.Copy(b, r, p);
            return r;
        }

        private static int Put16(byte[] b, int p, int v)
        {
            b[p] = (byte)(v >> 8);
            b[p + 1] = (byte)v;
            return p + 2;
        }
    }
}
