using System.Collections;

namespace PhoneAgent.Core.X509
{
    /// <summary>Certification path building and validation, RFC 5280 §6.1, from the certificates
    /// a peer presented (leaf first), provisioned intermediates and trust anchors. Candidate
    /// paths are built depth-first (bounded depth, no certificate twice, AKI/SKI preferred),
    /// each is validated, and the first valid one wins; otherwise the most telling failure is
    /// reported. CRLs are checked when the policy supplies them (§6.3: complete CRLs with
    /// their delta CRLs, issuing distribution points, reasons, indirect CRLs and separate CRL
    /// signers). Name constraints as in §6.1.3 (b)-(c) and §6.1.4 (g); certificate policies
    /// in PolicyTree. Not thread-safe: one validation at a time per instance.</summary>
    public sealed class PathValidator
    {
        public const int MaxCandidatePaths = 32;
        /// <summary>How deep CRL-signer paths may nest (a CRL signer whose own CRL has another signer ...).</summary>
        public const int MaxCrlSignerDepth = 2;

        /// <summary>Per-Validate state: the candidate pool and the CRL signers being validated
        /// (so a signer is never validated from within its own validation).</summary>
        private sealed class Context
        {
            public ArrayList Pool;
            public ArrayList SignersInProgress = new ArrayList();
        }

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

            Context ctx = new Context();
            ctx.Pool = pool;
            ValidationResult best = null;
            for (int i = 0; i < paths.Count; i++)
            {
                ValidationResult r = Check((X509Certificate[])paths[i], policy, ctx);
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
        private ValidationResult Check(X509Certificate[] path, ValidationPolicy policy, Context ctx)
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
            PolicyTree policies = new PolicyTree(n, policy);
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
                    string revocation = Revocation(cert, issuer, path, dsaParameters, policy, ctx, out code);
                    if (revocation != null) return Fail(code, role + cert.Describe() + ": " + revocation, cert, path);
                }
                // §6.1.3 (b), (c): names against the constraints of the CAs above (self-issued CAs exempt).
                if (i == n || !cert.IsSelfIssued)
                {
                    string nameWhy = NameConstraints.Check(cert, constraints);
                    if (nameWhy != null) return Fail("name-constraints", role + cert.Describe() + ": " + nameWhy, cert, path);
                }
                string policyWhy = policies.Process(cert, i);          // §6.1.3 (d)-(f)
                if (policyWhy != null) return Fail("policy", role + cert.Describe() + ": " + policyWhy, cert, path);
                if (i == n) break;
                policyWhy = policies.Prepare(cert, i);                  // §6.1.4 (a), (b), (h)-(j)
                if (policyWhy != null) return Fail("policy", role + cert.Describe() + ": " + policyWhy, cert, path);
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
            string[] validPolicies;
            string wrapWhy = policies.WrapUp(leaf, policy.InitialPolicies, out validPolicies);   // §6.1.5
            if (wrapWhy != null) return Fail("policy", "end-entity certificate " + leaf.Describe() + ": " + wrapWhy, leaf, path);
            ValidationResult ok = new ValidationResult();
            ok.Valid = true;
            ok.Policies = validPolicies;
            ok.Path = path;
            ok.Message = "valid: " + path.Length.ToString() + " certificates, anchored at \"" + path[0].Subject.Text + "\"";
            return ok;
        }

