namespace PhoneAgent.Core.Tests.Sip.Auth
{
    /// <summary>A real NTLMv2 registration of Microsoft Office Communicator 2007 R2 to Office
    /// Communications Server 2007 R2 (user COSMO\User, password "Pa$$word", workstation
    /// COSMO-OCS-R2), as published in pidgin-sipe's src/core/sip-sec-ntlm-tests.c (where the
    /// SIPE authors recreated and verified it). Both ends are Microsoft's implementations, so
    /// the AUTHENTICATE_MESSAGE and the two signatures are independent known answers for the
    /// NTLM and MS-SIPAE code here. Provenance: tests/vectors/sip-auth/README.md.</summary>
    internal static class OcsTraceVectors
    {
        public const string User = "User";
        public const string Domain = "COSMO";
        public const string Password = "Pa$$word";
        public const string Workstation = "COSMO-OCS-R2";
        public const string Realm = "SIP Communications Service";
        public const string TargetName = "cosmo-ocs-r2.cosmo.local";
        public const string Opaque = "2BDBAC9D";

        /// <summary>The server's CHALLENGE_MESSAGE (no MsvAvTimestamp: OCS 2007 R2 on Windows Server 2003).</summary>
        public const string ChallengeBase64 = "TlRMTVNTUAACAAAAAAAAADgAAADzgpji3Ruq9OfiGNEAAAAAAAAAAJYAlgA4AAAABQLODgAAAA8CAAoAQwBPAFMATQBPAAEAGABDAE8AUwBNAE8ALQBPAEMAUwAtAFIAMgAEABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAMAMABjAG8AcwBtAG8ALQBvAGMAcwAtAHIAMgAuAGMAbwBzAG0AbwAuAGwAbwBjAGEAbAAFABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAAAAAA=";
        public const string ChallengeHex = "4e544c4d53535000020000000000000038000000f38298e2dd1baaf4e7e218d1000000000000000096009600380000000502ce0e0000000f02000a0043004f0053004d004f000100180043004f0053004d004f002d004f00430053002d00520032000400160063006f0073006d006f002e006c006f00630061006c000300300063006f0073006d006f002d006f00630073002d00720032002e0063006f0073006d006f002e006c006f00630061006c000500160063006f0073006d006f002e006c006f00630061006c0000000000";

        /// <summary>Communicator's AUTHENTICATE_MESSAGE (flags 0x62988255, Version 5.2.3790 rev 15).</summary>
        public const string AuthenticateBase64 = "TlRMTVNTUAADAAAAGAAYAHIAAADGAMYAigAAAAoACgBIAAAACAAIAFIAAAAYABgAWgAAABAAEABQAQAAVYKYYgUCzg4AAAAPQwBPAFMATQBPAFUAcwBlAHIAQwBPAFMATQBPAC0ATwBDAFMALQBSADIAoeku/k4Hi/fFwASazGFmwtauh1yw/apBjcDIAK527KYG0rn769BHMQEBAAAAAAAAWVGaFye5ygHWrodcsP2qQQAAAAACAAoAQwBPAFMATQBPAAEAGABDAE8AUwBNAE8ALQBPAEMAUwAtAFIAMgAEABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAMAMABjAG8AcwBtAG8ALQBvAGMAcwAtAHIAMgAuAGMAbwBzAG0AbwAuAGwAbwBjAGEAbAAFABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAAAAAAAAAAAMctznhyoCkmFkeiueXEV5A==";
        public const string AuthenticateHex = "4e544c4d53535000030000001800180072000000c600c6008a0000000a000a00480000000800080052000000180018005a0000001000100050010000558298620502ce0e0000000f43004f0053004d004f00550073006500720043004f0053004d004f002d004f00430053002d0052003200a1e92efe4e078bf7c5c0049acc6166c2d6ae875cb0fdaa418dc0c800ae76eca606d2b9fbebd04731010100000000000059519a1727b9ca01d6ae875cb0fdaa410000000002000a0043004f0053004d004f000100180043004f0053004d004f002d004f00430053002d00520032000400160063006f0073006d006f002e006c006f00630061006c000300300063006f0073006d006f002d006f00630073002d00720032002e0063006f0073006d006f002e006c006f00630061006c000500160063006f0073006d006f002e006c006f00630061006c00000000000000000031cb739e1ca80a498591e8ae797115e4";

        public const string Version = "0502ce0e0000000f";
        /// <summary>The NTLMv2 blob's time, FILETIME 0x01CAB927179A5159 (2010-03-01 10:08:08 UTC).</summary>
        public const long Time = 0x01CAB927179A5159;
        public const string ClientChallenge = "d6ae875cb0fdaa41";
        public const string EncryptedRandomSessionKey = "31cb739e1ca80a498591e8ae797115e4";

        /// <summary>The REGISTER (CSeq 3) that carried the AUTHENTICATE_MESSAGE, its signed
        /// buffer (protocol version 4) and Proxy-Authorization value.</summary>
        public const string CallId = "4037df9284354df39065195bd57a4b14";
        public const string From = "<sip:user@cosmo.local>;tag=3e49177a52;epid=c8ca638a15";
        public const string To = "<sip:user@cosmo.local>";
        public const string Crand = "13317733";
        public const string RequestBuffer = "<NTLM><13317733><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><><><><>";
        public const string RequestSignature = "0100000029618e9651b65a7764000000";
        public const string ProxyAuthorization = "NTLM qop=\"auth\", realm=\"SIP Communications Service\", opaque=\"2BDBAC9D\", targetname=\"cosmo-ocs-r2.cosmo.local\", version=4, gssapi-data=\""
            + AuthenticateBase64 + "\", crand=\"13317733\", cnum=\"1\", response=\"0100000029618e9651b65a7764000000\"";

        /// <summary>The server's 200 OK: Authentication-Info, the fields it signs, the buffer.</summary>
        public const string AuthenticationInfo = "NTLM rspauth=\"01000000E615438A917661BE64000000\", srand=\"9616454F\", snum=\"1\", opaque=\"2BDBAC9D\", qop=\"auth\", targetname=\"cosmo-ocs-r2.cosmo.local\", realm=\"SIP Communications Service\"";
        public const string ResponseFrom = "\"User\"<sip:user@cosmo.local>;tag=3e49177a52;epid=c8ca638a15";
        public const string ResponseTo = "<sip:user@cosmo.local>;tag=5E61CCD925D17E043D9A74835A88F664";
        public const string ResponseExpires = "7200";
        public const string ResponseBuffer = "<NTLM><9616454F><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><5E61CCD925D17E043D9A74835A88F664><><><7200><200>";
    }

    /// <summary>An IRandom that hands out scripted bytes (then zeros), to replay a capture.</summary>
    internal sealed class ScriptedRandom : PhoneAgent.Core.Ports.IRandom
    {
        private readonly byte[] _bytes;
        private int _pos;

        public ScriptedRandom(byte[] bytes) { _bytes = bytes; }

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++) buffer[i] = _pos < _bytes.Length ? _bytes[_pos++] : (byte)0;
        }

        public int Next(int maxExclusive) { return 0; }

        public int Used { get { return _pos; } }
    }
}
