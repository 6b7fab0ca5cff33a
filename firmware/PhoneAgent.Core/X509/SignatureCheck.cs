using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.X509
{
    /// <summary>Verifies a certificate's signature with its issuer's public key, for the
    /// signature algorithms of RFC 3279/4055/5758: RSA PKCS#1 v1.5 with SHA-1/SHA-2, RSASSA-PSS
    /// (RFC 4055 §3) with SHA-1/SHA-2 and MGF1, ECDSA on P-256/P-384, and DSA.
    /// Returns null when the signature verifies, else the reason.</summary>
    public static class SignatureCheck
    {
        public static string Verify(X509Certificate cert, X509Certificate issuer, byte[] inheritedDsaParameters, bool fips)
        {
            return Verify(cert.SignatureAlgorithm, cert.SignatureAlgorithmParameters, cert.Der, cert.TbsOffset, cert.TbsLength,
                cert.Signature, cert.SignatureUnusedBits, issuer, inheritedDsaParameters, fips);
        }

        /// <summary>Any signed structure (certificate, CRL) whose algorithm takes no parameters.</summary>
        public static string Verify(string algorithm, byte[] der, int tbsOffset, int tbsLength, byte[] signature, int unusedBits,
            X509Certificate issuer, byte[] inheritedDsaParameters, bool fips)
        {
            return Verify(algorithm, null, der, tbsOffset, tbsLength, signature, unusedBits, issuer, inheritedDsaParameters, fips);
        }

        /// <summary>Any signed structure (certificate, CRL): its algorithm and the DER of the
        /// algorithm's parameters (or null), its to-be-signed bytes and signature.</summary>
        public static string Verify(string algorithm, byte[] algorithmParameters, byte[] der, int tbsOffset, int tbsLength,
            byte[] signature, int unusedBits, X509Certificate issuer, byte[] inheritedDsaParameters, bool fips)
        {
            if (unusedBits != 0) return "the signature is not a whole number of octets";
            if (algorithm == PssParameters.OidRsassaPss) return VerifyPss(algorithmParameters, der, tbsOffset, tbsLength, signature, issuer, fips);
            string hash = HashOf(algorithm);
            if (hash == null) return "signature algorithm " + algorithm + " is not supported";
            if (fips && hash == HashAlgorithm.Sha1Name) return "SHA-1 signatures are refused in FIPS mode";
            HashAlgorithm h = HashAlgorithm.Create(hash);
            byte[] digest = h.Compute(der, tbsOffset, tbsLength);
            if (IsRsa(algorithm))
            {
                if (issuer.RsaModulus == null) return "the issuer's key is not an RSA key";
                RsaPublicKey key;
                try { key = issuer.RsaKey; }
                catch (System.ArgumentException e) { return "the issuer's RSA key is unusable: " + e.Message; }
                return key.VerifyPkcs1(hash, digest, signature) ? null : "the signature does not verify with the issuer's public key";
            }
            if (IsEcdsa(algorithm))
            {
                if (issuer.PublicKeyAlgorithm != X509Certificate.OidEcPublicKey) return "the issuer's key is not an EC key";
                EcdsaPublicKey ec;
                try { ec = issuer.EcKey; }
                catch (System.ArgumentException e) { return "the issuer's EC key is unusable: " + e.Message; }
                return ec.Verify(digest, signature) ? null : "the signature does not verify with the issuer's public key";
            }
            // DSA: parameters from the issuer's key, or inherited from further up (RFC 5280 §6.1.4 (f)).
            if (issuer.PublicKeyAlgorithm != X509Certificate.OidDsa) return "the issuer's key is not a DSA key";
            byte[] parms = issuer.PublicKeyParameters != null && issuer.PublicKeyParameters.Length > 2 ? issuer.PublicKeyParameters : inheritedDsaParameters;
            byte[] p, q, g;
            if (!DsaPublicKey.TryParseParameters(parms, out p, out q, out g)) return "no DSA parameters for the issuer's key";
            byte[] y = new Asn1.DerReader(issuer.PublicKey).ReadUnsignedInteger();
            if (y == null) return "the issuer's DSA public key is malformed";
            DsaPublicKey dsa;
            try { dsa = new DsaPublicKey(p, q, g, y); }
            catch (System.ArgumentException e) { return "the issuer's DSA key is unusable: " + e.Message; }
            return dsa.Verify(digest, signature) ? null : "the signature does not verify with the issuer's public key";
        }

        private static string VerifyPss(byte[] parameters, byte[] der, int tbsOffset, int tbsLength, byte[] signature,
            X509Certificate issuer, bool fips)
        {
            string error;
            PssParameters pss = PssParameters.TryParse(parameters, out error);
            if (pss == null) return "RSASSA-PSS parameters: " + error;
            if (fips && (pss.HashName == HashAlgorithm.Sha1Name || pss.MgfHashName == HashAlgorithm.Sha1Name))
                return "SHA-1 signatures are refused in FIPS mode (RSASSA-PSS with " + pss.HashName + ", MGF1 with " + pss.MgfHashName + ")";
            if (issuer.RsaModulus == null) return "the issuer's key is not an RSA key";
            RsaPublicKey key;
            try { key = issuer.RsaKey; }
            catch (System.ArgumentException e) { return "the issuer's RSA key is unusable: " + e.Message; }
            byte[] digest = HashAlgorithm.Create(pss.HashName).Compute(der, tbsOffset, tbsLength);
            return key.VerifyPss(pss.HashName, digest, signature, pss.MgfHashName, pss.SaltLength) ? null : "the signature does not verify with the issuer's public key";
        }

        public static bool IsEcdsa(string oid)
        {
            return oid == "1.2.840.10045.4.1" || oid == "1.2.840.10045.4.3.2" || oid == "1.2.840.10045.4.3.3" || oid == "1.2.840.10045.4.3.4";
        }

        public static bool IsRsa(string oid)
        {
            return oid == "1.2.840.113549.1.1.5" || oid == "1.2.840.113549.1.1.11" || oid == "1.2.840.113549.1.1.12" || oid == "1.2.840.113549.1.1.13";
        }

        public static string HashOf(string oid)
        {
            switch (oid)
            {
                case "1.2.840.113549.1.1.5":
                case "1.2.840.10040.4.3":
                case "1.2.840.10045.4.1":
                    return HashAlgorithm.Sha1Name;
                case "1.2.840.113549.1.1.11":
                case "2.16.840.1.101.3.4.3.2":
                case "1.2.840.10045.4.3.2":
                    return HashAlgorithm.Sha256Name;
                case "1.2.840.113549.1.1.12":
                case "1.2.840.10045.4.3.3":
                    return HashAlgorithm.Sha384Name;
                case "1.2.840.113549.1.1.13":
                case "1.2.840.10045.4.3.4":
                    return HashAlgorithm.Sha512Name;
                default:
                    return null;
            }
        }
    }
}
