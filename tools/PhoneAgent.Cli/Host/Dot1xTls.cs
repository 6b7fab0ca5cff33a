using System.IO;
using PhoneAgent.Cli.Commands;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Cli.Host
{
    /// <summary>The EAP-TLS material of `phoneagent 8021x --method tls` and of `run` with
    /// dot1x.method = tls: the phone's certificate (every certificate of the file, leaf first,
    /// so intermediates are sent too), its key, and the TLS-inside-EAP port whose validator
    /// trusts the given roots (purpose serverAuth; the server name is given per tunnel).</summary>
    internal static class Dot1xTls
    {
        public sealed class Material
        {
            public HostTlsTunnelPort Port;
            public byte[] CertificateDer;   // leaf, then intermediates (concatenated DER)
            public byte[] KeyDer;
            public X509Certificate[] Certificates;
            public X509Certificate[] Roots;
        }

        /// <summary>Null (with the reason printed) when a file is missing or malformed.</summary>
        public static Material Load(string certPath, string keyPath, string rootsPath, TextWriter err)
        {
            if (string.IsNullOrEmpty(certPath) || string.IsNullOrEmpty(keyPath) || string.IsNullOrEmpty(rootsPath))
            {
                err.WriteLine("error: EAP-TLS needs the phone's certificate, its key and the roots that the RADIUS server's certificate chains to (--cert, --key, --roots; dot1x.tls.certificate, dot1x.tls.key, dot1x.roots)");
                return null;
            }
            var certs = X509Command.Load(certPath, err);
            if (certs == null) return null;
            if (certs.Length == 0) { err.WriteLine($"error: {certPath} holds no certificate"); return null; }
            var key = Pem.ReadDer(keyPath, err);
            if (key == null) return null;
            var roots = X509Command.Load(rootsPath, err);
            if (roots == null) return null;
            if (roots.Length == 0) { err.WriteLine($"error: {rootsPath} holds no certificate"); return null; }
            using var chain = new MemoryStream();
            foreach (var c in certs) chain.Write(c.Der, 0, c.Der.Length);
            var der = chain.ToArray();
            // The key must belong to the leaf: found here rather than in the middle of EAP.
            if (HostTlsPort.ClientCertificate(certs[0].Der, key, out string why) == null) { err.WriteLine("error: " + why); return null; }
            return new Material
            {
                Port = new HostTlsTunnelPort(new PathValidator(roots, null), new ValidationPolicy { Purpose = ValidationPolicy.EkuServerAuth }),
                CertificateDer = der,
                KeyDer = key,
                Certificates = certs,
                Roots = roots,
            };
        }
    }
}
