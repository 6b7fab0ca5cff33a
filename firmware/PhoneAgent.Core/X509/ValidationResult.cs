namespace PhoneAgent.Core.X509
{
    /// <summary>The outcome: the path (anchor first) when valid, else the failure, naming the
    /// certificate concerned and the reason in words an administrator can act on.</summary>
    public sealed class ValidationResult
    {
        public bool Valid;
        public X509Certificate[] Path = new X509Certificate[0];
        /// <summary>A short machine-readable reason ("signature", "expired", "missing-issuer", ...).</summary>
        public string Code = "";
        public string Message = "";
        /// <summary>The certificate the failure is about, or null.</summary>
        public X509Certificate Certificate;
        /// <summary>When valid: the user-constrained policy set of RFC 5280 §6.1.6 (the policy
        /// OIDs valid for the whole path; anyPolicy "2.5.29.32.0" when any; empty when none).</summary>
        public string[] Policies = new string[0];
    }
}
