using System.Collections;

namespace PhoneAgent.Core.X509
{
    /// <summary>Certification path building and validation, RFC 5280 §6.1, from the certificates
    /// a peer presented (leaf first), provisioned intermediates and trust anchors. Candidate
    /// paths are built depth-first (bounded depth, no certificate twice, AKI/SKI preferred),
    /// each is validated, and the first valid one wins; otherwise the most telling failure is
    /// reported. CRLs are checked when the policy supplies them (§6.3, direct CRLs only).
    /// Name constraints as in §6.1.3 (b)-(c) and §6.1.4 (g). Not yet: certificate policies,
    /// indirect and delta CRLs.</summary>
    public sealed class PathValidator
    {
        public const int MaxCandidatePaths = 32;

        private readonly X509Certificate[] _anchors;
        private readonly X509Certificate[] _intermediates;

        public PathValidator(X509Certificate[] anchors, X509Certificate[] intermediates)
        {
            if (anchors == null) throw new System.ArgumentNullException(nameof(anchors));
            _anchors = anchors;
            _intermediates = intermediates ?? new X509Certificate[0];
        }

        public ValidationResult Validate(X509Certificate[] presented, ValidationPolicy policy)
        {
            if (presented == null || presented.Length == 0) throw new System.ArgumentException("no certificate to validate");
            if (policy == null) throw new System.ArgumentNullException(nameof(policy));
            ArrayList pool = new ArrayList();
            for (int i = 1; i < presented.Length; i++) pool.Add(presented[i]);
            for (int i = 0; i < _intermediates.Length; i++) pool.Add(_intermediates[i]);

            ArrayList paths = new ArrayList();
            ArrayList chain = new ArrayList();
            chain.Add(presented[0]);
            X509Certificate[] stuck = new X509Certificate[1];
            Build(chain, pool, policy.MaxDepth, paths, stuck);

            ValidationResult best = null;
            for (int i = 0; i < paths.Count; i++)
            {
                ValidationResult r = Check((X509Certificate[])paths[i], policy);
                if (r.Valid) return r;
                if (best == null) best = r;
            }
            if (best != null) return best;
            return MissingIssuer(presented, stuck[0] ?? presented[0]);
        }

        private void Build(ArrayList chain, ArrayList pool, int maxDepth, ArrayList paths, X509Certificate[] stuck)
        {
            if (paths.Count >= MaxCandidatePaths) return;
            X509Certificate current = (X509Certificate)chain[chain.Count - 1];
            bool any = false;
            for (int i = 0; i < _anchors.Length; i++)
            {
                if (!IssuedBy(current, _anchors[i])) continue;
                any = true;
                X509Certificate[] path = new X509Certificate[chain.Count + 1];
                path[0] = _anchors[i];
                for (int k = 0; k < chain.Count; k++) path[k + 1] = (X509Certificate)chain[chain.Count - 1 - k];
                paths.Add(path);
                if (paths.Count >= MaxCandidatePaths) return;
            }
            if (chain.Count > maxDepth) return;
            for (int i = 0; i < pool.Count; i++)
            {
                X509Certificate c = (X509Certificate)pool[i];
                if (chain.Contains(c) || !IssuedBy(current, c)) continue;
                any = true;
                chain.Add(c);
                Build(chain, pool, maxDepth, paths, stuck);
                chain.RemoveAt(chain.Count - 1);
            }
            if (!any && stuck[0] == null) stuck[0] = current;
        }

        private static bool IssuedBy(X509Certificate child, X509Certificate issuer)
        {
            if (!NameMatch.Equal(child.Issuer, issuer.Subject)) return false;
            if (child.AuthorityKeyId != null && issuer.SubjectKeyId != null && !SameBytes(child.AuthorityKeyId, issuer.SubjectKeyId)) return false;
            return true;
        }

