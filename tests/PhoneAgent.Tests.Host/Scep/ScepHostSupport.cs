using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;
using CoreCertificate = PhoneAgent.Core.X509.X509Certificate;

namespace PhoneAgent.Tests.Host.Scep
{
    /// <summary>Host-side helpers for the SCEP oracle tests: .NET RSA keys as core keys, the
    /// micromdm test CA of shared/vectors/scep (its key is a legacy OpenSSL-encrypted PEM with an
    /// empty passphrase), RSA CAs made with .NET's CertificateRequest, and openssl runs.</summary>
    internal static class ScepHostSupport
    {
        public sealed class DotNetRandom : IRandom
        {
            private readonly Random _r;
            public DotNetRandom(int seed) { _r = new Random(seed); }
            public void NextBytes(byte[] buffer) => _r.NextBytes(buffer);
            public int Next(int maxExclusive) => _r.Next(maxExclusive);
        }

        public static string VectorPath(string name) => Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "scep", name);

        public static RsaPrivateKey CoreKey(RSA rsa)
        {
            var p = rsa.ExportParameters(true);
            return new RsaPrivateKey(p.Modulus, p.P, p.Q, p.DP, p.DQ, p.InverseQ);
        }

        public static CoreCertificate CoreCert(byte[] der) => CoreCertificate.TryParse(der, out var e) ?? throw new InvalidOperationException(e);

        public static CoreCertificate CoreCert(X509Certificate2 c) => CoreCert(c.RawData);

        /// <summary>An RSA CA certificate (self-signed) with its key, made by .NET.</summary>
        public static X509Certificate2 RsaCa(string subject, RSA key, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            return req.CreateSelfSigned(notBefore, notAfter);
        }

        /// <summary>The test CA's private key from a "Proc-Type: 4,ENCRYPTED" PEM (OpenSSL's legacy
        /// form): key = EVP_BytesToKey(MD5, passphrase, salt = the IV's first 8 octets, 1 round),
        /// DES-EDE3-CBC, then PKCS#1 RSAPrivateKey.</summary>
        public static RSA LoadLegacyEncryptedRsaKey(string path, string passphrase)
        {
            string[] lines = File.ReadAllLines(path);
            string dek = Array.Find(lines, l => l.StartsWith("DEK-Info:", StringComparison.Ordinal)) ?? throw new InvalidDataException("no DEK-Info");
            string[] parts = dek.Substring("DEK-Info:".Length).Trim().Split(',');
            Assert.AreEqual("DES-EDE3-CBC", parts[0]);
            byte[] iv = Convert.FromHexString(parts[1]);
            var body = new StringBuilder();
            bool inBody = false;
            foreach (string l in lines)
            {
                if (l.StartsWith("-----END", StringComparison.Ordinal)) break;
                if (inBody) body.Append(l.Trim());
                else if (l.Length == 0) inBody = true;     // headers end at the blank line (RFC 1421)
            }
            byte[] pass = Encoding.ASCII.GetBytes(passphrase);
            byte[] salt = iv[..8];
            byte[] d1 = MD5.HashData([.. pass, .. salt]);
            byte[] d2 = MD5.HashData([.. d1, .. pass, .. salt]);
            byte[] key = [.. d1, .. d2[..8]];
            using var tdes = TripleDES.Create();
            tdes.Key = key;
            byte[] der = tdes.DecryptCbc(Convert.FromBase64String(body.ToString()), iv, PaddingMode.PKCS7);
            var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(der, out _);
            return rsa;
        }

        /// <summary>Runs openssl in dir; Inconclusive without it.</summary>
        public static string OpenSsl(string args, string dir)
        {
            ProcessStartInfo psi = new("openssl", args)
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process p;
            try { p = Process.Start(psi)!; }
            catch (System.ComponentModel.Win32Exception) { Assert.Inconclusive("openssl is not installed"); return null; }
            using (p)
            {
                var errTask = p.StandardError.ReadToEndAsync();
                string stdout = p.StandardOutput.ReadToEnd();
                Assert.IsTrue(p.WaitForExit(60000), "openssl " + args + " timed out");
                string stderr = errTask.Result;
                Assert.AreEqual(0, p.ExitCode, "openssl " + args + ": " + stderr);
                return stdout + stderr;
            }
        }

        public sealed class TempDir : IDisposable
        {
            public string Path { get; } = Directory.CreateTempSubdirectory("pa-scep-").FullName;
            public string File(string name) => System.IO.Path.Combine(Path, name);
            public void Dispose() => Directory.Delete(Path, true);
        }
    }
}
