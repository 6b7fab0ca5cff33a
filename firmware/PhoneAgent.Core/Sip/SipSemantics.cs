using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>Checks a parsed message against the rules of RFC 3261 that do not depend on
    /// dialog or transaction state, in the order a UAS applies them (§8.2: method, then
    /// Request-URI, then extensions), after the framing and required-header checks the
    /// message needs before any response can be built. The verdicts for the RFC 4475
    /// torture messages are in tests/PhoneAgent.Tests.Host/Sip/TortureTests.cs.</summary>
    public static class SipSemantics
    {
        /// <summary>Methods this codec knows: RFC 3261 and the extensions a phone meets
        /// (PRACK 3262, SUBSCRIBE/NOTIFY 6665, REFER 3515, MESSAGE 3428, INFO 6086,
        /// UPDATE 3311, PUBLISH 3903). Methods are case-sensitive (§7.1).</summary>
        public static readonly string[] KnownMethods =
        {
            "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "INFO", "UPDATE", "PUBLISH",
        };

        /// <summary>First defect found, or null. supportedOptionTags: the extensions this
        /// element implements (for Require, §8.2.2.3); null means none.</summary>
        public static SipDefect Check(SipMessage m, string[] supportedOptionTags)
        {
            if (m == null) throw new System.ArgumentNullException(nameof(m));
            int reject = m.IsRequest ? 400 : 0;
            if (m.AnalysisError != null) return new SipDefect(reject, "RFC 3261 §25.1", m.AnalysisError);
            if (!Ascii.EqualsIgnoreCase(m.Version, SipMessage.Version20))
                return new SipDefect(m.IsRequest ? 505 : 0, "RFC 3261 §21.5.7", "SIP version " + m.Version + " is not supported");
            if (m.FramingDefect != null) return new SipDefect(reject, "RFC 3261 §18.3, §20.14", m.FramingDefect);

            // RFC 3261 §8.1.1: To, From, CSeq, Call-ID and Via are required; Max-Forwards is
            // not checked on receipt (RFC 2543 requests lack it, RFC 4475 §3.4.1).
            string missing = "";
            if (m.CallId == null) missing = Join(missing, "Call-ID");
            if (m.CSeq == null) missing = Join(missing, "CSeq");
            if (m.From == null) missing = Join(missing, "From");
            if (m.To == null) missing = Join(missing, "To");
            if (m.ViaCount == 0) missing = Join(missing, "Via");
            if (missing.Length > 0) return new SipDefect(reject, "RFC 3261 §8.1.1", "missing required header field(s): " + missing);
            if (m.RepeatedHeader != null)
                return new SipDefect(reject, "RFC 3261 §7.3.1", m.RepeatedHeader + " appears more than once but takes a single value");

            SipVia top = m.TopVia;
            if (top.Branch == SipVia.MagicCookie)
                return new SipDefect(reject, "RFC 3261 §8.1.1.7", "top Via branch is the magic cookie alone, with no transaction identifier");

            if (!m.IsRequest)
            {
                // RFC 3261 §8.1.3.3: a UAC discards a response with more than one Via.
                if (m.ViaCount > 1) return new SipDefect(0, "RFC 3261 §8.1.3.3", "response has " + m.ViaCount.ToString() + " Via values; a UAC expects exactly its own");
                return null;
            }

            if (!IsKnownMethod(m.Method)) return new SipDefect(501, "RFC 3261 §8.2.1", "method " + m.Method + " is not implemented");
            if (m.CSeq.Method != m.Method)
                return new SipDefect(400, "RFC 3261 §8.1.1.5", "CSeq method " + m.CSeq.Method + " does not match the request method " + m.Method);
            SipUri ruri = m.RequestSipUri;
            if (ruri == null) return new SipDefect(416, "RFC 3261 §8.2.2.1", "Request-URI scheme is not sip or sips");
            if (ruri.Headers.Count > 0) return new SipDefect(400, "RFC 3261 §19.1.1 table 1", "Request-URI carries URI headers ('?')");
            if (m.Method == "REGISTER")
            {
                // RFC 3261 §10.2: To holds the address-of-record, a SIP or SIPS URI.
                if (m.To.Uri == null) return new SipDefect(400, "RFC 3261 §10.2", "REGISTER To is not a sip or sips URI");
            }
            string[] require = m.Require;
            for (int i = 0; i < require.Length; i++)
            {
                if (!Contains(supportedOptionTags, require[i]))
                    return new SipDefect(420, "RFC 3261 §8.2.2.3", "Require lists unsupported extension " + require[i]);
            }
            string date = m.GetHeader(SipHeaderNames.Date);
            if (date != null && !IsGmtDate(date))
                return new SipDefect(400, "RFC 3261 §20.17", "Date is not an RFC 1123 date in GMT");
            return null;
        }

        public static bool IsKnownMethod(string method)
        {
            for (int i = 0; i < KnownMethods.Length; i++)
            {
                if (KnownMethods[i] == method) return true;
            }
            return false;
        }

        private static bool Contains(string[] tags, string tag)
        {
            if (tags == null) return false;
            for (int i = 0; i < tags.Length; i++)
            {
                if (Ascii.EqualsIgnoreCase(tags[i], tag)) return true;
            }
            return false;
        }

        private static string Join(string a, string b)
        {
            return a.Length == 0 ? b : a + ", " + b;
        }

        /// <summary>SIP-date = rfc1123-date = wkday "," SP date1 SP time SP "GMT", e.g.
        /// "Sat, 13 Nov 2010 23:29:00 GMT" (RFC 3261 §25.1; only GMT is allowed).</summary>
        public static bool IsGmtDate(string d)
        {
            if (d.Length != 29) return false;
            string wk = d.Substring(0, 3);
            if (Index("MonTueWedThuFriSatSun", wk) < 0 || d[3] != ',' || d[4] != ' ') return false;
            if (!Digits(d, 5, 2) || d[7] != ' ') return false;
            if (Index("JanFebMarAprMayJunJulAugSepOctNovDec", d.Substring(8, 3)) < 0 || d[11] != ' ') return false;
            if (!Digits(d, 12, 4) || d[16] != ' ') return false;
            if (!Digits(d, 17, 2) || d[19] != ':' || !Digits(d, 20, 2) || d[22] != ':' || !Digits(d, 23, 2)) return false;
            return d.Substring(25) == " GMT";
        }

        private static int Index(string table, string three)
        {
            for (int i = 0; i + 3 <= table.Length; i += 3)
            {
                if (table.Substring(i, 3) == three) return i / 3;
            }
            return -1;
        }

        private static bool Digits(string s, int at, int n)
        {
            for (int i = at; i < at + n; i++)
            {
                if (!SipChars.IsDigit(s[i])) return false;
            }
            return true;
        }
    }
}
