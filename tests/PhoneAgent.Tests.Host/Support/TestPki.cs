using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhoneAgent.Tests.Host.Support
{
    /// <summary>Makes certificates for edge cases with .NET's CertificateRequest (the host-side
    /// PKI helper): ECDSA P-256 keys (fast), each certificate with its key so it can issue.
    /// Times are relative to Now, which tests pass as the validation time.</summary>
    public sealed class TestPki
    {
        public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
        private static int _serial;

        public sealed class Issued
        {
            public X509Certificate2 Cert;
            public ECDsa Key;
            public PhoneAgent.Core.X509.X509Certificate Core =>
                PhoneAgent.Core.X509.X509Certificate.TryParse(Cert.RawData, out var e) ?? throw new InvalidOperationException(e);
        }

        public sealed class Spec
        {
            public string Subject = "CN=leaf";
            public bool Ca;
            public int PathLen = -1;
            public X509KeyUsageFlags? KeyUsage;
            public string[] Eku;
            public string[] Dns;
            public string[] Ips;
            public DateTimeOffset NotBefore = Now.AddDays(-1);
            public DateTimeOffset NotAfter = Now.AddDays(30);
            public ECDsa Key;            // reuse a key (cross-signing); null: a new one
        }

        public static Issued Root(string subject = "CN=Test Root", DateTimeOffset? notAfter = null, ECDsa key = null)
        {
            key ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            return new Issued { Cert = req.CreateSelfSigned(Now.AddDays(-10), notAfter ?? Now.AddYears(5)), Key = key };
        }

        public static Issued Issue(Issued issuer, Spec s)
        {
            var key = s.Key ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest(s.Subject, key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(s.Ca, s.PathLen >= 0, Math.Max(0, s.PathLen), true));
            var ku = s.KeyUsage ?? (s.Ca ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature);
            req.CertificateExtensions.Add(new X509KeyUsageExtension(ku, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Cert, true, false));
            if (s.Eku != null)
            {
                var oids = new OidCollection();
                foreach (var o in s.Eku) oids.Add(new Oid(o));
                req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
            }
            if (s.Dns != null || s.Ips != null)
            {
                var san = new SubjectAlternativeNameBuilder();
                foreach (var d in s.Dns ?? Array.Empty<string>()) san.AddDnsName(d);
                foreach (var ip in s.Ips ?? Array.Empty<string>()) san.AddIpAddress(System.Net.IPAddress.Parse(ip));
                req.CertificateExtensions.Add(san.Build());
            }
            var serial = BitConverter.GetBytes(++_serial + 1000);
            var cert = req.Create(issuer.Cert.SubjectName, X509SignatureGenerator.CreateForECDsa(issuer.Key), s.NotBefore, s.NotAfter, serial);
            return new Issued { Cert = cert, Key = key };
        }

        public static PhoneAgent.Core.X509.X509Certificate[] Core(params Issued[] certs)
        {
            var r = new List<PhoneAgent.Core.X509.X509Certificate>();
            foreach (var c in certs) r.Add(c.Core);
            return r.ToArray();
        }
    }
}
