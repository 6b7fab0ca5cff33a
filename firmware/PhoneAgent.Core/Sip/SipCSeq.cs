namespace PhoneAgent.Core.Sip
{
    /// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number is below 2^31 (§8.1.1.5).</summary>
    public sealed class SipCSeq
    {
        public const long MaxNumber = 2147483647;

        public readonly int Number;
        public readonly string Method;

        public SipCSeq(int number, string method)
        {
            if (number < 0) throw new System.ArgumentException("CSeq number is negative");
            if (!SipMessage.IsToken(method)) throw new System.ArgumentException("CSeq method is not a token");
            Number = number;
            Method = method;
        }

        public static SipCSeq TryParse(string value, out string error)
        {
            error = null;
            int i = 0, n = value.Length;
            while (i < n && SipChars.IsDigit(value[i])) i++;
            long number;
            int r = SipText.ParseDecimal(value, 0, i, MaxNumber, out number);
            if (r == 1) { error = "CSeq does not start with a number"; return null; }
            if (r == 2) { error = "CSeq number is 2^31 or more (RFC 3261 §8.1.1.5)"; return null; }
            int ws = i;
            while (i < n && SipChars.IsWsp(value[i])) i++;
            if (i == ws) { error = "CSeq: whitespace expected between the number and the method"; return null; }
            int ms = i;
            while (i < n && SipChars.IsToken(value[i])) i++;
            if (i == ms) { error = "CSeq has no method"; return null; }
            string method = value.Substring(ms, i - ms);
            while (i < n && SipChars.IsWsp(value[i])) i++;
            if (i != n) { error = "CSeq: unexpected text after the method"; return null; }
            return new SipCSeq((int)number, method);
        }

        public override string ToString()
        {
            return Number.ToString() + " " + Method;
        }
    }
}
