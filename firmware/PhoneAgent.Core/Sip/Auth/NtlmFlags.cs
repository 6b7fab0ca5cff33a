namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>NTLM NegotiateFlags, MS-NLMP §2.2.2.5 (bit values as sent, little-endian on the wire).</summary>
    public static class NtlmFlags
    {
        public const uint Unicode = 0x00000001;                 // A
        public const uint Oem = 0x00000002;                     // B
        public const uint RequestTarget = 0x00000004;           // C
        public const uint Sign = 0x00000010;                    // D
        public const uint Seal = 0x00000020;                    // E
        public const uint Datagram = 0x00000040;                // F: connectionless
        public const uint LmKey = 0x00000080;                   // G
        public const uint Ntlm = 0x00000200;                    // H
        public const uint Anonymous = 0x00000800;               // J
        public const uint OemDomainSupplied = 0x00001000;       // K
        public const uint OemWorkstationSupplied = 0x00002000;  // L
        public const uint AlwaysSign = 0x00008000;              // M
        public const uint TargetTypeDomain = 0x00010000;        // N
        public const uint TargetTypeServer = 0x00020000;        // O
        public const uint ExtendedSessionSecurity = 0x00080000; // P
        public const uint Identify = 0x00100000;                // Q
        public const uint RequestNonNtSessionKey = 0x00400000;  // R
        public const uint TargetInfo = 0x00800000;              // S
        public const uint Version = 0x02000000;                 // T
        public const uint Negotiate128 = 0x20000000;            // U
        public const uint KeyExchange = 0x40000000;             // V
        public const uint Negotiate56 = 0x80000000;             // W

        /// <summary>What this phone asks for in connectionless mode: MS-SIPAE §4.1 has the
        /// client initialise NTLM with "Datagram, Identify, and Integrity" (Integrity = Sign);
        /// NTLMv2 needs TargetInfo and extended session security; 128-bit keys and key
        /// exchange; Unicode strings. The negotiated set is this intersected with the
        /// server's offer (MS-NLMP §3.1.5.2.1), plus RequestTarget, which a client may always set.</summary>
        public const uint Default = Unicode | RequestTarget | Sign | Datagram | Ntlm | AlwaysSign | ExtendedSessionSecurity
            | Identify | TargetInfo | Version | Negotiate128 | KeyExchange;

        public static bool Has(uint flags, uint flag) { return (flags & flag) == flag; }

        /// <summary>The flag names, for diagnostics ("Unicode|Sign|...").</summary>
        public static string Describe(uint flags)
        {
            string[] names = new string[]
            {
                "Unicode", "Oem", "RequestTarget", "r10", "Sign", "Seal", "Datagram", "LmKey",
                "r9", "Ntlm", "r8", "Anonymous", "OemDomainSupplied", "OemWorkstationSupplied", "r7", "AlwaysSign",
                "TargetTypeDomain", "TargetTypeServer", "r6", "ExtendedSessionSecurity", "Identify", "r5", "RequestNonNtSessionKey", "TargetInfo",
                "r4", "Version", "r3", "r2", "r1", "128", "KeyExchange", "56",
            };
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < 32; i++)
            {
                if ((flags & (1u << i)) == 0) continue;
                if (sb.Length > 0) sb.Append('|');
                sb.Append(names[i]);
            }
            return sb.Length == 0 ? "(none)" : sb.ToString();
        }
    }
}
