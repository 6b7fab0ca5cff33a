namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>Real EAPOL frames from ../shared/lab/2-8021x/eapol.pcap: wpa_supplicant 2.10
    /// (driver=wired, MAC d6:d5:c5:dd:45:24, identity "md5user") against hostapd 2.10's internal
    /// EAP server (driver=wired, MAC 7a:2f:5a:2a:ee:f1) over a veth pair; first a run with the
    /// right password "md5pass" (frames 1-6), then one with a wrong password (frames 7-12).
    /// Whole Ethernet frames as captured (no padding on veth), hex; see tests/vectors/eapol/README.md.</summary>
    public static class EapolVectors
    {
        /// <summary>Frame 1: to 01:80:c2:00:00:03 from d6:d5:c5:dd:45:24, EtherType 888e, version 1, type 1 (Start), body length 0.</summary>
        public const string Start = "0180c2000003d6d5c5dd4524888e01010000";

        /// <summary>Frame 2: from hostapd, version 2, type 0 (EAP-Packet), length 5: EAP Request (1), id 0x5c, Length 5, Type 1 (Identity), no prompt.</summary>
        public const string RequestIdentity = "0180c20000037a2f5a2aeef1888e02000005015c000501";

        /// <summary>Frame 3: version 1, EAP Response (2), id 0x5c, Length 12, Type 1, "md5user".</summary>
        public const string ResponseIdentity = "0180c2000003d6d5c5dd4524888e0100000c025c000c016d643575736572";

        /// <summary>Frame 4: EAP Request, id 0x5d, Length 22, Type 4 (MD5-Challenge), Value-Size 16, challenge 8eb1...0c72, no Name.</summary>
        public const string RequestMd5 = "0180c20000037a2f5a2aeef1888e02000016015d001604108eb1841e281a1710636d0eaab52a0c72";
        public const string Md5Challenge = "8eb1841e281a1710636d0eaab52a0c72";

        /// <summary>Frame 5: EAP Response, id 0x5d, Type 4, Value-Size 16, Value = MD5(0x5d || "md5pass" || challenge), no Name.</summary>
        public const string ResponseMd5 = "0180c2000003d6d5c5dd4524888e01000016025d00160410486450bbda79f47a1a1eb3bb76ad1367";
        public const string Md5Value = "486450bbda79f47a1a1eb3bb76ad1367";
        public const string Md5Password = "md5pass";

        /// <summary>Frame 6: EAP Success (3), id 0x5d (the Response's, RFC 3748 §4.2), Length 4.</summary>
        public const string Success = "0180c20000037a2f5a2aeef1888e02000004035d0004";

        /// <summary>Frame 10: EAP Request, id 0xa3, MD5-Challenge 3478...023a (the wrong-password run).</summary>
        public const string RequestMd5Second = "0180c20000037a2f5a2aeef1888e0200001601a3001604103478d2cdca124b1735181c3f62e1023a";

        /// <summary>Frame 11: the Response computed with the wrong password (not known here).</summary>
        public const string ResponseMd5Wrong = "0180c2000003d6d5c5dd4524888e0100001602a300160410accaf226edde83afeb04c70ce271a409";

        /// <summary>Frame 12: EAP Failure (4), id 0xa3, Length 4.</summary>
        public const string Failure = "0180c20000037a2f5a2aeef1888e0200000404a30004";

        public static readonly string[] All = new string[]
        {
            Start, RequestIdentity, ResponseIdentity, RequestMd5, ResponseMd5, Success, RequestMd5Second, ResponseMd5Wrong, Failure,
        };
    }
}
