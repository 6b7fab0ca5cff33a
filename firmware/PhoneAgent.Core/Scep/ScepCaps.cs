using System.Collections;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Scep
{
    /// <summary>A GetCACaps answer (RFC 8894 §3.5.2): one keyword per line, compared without case,
    /// unknown keywords kept. SCEPStandard implies AES, POSTPKIOperation and SHA-256. The choices
    /// follow the RFC's preferences (SHA-256 over SHA-1, AES-128-CBC over DES3, POST when
    /// offered); a CA that answered nothing usable gets SHA-1, DES3 and GET, the pre-RFC defaults
    /// this client still accepts (never single DES or MD5).</summary>
    public sealed class ScepCaps
    {
        public const int MaxBodyLength = 4096;
        public const int MaxLines = 64;

        public bool Aes, Des3, GetNextCaCert, PostPkiOperation, Renewal, Sha1, Sha256, Sha512, ScepStandard, Update;
        /// <summary>False when no answer was parsed (GetCACaps failed or was empty).</summary>
        public bool Received;
        public string[] Keywords = new string[0];
        public string[] Unknown = new string[0];

        /// <summary>The hash for signatures and the transactionID.</summary>
        public string HashName
        {
            get
            {
                if (Sha256 || ScepStandard) return HashAlgorithm.Sha256Name;
                if (Sha512) return HashAlgorithm.Sha512Name;
                return HashAlgorithm.Sha1Name;
            }
        }

        /// <summary>The content-encryption algorithm OID for the pkcsPKIEnvelope ("AES" is AES128-CBC, §3.5.2).</summary>
        public string ContentEncryption
        {
            get { return Aes || ScepStandard ? CmsAlgorithms.OidAes128Cbc : CmsAlgorithms.OidDesEde3Cbc; }
        }

        /// <summary>PKIOperation by HTTP POST (§4.1) rather than GET.</summary>
        public bool UsePost { get { return PostPkiOperation || ScepStandard; } }

        /// <summary>Parses the body; never throws. Lines end in LF or CRLF; blank lines and
        /// surrounding white space are ignored; a body over MaxBodyLength is cut there.</summary>
        public static ScepCaps Parse(byte[] body)
        {
            ScepCaps c = new ScepCaps();
            if (body == null) return c;
            int n = body.Length > MaxBodyLength ? MaxBodyLength : body.Length;
            ArrayList words = new ArrayList(), unknown = new ArrayList();
            int start = 0;
            for (int i = 0; i <= n && words.Count < MaxLines; i++)
            {
                if (i < n && body[i] != '\n') continue;
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;   // CRLF or LF
                string line = Util.Ascii.Printable(body, start, end - start).Trim();
                start = i + 1;
                if (line.Length == 0) continue;
                words.Add(line);
                if (!c.Set(Util.Ascii.Lower(line))) unknown.Add(line);
            }
            c.Keywords = Strings(words);
            c.Unknown = Strings(unknown);
            c.Received = words.Count > 0;
            return c;
        }

        /// <summary>"SHA-256, AES-128-CBC, POST" for notes.</summary>
        public string Describe()
        {
            return HashName + ", " + CmsAlgorithms.ContentName(ContentEncryption) + ", " + (UsePost ? "POST" : "GET") +
                (Renewal ? ", renewal offered" : ", no renewal");
        }

        private bool Set(string k)
        {
            switch (k)
            {
                case "aes": Aes = true; return true;
                case "des3": Des3 = true; return true;
                case "getnextcacert": GetNextCaCert = true; return true;
                case "postpkioperation": PostPkiOperation = true; return true;
                case "renewal": Renewal = true; return true;
                case "sha-1": Sha1 = true; return true;
                case "sha-256": Sha256 = true; return true;
                case "sha-512": Sha512 = true; return true;
                case "scepstandard": ScepStandard = true; return true;
                case "update": Update = true; return true;   // pre-RFC drafts; unused here
                default: return false;
            }
        }

        private static string[] Strings(ArrayList a)
        {
            string[] r = new string[a.Count];
            for (int i = 0; i < a.Count; i++) r[i] = (string)a[i];
            return r;
        }
    }
}
