namespace PhoneAgent.Core.X509
{
    /// <summary>What a validation checks beyond the chain itself.</summary>
    public sealed class ValidationPolicy
    {
        public const string EkuServerAuth = "1.3.6.1.5.5.7.3.1";
        public const string EkuClientAuth = "1.3.6.1.5.5.7.3.2";
        public const int FipsMinRsaBits = 2048;

        /// <summary>Validation time, Unix seconds (from SNTP or given).</summary>
        public long Time;
        /// <summary>Required extended key usage of the leaf (server/client auth), or null.</summary>
        public string Purpose;
        /// <summary>Host name the leaf must match (RFC 6125), or null.</summary>
        public string HostName;
        /// <summary>FIPS mode: RSA keys below 2048 bits and SHA-1 signatures refused.</summary>
        public bool Fips;
        public int MaxDepth = 8;
        /// <summary>When set, the path's trust anchor must have this fingerprint: "sha256:HEX" or
        /// "sha1:HEX" (SCEP CA pinning). Colons and case in HEX are ignored.</summary>
        public string PinnedAnchor;
        /// <summary>CRLs to check every certificate of the path against (RFC 5280 §6.3); null:
        /// no revocation checking. When given, a certificate without a usable CRL from its
        /// issuer is refused ("revocation status unknown").</summary>
        public X509Crl[] Crls;
        /// <summary>user-initial-policy-set of RFC 5280 §6.1.1 (c): certificate policy OIDs the
        /// phone accepts; null means anyPolicy.</summary>
        public string[] InitialPolicies;
        /// <summary>initial-explicit-policy, initial-policy-mapping-inhibit and
        /// initial-any-policy-inhibit of §6.1.1 (e)-(g).</summary>
        public bool RequireExplicitPolicy;
        public bool InhibitPolicyMapping;
        public bool InhibitAnyPolicy;

        /// <summary>A copy to adjust per connection (host name, time); arrays are shared.</summary>
        public ValidationPolicy Copy()
        {
            ValidationPolicy p = new ValidationPolicy();
            p.Time = Time;
            p.Purpose = Purpose;
            p.HostName = HostName;
            p.Fips = Fips;
            p.MaxDepth = MaxDepth;
            p.PinnedAnchor = PinnedAnchor;
            p.Crls = Crls;
            p.InitialPolicies = InitialPolicies;
            p.RequireExplicitPolicy = RequireExplicitPolicy;
            p.InhibitPolicyMapping = InhibitPolicyMapping;
            p.InhibitAnyPolicy = InhibitAnyPolicy;
            return p;
        }
    }
}
