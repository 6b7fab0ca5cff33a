using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Sip;

namespace PhoneAgent.Tests.Host.Sip
{
    /// <summary>The 49 RFC 4475 torture messages (../shared/vectors/sip-rfc4475, byte-exact from
    /// the RFC's archive) against a table written from RFC 4475 §3. Each row says what the RFC
    /// asks of a receiver and what this codec does: refuse at parse (with the defect named),
    /// or parse and let SipMessage.SemanticCheck() name the defect and the response a UAS
    /// would send (0 = a response to discard), or parse with nothing to object to.</summary>
    [TestClass]
    public class TortureTests
    {
        private enum Verdict { Valid, Flagged, Refused }

        private sealed record Row(string File, string Section, string Title, Verdict Verdict, int Status, string Why, string Rfc);

        // Why: a substring of the parser's error (Refused) or of the SipDefect's reason (Flagged).
        private static readonly Row[] Table =
        {
            // §3.1.1 Valid messages: a parser must accept them.
            new("wsinv", "3.1.1.1", "A Short Tortuous INVITE", Verdict.Valid, 0, null, "all elements should treat this as a well-formed request"),
            new("intmeth", "3.1.1.2", "Wide Range of Valid Characters", Verdict.Flagged, 501, "is not implemented", "well formed; endpoints generate a 501 for the unknown method"),
            new("esc01", "3.1.1.3", "Valid Use of the % Escaping Mechanism", Verdict.Valid, 0, null, "a parser must accept this as a well-formed message"),
            new("escnull", "3.1.1.4", "Escaped Nulls in URIs", Verdict.Valid, 0, null, "well formed - parsers must accept this message"),
            new("esc02", "3.1.1.5", "Use of % When It Is Not an Escape", Verdict.Flagged, 501, "RE%47IST%45R is not implemented", "a parser should accept it; an endpoint would reject it with a 501"),
            new("lwsdisp", "3.1.1.6", "Message with No LWS between Display Name and <", Verdict.Valid, 0, null, "elements should accept this request as well formed"),
            new("longreq", "3.1.1.7", "Long Values in Header Fields", Verdict.Valid, 0, null, "this well-formed request"),
            new("dblreq", "3.1.1.8", "Extra Trailing Octets in a UDP Datagram", Verdict.Valid, 0, null, "handle the REGISTER normally and ignore the extra bits"),
            new("semiuri", "3.1.1.9", "Semicolon-Separated Parameters in URI User Part", Verdict.Valid, 0, null, "accept this as a well-formed message"),
            new("transports", "3.1.1.10", "Varied and Unknown Transport Types", Verdict.Valid, 0, null, "parsers must accept this message as well formed"),
            new("mpart01", "3.1.1.11", "Multipart MIME Message", Verdict.Valid, 0, null, "parsers must accept this message as well formed"),
            new("unreason", "3.1.1.12", "Unusual Reason Phrase", Verdict.Valid, 0, null, "this response is well formed"),
            new("noreason", "3.1.1.13", "Empty Reason Phrase", Verdict.Valid, 0, null, "a parser must accept this message"),

            // §3.1.2 Invalid messages.
            new("badinv01", "3.1.2.1", "Extraneous Header Field Separators", Verdict.Refused, 400, "Via: empty element", "syntactically invalid; respond 400"),
            new("clerr", "3.1.2.2", "Content Length Larger Than Message", Verdict.Flagged, 400, "larger than the 154 body bytes", "over UDP respond 400"),
            new("ncl", "3.1.2.3", "Negative Content-Length", Verdict.Flagged, 400, "'-999' is not a non-negative decimal", "respond with an error; the rest of the datagram is discarded"),
            new("scalar02", "3.1.2.4", "Request Scalar Fields with Overlarge Values", Verdict.Refused, 400, "CSeq: CSeq number is 2^31 or more", "respond 400 due to the CSeq error"),
            new("scalarlg", "3.1.2.5", "Response Scalar Fields with Overlarge Values", Verdict.Refused, 0, "CSeq: CSeq number is 2^31 or more", "an element receiving this response will simply discard it"),
            new("quotbal", "3.1.2.6", "Unterminated Quoted String in Display Name", Verdict.Refused, 400, "To: display name: unterminated quoted string", "return a 400"),
            new("ltgtruri", "3.1.2.7", "<> Enclosing Request-URI", Verdict.Refused, 400, "Request-URI: not an absolute URI", "reasonable always to reject with 400"),
            new("lwsruri", "3.1.2.8", "Malformed SIP Request-URI (embedded LWS)", Verdict.Refused, 400, "whitespace inside the Request-URI", "respond with a 400"),
            new("lwsstart", "3.1.2.9", "Multiple SP Separating Request-Line Elements", Verdict.Refused, 400, "exactly one SP", "acceptable to reject this request as malformed"),
            new("trws", "3.1.2.10", "SP Characters at End of Request-Line", Verdict.Refused, 400, "none at the end", "acceptable to reject this request as malformed"),
            new("escruri", "3.1.2.11", "Escaped Headers in SIP Request-URI", Verdict.Flagged, 400, "Request-URI carries URI headers", "acceptable to reject with 400 (the URI itself is well formed)"),
            new("baddate", "3.1.2.12", "Invalid Time Zone in Date Header Field", Verdict.Flagged, 400, "Date is not an RFC 1123 date in GMT", "acceptable to reject, or to ignore the Date (the check reports it; using it is the caller's choice)"),
            new("regbadct", "3.1.2.13", "Failure to Enclose name-addr URI in <>", Verdict.Refused, 400, "Contact: URI with headers ('?') must be enclosed in <>", "reasonable to respond 400"),
            new("badaspec", "3.1.2.14", "Spaces within addr-spec", Verdict.Refused, 400, "To: whitespace inside <>", "reasonable to reject with 400"),
            new("baddn", "3.1.2.15", "Non-token Characters in Display Name", Verdict.Refused, 400, "From: display name has characters outside token", "reasonable always to reject with 400 (the archive's copy also lacks the empty line after the headers; the From defect comes first)"),
            new("badvers", "3.1.2.16", "Unknown Protocol Version", Verdict.Flagged, 505, "SIP version SIP/7.0 is not supported", "respond with 505 Version Not Supported"),
            new("mismatch01", "3.1.2.17", "Start Line and CSeq Method Mismatch", Verdict.Flagged, 400, "CSeq method INVITE does not match the request method OPTIONS", "respond with a 400"),
            new("mismatch02", "3.1.2.18", "Unknown Method with CSeq Method Mismatch", Verdict.Flagged, 501, "NEWMETHOD is not implemented", "respond with 501 (400 also acceptable)"),
            new("bigcode", "3.1.2.19", "Overlarge Response Code", Verdict.Refused, 0, "status code is not three digits", "simply drop it"),

            // §3.2 Transaction layer semantics.
            new("badbranch", "3.2.1", "Missing Transaction Identifier", Verdict.Flagged, 400, "magic cookie alone", "a parser must not break; could reject with 400 or fall back to RFC 2543 matching"),

            // §3.3 Application-layer semantics: all syntactically valid.
            new("insuf", "3.3.1", "Missing Required Header Fields", Verdict.Flagged, 400, "missing required header field(s): Call-ID, From, To", "must not break; ideally respond 400"),
            new("unkscm", "3.3.2", "Request-URI with Unknown Scheme", Verdict.Flagged, 416, "Request-URI scheme is not sip or sips", "parser must accept; reject with 416"),
            new("novelsc", "3.3.3", "Request-URI with Known but Atypical Scheme", Verdict.Flagged, 416, "Request-URI scheme is not sip or sips", "parser must accept; 416 if the element never accepts the scheme (a phone takes only sip/sips)"),
            new("unksm2", "3.3.4", "Unknown URI Schemes in Header Fields", Verdict.Flagged, 400, "REGISTER To is not a sip or sips URI", "parsers must not fail; a registrar rejects with 400"),
            new("bext01", "3.3.5", "Proxy-Require and Require", Verdict.Flagged, 420, "unsupported extension nothingSupportsThis", "respond 420 Bad Extension"),
            new("invut", "3.3.6", "Unknown Content-Type", Verdict.Valid, 0, null, "syntactically valid; an endpoint answers 415 (a body-type decision above the codec)"),
            new("regaut01", "3.3.7", "Unknown Authorization Scheme", Verdict.Valid, 0, null, "well formed; the Authorization is for the auth layer"),
            new("multi01", "3.3.8", "Multiple Values in Single Value Required Fields", Verdict.Flagged, 400, "CSeq appears more than once", "respond with 400"),
            new("mcl01", "3.3.9", "Multiple Content-Length Values", Verdict.Flagged, 400, "conflicting Content-Length values", "respond with an error; on TCP close the connection (SipStreamFramer fails)"),
            new("bcast", "3.3.10", "200 OK Response with Broadcast Via Header Field Value", Verdict.Flagged, 0, "response has 2 Via values", "well formed; an endpoint discards it (RFC 3261 §8.1.3.3)"),
            new("zeromf", "3.3.11", "Max-Forwards of Zero", Verdict.Valid, 0, null, "an endpoint processes it as if Max-Forwards were positive"),
            new("cparam01", "3.3.12", "REGISTER with a Contact Header Parameter", Verdict.Valid, 0, null, "unknownparam is a contact-param, not a url-param"),
            new("cparam02", "3.3.13", "REGISTER with a url-parameter", Verdict.Valid, 0, null, "unknownparam is a url-parameter"),
            new("regescrt", "3.3.14", "REGISTER with a URL Escaped Header", Verdict.Valid, 0, null, "the register should succeed; the escaped Route stays in the contact URI"),
            new("sdp01", "3.3.15", "Unacceptable Accept Offering", Verdict.Valid, 0, null, "406 or 400 is the application's decision (Accept lacks application/sdp)"),

            // §3.4 Backward compatibility.
            new("inv2543", "3.4.1", "INVITE with RFC 2543 Syntax", Verdict.Valid, 0, null, "should be accepted by RFC 3261 elements that keep backwards compatibility"),
        };

