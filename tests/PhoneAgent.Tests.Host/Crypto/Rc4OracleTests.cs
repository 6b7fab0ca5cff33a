using System;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>The core's RC4 against OpenSSL's (through Python's cryptography package; .NET
    /// has no RC4) on random keys and data. That package takes only 40, 56, 64, 80, 128, 160,
    /// 192 and 256-bit keys; the RFC 6229 rows cover the same sizes from the standard.</summary>
    [TestClass]
    public class Rc4OracleTests
    {
        private const string Script = """
import sys, json, warnings
warnings.filterwarnings("ignore")
try:
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    except ImportError:
        from cryptography.hazmat.primitives.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher
except ImportError as e:
    sys.stderr.write(str(e)); sys.exit(3)
out = []
for c in json.load(sys.stdin):
    enc = Cipher(ARC4(bytes.fromhex(c["key"])), mode=None).encryptor()
    out.append(enc.update(bytes.fromhex(c["data"])).hex())
json.dump(out, sys.stdout)
""";

        [TestMethod]
        public void RandomKeysAgainstOpenSsl()
        {
            var rng = new Random(6229);
            int[] sizes = { 5, 7, 8, 10, 16, 20, 24, 32 };
            var usable = Enumerable.Range(0, 1000).Select(i =>
            {
                var key = new byte[sizes[i % sizes.Length]];
                var data = new byte[rng.Next(0, 600)];
                rng.NextBytes(key);
                rng.NextBytes(data);
                return (key, data);
            }).ToArray();
            string input = JsonSerializer.Serialize(usable.Select(c => new { key = Convert.ToHexString(c.key), data = Convert.ToHexString(c.data) }));
            using var doc = JsonDocument.Parse(PythonOracle.Run(Script, input));
            var results = doc.RootElement.EnumerateArray().Select(e => e.GetString()).ToArray();
            Assert.AreEqual(usable.Length, results.Length);
            for (int i = 0; i < usable.Length; i++)
            {
                var mine = new Rc4(usable[i].key);
                // Fed in two pieces, to cover the continuing keystream.
                int half = usable[i].data.Length / 3;
                var output = new byte[usable[i].data.Length];
                mine.Process(usable[i].data, 0, half, output, 0);
                mine.Process(usable[i].data, half, output.Length - half, output, half);
                Assert.AreEqual(results[i], Convert.ToHexString(output).ToLowerInvariant(), $"key of {usable[i].key.Length} bytes, {output.Length} bytes of data");
            }
        }
    }
}
