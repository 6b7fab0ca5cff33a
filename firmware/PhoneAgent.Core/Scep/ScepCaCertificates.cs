using System.Collections;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Scep
{
    /// <summary>A GetCACert answer (RFC 8894 §4.2.1) sorted into roles, with the configured
    /// fingerprint checked before anything is trusted. application/x-x509-ca-cert is one DER
    /// certificate: the CA, which both receives the requests and signs the replies.
    /// application/x-x509-ca-ra-cert is a certs-only SignedData (§4.2.1.2) with the CA and
    /// either RA certificates or the CA's own chain: the issuing CA is the CA certificate that
    /// issued no other CA certificate of the set; RA certificates (no CA flag) must be issued by
    /// it, and are told apart by keyUsage (§4.2.1.2: keyEncipherment receives requests,
    /// digitalSignature signs replies; no keyUsage means both). The pin ("sha256:HEX" or
    /// "sha1:HEX", X509/Pin.cs) must match the issuing CA or one of its verified issuers in the
    /// set. Never throws on bad input; a bad pin string is a caller mistake (ArgumentException).</summary>
    public sealed class ScepCaCertificates
    {
        public const int MaxBodyLength = 65536;

        /// <summary>The issuing CA: the issuer of the certificate the phone will get.</summary>
        public X509Certificate Ca;
        /// <summary>Whom requests are enveloped for: an RA with keyEncipherment, else the CA.</summary>
        public X509Certificate Recipient;
        /// <summary>Who may sign CertRep: the RA certificates for signing, and the CA.</summary>
        public X509Certificate[] Signers = new X509Certificate[0];
        /// <summary>The CA and its issuers found in the answer, issuing CA first (for the LSC's chain).</summary>
        public X509Certificate[] Chain = new X509Certificate[0];
        public X509Certificate[] All = new X509Certificate[0];
        public bool HasRa;
        /// <summary>The certificate the pin matched.</summary>
        public X509Certificate Pinned;
        /// <summary>How the answer was read, for the administrator's notes.</summary>
        public string Summary = "";

        /// <summary>Sorts and checks the answer. pin may be null only with allowUnpinned (trust on
        /// first use: the summary then names the fingerprint to configure).</summary>
        public static ScepCaCertificates TryParse(string contentType, byte[] body, string pin, bool allowUnpinned, out string error)
        {
            error = null;
            if (pin == null && !allowUnpinned) throw new System.ArgumentException("a CA fingerprint pin is required");
            if (pin != null) CheckPinFormat(pin);
            if (body == null || body.Length == 0) { error = "GetCACert returned an empty body"; return null; }
            if (body.Length > MaxBodyLength) { error = "GetCACert returned more than " + MaxBodyLength.ToString() + " bytes"; return null; }
            string type = MediaType(contentType);
            X509Certificate[] certs;
            string how;
            if (type == ScepCodes.ContentTypeCaCert)
            {
                X509Certificate c = X509Certificate.TryParse(body, out error);
                if (c == null) { error = "the " + ScepCodes.ContentTypeCaCert + " answer is not one DER certificate: " + error; return null; }
                certs = new X509Certificate[] { c };
                how = "one CA certificate (" + ScepCodes.ContentTypeCaCert + ")";
            }
            else if (type == ScepCodes.ContentTypeCaRaCert)
            {
                certs = CmsCertsOnly.TryParseCertificates(body, out error);
                if (certs == null) { error = "the " + ScepCodes.ContentTypeCaRaCert + " answer is not a certs-only SignedData: " + error; return null; }
                how = certs.Length.ToString() + " certificates (" + ScepCodes.ContentTypeCaRaCert + ")";
            }
            else
            {
                // A wrong or missing Content-Type: accept what the body clearly is, and say so.
                string e1, e2;
                X509Certificate c = X509Certificate.TryParse(body, out e1);
                if (c != null) { certs = new X509Certificate[] { c }; how = "one CA certificate (Content-Type \"" + contentType + "\" ignored)"; }
                else
                {
                    certs = CmsCertsOnly.TryParseCertificates(body, out e2);
                    if (certs == null) { error = "GetCACert answered Content-Type \"" + contentType + "\" and the body is neither a DER certificate (" + e1 + ") nor a certs-only SignedData (" + e2 + ")"; return null; }
                    how = certs.Length.ToString() + " certificates (Content-Type \"" + contentType + "\" ignored)";
                }
            }
            if (certs.Length == 0) { error = "GetCACert returned no certificates"; return null; }
            ScepCaCertificates r = Sort(certs, out error);
            if (r == null) return null;
            if (pin != null)
            {
                for (int i = 0; i < r.Chain.Length && r.Pinned == null; i++)
                    if (Pin.Check(r.Chain[i], pin) == null) r.Pinned = r.Chain[i];
                if (r.Pinned == null)
                {
                    error = "the CA certificate does not match the configured fingerprint " + pin + ": the server offers " + r.Ca.Describe() +
                        (r.Chain.Length > 1 ? " (and its issuers" + Issuers(r.Chain) + ")" : "") +
                        ". Check ca.fingerprint (a mistyped value, or the CA was renewed), or a device between the phone and the CA";
                    return null;
                }
            }
            r.Summary = how + ": CA " + r.Ca.Describe() + (r.HasRa ? "; requests go to the RA " + r.Recipient.Describe() : "") +
                (pin != null ? "; fingerprint matched " + (r.Pinned == r.Ca ? "the CA" : r.Pinned.Describe())
                             : "; NOT pinned (trust on first use): set the fingerprint sha256:" + Util.Hex.Bytes(r.Ca.Sha256Fingerprint));
            return r;
        }

        private static ScepCaCertificates Sort(X509Certificate[] certs, out string error)
        {
            error = null;
            ScepCaCertificates r = new ScepCaCertificates();
            r.All = certs;
            if (certs.Length == 1)
            {
                if (certs[0].HasBasicConstraints && !certs[0].IsCa) { error = "the only certificate GetCACert returned is not a CA certificate (basicConstraints cA is false): " + certs[0].Describe(); return null; }
                r.Ca = certs[0];
                r.Recipient = certs[0];
                r.Signers = certs;
                r.Chain = certs;
                if (r.Ca.RsaModulus == null) { error = "the CA certificate has no RSA key; SCEP's key transport needs one (RFC 8894 §3.2.2)"; return null; }
                return r;
            }
            ArrayList cas = new ArrayList(), ras = new ArrayList();
            for (int i = 0; i < certs.Length; i++)
            {
                X509Certificate c = certs[i];
                // A v1 self-signed root has no extensions to say so (RFC 5280 §6.1.4 (k) accepts it as a trust anchor).
                bool ca = (c.HasBasicConstraints && c.IsCa) || (c.HasKeyUsage && (c.KeyUsage & X509Certificate.KuKeyCertSign) != 0) || (c.Version < 3 && c.IsSelfIssued);
                if (ca) cas.Add(c); else ras.Add(c);
            }
            if (cas.Count == 0) { error = "none of the " + certs.Length.ToString() + " GetCACert certificates is a CA certificate"; return null; }
            // The issuing CA: a CA certificate that issued no other CA certificate of the set.
            X509Certificate issuing = null;
            for (int i = 0; i < cas.Count && issuing == null; i++)
            {
                X509Certificate c = (X509Certificate)cas[i];
                bool issuedAnother = false;
                for (int k = 0; k < cas.Count; k++)
                {
                    X509Certificate o = (X509Certificate)cas[k];
                    if (o != c && !o.IsSelfIssued && NameMatch.Equal(o.Issuer, c.Subject)) issuedAnother = true;
                }
                if (!issuedAnother) issuing = c;
            }
            if (issuing == null) { error = "the GetCACert CA certificates form no chain with one issuing CA"; return null; }
            // With RA certificates, the issuing CA is the one that issued them.
            if (ras.Count > 0)
            {
                X509Certificate raIssuer = null;
                for (int i = 0; i < cas.Count && raIssuer == null; i++)
                    if (NameMatch.Equal(((X509Certificate)ras[0]).Issuer, ((X509Certificate)cas[i]).Subject)) raIssuer = (X509Certificate)cas[i];
                if (raIssuer != null) issuing = raIssuer;
            }
            r.Ca = issuing;
            r.Chain = ChainUp(issuing, cas);
            ArrayList signers = new ArrayList();
            X509Certificate recipient = null;
            for (int i = 0; i < ras.Count; i++)
            {
                X509Certificate ra = (X509Certificate)ras[i];
                if (!NameMatch.Equal(ra.Issuer, issuing.Subject)) { error = "the RA certificate " + ra.Describe() + " was not issued by the CA " + issuing.Describe(); return null; }
                string why = SignatureCheck.Verify(ra, issuing, null, false);
                if (why != null) { error = "the RA certificate " + ra.Describe() + " is not signed by the CA: " + why; return null; }
                if (ra.RsaModulus == null) continue;
                bool encipher = !ra.HasKeyUsage || (ra.KeyUsage & X509Certificate.KuKeyEncipherment) != 0;
                bool sign = !ra.HasKeyUsage || (ra.KeyUsage & X509Certificate.KuDigitalSignature) != 0;
                if (encipher && recipient == null) recipient = ra;
                if (sign) signers.Add(ra);
            }
            r.HasRa = ras.Count > 0;
            if (r.HasRa && recipient == null) { error = "GetCACert offered RA certificates but none with an RSA key for keyEncipherment"; return null; }
            if (recipient == null)
            {
                if (issuing.RsaModulus == null) { error = "the CA certificate has no RSA key; SCEP's key transport needs one (RFC 8894 §3.2.2)"; return null; }
                recipient = issuing;
            }
            r.Recipient = recipient;
            signers.Add(issuing);
            r.Signers = new X509Certificate[signers.Count];
            for (int i = 0; i < signers.Count; i++) r.Signers[i] = (X509Certificate)signers[i];
            return r;
        }

        // The issuing CA and, upward, each issuer in the set whose signature on the one below verifies.
        private static X509Certificate[] ChainUp(X509Certificate start, ArrayList cas)
        {
            ArrayList chain = new ArrayList();
            chain.Add(start);
            X509Certificate cur = start;
            while (!cur.IsSelfIssued && chain.Count < cas.Count)
            {
                X509Certificate next = null;
                for (int i = 0; i < cas.Count && next == null; i++)
                {
                    X509Certificate c = (X509Certificate)cas[i];
                    if (!chain.Contains(c) && NameMatch.Equal(cur.Issuer, c.Subject) && SignatureCheck.Verify(cur, c, null, false) == null) next = c;
                }
                if (next == null) break;
                chain.Add(next);
                cur = next;
            }
            X509Certificate[] r = new X509Certificate[chain.Count];
            for (int i = 0; i < chain.Count; i++) r[i] = (X509Certificate)chain[i];
            return r;
        }

        private static string Issuers(X509Certificate[] chain)
        {
            string s = "";
            for (int i = 1; i < chain.Length; i++) s += " " + chain[i].Describe();
            return s;
        }

        /// <summary>The media type without parameters, lower case; "" when absent.</summary>
        public static string MediaType(string contentType)
        {
            if (contentType == null) return "";
            int semi = contentType.IndexOf(';');
            string t = semi >= 0 ? contentType.Substring(0, semi) : contentType;
            return Util.Ascii.Lower(t.Trim());
        }

        /// <summary>Throws ArgumentException unless the pin is "sha256:" + 64 hex digits or "sha1:" + 40.</summary>
        public static void CheckPinFormat(string pin)
        {
            int colon = pin == null ? -1 : pin.IndexOf(':');
            if (colon <= 0) throw new System.ArgumentException("a CA fingerprint is sha256:HEX or sha1:HEX");
            string alg = Util.Ascii.Lower(pin.Substring(0, colon));
            byte[] v = Util.Hex.TryParse(pin.Substring(colon + 1));
            int want = alg == "sha256" ? 32 : alg == "sha1" ? 20 : 0;
            if (want == 0 || v == null || v.Length != want) throw new System.ArgumentException("a CA fingerprint is sha256:HEX (32 bytes) or sha1:HEX (20 bytes)");
        }
    }
}
