namespace PhoneAgent.Core.Sip
{
    /// <summary>Character classes of the RFC 3261 §25.1 grammar (ASCII only; every class
    /// below excludes non-ASCII, which only quoted strings, comments, reason phrases and
    /// unknown header values may carry).</summary>
    public static class SipChars
    {
        public static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

        public static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

        public static bool IsAlphaNum(char c) { return IsAlpha(c) || IsDigit(c); }

        public static bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

        /// <summary>WSP: SP or HTAB (RFC 3261 §25.1, from RFC 2234).</summary>
        public static bool IsWsp(char c) { return c == ' ' || c == '\t'; }

        /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")</summary>
        public static bool IsToken(char c)
        {
            if (IsAlphaNum(c)) return true;
            switch (c)
            {
                case '-': case '.': case '!': case '%': case '*': case '_': case '+': case '`': case '\'': case '~':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>word = 1*(token chars / "(" / ")" / "&lt;" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}"), used by Call-ID.</summary>
        public static bool IsWord(char c)
        {
            if (IsToken(c)) return true;
            switch (c)
            {
                case '(': case ')': case '<': case '>': case ':': case '\\': case '"': case '/': case '[': case ']': case '?': case '{': case '}':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"; unreserved = alphanum / mark.</summary>
        public static bool IsUnreserved(char c)
        {
            if (IsAlphaNum(c)) return true;
            switch (c)
            {
                case '-': case '_': case '.': case '!': case '~': case '*': case '\'': case '(': case ')':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>reserved = ";" / "/" / "?" / ":" / "@" / "&amp;" / "=" / "+" / "$" / ","</summary>
        public static bool IsReserved(char c)
        {
            switch (c)
            {
                case ';': case '/': case '?': case ':': case '@': case '&': case '=': case '+': case '$': case ',':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Characters of user (besides escaped): unreserved / "&amp;" / "=" / "+" / "$" / "," / ";" / "?" / "/".</summary>
        public static bool IsUserChar(char c)
        {
            if (IsUnreserved(c)) return true;
            switch (c)
            {
                case '&': case '=': case '+': case '$': case ',': case ';': case '?': case '/':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>password = *(unreserved / escaped / "&amp;" / "=" / "+" / "$" / ",")</summary>
        public static bool IsPasswordChar(char c)
        {
            if (IsUnreserved(c)) return true;
            switch (c)
            {
                case '&': case '=': case '+': case '$': case ',':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>paramchar (besides escaped) = param-unreserved / unreserved; param-unreserved = "[" / "]" / "/" / ":" / "&amp;" / "+" / "$"</summary>
        public static bool IsParamChar(char c)
        {
            if (IsUnreserved(c)) return true;
            switch (c)
            {
                case '[': case ']': case '/': case ':': case '&': case '+': case '$':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>hname/hvalue characters (besides escaped): hnv-unreserved / unreserved; hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"</summary>
        public static bool IsHeaderChar(char c)
        {
            if (IsUnreserved(c)) return true;
            switch (c)
            {
                case '[': case ']': case '/': case '?': case ':': case '+': case '$':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>uric = reserved / unreserved / escaped (RFC 2396 §2), for absoluteURI of other schemes.</summary>
        public static bool IsUriChar(char c)
        {
            return IsReserved(c) || IsUnreserved(c) || c == '%';
        }

        /// <summary>scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )</summary>
        public static bool IsSchemeChar(char c)
        {
            return IsAlphaNum(c) || c == '+' || c == '-' || c == '.';
        }
    }
}
