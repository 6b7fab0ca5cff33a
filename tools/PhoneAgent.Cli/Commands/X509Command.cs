using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent x509 verify`: the core's path validation on certificate files, as the
    /// phone would do it: the path, or the diagnosis. Exit 0 valid, 1 not valid, 2 bad input.</summary>
    public static class X509Command
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var roots = new Option<string>("--roots") { Description = "trust anchors (PEM or DER)", Required = true };
            var chain = new Option<string>("--chain") { Description = "the certificates as the peer sends them, leaf first (PEM or DER)", Required = true };
            var inter = new Option<string>("--intermediates") { Description = "provisioned intermediates (PEM or DER)" };
            var host = new Option<string>("--host") { Description = "host name or IPv4 address the leaf must match (RFC 6125)" };
            var time = new Option<string>("--time") { Description = "validation time, ISO 8601 (default: now)" };
            var purpose = new Option<string>("--purpose") { Description = "required extended key usage of the leaf" };
            purpose.AcceptOnlyFromAmong("server", "client");
            var fips = new Option<bool>("--fips") { Description = "FIPS mode: refuse RSA keys below 2048 bits and SHA-1 signatures" };
            var aia = new Option<bool>("--aia") { Description = "when the issuer is missing, fetch it from the certificate's AIA caIssuers URL (HTTP, 16 KiB, 5 s)" };
            var verify = new Command("verify", "Validate a certificate chain and print the path or the reason it fails")
            {
                roots, chain, inter, host, time, purpose, fips, aia,
            };
            verify.SetAction(r => Verify(output, error, r.GetValue(roots), r.GetValue(chain), r.GetValue(inter), r.GetValue(host),
                r.GetValue(time), r.GetValue(purpose), r.GetValue(fips), r.GetValue(aia)));
            return new Command("x509", "Certificates") { verify };
        }

        private static int Verify(TextWriter o, TextWriter err, string rootsPath, string chainPath, string interPath, string host,
            string timeText, string purpose, bool fips, bool aia)
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (!string.IsNullOrEmpty(timeText))
            {
                if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                {
                    err.WriteLine($"error: --time '{timeText}' is not an ISO 8601 time");
                    return CliApp.BadInput;
                }
                now = t.ToUnixTimeSeconds();
            }
            var roots = Load(rootsPath, err);
            var chain = Load(chainPath, err);
            var inter = string.IsNullOrEmpty(interPath) ? new PhoneAgent.Core.X509.X509Certificate[0] : Load(interPath, err);
            if (roots == null || chain == null || inter == null) return CliApp.BadInput;
            if (roots.Length == 0 || chain.Length == 0)
            {
                err.WriteLine("error: " + (roots.Length == 0 ? rootsPath : chainPath) + " holds no certificate");
                return CliApp.BadInput;
            }
            var policy = new ValidationPolicy
            {
                Time = now,
                HostName = host,
                Fips = fips,
                Purpose = purpose == "server" ? ValidationPolicy.EkuServerAuth : purpose == "client" ? ValidationPolicy.EkuClientAuth : null,
            };
            o.WriteLine($"validating {chain.Length} presented certificate(s) against {roots.Length} trust anchor(s) and {inter.Length} provisioned intermediate(s) at {Asn1Time.Format(now)}");
            var result = PhoneAgent.Cli.Host.AiaRunner.Validate(roots, inter, chain, policy, aia, o);
            if (result.Valid)
            {
                o.WriteLine("VALID");
                for (int i = result.Path.Length - 1; i >= 0; i--)
                    o.WriteLine($"  {(i == 0 ? "anchor" : i == result.Path.Length - 1 ? "leaf  " : "CA    ")} {result.Path[i].Describe()}");
                return CliApp.Ok;
            }
            o.WriteLine("NOT VALID (" + result.Code + "): " + result.Message);
            return CliApp.Failed;
        }

        /// <summary>Every certificate in a PEM file (any number of CERTIFICATE blocks) or one DER
        /// certificate; null (with the reason printed) on unreadable or malformed input.</summary>
        internal static PhoneAgent.Core.X509.X509Certificate[] Load(string path, TextWriter err)
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                err.WriteLine($"error: cannot read {path}: {e.Message}");
                return null;
            }
            var ders = new List<byte[]>();
            string text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                var span = text.AsSpan();
                while (System.Security.Cryptography.PemEncoding.TryFind(span, out var fields))
                {
                    string label = span[fields.Label].ToString();
                    if (label is "CERTIFICATE" or "TRUSTED CERTIFICATE") ders.Add(Convert.FromBase64String(span[fields.Base64Data].ToString()));
                    span = span[fields.Location.End..];
                }
            }
            else ders.Add(bytes);
            var certs = new List<PhoneAgent.Core.X509.X509Certificate>();
            for (int i = 0; i < ders.Count; i++)
            {
                var c = PhoneAgent.Core.X509.X509Certificate.TryParse(ders[i], out var why);
                if (c == null)
                {
                    err.WriteLine($"error: {path}: certificate {i + 1} is malformed: {why}");
                    return null;
                }
                certs.Add(c);
            }
            return certs.ToArray();
        }
    }
}
