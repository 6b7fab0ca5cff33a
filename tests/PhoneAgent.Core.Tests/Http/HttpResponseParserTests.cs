#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Http;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Http
{
    /// <summary>The response parser on golden responses (RFC 9110 §3.9's example, the same with the
    /// interim responses RFC 9292 §5.2 puts before it, a chunked response captured from lighttpd
    /// 1.4.69, and rows built from RFC 9112 §7.1's grammar, which gives no example of its own), fed
    /// whole, one byte at a time and split at every boundary; one row per malformation; and random
    /// mutations, which must end in Complete or Failed, never in an exception.</summary>
    [TestClass]
    public class HttpResponseParserTests
    {
        // RFC 9110 §3.9 (Example Message Exchange): the server's response, CRLF line ends on the wire.
        internal const string Rfc9110Example =
            "HTTP/1.1 200 OK\r\n" +
            "Date: Mon, 27 Jul 2009 12:28:53 GMT\r\n" +
            "Server: Apache\r\n" +
            "Last-Modified: Wed, 22 Jul 2009 19:15:56 GMT\r\n" +
            "ETag: \"34aa387-d-1568eb00\"\r\n" +
            "Accept-Ranges: bytes\r\n" +
            "Content-Length: 51\r\n" +
            "Vary: Accept-Encoding\r\n" +
            "Content-Type: text/plain\r\n" +
            "\r\n" +
            "Hello World! My content includes a trailing CRLF.\r\n";
        internal const string Rfc9110Body = "Hello World! My content includes a trailing CRLF.\r\n";

        // RFC 9292 §5.2's response example in HTTP/1.1 form: 102 and 103 interim responses, then RFC 9110's.
        private const string InterimThenFinal =
            "HTTP/1.1 102 Processing\r\n" +
            "Running: \"sleep 15\"\r\n" +
            "\r\n" +
            "HTTP/1.1 103 Early Hints\r\n" +
            "Link: </style.css>; rel=preload; as=style\r\n" +
            "Link: </script.js>; rel=preload; as=script\r\n" +
            "\r\n" + Rfc9110Example;

        // Captured from lighttpd 1.4.69 (Debian 12) answering `GET /chunks.cgi` for a CGI script that
        // printed "caIssuers ", slept 0.2 s, then "fetched in two chunks\n" (server.stream-response-body = 2).
        internal const string LighttpdChunked =
            "HTTP/1.1 200 OK\r\n" +
            "Content-Type: text/plain\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "Connection: close\r\n" +
            "Date: Sun, 22 Nov 2026 21:38:31 GMT\r\n" +
            "Server: lighttpd/1.4.69\r\n" +
            "\r\n" +
            "a\r\ncaIssuers \r\n" +
            "16\r\nfetched in two chunks\n\r\n" +
            "0\r\n\r\n";

        // Built from RFC 9112 §7.1: chunk extensions with BWS and quoted values (§7.1.1), hex in both
        // cases with leading zeros, a last-chunk of several zeros with an extension, a trailer section (§7.1.2).
        private const string ChunkedGrammar =
            "HTTP/1.1 200 OK\r\n" +
            "Transfer-Encoding: Chunked\r\n" +
            "Trailer: Expires, X-Sum\r\n" +
            "\r\n" +
            "4;name=value\r\nWiki\r\n" +
            "005 ; a ; b=\"q;r\"\r\npedia\r\n" +
            "1A\r\n in chunks of 26 bytes, ok\r\n" +
            "1a\r\n and 26 more bytes: abcdef\r\n" +
            "000;last\r\n" +
            "Expires: Wed, 21 Oct 2015 07:28:00 GMT\r\n" +
            "X-Sum: 1234\r\n" +
            "\r\n";
        private const string ChunkedGrammarBody = "Wikipedia in chunks of 26 bytes, ok and 26 more bytes: abcdef";

        private static HttpResponseParser Whole(string text, int max)
        {
            HttpResponseParser p = new HttpResponseParser(max);
            byte[] b = Ascii.GetBytes(text);
            p.Feed(b, 0, b.Length);
            return p;
        }

        private static HttpResponseParser ByteAtATime(string text, int max)
        {
            HttpResponseParser p = new HttpResponseParser(max);
            byte[] b = Ascii.GetBytes(text);
            for (int i = 0; i < b.Length; i++) p.Feed(b, i, 1);
            return p;
        }

        private static HttpResponseParser SplitAt(byte[] b, int at, int max)
        {
            HttpResponseParser p = new HttpResponseParser(max);
            int used = p.Feed(b, 0, at);
            if (p.State == HttpResponseParser.NeedMore) p.Feed(b, used, b.Length - used);
            return p;
        }

        private static void SameEverywhere(string text, string body, bool needsClose)
        {
            byte[] b = Ascii.GetBytes(text);
            byte[] expected = Ascii.GetBytes(body);
            HttpResponseParser one = ByteAtATime(text, 65536);
            if (needsClose) one.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Complete, one.State, "byte at a time: " + one.Reason);
            Expect.Bytes(expected, one.Response.Body, "byte-at-a-time body");
            for (int at = 0; at <= b.Length; at++)
            {
                HttpResponseParser p = SplitAt(b, at, 65536);
                if (needsClose) p.EndOfStream();
                Assert.AreEqual(HttpResponseParser.Complete, p.State, "split at " + at.ToString() + ": " + p.Reason);
                Expect.Bytes(expected, p.Response.Body, "body split at " + at.ToString());
                Assert.AreEqual(one.Response.StatusCode, p.Response.StatusCode);
                Assert.AreEqual(one.Response.HeaderCount, p.Response.HeaderCount);
            }
        }

        [TestMethod]
        public void Rfc9110ExampleWithContentLength()
        {
            HttpResponseParser p = Whole(Rfc9110Example, 65536);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            HttpResponse r = p.Response;
            Assert.AreEqual(11, r.Version);
            Assert.AreEqual(200, r.StatusCode);
            Assert.AreEqual("OK", r.ReasonPhrase);
            Assert.AreEqual(8, r.HeaderCount);
            Assert.AreEqual("Date", r.NameAt(0));
            Assert.AreEqual("Mon, 27 Jul 2009 12:28:53 GMT", r.ValueAt(0));
            // Field names are case-insensitive (RFC 9110 §5.1).
            Assert.AreEqual("51", r.Get("content-length"));
            Assert.AreEqual("\"34aa387-d-1568eb00\"", r.Get("ETAG"));
            Assert.IsNull(r.Get("Location"));
            Assert.AreEqual(51, p.ExpectedLength);
            Expect.Bytes(Ascii.GetBytes(Rfc9110Body), r.Body, "body");
            SameEverywhere(Rfc9110Example, Rfc9110Body, false);
        }

        [TestMethod]
        public void InterimResponsesAreSkipped()
        {
            HttpResponseParser p = Whole(InterimThenFinal, 65536);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual(200, p.Response.StatusCode);
            Assert.IsNull(p.Response.Get("Link"), "fields of the 103 are not the final response's");
            Assert.IsNull(p.Response.Get("Running"));
            Assert.AreEqual(8, p.Response.HeaderCount);
            SameEverywhere(InterimThenFinal, Rfc9110Body, false);
        }

        [TestMethod]
        public void ChunkedFromLighttpd()
        {
            HttpResponseParser p = Whole(LighttpdChunked, 65536);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual("chunked", p.Response.Get("transfer-encoding"));
            Assert.AreEqual(-1, p.ExpectedLength);
            Expect.Bytes(Ascii.GetBytes("caIssuers fetched in two chunks\n"), p.Response.Body, "body");
            SameEverywhere(LighttpdChunked, "caIssuers fetched in two chunks\n", false);
        }

        [TestMethod]
        public void ChunkedWithExtensionsAndTrailer()
        {
            HttpResponseParser p = Whole(ChunkedGrammar, 65536);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual(ChunkedGrammarBody.Length, p.Response.Body.Length);
            Assert.IsNull(p.Response.Get("X-Sum"), "trailer fields are skipped");
            SameEverywhere(ChunkedGrammar, ChunkedGrammarBody, false);
        }

        [TestMethod]
        public void BodyUntilCloseWhenNoFraming()
        {
            // RFC 9112 §6.3 rule 8: neither Transfer-Encoding nor Content-Length: read until the server closes.
            const string text = "HTTP/1.0 200 OK\r\nContent-Type: application/pkix-cert\r\n\r\nuntil the server closes";
            HttpResponseParser p = Whole(text, 65536);
            Assert.AreEqual(HttpResponseParser.NeedMore, p.State);
            Assert.AreEqual(200, p.StatusCode);
            Assert.IsTrue(p.HeadDone);
            p.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual(10, p.Response.Version);
            SameEverywhere(text, "until the server closes", true);
            // Binary content (a DER certificate starts 30 82) passes through untouched.
            byte[] head = Ascii.GetBytes("HTTP/1.1 200 OK\r\n\r\n");
            byte[] b = new byte[head.Length + 256];
            System.Array.Copy(head, b, head.Length);
            for (int i = 0; i < 256; i++) b[head.Length + i] = (byte)(i ^ 0x30);
            HttpResponseParser q = new HttpResponseParser(256);
            q.Feed(b, 0, b.Length);
            q.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Complete, q.State, q.Reason);
            for (int i = 0; i < 256; i++) Assert.AreEqual((byte)(i ^ 0x30), q.Response.Body[i]);
        }

        [TestMethod]
        public void NoContentStatusesEndAtTheHead()
        {
            // RFC 9112 §6.3 rule 2: 204 and 304 end at the empty line, whatever Content-Length says.
            HttpResponseParser p = Whole("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", 100);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual(0, p.Response.Body.Length);
            p = Whole("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n", 100);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            p = Whole("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 100);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual(0, p.Response.Body.Length);
        }

        [TestMethod]
        public void TolerancesTheRfcAllows()
        {
            // RFC 9112 §2.2: a bare LF may end a line. RFC 9110 §8.6: repeated identical Content-Length values.
            HttpResponseParser p = Whole("HTTP/1.1 200 OK\nContent-Length: 3\nContent-Length: 3, 003\n\nabc", 100);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Expect.Bytes(Ascii.GetBytes("abc"), p.Response.Body, "body");
            // An empty reason phrase, with or without its SP (RFC 9112 §4); OWS around the value is not part of it (§5).
            p = Whole("HTTP/1.1 404\r\nX-A:\t v a l \t\r\nContent-Length:0\r\n\r\n", 100);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual("", p.Response.ReasonPhrase);
            Assert.AreEqual("404", p.Response.StatusText);
            Assert.AreEqual("v a l", p.Response.Get("x-a"));
            p = Whole("HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n", 100);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
            Assert.AreEqual("404 Not Found", Whole("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 10).Response.StatusText);
            // Fields of the same name combine with ", " (RFC 9110 §5.3).
            p = Whole("HTTP/1.1 200 OK\r\nVary: a\r\nvary: b\r\nContent-Length: 0\r\n\r\n", 100);
            Assert.AreEqual("a, b", p.Response.GetCombined("VARY"));
            Assert.AreEqual("a", p.Response.Get("VARY"));
        }

        [TestMethod]
        public void BytesAfterTheResponseAreNotTaken()
        {
            HttpResponseParser p = new HttpResponseParser(100);
            byte[] b = Ascii.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA");
            int used = p.Feed(b, 0, b.Length);
            Assert.AreEqual(b.Length - 5, used);
            Assert.AreEqual(HttpResponseParser.Complete, p.State);
            Assert.AreEqual(0, p.Feed(b, 0, b.Length), "nothing is taken once complete");
            p.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Complete, p.State);
        }

        private static void Malformed(string text, int max, string problem, string reasonPart)
        {
            HttpResponseParser p = Whole(text, max);
            p.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Failed, p.State, "accepted: " + text);
            Assert.AreEqual(problem, p.Problem, p.Reason);
            Expect.Contains(p.Reason, reasonPart, problem);
            Assert.IsNull(p.Response);
            HttpResponseParser q = ByteAtATime(text, max);
            q.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Failed, q.State, "accepted byte by byte: " + text);
            Assert.AreEqual(problem, q.Problem, "byte by byte: " + q.Reason);
        }

        [TestMethod]
        public void MalformedStatusLines()
        {
            const string p = HttpResponseParser.ProblemStatusLine;
            Malformed("HTTP/1.1 2OO OK\r\n\r\n", 100, p, "not an HTTP/1.x status line: 'HTTP/1.1 2OO OK'");
            Malformed("HTTP/1.1 200OK\r\n\r\n", 100, p, "not an HTTP/1.x status line");
            Malformed("HTTP/1.1  200 OK\r\n\r\n", 100, p, "not an HTTP/1.x status line");
            Malformed("HTTP/1.1 20 OK\r\n\r\n", 100, p, "not an HTTP/1.x status line");
            Malformed("ICY 200 OK\r\n\r\n", 100, p, "not an HTTP/1.x status line");
            Malformed("http/1.1 200 OK\r\n\r\n", 100, p, "not an HTTP/1.x status line");
            Malformed("\r\nHTTP/1.1 200 OK\r\n\r\n", 100, p, "not an HTTP/1.x status line");
            Malformed("HTTP/2.0 200 OK\r\n\r\n", 100, p, "HTTP/2.0, not HTTP/1.x");
            Malformed("HTTP/1.1 099 Low\r\n\r\n", 100, p, "status code 99 is outside 100..599");
            Malformed("HTTP/1.1 600 High\r\n\r\n", 100, p, "status code 600");
            Malformed("HTTP/1.1 200 O\rK\r\n\r\n", 100, p, "bare CR");
            Malformed("HTTP/1.1 200 O\0K\r\n\r\n", 100, p, "NUL");
            Malformed("\x16\x03\x03\x00\x02\x02\x28\n", 100, p, "not an HTTP/1.x status line");   // a TLS alert
        }

        [TestMethod]
        public void MalformedFields()
        {
            Malformed("HTTP/1.1 200 OK\r\nX-A: b\r\n c\r\nContent-Length: 0\r\n\r\n", 100, HttpResponseParser.ProblemObsFold, "obs-fold");
            Malformed("HTTP/1.1 200 OK\r\n\tX-A: b\r\nContent-Length: 0\r\n\r\n", 100, HttpResponseParser.ProblemObsFold, "whitespace");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n", 100, HttpResponseParser.ProblemHeader, "invalid character in header field name 'Content-Length '");
            Malformed("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", 100, HttpResponseParser.ProblemHeader, "invalid character");
            Malformed("HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", 100, HttpResponseParser.ProblemHeader, "without ':'");
            Malformed("HTTP/1.1 200 OK\r\n: empty\r\n\r\n", 100, HttpResponseParser.ProblemHeader, "empty field name");
            Malformed("HTTP/1.1 200 OK\r\nX-A: b\rc\r\n\r\n", 100, HttpResponseParser.ProblemHeader, "bare CR");
            Malformed("HTTP/1.1 200 OK\r\nX-A: b\0c\r\n\r\n", 100, HttpResponseParser.ProblemHeader, "NUL");
            Malformed("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", 100, HttpResponseParser.ProblemInterim, "101");
            string many = "";
            for (int i = 0; i <= HttpResponseParser.MaxInterim; i++) many += "HTTP/1.1 100 Continue\r\n\r\n";
            Malformed(many + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 100, HttpResponseParser.ProblemInterim, "more than 8 interim");
        }

        [TestMethod]
        public void HeadCaps()
        {
            System.Text.StringBuilder big = new System.Text.StringBuilder("HTTP/1.1 200 OK\r\nX-Big: ");
            while (big.Length < HttpResponseParser.MaxHead) big.Append('x');
            big.Append("\r\nContent-Length: 0\r\n\r\n");
            Malformed(big.ToString(), 100, HttpResponseParser.ProblemHeadTooLarge, "exceed 8192 bytes");
            // Exactly at the cap is accepted: status line and fields totalling 8192 bytes with the empty line.
            System.Text.StringBuilder fits = new System.Text.StringBuilder("HTTP/1.1 204 No Content\r\nX-Fill: ");
            while (fits.Length < HttpResponseParser.MaxHead - 4) fits.Append('y');
            fits.Append("\r\n\r\n");
            Assert.AreEqual(HttpResponseParser.MaxHead, fits.Length);
            Assert.AreEqual(HttpResponseParser.Complete, Whole(fits.ToString(), 100).State);
            System.Text.StringBuilder fields = new System.Text.StringBuilder("HTTP/1.1 204 No Content\r\n");
            for (int i = 0; i < HttpResponseParser.MaxHeaders; i++) fields.Append("X-F: 1\r\n");
            Assert.AreEqual(HttpResponseParser.Complete, Whole(fields.ToString() + "\r\n", 100).State, "64 fields are fine");
            fields.Append("X-F: 1\r\n\r\n");
            Malformed(fields.ToString(), 100, HttpResponseParser.ProblemTooManyHeaders, "more than 64 header fields");
        }

        [TestMethod]
        public void MalformedFraming()
        {
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 100, HttpResponseParser.ProblemContentLength, "'-1' is not a number");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nabcde", 100, HttpResponseParser.ProblemContentLength, "not a number");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n", 100, HttpResponseParser.ProblemContentLength, "not a number");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", 100, HttpResponseParser.ProblemContentLength, "not a number");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\nabcde", 100, HttpResponseParser.ProblemContentLength, "not a number");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef", 100, HttpResponseParser.ProblemContentLength, "conflicting Content-Length values 5 and 6");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nabcdef", 100, HttpResponseParser.ProblemContentLength, "conflicting");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", 100, HttpResponseParser.ProblemBodyTooLarge, "response larger than 100 bytes (Content-Length 99999999999999999999)");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\n\r\n", 100, HttpResponseParser.ProblemBodyTooLarge, "larger than 100 bytes");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n", 100, HttpResponseParser.ProblemBodyTooLarge, "larger than 100 bytes");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n", 100, HttpResponseParser.ProblemFraming, "both Transfer-Encoding and Content-Length");
            Malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 100, HttpResponseParser.ProblemTransferCoding, "'gzip, chunked' is not supported");
            Malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 100, HttpResponseParser.ProblemTransferCoding, "'chunked, chunked'");
            Malformed("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 100, HttpResponseParser.ProblemFraming, "HTTP/1.0");
        }

        [TestMethod]
        public void MalformedChunks()
        {
            const string h = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
            const string c = HttpResponseParser.ProblemChunk;
            Malformed(h + "zz\r\n", 100, c, "bad chunk size 'zz'");
            Malformed(h + "-5\r\nabcde\r\n0\r\n\r\n", 100, c, "bad chunk size");
            Malformed(h + "\r\n", 100, c, "bad chunk size");
            Malformed(h + "5x\r\nabcde\r\n0\r\n\r\n", 100, c, "bad chunk size");
            Malformed(h + "0x5\r\nabcde\r\n0\r\n\r\n", 100, c, "bad chunk size");
            Malformed(h + "80000000\r\n", 100, c, "overflows");
            Malformed(h + "FFFFFFFFFFFFFFFFFFFFFFFF\r\n", 100, c, "overflows");
            Malformed(h + "4\r\nWikiX\r\n0\r\n\r\n", 100, c, "not followed by CRLF");
            Malformed(h + "4\r\nWi\r\n0\r\n\r\n", 100, c, "not followed by CRLF");
            Malformed(h + "4\r\nWiki\r\r\n0\r\n\r\n", 100, c, "bare CR");
            Malformed(h + "4\r\nWiki\n0\r\n\r\n", 100, c, "not followed by CRLF");
            Malformed(h + "4\nWiki\r\n0\r\n\r\n", 100, c, "ends without CR");
            // A chunk size one too large swallows the CR; the bare LF left over is refused.
            Malformed(h + "5\r\nWiki\r\n0\r\n\r\n", 100, c, "not followed by CRLF");
            System.Text.StringBuilder longLine = new System.Text.StringBuilder(h + "1;");
            while (longLine.Length < h.Length + HttpResponseParser.MaxChunkLine + 1) longLine.Append('e');
            Malformed(longLine.ToString() + "\r\nx\r\n0\r\n\r\n", 100, c, "longer than 1024");
            Malformed(h + "65\r\n", 100, HttpResponseParser.ProblemBodyTooLarge, "response larger than 100 bytes");
            Malformed(h + "32\r\n" + new string('a', 50) + "\r\n33\r\n", 100, HttpResponseParser.ProblemBodyTooLarge, "larger than 100");
            System.Text.StringBuilder trailer = new System.Text.StringBuilder(h + "0\r\n");
            for (int i = 0; i <= HttpResponseParser.MaxHeaders; i++) trailer.Append("T: 1\r\n");
            Malformed(trailer.ToString() + "\r\n", 100, HttpResponseParser.ProblemTooManyHeaders, "trailer");
            System.Text.StringBuilder bigTrailer = new System.Text.StringBuilder(h + "0\r\nT: ");
            while (bigTrailer.Length < h.Length + 3 + HttpResponseParser.MaxTrailer) bigTrailer.Append('t');
            Malformed(bigTrailer.ToString() + "\r\n\r\n", 100, HttpResponseParser.ProblemHeadTooLarge, "trailer");
        }

        [TestMethod]
        public void BodyOverTheCap()
        {
            Malformed("HTTP/1.1 200 OK\r\n\r\n" + new string('a', 101), 100, HttpResponseParser.ProblemBodyTooLarge, "response larger than 100 bytes");
            HttpResponseParser p = Whole("HTTP/1.1 200 OK\r\n\r\n" + new string('a', 100), 100);
            p.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Complete, p.State, "exactly the cap");
            Assert.AreEqual(100, p.Response.Body.Length);
            p = Whole("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + new string('b', 100), 100);
            Assert.AreEqual(HttpResponseParser.Complete, p.State, "Content-Length at the cap");
        }

        [TestMethod]
        public void TruncatedResponsesSayHowFarTheyGot()
        {
            Malformed("", 100, HttpResponseParser.ProblemTruncated, "closed the connection without a response");
            Malformed("HTTP/1.1 200 OK\r\nContent-Le", 100, HttpResponseParser.ProblemTruncated, "in the middle of the response head");
            Malformed("HTTP/1.1 20", 100, HttpResponseParser.ProblemTruncated, "in the middle of the response head");
            Malformed("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + new string('c', 1234), 65536, HttpResponseParser.ProblemTruncated,
                "the server closed after 1234 of 5000 bytes");
            Malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npe", 100, HttpResponseParser.ProblemTruncated,
                "after 6 bytes of a chunked body, before its last chunk");
            // After the last chunk the body is whole: a missing end of the trailer section is forgiven.
            HttpResponseParser p = Whole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n0\r\nT: 1\r\n", 100);
            p.EndOfStream();
            Assert.AreEqual(HttpResponseParser.Complete, p.State, p.Reason);
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            Expect.ThrowsArgument(delegate { new HttpResponseParser(0); }, "zero cap");
            Expect.ThrowsArgument(delegate { new HttpResponseParser(HttpResponseParser.MaxBodyLimit + 1); }, "cap too big");
            HttpResponseParser p = new HttpResponseParser(10);
            Expect.ThrowsArgument(delegate { p.Feed(null, 0, 0); }, "null data");
            Expect.ThrowsArgument(delegate { p.Feed(new byte[4], 2, 3); }, "count past the end");
            Expect.ThrowsArgument(delegate { p.Feed(new byte[4], -1, 1); }, "negative offset");
        }

        [TestMethod]
        public void RandomMutationsNeverThrow()
        {
            string[] seeds = new string[] { Rfc9110Example, InterimThenFinal, LighttpdChunked, ChunkedGrammar,
                "HTTP/1.0 200 OK\r\n\r\nuntil close" };
            SeededRandom rnd = new SeededRandom(20260401);
            byte[] alphabet = Ascii.GetBytes("0123456789abcdefABCDEF \t\r\n:;,=-\"HTTP/1.");
            int complete = 0, failed = 0;
            for (int round = 0; round < 3000; round++)
            {
                byte[] src = Ascii.GetBytes(seeds[round % seeds.Length]);
                byte[] b = new byte[src.Length + 8];
                System.Array.Copy(src, b, src.Length);
                int len = src.Length;
                int edits = 1 + rnd.Next(4);
                for (int e = 0; e < edits; e++)
                {
                    int at = rnd.Next(len);
                    int kind = rnd.Next(4);
                    if (kind == 0) b[at] = (byte)rnd.Next(256);
                    else if (kind == 1) b[at] = alphabet[rnd.Next(alphabet.Length)];
                    else if (kind == 2 && len > 1)
                    {
                        for (int k = at; k < len - 1; k++) b[k] = b[k + 1];   // delete a byte
                        len--;
                    }
                    else if (len < b.Length)
                    {
                        for (int k = len; k > at; k--) b[k] = b[k - 1];      // insert a byte
                        b[at] = alphabet[rnd.Next(alphabet.Length)];
                        len++;
                    }
                }
                int cap = round % 3 == 0 ? 16 : 65536;
                HttpResponseParser p = new HttpResponseParser(cap);
                int pos = 0;
                while (pos < len && p.State == HttpResponseParser.NeedMore)
                {
                    int piece = 1 + rnd.Next(9);
                    if (piece > len - pos) piece = len - pos;
                    int used = p.Feed(b, pos, piece);
                    Assert.IsTrue(used >= 0 && used <= piece, "Feed used " + used.ToString() + " of " + piece.ToString());
                    pos += piece;
                }
                p.EndOfStream();
                Assert.IsTrue(p.State == HttpResponseParser.Complete || p.State == HttpResponseParser.Failed, "still NeedMore after EndOfStream");
                if (p.State == HttpResponseParser.Complete)
                {
                    complete++;
                    Assert.IsTrue(p.Response.Body.Length <= cap, "body over the cap");
                }
                else
                {
                    failed++;
                    Assert.IsTrue(p.Problem.Length > 0 && p.Reason.Length > 0, "a failure says why");
                }
            }
            Assert.IsTrue(complete > 100 && failed > 100, "mutations exercise both outcomes: " + complete.ToString() + " complete, " + failed.ToString() + " failed");
        }
    }
}
