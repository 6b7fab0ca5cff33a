using System.Collections;
using PhoneAgent.Core.Asn1;

namespace PhoneAgent.Core.Cms
{
    /// <summary>The certificates of a "certs-only" CMS SignedData (RFC 5652 §5.1; PKCS#7 v1.5
    /// "degenerate" form): what an AIA caIssuers URL may return (RFC 5280 §4.2.2.1), a SCEP
    /// GetCACert answer for a CA with an RA or a chain (RFC 8894 §4.2.1.2), and the decrypted
    /// contents of a SCEP CertRep (RFC 8894 §3.3.2). TryParse walks the envelope with
    /// BerWalker, so the indefinite lengths some servers use are accepted (IsDer says whether
    /// any were seen); each certificate must itself be a DER element. Only the plain
    /// Certificate choice is returned; the others (extended, attribute, other certificates) are
    /// counted and skipped. Signatures, if any, are not checked here.</summary>
    public sealed class CmsCertsOnly
    {
        public const string OidData = "1.2.840.113549.1.7.1";
        public const string OidSignedData = "1.2.840.113549.1.7.2";

        /// <summary>Largest message accepted: a few chains' worth, bounded for the device heap.</summary>
        public const int MaxMessageLength = 262144;
        public const int DefaultMaxCertificates = 16;

        /// <summary>DER of each certificate, in message order.</summary>
        public byte[][] Certificates = new byte[0][];
        /// <summary>CertificateChoices other than Certificate ([0]..[3] IMPLICIT), skipped.</summary>
        public int OtherCertificateChoices;
        public int CrlCount;
        public int SignerInfoCount;
        public int Version;
        /// <summary>eContentType of encapContentInfo (id-data for a certs-only message).</summary>
        public string ContentType;
        /// <summary>True when encapContentInfo carries eContent (a certs-only message has none).</summary>
        public bool HasContent;
        /// <summary>False when the envelope used BER-only forms (indefinite or non-minimal lengths).</summary>
        public bool IsDer = true;

        /// <summary>True for the strict shape: no signers and no content.</summary>
        public bool IsDegenerate { get { return SignerInfoCount == 0 && !HasContent; } }

        public static CmsCertsOnly TryParse(byte[] data, out string error)
        {
            return TryParse(data, DefaultMaxCertificates, out error);
        }

        /// <summary>Null with the reason on anything malformed or over the caps; never throws.</summary>
        public static CmsCertsOnly TryParse(byte[] data, int maxCertificates, out string error)
        {
            error = null;
            if (data == null || data.Length == 0) { error = "no data"; return null; }
            if (data.Length > MaxMessageLength) { error = "CMS message larger than " + MaxMessageLength.ToString() + " bytes"; return null; }
            CmsCertsOnly m = new CmsCertsOnly();
            bool nonDer = false;
            int s, e, next;

            // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT ANY } (RFC 5652 §3)
            if (!Enter(data, 0, data.Length, Asn1Tag.Sequence, out s, out e, out next, ref nonDer, out error)) return Fail("ContentInfo: ", ref error);
            if (next != data.Length) { error = "data after the ContentInfo"; return null; }
            int p = s;
            string type = ReadOid(data, ref p, e, ref nonDer, out error);
            if (type == null) return Fail("contentType: ", ref error);
            if (type != OidSignedData) { error = "contentType is " + type + ", not id-signedData"; return null; }
            int cs, ce;
            if (!Enter(data, p, e, Asn1Tag.ContextConstructed(0), out cs, out ce, out next, ref nonDer, out error)) return Fail("content: ", ref error);
            if (next != e) { error = "data after the content of ContentInfo"; return null; }

            // SignedData (RFC 5652 §5.1)
            int sd, sdEnd;
            if (!Enter(data, cs, ce, Asn1Tag.Sequence, out sd, out sdEnd, out next, ref nonDer, out error)) return Fail("SignedData: ", ref error);
            if (next != ce) { error = "data after SignedData"; return null; }
            p = sd;
            if (!ReadVersion(data, ref p, sdEnd, m, ref nonDer, out error)) return null;
            if (!Enter(data, p, sdEnd, Asn1Tag.Set, out s, out e, out p, ref nonDer, out error)) return Fail("digestAlgorithms: ", ref error);

            int ec, ecEnd;
            if (!Enter(data, p, sdEnd, Asn1Tag.Sequence, out ec, out ecEnd, out p, ref nonDer, out error)) return Fail("encapContentInfo: ", ref error);
            int q = ec;
            m.ContentType = ReadOid(data, ref q, ecEnd, ref nonDer, out error);
            if (m.ContentType == null) return Fail("eContentType: ", ref error);
            if (q < ecEnd)
            {
                if (!Enter(data, q, ecEnd, Asn1Tag.ContextConstructed(0), out s, out e, out q, ref nonDer, out error)) return Fail("eContent: ", ref error);
                if (q != ecEnd) { error = "data after eContent"; return null; }
                m.HasContent = true;
            }

            if (p < sdEnd && data[p] == Asn1Tag.ContextConstructed(0))
            {
                if (!Enter(data, p, sdEnd, Asn1Tag.ContextConstructed(0), out s, out e, out p, ref nonDer, out error)) return Fail("certificates: ", ref error);
                if (!ReadCertificates(data, s, e, maxCertificates, m, ref nonDer, out error)) return null;
            }
            if (p < sdEnd && data[p] == Asn1Tag.ContextConstructed(1))
            {
                if (!Enter(data, p, sdEnd, Asn1Tag.ContextConstructed(1), out s, out e, out p, ref nonDer, out error)) return Fail("crls: ", ref error);
                m.CrlCount = Count(data, s, e, ref nonDer, out error);
                if (m.CrlCount < 0) return Fail("crls: ", ref error);
            }
            if (!Enter(data, p, sdEnd, Asn1Tag.Set, out s, out e, out p, ref nonDer, out error)) return Fail("signerInfos: ", ref error);
            m.SignerInfoCount = Count(data, s, e, ref nonDer, out error);
            if (m.SignerInfoCount < 0) return Fail("signerInfos: ", ref error);
            if (p != sdEnd) { error = "unexpected field after signerInfos"; return null; }
            m.IsDer = !nonDer;
            error = null;
            return m;
        }

