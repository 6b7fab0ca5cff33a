using System.Collections;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Scep
{
    /// <summary>A parsed PKCS#10 CertificationRequest (RFC 2986 §4): what the emulated SCEP
    /// server and the tests read back. DER only (the request is signed over its DER). The
    /// version is exposed, not enforced: RFC 2986 §4.1 says 0, and Apple's SCEP client writes 2
    /// (the real PKCSReq in shared/vectors/scep does). Recognised attributes: challengePassword
    /// and extensionRequest (subjectAltName, keyUsage, extKeyUsage decoded; every extension
    /// kept). Never throws on bad input. The challenge password is withheld from ToString.</summary>
    public sealed class Pkcs10Request
    {
        public const int MaxDerLength = 16384;
        public const int MaxAttributes = 16;
        public const int MaxExtensions = 32;

        public byte[] Der;
        public int InfoOffset;
        public int InfoLength;
        public int Version;
        public X509Name Subject;
        public string PublicKeyAlgorithm;
        public byte[] RsaModulus;
        public byte[] RsaExponent;
        /// <summary>The subjectPublicKey BIT STRING's contents (for RSA, the RSAPublicKey DER).</summary>
        public byte[] PublicKey;
        public string ChallengePassword;
        public X509Extension[] Extensions = new X509Extension[0];
        public string[] DnsNames = new string[0];
        public uint[] IpAddresses = new uint[0];
        public string[] UriNames = new string[0];
        public string[] EmailAddresses = new string[0];
        public bool HasKeyUsage;
        public int KeyUsage;
        public string[] ExtendedKeyUsages;
        /// <summary>Attributes other than challengePassword and extensionRequest.</summary>
        public string[] OtherAttributes = new string[0];
        public string SignatureAlgorithm;
        public byte[] Signature;

        public override string ToString()
        {
            return "PKCS#10 request for \"" + (Subject == null ? "" : Subject.Text) + "\" (challenge password " + (ChallengePassword == null ? "absent" : "present") + ")";
        }

        public static Pkcs10Request TryParse(byte[] der, out string error)
        {
            error = null;
            if (der == null || der.Length == 0) { error = "no data"; return null; }
            if (der.Length > MaxDerLength) { error = "request larger than " + MaxDerLength.ToString() + " bytes"; return null; }
            Pkcs10Request q = new Pkcs10Request();
            q.Der = der;
            DerReader top = new DerReader(der);
            DerReader cr = top.ReadNested(Asn1Tag.Sequence);
            if (cr == null) { error = "CertificationRequest: " + top.Error; return null; }
            if (top.HasMore) { error = "data after the request"; return null; }
            q.InfoOffset = cr.Position;
            DerReader info = cr.ReadNested(Asn1Tag.Sequence);
            if (info == null) { error = "certificationRequestInfo: " + cr.Error; return null; }
            q.InfoLength = cr.Position - q.InfoOffset;
            if (!info.TryReadInt(out q.Version)) { error = "version: " + info.Error; return null; }
            q.Subject = X509Name.TryParse(info, out error);
            if (q.Subject == null) { error = "subject " + error; return null; }
            DerReader spki = info.ReadNested(Asn1Tag.Sequence);
            DerReader alg = spki == null ? null : spki.ReadNested(Asn1Tag.Sequence);
            q.PublicKeyAlgorithm = alg == null ? null : alg.ReadOid();
            if (q.PublicKeyAlgorithm == null) { error = "subjectPKInfo invalid"; return null; }
            int unused;
            q.PublicKey = spki.ReadBitString(out unused);
            if (q.PublicKey == null || unused != 0 || spki.HasMore) { error = "subjectPublicKey invalid"; return null; }
            if (q.PublicKeyAlgorithm == X509Encoding.OidRsaEncryption)
            {
                DerReader rsa = new DerReader(q.PublicKey).ReadNested(Asn1Tag.Sequence);
                if (rsa == null || (q.RsaModulus = rsa.ReadUnsignedInteger()) == null || (q.RsaExponent = rsa.ReadUnsignedInteger()) == null || rsa.HasMore)
                {
                    error = "RSAPublicKey invalid";
                    return null;
                }
            }
            // attributes [0] IMPLICIT SET OF Attribute (required, may be empty)
            DerReader attrs = info.ReadNested(Asn1Tag.ContextConstructed(0));
            if (attrs == null) { error = "attributes: " + info.Error; return null; }
            if (info.HasMore) { error = "unexpected field after attributes"; return null; }
            if (!ReadAttributes(q, attrs, out error)) return null;

            DerReader salg = cr.ReadNested(Asn1Tag.Sequence);
            q.SignatureAlgorithm = salg == null ? null : salg.ReadOid();
            if (q.SignatureAlgorithm == null) { error = "signatureAlgorithm invalid"; return null; }
            q.Signature = cr.ReadBitString(out unused);
            if (q.Signature == null || unused != 0) { error = "signature invalid"; return null; }
            if (cr.HasMore) { error = "unexpected field after the signature"; return null; }
            return q;
        }

        /// <summary>Proof of possession (RFC 2986 §3): the request's signature with its own RSA
        /// key. Null when it verifies, else the reason.</summary>
        public string VerifySignature()
        {
            string hash = CmsAlgorithms.RsaSignatureHash(SignatureAlgorithm);
            if (hash == null) return "signature algorithm " + SignatureAlgorithm + " is not supported (sha*WithRSAEncryption only)";
            if (RsaModulus == null) return "the request's key is not an RSA key";
            RsaPublicKey key;
            try { key = new RsaPublicKey(RsaModulus, RsaExponent); }
            catch (System.ArgumentException e) { return "the request's RSA key is unusable: " + e.Message; }
            return key.VerifyPkcs1Data(hash, Der, InfoOffset, InfoLength, Signature) ? null : "the request's signature does not verify with its own key";
        }

        private static bool ReadAttributes(Pkcs10Request q, DerReader attrs, out string error)
        {
            error = null;
            ArrayList others = new ArrayList();
            int count = 0;
            while (attrs.HasMore)
            {
                if (++count > MaxAttributes) { error = "more than " + MaxAttributes.ToString() + " attributes"; return false; }
                DerReader a = attrs.ReadNested(Asn1Tag.Sequence);
                string oid = a == null ? null : a.ReadOid();
                DerReader values = oid == null ? null : a.ReadNested(Asn1Tag.Set);
                if (values == null || a.HasMore) { error = "Attribute invalid"; return false; }
                if (oid == Pkcs10Builder.OidChallengePassword)
                {
                    int tag;
                    q.ChallengePassword = values.ReadString(out tag);
                    if (q.ChallengePassword == null || values.HasMore) { error = "challengePassword is not one DirectoryString"; return false; }
                }
                else if (oid == Pkcs10Builder.OidExtensionRequest)
                {
                    DerReader exts = values.ReadNested(Asn1Tag.Sequence);
                    if (exts == null || values.HasMore) { error = "extensionRequest is not one Extensions value"; return false; }
                    if (!ReadExtensions(q, exts, out error)) { error = "extensionRequest: " + error; return false; }
                }
                else others.Add(oid);
            }
            q.OtherAttributes = new string[others.Count];
            for (int i = 0; i < others.Count; i++) q.OtherAttributes[i] = (string)others[i];
            return true;
        }

        private static bool ReadExtensions(Pkcs10Request q, DerReader exts, out string error)
        {
            error = null;
            ArrayList list = new ArrayList();
            while (exts.HasMore)
            {
                if (list.Count >= MaxExtensions) { error = "more than " + MaxExtensions.ToString() + " extensions"; return false; }
                DerReader e = exts.ReadNested(Asn1Tag.Sequence);
                X509Extension x = new X509Extension();
                x.Oid = e == null ? null : e.ReadOid();
                if (x.Oid == null) { error = "Extension invalid"; return false; }
                if (e.PeekTag() == Asn1Tag.Boolean && !e.TryReadBoolean(out x.Critical)) { error = "critical invalid"; return false; }
                x.Value = e.ReadOctetString();
                if (x.Value == null || e.HasMore) { error = "extnValue of " + x.Oid + " invalid"; return false; }
                for (int i = 0; i < list.Count; i++) if (((X509Extension)list[i]).Oid == x.Oid) { error = "extension " + x.Oid + " appears twice"; return false; }
                list.Add(x);
                if (!Decode(q, x, out error)) { error = x.Oid + ": " + error; return false; }
            }
            q.Extensions = new X509Extension[list.Count];
            for (int i = 0; i < list.Count; i++) q.Extensions[i] = (X509Extension)list[i];
            return true;
        }

        private static bool Decode(Pkcs10Request q, X509Extension x, out string error)
        {
            error = null;
            DerReader r = new DerReader(x.Value);
            if (x.Oid == X509Extension.KeyUsage)
            {
                int unused;
                byte[] bits = r.ReadBitString(out unused);
                if (bits == null || r.HasMore) { error = "keyUsage invalid"; return false; }
                q.HasKeyUsage = true;
                for (int i = 0; i < bits.Length * 8 && i < 9; i++)
                    if ((bits[i >> 3] & (0x80 >> (i & 7))) != 0) q.KeyUsage |= 1 << i;
            }
            else if (x.Oid == X509Extension.ExtendedKeyUsage)
            {
                DerReader s = r.ReadNested(Asn1Tag.Sequence);
                if (s == null) { error = "extKeyUsage invalid"; return false; }
                ArrayList oids = new ArrayList();
                while (s.HasMore)
                {
                    if (oids.Count >= 16) { error = "more than 16 key purposes"; return false; }
                    string oid = s.ReadOid();
                    if (oid == null) { error = "KeyPurposeId invalid"; return false; }
                    oids.Add(oid);
                }
                q.ExtendedKeyUsages = new string[oids.Count];
                for (int i = 0; i < oids.Count; i++) q.ExtendedKeyUsages[i] = (string)oids[i];
            }
            else if (x.Oid == X509Extension.SubjectAltName)
            {
                DerReader s = r.ReadNested(Asn1Tag.Sequence);
                if (s == null || r.HasMore) { error = "subjectAltName invalid"; return false; }
                ArrayList dns = new ArrayList(), uris = new ArrayList(), mails = new ArrayList(), ips = new ArrayList();
                int n = 0;
                while (s.HasMore)
                {
                    if (++n > 64) { error = "more than 64 names"; return false; }
                    int tag, o, l, eo, el;
                    if (!s.TryReadElement(out tag, out o, out l, out eo, out el)) { error = s.Error; return false; }
                    if (tag == Asn1Tag.ContextPrimitive(2)) dns.Add(Util.Ascii.Printable(s.Data, o, l));
                    else if (tag == Asn1Tag.ContextPrimitive(6)) uris.Add(Util.Ascii.Printable(s.Data, o, l));
                    else if (tag == Asn1Tag.ContextPrimitive(1)) mails.Add(Util.Ascii.Printable(s.Data, o, l));
                    else if (tag == Asn1Tag.ContextPrimitive(7))
                    {
                        if (l == 4) ips.Add(Net.Ip4.Read(s.Data, o));
                        else if (l != 16) { error = "iPAddress of " + l.ToString() + " octets"; return false; }
                    }
                }
                q.DnsNames = Strings(dns);
                q.UriNames = Strings(uris);
                q.EmailAddresses = Strings(mails);
                q.IpAddresses = new uint[ips.Count];
                for (int i = 0; i < ips.Count; i++) q.IpAddresses[i] = (uint)ips[i];
            }
            return true;
        }

        private static string[] Strings(ArrayList a)
        {
            string[] r = new string[a.Count];
            for (int i = 0; i < a.Count; i++) r[i] = (string)a[i];
            return r;
        }
    }
}