        private static string Dir => Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "sip-rfc4475");

        private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Dir, name + ".dat"));

        private static SipMessage Parse(string name)
        {
            byte[] b = Read(name);
            SipMessage m = SipParser.TryParse(b, 0, b.Length, out string error);
            Assert.IsNotNull(m, name + ": " + error);
            return m;
        }

        [TestMethod]
        public void EveryFileHasARowAndEveryRowAFile()
        {
            Assert.IsTrue(Directory.Exists(Dir), "../shared/vectors/sip-rfc4475 beside the repository is needed");
            var files = Directory.GetFiles(Dir, "*.dat").Select(Path.GetFileNameWithoutExtension).OrderBy(x => x, StringComparer.Ordinal).ToList();
            var rows = Table.Select(r => r.File).OrderBy(x => x, StringComparer.Ordinal).ToList();
            Assert.AreEqual(49, files.Count, "RFC 4475 has 49 messages");
            CollectionAssert.AreEqual(files, rows, "files: " + string.Join(",", files.Except(rows)) + " / rows: " + string.Join(",", rows.Except(files)));
            Assert.AreEqual(rows.Count, rows.Distinct().Count(), "one row per file");
            Assert.AreEqual(Table.Length, Table.Select(r => r.Section).Distinct().Count(), "one section per row");
        }

        [TestMethod]
        public void EveryMessageMeetsItsRow()
        {
            var failures = new List<string>();
            foreach (Row row in Table)
            {
                byte[] b = Read(row.File);
                SipMessage m = SipParser.TryParse(b, 0, b.Length, out string error);
                SipDefect d = m?.SemanticCheck();
                string got = m == null ? "refused: " + error : d == null ? "valid" : "flagged: " + d;
                bool ok = row.Verdict switch
                {
                    Verdict.Refused => m == null && error != null && error.Contains(row.Why, StringComparison.Ordinal),
                    Verdict.Flagged => m != null && d != null && d.Status == row.Status && d.Reason.Contains(row.Why, StringComparison.Ordinal),
                    _ => m != null && d == null,
                };
                if (!ok) failures.Add($"§{row.Section} {row.File} ({row.Title}): expected {row.Verdict} {row.Why}, got {got}");
                // Refusals of requests are a 400 for a UAS and of responses a silent drop.
                if (row.Verdict == Verdict.Refused) Assert.AreEqual(b.AsSpan().StartsWith("SIP/"u8) ? 0 : 400, row.Status, row.File + ": table status");
            }
            Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        }

        [TestMethod]
        public void EveryParsedMessageRewritesToItself()
        {
            // parse(write(m)) == m for all 37 that parse (the writer adds or corrects
            // Content-Length, so compare after the first write), and writing is idempotent.
            int n = 0;
            foreach (Row row in Table)
            {
                byte[] b = Read(row.File);
                SipMessage m = SipParser.TryParse(b, 0, b.Length, out _);
                if (m == null) continue;
                byte[] once = SipWriter.Write(m);
                SipMessage again = SipParser.TryParse(once, out string e);
                Assert.IsNotNull(again, row.File + ": " + e);
                Assert.AreEqual(m.HeaderCount + (m.CountHeaders("Content-Length") == 0 ? 1 : 0) - Math.Max(0, m.CountHeaders("Content-Length") - 1), again.HeaderCount, row.File);
                CollectionAssert.AreEqual(m.Body, again.Body, row.File);
                Assert.AreEqual(m.IsRequest ? m.Method : m.StatusCode.ToString(), again.IsRequest ? again.Method : again.StatusCode.ToString(), row.File);
                Assert.AreEqual(m.ViaCount, again.ViaCount, row.File);
                Assert.AreEqual(m.ContactCount, again.ContactCount, row.File);
                Assert.IsNull(again.FramingDefect, row.File + ": the written Content-Length is right");
                CollectionAssert.AreEqual(once, SipWriter.Write(again), row.File + ": idempotent");
                n++;
            }
            Assert.AreEqual(37, n);
        }

        [TestMethod]
        public void ShortTortuousInvite()
        {
            // §3.1.1.1: folding, escaped quotes, empty Subject, LWS everywhere, mixed forms.
            SipMessage m = Parse("wsinv");
            Assert.AreEqual("INVITE", m.Method);
            Assert.IsTrue(m.RequestSipUri.Parameters.Contains("unknownparam"));
            Assert.AreEqual("1918181833n", m.To.Tag);
            Assert.AreEqual("vivekg", m.To.Uri.User);
            Assert.AreEqual("J Rosenberg \\\"", m.From.DisplayName);
            Assert.AreEqual("98asjd8", m.From.Tag);
            Assert.AreEqual(68, m.MaxForwards);
            Assert.AreEqual(9, m.CSeq.Number);
            Assert.AreEqual("INVITE", m.CSeq.Method);
            Assert.AreEqual(3, m.ViaCount);
            Assert.AreEqual("192.0.2.2", m.ViaAt(0).Host);
            Assert.AreEqual("390skdjuw", m.ViaAt(0).Branch);
            Assert.AreEqual("TCP", m.ViaAt(1).Transport);
            Assert.AreEqual("spindle.example.com", m.ViaAt(1).Host);
            Assert.AreEqual("z9hG4bK9ikj8", m.ViaAt(1).Branch);
            Assert.AreEqual("192.168.255.111", m.ViaAt(2).Host);
            Assert.AreEqual("z9hG4bK30239", m.ViaAt(2).Branch);
            Assert.AreEqual("", m.GetHeader("Subject"));
            Assert.AreEqual("newfangled value continued newfangled value", m.GetHeader("NewFangledHeader"));
            Assert.AreEqual(";;,,;;,;", m.GetHeader("UnknownHeaderWithUnusualValue"));
            Assert.AreEqual(1, m.ContactCount);
            SipAddress c = m.ContactAt(0);
            Assert.AreEqual("Quoted string \"\"", c.DisplayName);
            Assert.AreEqual("newvalue", c.Parameters.Get("newparam"));
            Assert.IsTrue(c.Parameters.Contains("secondparam"));
            Assert.IsNull(c.Parameters.Get("secondparam"));
            Assert.AreEqual("0.33", c.Q);
            Assert.IsTrue(m.Routes[0].Uri.LooseRoute);
            Assert.IsTrue(m.Routes[0].Uri.Parameters.Contains("unknown-no-value"));
            Assert.AreEqual(150, m.Body.Length);
        }

        [TestMethod]
        public void WideRangeOfCharacters()
        {
            // §3.1.1.2
            SipMessage m = Parse("intmeth");
            Assert.AreEqual("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
            Assert.AreEqual("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestSipUri.User);
            Assert.IsTrue(m.RequestSipUri.HadPassword, "the password is recognised and dropped");
            Assert.IsFalse(m.RequestSipUri.ToString().Contains("pas$wo~d", StringComparison.Ordinal));
            Assert.AreEqual("z9hG4bK-.!%66*_+`'~", m.TopVia.Branch);
            Assert.AreEqual("BEL:\a NUL:\0 DEL:\x7F", m.To.DisplayName);
            Assert.AreEqual("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
            Assert.AreEqual("работающий", m.From.Parameters.Get("fromParam''~+*_!.-%"));
            Assert.AreEqual("_token~1'+`*%!-.", m.From.Tag);
            Assert.AreEqual("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
            Assert.AreEqual(255, m.MaxForwards);
            Assert.AreEqual("\uFEFF大停電", m.GetHeader("extensionHeader-!.%*+_`'~"));
        }

        [TestMethod]
        public void EscapesAndNulls()
        {
            SipMessage m = Parse("esc01");          // §3.1.1.3
            Assert.AreEqual("sips:user@example.com", m.RequestSipUri.User);
            Assert.AreEqual("user", m.To.Uri.User);
            Assert.AreEqual("I have spaces", m.From.Uri.User);
            SipUri c = m.ContactAt(0).Uri;
            Assert.AreEqual("caller", c.User);
            Assert.IsTrue(c.LooseRoute);
            Assert.AreEqual("value%41", c.Parameters.Get("name"));

            m = Parse("escnull");                    // §3.1.1.4
            Assert.AreEqual("null-\0-null", m.To.Uri.User);
            Assert.AreEqual(2, m.ContactCount);
            Assert.AreEqual("\0", m.ContactAt(0).Uri.User);
            Assert.AreEqual("\0\0", m.ContactAt(1).Uri.User);

            m = Parse("esc02");                      // §3.1.1.5
            Assert.AreEqual("RE%47IST%45R", m.Method);
            Assert.AreEqual("%Z%45", m.To.DisplayName);
            Assert.AreEqual(2, m.ContactCount, "C%6Fntact is another header");
            Assert.AreEqual("<sip:alias2@host2.example.com>", m.GetHeader("C%6Fntact"));

            m = Parse("semiuri");                    // §3.1.1.9
            Assert.AreEqual("user;par=u@example.net", m.RequestSipUri.User);
            Assert.AreEqual("example.com", m.RequestSipUri.Host);
            Assert.AreEqual(6, m.GetValues("Accept").Length);
        }

        [TestMethod]
        public void FramingAndOddLayouts()
        {
            SipMessage m = Parse("dblreq");          // §3.1.1.8
            Assert.AreEqual("REGISTER", m.Method);
            Assert.AreEqual(0, m.Body.Length);
            Assert.AreEqual("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);

            m = Parse("mpart01");                    // §3.1.1.11
            Assert.AreEqual(553, m.Body.Length);
            Assert.IsTrue(m.Body.Contains((byte)0));
            Assert.AreEqual("--7a9cbec02ceef655--\r\n", System.Text.Encoding.ASCII.GetString(m.Body, 553 - 22, 22));

            m = Parse("longreq");                    // §3.1.1.7
            Assert.AreEqual(34, m.ViaCount);
            Assert.IsTrue(m.To.DisplayName.StartsWith("I have a user name of extremeextreme", StringComparison.Ordinal));
            Assert.IsTrue(m.From.Tag.Length > 100);

            m = Parse("transports");                 // §3.1.1.10
            CollectionAssert.AreEqual(new[] { "UDP", "SCTP", "TLS", "UNKNOWN", "TCP" }, Enumerable.Range(0, m.ViaCount).Select(i => m.ViaAt(i).Transport).ToArray());

            m = Parse("unreason");                   // §3.1.1.12
            Assert.AreEqual(200, m.StatusCode);
            Assert.AreEqual("= 2**3 * 5**2 но сто девяносто девять - простое", m.ReasonPhrase);
            Assert.AreEqual("", Parse("noreason").ReasonPhrase);   // §3.1.1.13
            Assert.AreEqual("caller", Parse("lwsdisp").From.DisplayName);   // §3.1.1.6

            m = Parse("inv2543");                    // §3.4.1
            Assert.AreEqual(-1, m.ContentLength);
            Assert.AreEqual(-1, m.MaxForwards);
            Assert.IsNull(m.TopVia.Branch);
            Assert.AreEqual(105, m.Body.Length, "no Content-Length on UDP: the datagram's end");
        }

        [TestMethod]
        public void RegisterContactSemantics()
        {
            SipAddress c = Parse("cparam01").ContactAt(0);   // §3.3.12
            Assert.IsFalse(c.NameAddr);
            Assert.AreEqual(0, c.Uri.Parameters.Count);
            Assert.IsTrue(c.Parameters.Contains("unknownparam"));

            c = Parse("cparam02").ContactAt(0);              // §3.3.13
            Assert.IsTrue(c.Uri.Parameters.Contains("unknownparam"));
            Assert.AreEqual(0, c.Parameters.Count);

            c = Parse("regescrt").ContactAt(0);              // §3.3.14
            Assert.AreEqual("<sip:sip.example.com>", c.Uri.Headers.Get("Route"));
            Assert.AreEqual("sip:user@example.com?Route=%3Csip:sip.example.com%3E", c.Uri.ToString());

            SipMessage m = Parse("unksm2");                  // §3.3.4
            Assert.AreEqual("isbn", m.To.Scheme);
            Assert.AreEqual("http", m.From.Scheme);
            Assert.AreEqual("name", m.ContactAt(0).Scheme);
            Assert.AreEqual("NoOneKnowsThisScheme opaque-data=here", Parse("regaut01").GetHeader("Authorization"));
        }

        [TestMethod]
        public void StreamFramerRefusesWhatCannotBeFramed()
        {
            // §3.1.2.3 and §3.3.9: on TCP "the framing error is not recoverable".
            foreach (string name in new[] { "ncl", "mcl01", "inv2543" })
            {
                var f = new SipStreamFramer();
                byte[] b = Read(name);
                f.Feed(b, 0, b.Length);
                Assert.AreEqual(SipFrameKind.Error, f.Next(out _), name);
            }
            // §3.1.2.2: over a stream, clerr just waits for more body.
            var g = new SipStreamFramer();
            byte[] clerr = Read("clerr");
            g.Feed(clerr, 0, clerr.Length);
            Assert.AreEqual(SipFrameKind.None, g.Next(out _));
            // §3.1.1.8: over a stream, dblreq is two messages.
            var h = new SipStreamFramer();
            byte[] dbl = Read("dblreq");
            h.Feed(dbl, 0, dbl.Length);
            Assert.AreEqual(SipFrameKind.Message, h.Next(out byte[] first));
            Assert.AreEqual("REGISTER", SipParser.TryParse(first, out _).Method);
            Assert.AreEqual(SipFrameKind.Pong, h.Next(out _), "the CRLF after the REGISTER");
            Assert.AreEqual(SipFrameKind.Message, h.Next(out byte[] second));
            Assert.AreEqual("INVITE", SipParser.TryParse(second, out _).Method);
        }
    }
}
