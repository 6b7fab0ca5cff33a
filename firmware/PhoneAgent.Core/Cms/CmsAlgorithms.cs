using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Cms
{
    /// <summary>The object identifiers CMS messages use here, and the mapping to the core's
    /// primitives: content types (RFC 5652 §4-6), the attributes of §11, digests (RFC 3370 §2.1,
    /// RFC 5754 §2), RSA signatures and key transport (RFC 3370 §3.2, §4.2.1; RFC 4055 §5) and
    /// content encryption (RFC 3565 §4.1 for AES-CBC, RFC 3370 §5.1 for DES-EDE3-CBC). Single
    /// DES-CBC (RFC 8018 §B.2.1's desCBC) is read only: micromdm's scepserver 2.1.0 still
    /// encrypts its CertRep with it whatever GetCACaps says; it is never written.</summary>
    public static class CmsAlgorithms
    {
        public const string OidData = "1.2.840.113549.1.7.1";
        public const string OidSignedData = "1.2.840.113549.1.7.2";
        public const string OidEnvelopedData = "1.2.840.113549.1.7.3";

        public const string OidContentType = "1.2.840.113549.1.9.3";
        public const string OidMessageDigest = "1.2.840.113549.1.9.4";
        public const string OidSigningTime = "1.2.840.113549.1.9.5";

        public const string OidMd5 = "1.2.840.113549.2.5";
        public const string OidSha1 = "1.3.14.3.2.26";
        public const string OidSha256 = "2.16.840.1.101.3.4.2.1";
        public const string OidSha384 = "2.16.840.1.101.3.4.2.2";
        public const string OidSha512 = "2.16.840.1.101.3.4.2.3";

        public const string OidRsaEncryption = "1.2.840.113549.1.1.1";
        public const string OidSha1WithRsa = "1.2.840.113549.1.1.5";
        public const string OidSha256WithRsa = "1.2.840.113549.1.1.11";
        public const string OidSha384WithRsa = "1.2.840.113549.1.1.12";
        public const string OidSha512WithRsa = "1.2.840.113549.1.1.13";

        public const string OidAes128Cbc = "2.16.840.1.101.3.4.1.2";
        public const string OidAes192Cbc = "2.16.840.1.101.3.4.1.22";
        public const string OidAes256Cbc = "2.16.840.1.101.3.4.1.42";
        public const string OidDesEde3Cbc = "1.2.840.113549.3.7";
        public const string OidDesCbc = "1.3.14.3.2.7";

        /// <summary>The digest OID for a HashAlgorithm name, or null.</summary>
        public static string DigestOid(string hashName)
        {
            switch (hashName)
            {
                case HashAlgorithm.Sha1Name: return OidSha1;
                case HashAlgorithm.Sha256Name: return OidSha256;
                case HashAlgorithm.Sha384Name: return OidSha384;
                case HashAlgorithm.Sha512Name: return OidSha512;
                default: return null;
            }
        }

        /// <summary>The HashAlgorithm name of a digest OID, or null. MD5 is not accepted for
        /// signatures (RFC 6151 §2.2 no longer trusts its collision resistance).</summary>
        public static string DigestName(string oid)
        {
            switch (oid)
            {
                case OidSha1: return HashAlgorithm.Sha1Name;
                case OidSha256: return HashAlgorithm.Sha256Name;
                case OidSha384: return HashAlgorithm.Sha384Name;
                case OidSha512: return HashAlgorithm.Sha512Name;
                default: return null;
            }
        }

        /// <summary>sha*WithRSAEncryption for a hash name (RFC 4055 §5), or null.</summary>
        public static string RsaSignatureOid(string hashName)
        {
            switch (hashName)
            {
                case HashAlgorithm.Sha1Name: return OidSha1WithRsa;
                case HashAlgorithm.Sha256Name: return OidSha256WithRsa;
                case HashAlgorithm.Sha384Name: return OidSha384WithRsa;
                case HashAlgorithm.Sha512Name: return OidSha512WithRsa;
                default: return null;
            }
        }

        /// <summary>The hash a sha*WithRSAEncryption OID names, or null.</summary>
        public static string RsaSignatureHash(string oid)
        {
            switch (oid)
            {
                case OidSha1WithRsa: return HashAlgorithm.Sha1Name;
                case OidSha256WithRsa: return HashAlgorithm.Sha256Name;
                case OidSha384WithRsa: return HashAlgorithm.Sha384Name;
                case OidSha512WithRsa: return HashAlgorithm.Sha512Name;
                default: return null;
            }
        }

        /// <summary>Key length in bytes of a content-encryption algorithm, or 0 when unsupported.</summary>
        public static int ContentKeyLength(string oid)
        {
            switch (oid)
            {
                case OidAes128Cbc: return 16;
                case OidAes192Cbc: return 24;
                case OidAes256Cbc: return 32;
                case OidDesEde3Cbc: return 24;
                case OidDesCbc: return 8;
                default: return 0;
            }
        }

        /// <summary>Block (and IV) length of a content-encryption algorithm, or 0.</summary>
        public static int ContentBlockLength(string oid)
        {
            if (oid == OidDesEde3Cbc || oid == OidDesCbc) return 8;
            return ContentKeyLength(oid) == 0 ? 0 : 16;
        }

        /// <summary>A short name for reports ("AES-128-CBC"), or the OID itself.</summary>
        public static string ContentName(string oid)
        {
            switch (oid)
            {
                case OidAes128Cbc: return "AES-128-CBC";
                case OidAes192Cbc: return "AES-192-CBC";
                case OidAes256Cbc: return "AES-256-CBC";
                case OidDesEde3Cbc: return "DES-EDE3-CBC";
                case OidDesCbc: return "DES-CBC";
                default: return oid;
            }
        }

        /// <summary>The keyed block cipher; ArgumentException for an unknown OID or a wrong key length.</summary>
        public static IBlockCipher CreateCipher(string oid, byte[] key)
        {
            int n = ContentKeyLength(oid);
            if (n == 0) throw new System.ArgumentException("unsupported content-encryption algorithm " + oid);
            if (key == null || key.Length != n) throw new System.ArgumentException(ContentName(oid) + " needs a " + n.ToString() + "-byte key");
            if (oid == OidDesEde3Cbc) return new TripleDes(key);
            if (oid == OidDesCbc) return new Des(key);
            return new Aes(key);
        }

        /// <summary>True for algorithms accepted when reading but never used to encrypt (single DES: a
        /// 56-bit key is found by exhaustive search).</summary>
        public static bool IsReadOnly(string oid) { return oid == OidDesCbc; }

        /// <summary>Sets each byte of a DES key to odd parity (FIPS 46-3: the low bit of each octet).</summary>
        public static void SetDesParity(byte[] key)
        {
            for (int i = 0; i < key.Length; i++)
            {
                int b = key[i] & 0xFE;
                int ones = 0;
                for (int k = 1; k < 8; k++) ones += (b >> k) & 1;
                key[i] = (byte)(b | ((ones & 1) == 0 ? 1 : 0));
            }
        }
    }
}