        /// <summary>RFC 5280 §6.1.3 and §6.1.4 over one path, anchor first.</summary>
        private static ValidationResult Check(X509Certificate[] path, ValidationPolicy policy)
        {
            int n = path.Length - 1;
            if (policy.PinnedAnchor != null)
            {
                string pinWhy = Pin.Check(path[0], policy.PinnedAnchor);
                if (pinWhy != null) return Fail("pin", pinWhy, path[0], path);
            }
            int maxPathLength = n;                                  // §6.1.2 (k)
            ArrayList constraints = new ArrayList();                // §6.1.2 (b), (c): one entry per constraining CA
            byte[] dsaParameters = path[0].PublicKeyParameters;
            if (policy.Fips && path[0].RsaModulus != null && path[0].RsaKeyBits < ValidationPolicy.FipsMinRsaBits)
                return Fail("fips-key-size", "Cert key size is not FIPS compliant: trust anchor " + path[0].Describe() + " has a " + path[0].RsaKeyBits.ToString() + "-bit RSA key", path[0], path);
            for (int i = 1; i <= n; i++)
            {
                X509Certificate cert = path[i];
                X509Certificate issuer = path[i - 1];
                string role = i == n ? "end-entity certificate " : "CA certificate ";
                // (a)(1) signature
                string why = SignatureCheck.Verify(cert, issuer, dsaParameters, policy.Fips);
                if (why != null) return Fail("signature", role + cert.Describe() + ": " + why, cert, path);
                if (cert.PublicKeyAlgorithm == X509Certificate.OidDsa && cert.PublicKeyParameters != null && cert.PublicKeyParameters.Length > 2)
                    dsaParameters = cert.PublicKeyParameters;
                // (a)(2) validity
                if (policy.Time < cert.NotBefore)
                    return Fail("not-yet-valid", role + cert.Describe() + " is not valid before " + Asn1.Asn1Time.Format(cert.NotBefore) + " (time used: " + Asn1.Asn1Time.Format(policy.Time) + ")", cert, path);
                if (policy.Time > cert.NotAfter)
                    return Fail("expired", role + cert.Describe() + " expired on " + Asn1.Asn1Time.Format(cert.NotAfter) + " (time used: " + Asn1.Asn1Time.Format(policy.Time) + ")", cert, path);
                // (a)(4) name chaining
                if (!NameMatch.Equal(cert.Issuer, issuer.Subject))
                    return Fail("name-chaining", role + cert.Describe() + " names issuer \"" + cert.Issuer.Text + "\", not \"" + issuer.Subject.Text + "\"", cert, path);
                if (cert.UnknownCriticalExtensions.Length > 0)
                    return Fail("unknown-critical-extension", role + cert.Describe() + " has a critical extension this phone does not process: " + cert.UnknownCriticalExtensions[0], cert, path);
                if (policy.Fips && cert.RsaModulus != null && cert.RsaKeyBits < ValidationPolicy.FipsMinRsaBits)
                    return Fail("fips-key-size", "Cert key size is not FIPS compliant: " + role + cert.Describe() + " has a " + cert.RsaKeyBits.ToString() + "-bit RSA key", cert, path);
                if (policy.Crls != null)
                {
                    string code;
                    string revocation = Revocation(cert, issuer, path, dsaParameters, policy, out code);
                    if (revocation != null) return Fail(code, role + cert.Describe() + ": " + revocation, cert, path);
                }
                // §6.1.3 (b), (c): names against the constraints of the CAs above (self-issued CAs exempt).
                if (i == n || !cert.IsSelfIssued)
                {
                    string nameWhy = NameConstraints.Check(cert, constraints);
                    if (nameWhy != null) return Fail("name-constraints", role + cert.Describe() + ": " + nameWhy, cert, path);
                }
                if (i == n) break;
                // §6.1.4 (g): this CA's constraints apply below it.
                if (cert.NameConstraints != null)
                {
                    X509Extension ncx = cert.FindExtension(X509Extension.NameConstraints);
                    if (cert.NameConstraints.Unsupported != null && ncx != null && ncx.Critical)
                        return Fail("name-constraints", role + cert.Describe() + " has critical name constraints on " + cert.NameConstraints.Unsupported + ", which this phone cannot apply", cert, path);
                    constraints.Add(cert.NameConstraints);
                }
                // §6.1.4 (k): a CA certificate needs basicConstraints cA = TRUE (v1/v2: rejected).
                if (!cert.HasBasicConstraints || !cert.IsCa)
                    return Fail("not-a-ca", role + cert.Describe() + " is used as a CA but " + (cert.HasBasicConstraints ? "basicConstraints has cA = FALSE" : "has no basicConstraints extension"), cert, path);
                // (l), (m): path length
                if (!cert.IsSelfIssued)
                {
                    if (maxPathLength <= 0)
                        return Fail("path-length", role + cert.Describe() + " exceeds the pathLenConstraint of a CA above it", cert, path);
                    maxPathLength--;
                }
                if (cert.PathLenConstraint >= 0 && cert.PathLenConstraint < maxPathLength) maxPathLength = cert.PathLenConstraint;
                // (n): keyCertSign
                if (cert.HasKeyUsage && (cert.KeyUsage & X509Certificate.KuKeyCertSign) == 0)
                    return Fail("key-usage", role + cert.Describe() + " has keyUsage without keyCertSign, so it may not sign certificates", cert, path);
            }
            X509Certificate leaf = path[n];
            if (policy.Purpose != null && leaf.ExtendedKeyUsages != null && !Contains(leaf.ExtendedKeyUsages, policy.Purpose) && !Contains(leaf.ExtendedKeyUsages, "2.5.29.37.0"))
                return Fail("eku", "end-entity certificate " + leaf.Describe() + " is not for " + (policy.Purpose == ValidationPolicy.EkuServerAuth ? "TLS server" : policy.Purpose == ValidationPolicy.EkuClientAuth ? "TLS client" : policy.Purpose) + " authentication (extendedKeyUsage)", leaf, path);
            if (policy.HostName != null && !HostName.Matches(leaf, policy.HostName))
                return Fail("host-name", "end-entity certificate " + leaf.Describe() + " is not valid for \"" + policy.HostName + "\" (" + HostName.Describe(leaf) + ")", leaf, path);
            ValidationResult ok = new ValidationResult();
            ok.Valid = true;
            ok.Path = path;
            ok.Message = "valid: " + path.Length.ToString() + " certificates, anchored at \"" + path[0].Subject.Text + "\"";
            return ok;
        }

