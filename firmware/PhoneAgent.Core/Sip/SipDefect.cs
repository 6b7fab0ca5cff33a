namespace PhoneAgent.Core.Sip
{
    /// <summary>What a receiver should do about a message that parsed but breaks a rule of
    /// RFC 3261: the response a UAS would send (Status), or 0 when the message (a response)
    /// should be discarded; the rule and a sentence naming the defect.</summary>
    public sealed class SipDefect
    {
        public readonly int Status;
        public readonly string Rule;
        public readonly string Reason;

        public SipDefect(int status, string rule, string reason)
        {
            Status = status;
            Rule = rule;
            Reason = reason;
        }

        public override string ToString()
        {
            return (Status == 0 ? "discard: " : Status.ToString() + ": ") + Reason + " (" + Rule + ")";
        }
    }
}