        /// <summary>The certificates of a certs-only message, parsed (the shape of
        /// AiaCompletion.BodyParser): null with the reason when the envelope or any certificate
        /// is malformed. Never throws.</summary>
        public static X509.X509Certificate[] TryParseCertificates(byte[] body, out string error)
        {
            CmsCertsOnly m = TryParse(body, out error);
            if (m == null) return null;
            X509.X509Certificate[] r = new X509.X509Certificate[m.Certificates.Length];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] = X509.X509Certificate.TryParse(m.Certificates[i], out error);
                if (r[i] == null) { error = "certificate " + (i + 1).ToString() + " of the CMS message: " + error; return null; }
            }
            return r;
        }

        /// <summary>A DER certs-only SignedData (RFC 5652 §5.1): version 1, no digestAlgorithms,
        /// encapContentInfo id-data without eContent, the certificates in a DER-sorted SET OF
        /// (X.690 §11.6; so the order given is not kept), no CRLs, no signerInfos. Throws
        /// ArgumentException when a certificate is not one DER SEQUENCE or the result is too large.</summary>
        public static byte[] Encode(byte[][] certificates)
        {
            if (certificates == null) throw new System.ArgumentNullException(nameof(certificates));
            DerWriter w = new DerWriter(MaxMessageLength);
            w.BeginSequence();                                  // ContentInfo
            w.WriteOid(OidSignedData);
            w.BeginExplicit(0);
            w.BeginSequence();                                  // SignedData
            w.WriteInteger(1);                                  // §5.1: 1 when only plain certificates and id-data
            w.BeginSetOf();                                     // digestAlgorithms: none
            w.End();
            w.BeginSequence();                                  // encapContentInfo, no eContent
            w.WriteOid(OidData);
            w.End();
            if (certificates.Length > 0)
            {
                w.BeginSetOf(Asn1Tag.ContextConstructed(0));   // certificates [0] IMPLICIT CertificateSet
                for (int i = 0; i < certificates.Length; i++)
                {
                    byte[] c = certificates[i];
                    if (c == null || c.Length < 2 || c[0] != Asn1Tag.Sequence) throw new System.ArgumentException("certificate " + i.ToString() + " is not a DER SEQUENCE");
                    w.WriteEncoded(c);
                }
                w.End();
            }
            w.BeginSetOf();                                     // signerInfos: none
            w.End();
            w.End();
            w.End();
            w.End();
            return w.ToArray();
        }

        private static bool ReadCertificates(byte[] b, int p, int end, int max, CmsCertsOnly m, ref bool nonDer, out string error)
        {
            error = null;
            ArrayList certs = new ArrayList();
            while (p < end)
            {
                int tag, co, cl;
                if (!BerWalker.TryReadHeader(b, p, end, out tag, out co, out cl, ref nonDer, out error)) { error = "certificates: " + error; return false; }
                int next = BerWalker.ElementEnd(b, p, end, ref nonDer, out error);
                if (next < 0) { error = "certificates: " + error; return false; }
                if (tag == Asn1Tag.Sequence)
                {
                    if (certs.Count >= max) { error = "more than " + max.ToString() + " certificates"; return false; }
                    int len = next - p;
                    if (len > X509.X509Certificate.MaxDerLength) { error = "certificate " + (certs.Count + 1).ToString() + " larger than " + X509.X509Certificate.MaxDerLength.ToString() + " bytes"; return false; }
                    // The certificate is signed over its DER; its own header must be DER too.
                    DerReader r = new DerReader(b, p, len);
                    int t, o, l, eo, el;
                    if (!r.TryReadElement(out t, out o, out l, out eo, out el)) { error = "certificate " + (certs.Count + 1).ToString() + " is not DER: " + r.Error; return false; }
                    certs.Add(r.Copy(p, len));
                }
                else if (tag >= Asn1Tag.ContextConstructed(0) && tag <= Asn1Tag.ContextConstructed(3))
                    m.OtherCertificateChoices++;   // extendedCertificate, v1/v2AttrCert, other (RFC 5652 §10.2.2)
                else { error = "certificates: unknown CertificateChoices tag 0x" + Util.Hex.Byte(tag); return false; }
                p = next;
            }
            m.Certificates = new byte[certs.Count][];
            for (int i = 0; i < certs.Count; i++) m.Certificates[i] = (byte[])certs[i];
            return true;
        }

        private static bool ReadVersion(byte[] b, ref int p, int end, CmsCertsOnly m, ref bool nonDer, out string error)
        {
            int tag, co, cl;
            if (!BerWalker.TryReadHeader(b, p, end, out tag, out co, out cl, ref nonDer, out error)) { error = "version: " + error; return false; }
            // CMSVersion 0..5 (RFC 5652 §10.2.5) is one octet.
            if (tag != Asn1Tag.Integer || cl != 1 || b[co] > 5) { error = "SignedData version is not an INTEGER 0..5"; return false; }
            m.Version = b[co];
            p = co + 1;
            return true;
        }

        /// <summary>Enters the element at p, which must carry the tag: [s, e) is its contents (before
        /// the end-of-contents octets of an indefinite length), next the position after it.</summary>
        private static bool Enter(byte[] b, int p, int end, int expectedTag, out int s, out int e, out int next, ref bool nonDer, out string error)
        {
            s = e = next = 0;
            int tag, cl;
            if (!BerWalker.TryReadHeader(b, p, end, out tag, out s, out cl, ref nonDer, out error)) return false;
            if (tag != expectedTag) { error = "expected tag 0x" + Util.Hex.Byte(expectedTag) + ", found 0x" + Util.Hex.Byte(tag); return false; }
            if (cl >= 0) { e = s + cl; next = e; return true; }
            next = BerWalker.ElementEnd(b, p, end, ref nonDer, out error);
            if (next < 0) return false;
            e = next - 2;
            return true;
        }

        private static string ReadOid(byte[] b, ref int p, int end, ref bool nonDer, out string error)
        {
            int tag, co, cl;
            if (!BerWalker.TryReadHeader(b, p, end, out tag, out co, out cl, ref nonDer, out error)) return null;
            if (tag != Asn1Tag.ObjectIdentifier) { error = "expected an OBJECT IDENTIFIER, found tag 0x" + Util.Hex.Byte(tag); return null; }
            p = co + cl;
            return Oid.Decode(b, co, cl, out error);
        }

        /// <summary>Number of elements in [p, end), or -1 with error.</summary>
        private static int Count(byte[] b, int p, int end, ref bool nonDer, out string error)
        {
            error = null;
            int n = 0;
            while (p < end)
            {
                p = BerWalker.ElementEnd(b, p, end, ref nonDer, out error);
                if (p < 0) return -1;
                n++;
            }
            return n;
        }

        private static CmsCertsOnly Fail(string where, ref string error)
        {
            error = where + error;
            return null;
        }
    }
}