        /// <summary>RFC 5280 §6.3, for CRLs signed by the certificate's own issuer (no indirect or
        /// delta CRLs): null when a usable CRL does not list the certificate, else the reason.</summary>
        private static string Revocation(X509Certificate cert, X509Certificate issuer, X509Certificate[] path, byte[] dsaParameters, ValidationPolicy policy, out string code)
        {
            code = "revocation-unknown";
            string why = "";
            bool usable = false;
            for (int i = 0; i < policy.Crls.Length; i++)
            {
                X509Crl crl = policy.Crls[i];
                if (!NameMatch.Equal(crl.Issuer, cert.Issuer)) continue;
                string problem = crl.Unusable;
                if (problem == null) problem = CrlSignature(crl, issuer, path, dsaParameters, policy.Fips);
                if (problem == null && crl.ThisUpdate > policy.Time) problem = "it was issued after the validation time";
                if (problem == null && crl.NextUpdate >= 0 && crl.NextUpdate < policy.Time)
                    problem = "it is stale (nextUpdate " + Asn1.Asn1Time.Format(crl.NextUpdate) + ")";
                if (problem != null)
                {
                    why += (why.Length > 0 ? "; " : "") + "the CRL from \"" + crl.Issuer.Text + "\" is unusable: " + problem;
                    continue;
                }
                int entry = crl.Find(cert.SerialNumber);
                if (entry >= 0)
                {
                    string entryProblem = crl.EntryUnusable(entry);
                    if (entryProblem != null) return "its CRL entry cannot be interpreted: " + entryProblem;
                    code = "revoked";
                    return "revoked on " + Asn1.Asn1Time.Format(crl.RevocationDate(entry)) + " (CRL from \"" + crl.Issuer.Text + "\")";
                }
                usable = true;
            }
            if (usable) return null;
            return "revocation status unknown: no usable CRL from \"" + cert.Issuer.Text + "\"" + (why.Length > 0 ? " (" + why + ")" : "");
        }

