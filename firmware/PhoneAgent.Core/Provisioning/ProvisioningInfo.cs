namespace PhoneAgent.Core.Provisioning
{
    /// <summary>Where the phone's certificate-provisioning service and SIP servers are, and
    /// where each value came from, so a report can say "from DHCP option 43 of 10.77.0.1"
    /// or "from configuration key dhcp.option43.override.stsUri".</summary>
    public sealed class ProvisioningInfo
    {
        public string StsUri = "";
        public string StsUriSource = "";
        public string[] SipServers = new string[0];
        public string SipServersSource = "";
        /// <summary>The problem that made a fallback necessary, or "" when none.</summary>
        public string Diagnosis = "";

        public bool HasStsUri { get { return StsUri.Length > 0; } }
        public bool HasSipServers { get { return SipServers.Length > 0; } }
    }
}
