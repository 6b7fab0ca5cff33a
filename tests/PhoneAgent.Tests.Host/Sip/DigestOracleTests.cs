using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Sip.Auth;

namespace PhoneAgent.Tests.Host.Sip
{
    /// <summary>DigestCredentials against independent computations of RFC 7616 §3.4.1-3.4.4 on
    /// random SIP requests: .NET's MD5/SHA-256 with the formulas written here, and Python's
    /// hashlib (the only SHA-512/256 at hand) for all six algorithms.</summary>
    [TestClass]
    public class DigestOracleTests
    {
        private static readonly string[] Algorithms = { "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess" };
        private static readonly string[] Methods = { "REGISTER", "INVITE", "OPTIONS", "SUBSCRIBE" };

        private sealed record Case(string Alg, string User, string Realm, string Password, string Nonce, string Cnonce, uint Nc, string Qop,
            string Method, string Uri, byte[] Body, bool Userhash, string Header);

        private static string RandomText(Random rng, int max, bool unicode)
        {
            const string plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&'()*+,-./:;<=>?@[]^_`{|}~\"\\";
            var sb = new StringBuilder();
            int n = rng.Next(1, max);
            for (int i = 0; i < n; i++)
            {
                if (unicode && rng.Next(8) == 0) sb.Append("\u00e4\u00f8\u00df\u20ac\u4e2d"[rng.Next(5)]);
                else sb.Append(plain[rng.Next(plain.Length)]);
            }
            return sb.ToString();
        }

        private static Case[] Cases(int seed, int count, string[] algorithms)
        {
            var rng = new Random(seed);
            var cases = new Case[count];
            for (int i = 0; i < count; i++)
            {
                string alg = algorithms[rng.Next(algorithms.Length)];
                string qop = new[] { "auth", "auth-int", "" }[rng.Next(3)];
                bool userhash = rng.Next(4) == 0;
                string user = RandomText(rng, 20, true), realm = RandomText(rng, 30, true), password = RandomText(rng, 30, true);
                string nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(rng.Next(8, 40)));
                string cnonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
                uint nc = (uint)rng.Next(1, int.MaxValue);
                string method = Methods[rng.Next(Methods.Length)];
                string uri = "sip:" + (rng.Next(2) == 0 ? "" : "user@") + "registrar" + rng.Next(100) + ".example;transport=tls";
                byte[] body = new byte[rng.Next(0, 200)];
                rng.NextBytes(body);
                string qopOffer = qop.Length == 0 ? "" : ", qop=\"auth,auth-int\"";
                string challenge = "Digest realm=" + DigestCredentials.Quote(realm) + ", nonce=\"" + nonce + "\", algorithm=" + alg + qopOffer + (userhash ? ", userhash=true" : "");
                var set = ChallengeSet.Parse(new[] { challenge }, null);
                Assert.AreEqual(1, set.Count, challenge);
                Assert.IsTrue(set[0].Supported, set[0].Reason);
                string header = DigestCredentials.Build(set[0], method, uri, user, password, cnonce, nc, body, qop);
                cases[i] = new Case(alg, user, realm, password, nonce, cnonce, nc, qop, method, uri, body, userhash, header);
            }
            return cases;
        }

        private static AuthParams Sent(Case c)
        {
            var p = AuthHeaderParser.TryParseCredentials(c.Header, out string error);
            Assert.IsNotNull(p, error);
            return p;
        }

        private static string H(string alg, byte[] data) => Convert.ToHexString(alg.StartsWith("SHA-256", StringComparison.Ordinal) ? SHA256.HashData(data) : MD5.HashData(data)).ToLowerInvariant();

        private static string H(string alg, string text) => H(alg, Encoding.UTF8.GetBytes(text));

