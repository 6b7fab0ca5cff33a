using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Credentials
{
    /// <summary>The phone's locally significant certificate (LSC) with its private key and the
    /// issuing CA chain, as one unit: they are only ever stored, replaced and read together.
    /// The key is opaque here (PKCS#8 or PKCS#1 DER, as the enrollment produced it) and never
    /// appears in ToString.</summary>
    public sealed class CredentialSet
    {
        public const int MaxChain = 8;
        public const int MaxItem = 16384;
        // Version 1: no enrollment source; version 2 (written now) adds the SCEP URL and CA pin.
        private static readonly byte[] Magic = new byte[] { (byte)'L', (byte)'S', (byte)'C', 2 };

        public byte[] CertificateDer;
        public byte[] PrivateKeyDer;
        public byte[][] ChainDer = new byte[0][];
        /// <summary>Unix seconds when it was installed.</summary>
        public long InstalledAt;
        /// <summary>How it was obtained: "enroll", "renew", "manual".</summary>
        public string Origin = "";
        /// <summary>The SCEP URL it was enrolled from ("" when unknown), so a renewal knows where
        /// to go without the administrator repeating it.</summary>
        public string EnrollUrl = "";
        /// <summary>The CA fingerprint ("sha256:HEX") the enrollment checked ("" when unknown).</summary>
        public string CaFingerprint = "";

        public override string ToString()
        {
            return "LSC (" + CertificateDer.Length.ToString() + "-byte certificate, " + ChainDer.Length.ToString() + " CA certificates, key withheld)";
        }

        /// <summary>Magic "LSC\x02", then length-prefixed items: certificate, key, origin, installedAt (8 bytes),
        /// chain count, chain, URL, CA fingerprint ("LSC\x01" sets end after the chain and are still read).</summary>
        public byte[] Encode()
        {
            if (CertificateDer == null || PrivateKeyDer == null) throw new System.InvalidOperationException("a credential set needs a certificate and a key");
            if (ChainDer.Length > MaxChain) throw new System.InvalidOperationException("chain longer than " + MaxChain.ToString());
            byte[] origin = Ascii.GetBytes(Origin);
            byte[] url = Ascii.GetBytes(EnrollUrl ?? "");
            byte[] pin = Ascii.GetBytes(CaFingerprint ?? "");
            int n = 4 + Item(CertificateDer) + Item(PrivateKeyDer) + Item(origin) + 8 + 1 + Item(url) + Item(pin);
            for (int i = 0; i < ChainDer.Length; i++) n += Item(ChainDer[i]);
            byte[] b = new byte[n];
            System.Array.Copy(Magic, b, 4);
            int o = 4;
            o = Put(b, o, CertificateDer);
            o = Put(b, o, PrivateKeyDer);
            o = Put(b, o, origin);
            BigEndian.WriteUInt32(b, o, (uint)(InstalledAt >> 32));
            BigEndian.WriteUInt32(b, o + 4, (uint)InstalledAt);
            o += 8;
            b[o++] = (byte)ChainDer.Length;
            for (int i = 0; i < ChainDer.Length; i++) o = Put(b, o, ChainDer[i]);
            o = Put(b, o, url);
            Put(b, o, pin);
            return b;
        }

        public static CredentialSet TryDecode(byte[] b, out string problem)
        {
            problem = null;
            if (b == null || b.Length < 4 + 2 + 2 + 2 + 8 + 1) { problem = "too short"; return null; }
            for (int i = 0; i < 3; i++) if (b[i] != Magic[i]) { problem = "not a credential set"; return null; }
            int version = b[3];
            if (version != 1 && version != 2) { problem = "credential set version " + version.ToString() + " is not known to this build"; return null; }
            int o = 4;
            CredentialSet s = new CredentialSet();
            if ((s.CertificateDer = Get(b, ref o)) == null || (s.PrivateKeyDer = Get(b, ref o)) == null) { problem = "truncated"; return null; }
            byte[] origin = Get(b, ref o);
            if (origin == null || o + 9 > b.Length) { problem = "truncated"; return null; }
            s.Origin = Ascii.Printable(origin, 0, origin.Length);
            s.InstalledAt = ((long)BigEndian.ReadUInt32(b, o) << 32) | BigEndian.ReadUInt32(b, o + 4);
            o += 8;
            int count = b[o++];
            if (count > MaxChain) { problem = "chain longer than " + MaxChain.ToString(); return null; }
            s.ChainDer = new byte[count][];
            for (int i = 0; i < count; i++)
                if ((s.ChainDer[i] = Get(b, ref o)) == null) { problem = "truncated chain"; return null; }
            if (version >= 2)
            {
                byte[] url = Get(b, ref o), pin = url == null ? null : Get(b, ref o);
                if (pin == null) { problem = "truncated enrollment source"; return null; }
                s.EnrollUrl = Ascii.Printable(url, 0, url.Length);
                s.CaFingerprint = Ascii.Printable(pin, 0, pin.Length);
            }
            if (o != b.Length) { problem = "trailing bytes"; return null; }
            if (s.CertificateDer.Length == 0 || s.PrivateKeyDer.Length == 0) { problem = "empty certificate or key"; return null; }
            return s;
        }

        private static int Item(byte[] v)
        {
            if (v.Length > MaxItem) throw new System.InvalidOperationException("item of " + v.Length.ToString() + " bytes exceeds " + MaxItem.ToString());
            return 2 + v.Length;
        }

        private static int Put(byte[] b, int o, byte[] v)
        {
            BigEndian.WriteUInt16(b, o, v.Length);
            System.Array.Copy(v, 0, b, o + 2, v.Length);
            return o + 2 + v.Length;
        }

        private static byte[] Get(byte[] b, ref int o)
        {
            if (o + 2 > b.Length) return null;
            int n = BigEndian.ReadUInt16(b, o);
            if (n > MaxItem || o + 2 + n > b.Length) return null;
            byte[] v = new byte[n];
            System.Array.Copy(b, o + 2, v, 0, n);
            o += 2 + n;
            return v;
        }
    }
}
