namespace PhoneAgent.Core.X509
{
    /// <summary>One extension as carried (RFC 5280 §4.1): OID, critical flag, DER value.</summary>
    public sealed class X509Extension
    {
        public string Oid;
        public bool Critical;
        public byte[] Value;

        public const string SubjectKeyIdentifier = "2.5.29.14";
        public const string KeyUsage = "2.5.29.15";
        public const string SubjectAltName = "2.5.29.17";
        public const string BasicConstraints = "2.5.29.19";
        public const string NameConstraints = "2.5.29.30";
        public const string CrlDistributionPoints = "2.5.29.31";
        public const string CertificatePolicies = "2.5.29.32";
        public const string PolicyMappings = "2.5.29.33";
        public const string AuthorityKeyIdentifier = "2.5.29.35";
        public const string PolicyConstraints = "2.5.29.36";
        public const string ExtendedKeyUsage = "2.5.29.37";
        public const string InhibitAnyPolicy = "2.5.29.54";
        public const string AuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";
    }
}
