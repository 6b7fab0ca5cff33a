using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Credentials
{
    /// <summary>What the phone presents when a server asks for a client certificate (SIP over
    /// mutual TLS, EAP-TLS): the LSC, its private key and the CA chain that issued it, taken
    /// together from the credential store (CredentialStore.ClientIdentity). The key is secret:
    /// ToString names the certificate only; Wipe clears the key copy when done.</summary>
    public sealed class TlsClientIdentity
    {
        /// <summary>The LSC, DER.</summary>
        public readonly byte[] CertificateDer;
        /// <summary>Its private key, DER as the store keeps it (PKCS#1 RSAPrivateKey from SCEP).</summary>
        public readonly byte[] PrivateKeyDer;
        /// <summary>The issuing CA chain, DER, issuing CA first (a server may need the intermediates).</summary>
        public readonly byte[][] ChainDer;
        public readonly X509Certificate Certificate;

        public TlsClientIdentity(X509Certificate certificate, byte[] privateKeyDer, byte[][] chainDer)
        {
            if (certificate == null || privateKeyDer == null) throw new System.ArgumentNullException(certificate == null ? "certificate" : "privateKeyDer");
            Certificate = certificate;
            CertificateDer = certificate.Der;
            PrivateKeyDer = privateKeyDer;
            ChainDer = chainDer ?? new byte[0][];
        }

        /// <summary>Clears the key bytes of this copy.</summary>
        public void Wipe() { System.Array.Clear(PrivateKeyDer, 0, PrivateKeyDer.Length); }

        public override string ToString()
        {
            return "client certificate " + Certificate.Describe() + " valid until " + Asn1.Asn1Time.Format(Certificate.NotAfter) + " (key withheld)";
        }
    }
}
