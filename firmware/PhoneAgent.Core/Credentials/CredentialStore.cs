using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Credentials
{
    /// <summary>Where the LSC lives: one store key holding the whole credential set, so the
    /// store's per-write atomicity (ImageStore: write new, verify, replace) makes a power cut
    /// leave the old set or the new one, never a certificate without its key. Install reads
    /// the set back and compares before reporting success.</summary>
    public sealed class CredentialStore
    {
        public const string Key = "lsc.set";

        private readonly IStore _store;

        public CredentialStore(IStore store)
        {
            if (store == null) throw new System.ArgumentNullException(nameof(store));
            _store = store;
        }

        /// <summary>The installed set, or null (problem says why when something unusable is stored).</summary>
        public CredentialSet Load(out string problem)
        {
            problem = null;
            byte[] raw = _store.Read(Key);
            if (raw == null) return null;
            CredentialSet s = CredentialSet.TryDecode(raw, out problem);
            if (s == null) problem = "the stored LSC is unusable (" + problem + ")";
            return s;
        }

        /// <summary>Replaces the installed set atomically; false with the reason when the read-back differs.</summary>
        public bool Install(CredentialSet set, out string problem)
        {
            byte[] encoded = set.Encode();
            _store.Write(Key, encoded);
            byte[] back = _store.Read(Key);
            problem = back != null && Same(back, encoded) ? null : "the LSC read back from flash differs from what was written";
            return problem == null;
        }

        public void Remove() { _store.Delete(Key); }

        /// <summary>"LSC: Installed (subject, expires ...)" or "LSC: Not installed", for the display and the report.</summary>
        public string Status()
        {
            string problem;
            CredentialSet s = Load(out problem);
            if (s == null) return "LSC: Not installed" + (problem != null ? " (" + problem + ")" : "");
            string why;
            X509Certificate c = X509Certificate.TryParse(s.CertificateDer, out why);
            if (c == null) return "LSC: Installed, but its certificate does not parse (" + why + ")";
            return "LSC: Installed (" + c.Subject.Text + ", expires " + Asn1.Asn1Time.Format(c.NotAfter) + ")";
        }

        /// <summary>The LSC with its key and chain, to present as a TLS client certificate (SIP over
        /// mutual TLS, EAP-TLS); null with the reason when none is installed, the stored set is
        /// unusable, or (nowUnix &gt; 0) the certificate is not valid at nowUnix. nowUnix 0: the
        /// wall clock is not set, validity is left to the server.</summary>
        public TlsClientIdentity ClientIdentity(long nowUnix, out string problem)
        {
            CredentialSet s = Load(out problem);
            if (s == null)
            {
                if (problem == null) problem = "no LSC is installed";
                return null;
            }
            string why;
            X509Certificate c = X509Certificate.TryParse(s.CertificateDer, out why);
            if (c == null) { problem = "the installed LSC does not parse (" + why + ")"; return null; }
            if (nowUnix > 0 && nowUnix > c.NotAfter) { problem = "the installed LSC " + c.Describe() + " expired on " + Asn1.Asn1Time.Format(c.NotAfter); return null; }
            if (nowUnix > 0 && nowUnix < c.NotBefore) { problem = "the installed LSC " + c.Describe() + " is not valid before " + Asn1.Asn1Time.Format(c.NotBefore) + " (check the clock)"; return null; }
            problem = null;
            return new TlsClientIdentity(c, s.PrivateKeyDer, s.ChainDer);
        }

        /// <summary>The installed LSC's certificate, parsed, or null.</summary>
        public X509Certificate Certificate()
        {
            string problem, why;
            CredentialSet s = Load(out problem);
            return s == null ? null : X509Certificate.TryParse(s.CertificateDer, out why);
        }

        /// <summary>True when at most renewPercent of the certificate's validity remains at now
        /// (e.g. 20: renew in the last fifth), or when it has expired.</summary>
        public static bool NeedsRenewal(X509Certificate lsc, long nowSec, int renewPercent)
        {
            long total = lsc.NotAfter - lsc.NotBefore;
            if (total <= 0 || nowSec >= lsc.NotAfter) return true;
            return (lsc.NotAfter - nowSec) * 100 <= total * renewPercent;
        }

        /// <summary>The first Unix second at which NeedsRenewal becomes true.</summary>
        public static long RenewalDueAt(X509Certificate lsc, int renewPercent)
        {
            long total = lsc.NotAfter - lsc.NotBefore;
            if (total <= 0) return lsc.NotBefore;
            // (NotAfter - t) * 100 <= total * p  <=>  t >= NotAfter - total * p / 100 (rounded up)
            long back = total * renewPercent / 100;
            return lsc.NotAfter - back;
        }

        private static bool Same(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