        /// <summary>RFC 5280 §6.3 with complete, direct CRLs: each CRL from the certificate's
        /// issuer that is in scope (issuingDistributionPoint against the certificate's
        /// distribution points and kind) adds the reasons it covers, until all are covered.
        /// Null when the certificate is not revoked, else the reason.</summary>
        private string Revocation(X509Certificate cert, X509Certificate issuer, X509Certificate[] path, byte[] dsaParameters, ValidationPolicy policy, Context ctx, out string code)
        {
            code = "revocation-unknown";
            string why = "";
            int reasonsMask = 0;
            for (int i = 0; i < policy.Crls.Length; i++)
            {
                X509Crl crl = policy.Crls[i];
                if (crl.IsDelta) continue;                                          // used only beside its base, below
                if (!NameMatch.Equal(crl.Issuer, cert.Issuer) && CrlIssuerPoint(cert, crl) == null) continue;
                int interim;
                string problem = CrlScope(crl, cert, out interim);                 // §6.3.3 (b), (d)
                if (problem == null && (interim & ~reasonsMask) == 0) continue;     // adds no reason
                if (problem == null) problem = crl.Unusable;
                if (problem == null) problem = CrlSignature(crl, issuer, path, dsaParameters, policy, ctx);   // (f), (g)
                if (problem == null && crl.ThisUpdate > policy.Time) problem = "it was issued after the validation time";
                if (problem == null && crl.NextUpdate >= 0 && crl.NextUpdate < policy.Time)
                    problem = "it is stale (nextUpdate " + Asn1.Asn1Time.Format(crl.NextUpdate) + ")";
                if (problem != null)
                {
                    why += (why.Length > 0 ? "; " : "") + "the CRL from \"" + crl.Issuer.Text + "\" is unusable: " + problem;
                    continue;
                }
                // (c), (i)(1): a delta CRL for this complete CRL is consulted first; removeFromCRL there un-revokes.
                string deltaProblem;
                X509Crl delta = Delta(crl, issuer, path, dsaParameters, policy, ctx, out deltaProblem);
                if (deltaProblem != null)
                {
                    why += (why.Length > 0 ? "; " : "") + "the delta CRL for the CRL from \"" + crl.Issuer.Text + "\" is unusable: " + deltaProblem;
                    continue;
                }
                int deltaEntry = delta == null ? -1 : delta.Find(cert.Issuer, cert.SerialNumber);
                if (deltaEntry >= 0 && delta.Reason(deltaEntry) != X509Crl.ReasonRemoveFromCrl)
                {
                    string entryProblem = delta.EntryUnusable(deltaEntry);
                    if (entryProblem != null) return "its delta CRL entry cannot be interpreted: " + entryProblem;
                    code = "revoked";
                    return "revoked on " + Asn1.Asn1Time.Format(delta.RevocationDate(deltaEntry)) + " (delta CRL from \"" + delta.Issuer.Text + "\")";
                }
                int entry = deltaEntry >= 0 ? -1 : crl.Find(cert.Issuer, cert.SerialNumber);   // (i)(2), (j)
                if (entry >= 0 && crl.Reason(entry) == X509Crl.ReasonRemoveFromCrl) entry = -1;
                if (entry >= 0)
                {
                    string entryProblem = crl.EntryUnusable(entry);
                    if (entryProblem != null) return "its CRL entry cannot be interpreted: " + entryProblem;
                    code = "revoked";
                    return "revoked on " + Asn1.Asn1Time.Format(crl.RevocationDate(entry)) + " (CRL from \"" + crl.Issuer.Text + "\")";
                }
                reasonsMask |= interim;                                             // (j)
                if (reasonsMask == DistributionPoint.AllReasons) return null;
            }
            return "revocation status unknown: " + (reasonsMask != 0
                ? "the usable CRLs from \"" + cert.Issuer.Text + "\" cover only some revocation reasons (onlySomeReasons)"
                : "no usable CRL from \"" + cert.Issuer.Text + "\"") + (why.Length > 0 ? " (" + why + ")" : "");
        }

        /// <summary>§6.3.3 (c): the newest usable delta CRL for this complete CRL (same issuer,
        /// same issuingDistributionPoint, same key, BaseCRLNumber not above the complete CRL's
        /// number), or null when none was supplied. A matching delta that cannot be used sets
        /// problem: the complete CRL alone might be out of date.</summary>
        private X509Crl Delta(X509Crl complete, X509Certificate issuer, X509Certificate[] path, byte[] dsaParameters, ValidationPolicy policy, Context ctx, out string problem)
        {
            problem = null;
            X509Crl best = null;
            for (int i = 0; i < policy.Crls.Length; i++)
            {
                X509Crl d = policy.Crls[i];
                if (!d.IsDelta || !NameMatch.Equal(d.Issuer, complete.Issuer)) continue;
                if (!SameOrBothNull(d.IssuingPointDer, complete.IssuingPointDer)) continue;
                if (d.AuthorityKeyId != null && complete.AuthorityKeyId != null && !SameBytes(d.AuthorityKeyId, complete.AuthorityKeyId)) continue;
                if (complete.CrlNumber == null || CompareNumbers(d.BaseCrlNumber, complete.CrlNumber) > 0) continue;
                string why = d.Unusable;
                if (why == null) why = CrlSignature(d, issuer, path, dsaParameters, policy, ctx);     // (h)
                if (why == null && d.ThisUpdate > policy.Time) why = "it was issued after the validation time";
                if (why == null && d.NextUpdate >= 0 && d.NextUpdate < policy.Time) why = "it is stale (nextUpdate " + Asn1.Asn1Time.Format(d.NextUpdate) + ")";
                if (why != null) { if (problem == null) problem = why; continue; }
                if (best == null || CompareNumbers(d.CrlNumber, best.CrlNumber) > 0) best = d;
            }
            if (best != null) problem = null;
            return best;
        }

