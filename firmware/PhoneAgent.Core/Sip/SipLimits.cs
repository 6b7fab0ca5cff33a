namespace PhoneAgent.Core.Sip
{
    /// <summary>Caps on everything the codec reads, so hostile or broken input costs bounded
    /// memory and time. RFC 3261 sets no maximum; these fit a phone's registration traffic
    /// (a real 200 OK to REGISTER is ~0.5 KiB; RFC 4475's longest header line is 593 bytes).</summary>
    public static class SipLimits
    {
        /// <summary>Whole message (start line, headers, body). 64 KiB is also the UDP maximum.</summary>
        public const int MaxMessageBytes = 65536;

        /// <summary>Header fields (lines after unfolding) per message.</summary>
        public const int MaxHeaders = 128;

        /// <summary>One header field after unfolding, name included; also the start line.</summary>
        public const int MaxLineBytes = 8192;

        /// <summary>Comma-separated values in one header field.</summary>
        public const int MaxListElements = 64;

        /// <summary>Parameters after one value (;name=value), and URI parameters / headers.</summary>
        public const int MaxParameters = 32;

        /// <summary>Nesting of comments "( ( ) )" (Retry-After, RFC 3261 §25.1 comment).</summary>
        public const int MaxCommentDepth = 8;
    }
}
