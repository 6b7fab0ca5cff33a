namespace PhoneAgent.Core.X509
{
    /// <summary>Name chaining comparison, RFC 5280 §7.1: byte-identical names match; otherwise
    /// names match when they have the same attributes in the same order and each string value
    /// matches after case folding and whitespace compression (the RFC 4518 essentials: leading
    /// and trailing spaces removed, inner runs collapsed to one, ASCII case ignored).</summary>
    public static class NameMatch
    {
        public static bool Equal(X509Name a, X509Name b)
        {
            if (a == null || b == null) return false;
            if (a.SameDer(b)) return true;
            if (a.AttributeOids.Length != b.AttributeOids.Length) return false;
            for (int i = 0; i < a.AttributeOids.Length; i++)
            {
                if (a.AttributeOids[i] != b.AttributeOids[i]) return false;
                if (Normalize(a.AttributeValues[i]) != Normalize(b.AttributeValues[i])) return false;
            }
            return true;
        }

        public static string Normalize(string v)
        {
            if (v == null) return "";
            System.Text.StringBuilder sb = new System.Text.StringBuilder(v.Length);
            bool space = false;
            for (int i = 0; i < v.Length; i++)
            {
                char c = v[i];
                if (c == ' ' || c == '\t')
                {
                    space = sb.Length > 0;
                    continue;
                }
                if (space) { sb.Append(' '); space = false; }
                sb.Append(c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
            }
            return sb.ToString();
        }
    }
}