        private static int CompareNumbers(byte[] a, byte[] b)
        {
            if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
            if (a.Length != b.Length) return a.Length < b.Length ? -1 : 1;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
            return 0;
        }

        private static bool SameOrBothNull(byte[] a, byte[] b)
        {
            if (a == null || b == null) return a == b;
            return SameBytes(a, b);
        }

        /// <summary>§6.3.3 (b) and (d): null when the CRL covers this certificate, with the
        /// reasons it covers for it; else why it does not apply.</summary>
        private static string CrlScope(X509Crl crl, X509Certificate cert, out int reasons)
        {
            reasons = crl.OnlySomeReasons;
            bool isCa = cert.HasBasicConstraints && cert.IsCa;
            // (b)(1): a CRL from another issuer than the certificate's must be indirect and named
            // as cRLIssuer by one of the certificate's distribution points.
            DistributionPoint viaIssuer = CrlIssuerPoint(cert, crl);
            if (viaIssuer != null && !crl.IndirectCrl) return "the certificate names \"" + crl.Issuer.Text + "\" as cRLIssuer but the CRL is not indirect";
            if (crl.OnlyAttributeCerts) return "it covers attribute certificates only";
            if (crl.OnlyUserCerts && isCa) return "it covers end-entity certificates only (onlyContainsUserCerts)";
            if (crl.OnlyCaCerts && !isCa) return "it covers CA certificates only (onlyContainsCACerts)";
            DistributionPoint[] dps = cert.DistributionPoints;
            if (crl.IssuingPoint != null && crl.IssuingPoint.HasName)
            {
                // (b)(2)(i): a name of the IDP must be a name of one of the certificate's points
                // (or of its cRLIssuer when the point has no name).
                for (int k = 0; dps != null && k < dps.Length; k++)
                {
                    DistributionPoint dp = dps[k];
                    if (!IssuerFits(dp, cert, crl)) continue;
                    X509Name dpCrlIssuer = dp.CrlIssuers != null && dp.CrlIssuers.Length > 0 ? dp.CrlIssuers[0] : cert.Issuer;
                    bool match = dp.HasName
                        ? dp.NameMatches(crl.IssuingPoint, dpCrlIssuer, crl.Issuer)
                        : dp.CrlIssuers != null && crl.IssuingPoint.NameMatches(dp.CrlIssuers, crl.Issuer);
                    if (!match) continue;
                    reasons &= dp.Reasons;
                    return null;
                }
                return "its issuingDistributionPoint names a distribution point that the certificate does not list";
            }
            if (viaIssuer != null)
            {
                reasons &= viaIssuer.Reasons;
                return null;
            }
            for (int k = 0; dps != null && k < dps.Length; k++)
            {
                if (!IssuerFits(dps[k], cert, crl)) continue;
                reasons &= dps[k].Reasons;
                return null;
            }
            return dps == null ? null : "the certificate's distribution points name other CRL issuers";
        }

        /// <summary>§6.3.3 (b)(1) for one point: with cRLIssuer, the CRL must come from it; without, from the certificate's issuer.</summary>
        private static bool IssuerFits(DistributionPoint dp, X509Certificate cert, X509Crl crl)
        {
            if (dp.CrlIssuers == null) return NameMatch.Equal(crl.Issuer, cert.Issuer);
            for (int n = 0; n < dp.CrlIssuers.Length; n++) if (NameMatch.Equal(dp.CrlIssuers[n], crl.Issuer)) return true;
            return false;
        }