        [TestMethod]
        public void Md5AndSha256AgainstDotNet()
        {
            foreach (var c in Cases(20260502, 2000, Algorithms.Take(4).ToArray()))
            {
                // RFC 7616 §3.4.2-3.4.3, written out independently of the core.
                string ha1 = H(c.Alg, c.User + ":" + c.Realm + ":" + c.Password);
                if (c.Alg.EndsWith("-sess", StringComparison.Ordinal)) ha1 = H(c.Alg, ha1 + ":" + c.Nonce + ":" + c.Cnonce);
                string a2 = c.Method + ":" + c.Uri + (c.Qop == "auth-int" ? ":" + H(c.Alg, c.Body) : "");
                string nc = c.Nc.ToString("x8");
                string expected = c.Qop.Length == 0
                    ? H(c.Alg, ha1 + ":" + c.Nonce + ":" + H(c.Alg, a2))
                    : H(c.Alg, ha1 + ":" + c.Nonce + ":" + nc + ":" + c.Cnonce + ":" + c.Qop + ":" + H(c.Alg, a2));
                var p = Sent(c);
                Assert.AreEqual(expected, p.Get("response"), c.Header);
                Assert.AreEqual(c.Userhash ? H(c.Alg, c.User + ":" + c.Realm) : c.User, p.Get("username"));
                Assert.AreEqual(c.Realm, p.Get("realm"), "realm echoed through quoting");
                if (c.Qop.Length > 0) Assert.AreEqual(nc, p.Get("nc"));
                Assert.IsFalse(c.Header.Contains(c.Password, StringComparison.Ordinal) && c.Password.Length > 3, "no password in the header");
            }
        }

        private const string Script = """
import sys, json, hashlib
try:
    hashlib.new("sha512_256")
except ValueError:
    sys.stderr.write("no sha512_256 in hashlib"); sys.exit(3)
names = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}
out = []
for c in json.load(sys.stdin):
    base = c["alg"].replace("-sess", "")
    H = lambda b: hashlib.new(names[base], b).hexdigest()
    h = lambda s: H(s.encode("utf-8"))
    ha1 = h(c["user"] + ":" + c["realm"] + ":" + c["password"])
    if c["alg"].endswith("-sess"):
        ha1 = h(ha1 + ":" + c["nonce"] + ":" + c["cnonce"])
    a2 = c["method"] + ":" + c["uri"]
    if c["qop"] == "auth-int":
        a2 += ":" + H(bytes.fromhex(c["body"]))
    if c["qop"]:
        r = h(ha1 + ":" + c["nonce"] + ":" + c["nc"] + ":" + c["cnonce"] + ":" + c["qop"] + ":" + h(a2))
    else:
        r = h(ha1 + ":" + c["nonce"] + ":" + h(a2))
    out.append({"response": r, "userhash": h(c["user"] + ":" + c["realm"])})
json.dump(out, sys.stdout)
""";

        [TestMethod]
        public void AllSixAlgorithmsAgainstPythonHashlib()
        {
            var cases = Cases(4242, 600, Algorithms);
            string input = JsonSerializer.Serialize(cases.Select(c => new
            {
                alg = c.Alg, user = c.User, realm = c.Realm, password = c.Password, nonce = c.Nonce, cnonce = c.Cnonce,
                nc = c.Nc.ToString("x8"), qop = c.Qop, method = c.Method, uri = c.Uri, body = Convert.ToHexString(c.Body),
            }));
            using var doc = JsonDocument.Parse(PythonOracle.Run(Script, input));
            var results = doc.RootElement.EnumerateArray().ToArray();
            Assert.AreEqual(cases.Length, results.Length);
            int sha512 = 0;
            for (int i = 0; i < cases.Length; i++)
            {
                var p = Sent(cases[i]);
                Assert.AreEqual(results[i].GetProperty("response").GetString(), p.Get("response"), cases[i].Header);
                if (cases[i].Userhash) Assert.AreEqual(results[i].GetProperty("userhash").GetString(), p.Get("username"));
                if (cases[i].Alg.StartsWith("SHA-512", StringComparison.Ordinal)) sha512++;
            }
            Assert.IsTrue(sha512 > 100, "SHA-512-256 cases: " + sha512);
        }
    }
}
