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
    }
}