        /// <summary>The certificate's distribution point whose cRLIssuer names this CRL's issuer, or null.</summary>
        private static DistributionPoint CrlIssuerPoint(X509Certificate cert, X509Crl crl)
        {
            DistributionPoint[] dps = cert.DistributionPoints;
            for (int k = 0; dps != null && k < dps.Length; k++)
            {
                X509Name[] names = dps[k].CrlIssuers;
                for (int n = 0; names != null && n < names.Length; n++)
                    if (NameMatch.Equal(names[n], crl.Issuer)) return dps[k];
            }
            return null;
        }

        /// <summary>The CRL's signature (§6.3.3 (f), (g)): by the certificate's issuer; after a
        /// key rollover, by another certificate of the path with the CRL issuer's name; or by a
        /// separate CRL-signing certificate among those presented or provisioned, whose own path
        /// must validate to the same trust anchor. The signer needs cRLSign when it has keyUsage.
        /// Null when a signer verifies.</summary>
        private string CrlSignature(X509Crl crl, X509Certificate issuer, X509Certificate[] path, byte[] dsaParameters, ValidationPolicy policy, Context ctx)
        {
            string first = null;
            for (int k = -1; k < path.Length + ctx.Pool.Count; k++)
            {
                bool inPath = k < path.Length;
                X509Certificate signer = k < 0 ? issuer : inPath ? path[k] : (X509Certificate)ctx.Pool[k - path.Length];
                if ((k >= 0 && signer == issuer) || !NameMatch.Equal(signer.Subject, crl.Issuer)) continue;
                if (!inPath && Contains(path, signer)) continue;
                if (crl.AuthorityKeyId != null && signer.SubjectKeyId != null && !SameBytes(crl.AuthorityKeyId, signer.SubjectKeyId))
                {
                    if (first == null) first = "it was signed by another key of \"" + crl.Issuer.Text + "\" (authority key identifier " + Util.Hex.Bytes(crl.AuthorityKeyId) + ") and no certificate for that key validates";
                    continue;
                }
                string why = signer.HasKeyUsage && (signer.KeyUsage & X509Certificate.KuCrlSign) == 0
                    ? "its signer's keyUsage lacks cRLSign"
                    : SignatureCheck.Verify(crl.SignatureAlgorithm, crl.SignatureAlgorithmParameters, crl.Der, crl.TbsOffset, crl.TbsLength, crl.Signature, crl.SignatureUnusedBits,
                        signer, dsaParameters, policy.Fips);
                if (why == null && !inPath) why = CrlSignerPath(signer, path[0], policy, ctx);
                if (why == null) return null;
                if (first == null || first.StartsWith("it was signed by another key")) first = why;
            }
            return first;
        }

        /// <summary>Validates a CRL-signing certificate outside the path to the same trust anchor
        /// (§6.3.3 (f)), with the same time, CRLs and FIPS setting; null when it validates.</summary>
        private string CrlSignerPath(X509Certificate signer, X509Certificate anchor, ValidationPolicy policy, Context ctx)
        {
            if (ctx.SignersInProgress.Contains(signer) || ctx.SignersInProgress.Count >= MaxCrlSignerDepth)
                return "its CRL-signing certificate " + signer.Describe() + " would need its own CRL signer validated too deep";
            ctx.SignersInProgress.Add(signer);
            try
            {
                ArrayList paths = new ArrayList();
                ArrayList chain = new ArrayList();
                chain.Add(signer);
                Build(chain, ctx.Pool, policy.MaxDepth, paths, new X509Certificate[1]);
                ValidationPolicy sub = new ValidationPolicy();
                sub.Time = policy.Time;
                sub.Fips = policy.Fips;
                sub.Crls = policy.Crls;
                sub.MaxDepth = policy.MaxDepth;
                string first = null;
                for (int i = 0; i < paths.Count; i++)
                {
                    X509Certificate[] p = (X509Certificate[])paths[i];
                    if (p[0] != anchor) continue;
                    ValidationResult r = Check(p, sub, ctx);
                    if (r.Valid) return null;
                    if (first == null) first = r.Message;
                }
                return "its CRL-signing certificate " + signer.Describe() + " does not validate: " + (first ?? "no path to the same trust anchor");
            }
            finally
            {
                ctx.SignersInProgress.Remove(signer);
            }
        }

        private static bool Contains(X509Certificate[] a, X509Certificate c)
        {
            for (int i = 0; i < a.Length; i++) if (a[i] == c) return true;
            return false;
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
