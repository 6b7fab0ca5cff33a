using System.Collections;

namespace PhoneAgent.Core.Sip
{
    /// <summary>Splits a list header's value at commas outside quoted strings, &lt;...&gt; and
    /// comments (RFC 3261 §7.3.1: "Header-value, Header-value" equals two header fields).</summary>
    public static class SipList
    {
        /// <summary>The elements, whitespace-trimmed; an empty value gives an empty array.
        /// Returns null with error on an unterminated quote/bracket, an empty element or more
        /// than SipLimits.MaxListElements elements.</summary>
        public static string[] Split(string value, out string error)
        {
            error = null;
            ArrayList parts = new ArrayList();
            int n = value.Length, start = 0, i = 0;
            bool blank = true;
            for (int k = 0; k < n; k++)
            {
                if (!SipChars.IsWsp(value[k])) { blank = false; break; }
            }
            if (blank) return new string[0];
            while (i <= n)
            {
                if (i == n || value[i] == ',')
                {
                    string part = value.Substring(start, i - start).Trim();
                    if (part.Length == 0) { error = "empty element in comma-separated list"; return null; }
                    if (parts.Count >= SipLimits.MaxListElements) { error = "more than " + SipLimits.MaxListElements.ToString() + " values in one header"; return null; }
                    parts.Add(part);
                    start = i + 1;
                    i++;
                    continue;
                }
                char c = value[i];
                if (c == '"')
                {
                    i++;
                    while (i < n && value[i] != '"')
                    {
                        if (value[i] == '\\') i++;
                        i++;
                    }
                    if (i >= n) { error = "unterminated quoted string"; return null; }
                    i++;
                    continue;
                }
                if (c == '<')
                {
                    while (i < n && value[i] != '>') i++;
                    if (i >= n) { error = "'<' without '>'"; return null; }
                    i++;
                    continue;
                }
                if (c == '(')
                {
                    int depth = 0;
                    while (i < n)
                    {
                        if (value[i] == '\\') { i += 2; continue; }
                        if (value[i] == '(') depth++;
                        else if (value[i] == ')' && --depth == 0) break;
                        i++;
                    }
                    if (i >= n) { error = "unterminated comment"; return null; }
                    i++;
                    continue;
                }
                i++;
            }
            string[] r = new string[parts.Count];
            for (int k = 0; k < r.Length; k++) r[k] = (string)parts[k];
            return r;
        }
    }
}