        /// <summary>The CRL's signature, by the certificate's issuer or, after a key rollover, by
        /// another certificate of the path with the CRL issuer's name (RFC 5280 §6.3.3 (f));
        /// the signer needs cRLSign when it has keyUsage. Null when a signer verifies.</summary>
        private static string CrlSignature(X509Crl crl, X509Certificate issuer, X509Certificate[] path, byte[] dsaParameters, bool fips)
        {
            string first = null;
            for (int k = -1; k < path.Length; k++)
            {
                X509Certificate signer = k < 0 ? issuer : path[k];
                if (k >= 0 && (signer == issuer || !NameMatch.Equal(signer.Subject, crl.Issuer))) continue;
                if (crl.AuthorityKeyId != null && signer.SubjectKeyId != null && !SameBytes(crl.AuthorityKeyId, signer.SubjectKeyId))
                {
                    if (first == null) first = "it was signed by another key of \"" + crl.Issuer.Text + "\" (authority key identifier " + Util.Hex.Bytes(crl.AuthorityKeyId) + ")";
                    continue;
                }
                string why = signer.HasKeyUsage && (signer.KeyUsage & X509Certificate.KuCrlSign) == 0
                    ? "its signer's keyUsage lacks cRLSign"
                    : SignatureCheck.Verify(crl.SignatureAlgorithm, crl.SignatureAlgorithmParameters, crl.Der, crl.TbsOffset, crl.TbsLength, crl.Signature, crl.SignatureUnusedBits,
                        signer, dsaParameters, fips);
                if (why == null) return null;
                if (first == null) first = why;
            }
            return first;
        }

        private ValidationResult MissingIssuer(X509Certificate[] presented, X509Certificate stuck)
        {
            ValidationResult r = new ValidationResult();
            r.Code = "missing-issuer";
            r.Certificate = stuck;
            string aki = stuck.AuthorityKeyId != null ? " (authority key identifier " + Util.Hex.Bytes(stuck.AuthorityKeyId) + ")" : "";
            string aia = stuck.CaIssuersUrls.Length > 0 ? "; its AIA caIssuers URL " + stuck.CaIssuersUrls[0] + " could supply the missing certificate" : "; it carries no AIA caIssuers URL";
            r.Message = "cannot build a path to a trust anchor: the peer sent " + presented.Length.ToString() + " certificate" +
                (presented.Length == 1 ? "" : "s") + ", and no certificate for issuer \"" + stuck.Issuer.Text + "\"" + aki +
                " of " + stuck.Describe() + " was sent, provisioned as an intermediate, or trusted" + aia +
                (presented.Length == 1 ? ". A server (or load balancer) that sends only its own certificate, without the intermediate, causes this" : "");
            return r;
        }

        private static ValidationResult Fail(string code, string message, X509Certificate cert, X509Certificate[] path)
        {
            ValidationResult r = new ValidationResult();
            r.Code = code;
            r.Message = message;
            r.Certificate = cert;
            r.Path = path;
            return r;
        }

        private static bool Contains(string[] a, string v)
        {
            for (int i = 0; i < a.Length; i++) if (a[i] == v) return true;
            return false;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
