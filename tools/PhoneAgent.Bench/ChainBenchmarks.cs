using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Bench
{
    /// <summary>Validation of a 3-certificate RSA-2048 chain (the lab PKI: Lab Root CA -> Lab
    /// Issuing CA -> radius.lab.test, ../shared/lab/pki): parsing the DER plus path building
    /// and validation, and allocations per validation.</summary>
    [MemoryDiagnoser]
    public class ChainBenchmarks
    {
        private byte[] _root, _intermediate, _leaf;
        private X509Certificate[] _anchors, _presented;
        private PathValidator _validator;
        private ValidationPolicy _policy;

        [GlobalSetup]
        public void Setup()
        {
            string dir = FindPki();
            _root = Der(Path.Combine(dir, "root.crt"));
            _intermediate = Der(Path.Combine(dir, "int.crt"));
            _leaf = Der(Path.Combine(dir, "server.crt"));
            _anchors = new[] { Parse(_root) };
            _presented = new[] { Parse(_leaf), Parse(_intermediate) };
            _validator = new PathValidator(_anchors, null);
            _policy = new ValidationPolicy { Time = _presented[0].NotBefore + 86400, HostName = "radius.lab.test", Purpose = ValidationPolicy.EkuServerAuth };
            if (!_validator.Validate(_presented, _policy).Valid) throw new InvalidOperationException("the lab chain does not validate");
        }

        [Benchmark(Description = "validate 3-cert RSA-2048 chain (parsed)")]
        public bool Validate() => _validator.Validate(_presented, _policy).Valid;

        [Benchmark(Description = "parse 3 certs + validate")]
        public bool ParseAndValidate()
        {
            var presented = new[] { Parse(_leaf), Parse(_intermediate) };
            return new PathValidator(new[] { Parse(_root) }, null).Validate(presented, _policy).Valid;
        }

        private static X509Certificate Parse(byte[] der) => X509Certificate.TryParse(der, out var e) ?? throw new InvalidOperationException(e);

        private static byte[] Der(string pemFile)
        {
            string pem = File.ReadAllText(pemFile);
            int a = pem.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) + 27;
            int b = pem.IndexOf("-----END CERTIFICATE-----", a, StringComparison.Ordinal);
            return Convert.FromBase64String(pem[a..b]);
        }

        private static string FindPki()
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d != null && !File.Exists(Path.Combine(d.FullName, "PhoneAgent.sln"))) d = d.Parent;
            string pki = Path.Combine(d?.FullName ?? ".", "..", "shared", "lab", "pki");
            if (!Directory.Exists(pki)) throw new DirectoryNotFoundException("../shared/lab/pki beside the repository is needed");
            return pki;
        }
    }
}
