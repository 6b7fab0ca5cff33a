using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.X509
{
    /// <summary>Certificate pinning by fingerprint, "sha256:HEX" or "sha1:HEX" (the form SCEP
    /// configurations use for the CA). Null when the certificate matches, else the reason.</summary>
    public static class Pin
    {
        public static string Check(X509Certificate c, string pin)
        {
            if (pin == null) throw new System.ArgumentNullException(nameof(pin));
            int colon = pin.IndexOf(':');
            if (colon <= 0) throw new System.ArgumentException("a pin is sha256:HEX or sha1:HEX");
            string alg = Util.Ascii.Lower(pin.Substring(0, colon));
            byte[] want = Util.Hex.TryParse(pin.Substring(colon + 1));
            HashAlgorithm h = alg == "sha256" ? (HashAlgorithm)new Sha256() : alg == "sha1" ? new Sha1() : null;
            if (h == null || want == null || want.Length != h.HashSize) throw new System.ArgumentException("a pin is sha256:HEX (32 bytes) or sha1:HEX (20 bytes)");
            byte[] got = h.Compute(c.Der);
            bool same = true;
            for (int i = 0; i < got.Length; i++) same &= got[i] == want[i];
            return same ? null : "trust anchor " + c.Describe() + " does not match the pinned " + alg + " fingerprint " + Util.Hex.Bytes(want) +
                " (its " + alg + " fingerprint is " + Util.Hex.Bytes(got) + ")";
        }
    }
}
