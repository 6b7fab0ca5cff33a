namespace PhoneAgent.Core.Sip
{
    /// <summary>A cursor over one unfolded header value (or part of it) with the lexical
    /// pieces of RFC 3261 §25.1: SWS, token, quoted-string, comment. Every read is bounded
    /// by End and moves forward, so no loop built on it can spin.</summary>
    public sealed class SipScanner
    {
        public readonly string Text;
        public readonly int End;
        public int Pos;

        public SipScanner(string text) : this(text, 0, text.Length) { }

        public SipScanner(string text, int start, int end)
        {
            Text = text;
            Pos = start;
            End = end;
        }

        public bool AtEnd { get { return Pos >= End; } }

        /// <summary>The next char, or '\0' at the end (callers test AtEnd where NUL matters).</summary>
        public char Peek() { return Pos < End ? Text[Pos] : '\0'; }

        /// <summary>Skips SP/HTAB. After unfolding, LWS and SWS are runs of these.</summary>
        public void SkipWs()
        {
            while (Pos < End && SipChars.IsWsp(Text[Pos])) Pos++;
        }

        /// <summary>Consumes c if it is next (no whitespace skipped).</summary>
        public bool TryChar(char c)
        {
            if (Pos < End && Text[Pos] == c) { Pos++; return true; }
            return false;
        }

        /// <summary>Reads 1*token-char, or returns null without moving.</summary>
        public string ReadToken()
        {
            int s = Pos;
            while (Pos < End && SipChars.IsToken(Text[Pos])) Pos++;
            return Pos > s ? Text.Substring(s, Pos - s) : null;
        }

        /// <summary>Reads a quoted-string starting at '"' and returns its content with
        /// quoted-pairs resolved. qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII;
        /// quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F).</summary>
        public bool ReadQuoted(out string value, out string error)
        {
            value = null;
            error = null;
            if (!TryChar('"')) { error = "expected a quoted string"; return false; }
            System.Text.StringBuilder sb = null;
            int runStart = Pos;
            while (Pos < End)
            {
                char c = Text[Pos];
                if (c == '"')
                {
                    value = sb == null ? Text.Substring(runStart, Pos - runStart) : sb.Append(Text.Substring(runStart, Pos - runStart)).ToString();
                    Pos++;
                    return true;
                }
                if (c == '\\')
                {
                    if (Pos + 1 >= End) break;
                    char q = Text[Pos + 1];
                    if (q == '\r' || q == '\n' || q > 0x7F) { error = "invalid quoted-pair in quoted string"; return false; }
                    if (sb == null) sb = new System.Text.StringBuilder();
                    sb.Append(Text.Substring(runStart, Pos - runStart));
                    sb.Append(q);
                    Pos += 2;
                    runStart = Pos;
                    continue;
                }
                if ((c < 0x20 && c != '\t') || c == 0x7F) { error = "control character in quoted string"; return false; }
                Pos++;
            }
            error = "unterminated quoted string";
            return false;
        }

        /// <summary>Reads a comment starting at '(' (nested up to SipLimits.MaxCommentDepth) and
        /// returns its text without the outer parentheses, quoted-pairs resolved.</summary>
        public bool ReadComment(out string text, out string error)
        {
            text = null;
            error = null;
            if (!TryChar('(')) { error = "expected a comment"; return false; }
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            int depth = 1;
            while (Pos < End)
            {
                char c = Text[Pos++];
                if (c == '\\')
                {
                    if (Pos >= End) break;
                    sb.Append(Text[Pos++]);
                    continue;
                }
                if (c == '(')
                {
                    if (++depth > SipLimits.MaxCommentDepth) { error = "comment nested too deeply"; return false; }
                }
                else if (c == ')')
                {
                    if (--depth == 0) { text = sb.ToString().Trim(); return true; }
                }
                else if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    error = "control character in comment";
                    return false;
                }
                sb.Append(c);
            }
            error = "unterminated comment";
            return false;
        }

        /// <summary>Describes the char at Pos for error messages.</summary>
        public string Here()
        {
            if (Pos >= End) return "end of value";
            char c = Text[Pos];
            if (c > 0x20 && c < 0x7F) return "'" + c.ToString() + "' at column " + (Pos + 1).ToString();
            return "character " + ((int)c).ToString() + " at column " + (Pos + 1).ToString();
        }
    }
}
