using System;
using System.IO;

namespace PhoneAgent.Tests.Host.Support
{
    /// <summary>The DER inside the first PEM block of a file (the lab PKI's .crt and .key files).</summary>
    public static class PemFile
    {
        public static byte[] Der(string path)
        {
            string pem = File.ReadAllText(path);
            int a = pem.IndexOf("-----BEGIN ", StringComparison.Ordinal);
            int b = pem.IndexOf('\n', a);
            int e = pem.IndexOf("-----END ", b, StringComparison.Ordinal);
            return Convert.FromBase64String(pem[b..e].Replace("\n", "").Replace("\r", ""));
        }
    }
}
