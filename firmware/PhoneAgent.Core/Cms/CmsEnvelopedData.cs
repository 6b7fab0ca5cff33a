using System.Collections;
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Cms
{
    /// <summary>A CMS EnvelopedData (RFC 5652 §6) with RSA key transport, SCEP's pkcsPKIEnvelope
    /// (RFC 8894 §3.2.2): KeyTransRecipientInfo with rsaEncryption (RFC 3370 §4.2.1) and the
    /// content encrypted with AES-CBC (RFC 3565) or DES-EDE3-CBC (RFC 3370 §5.1), the IV as the
    /// algorithm's parameter; single DES-CBC is decrypted (a real SCEP server sends it) but never
    /// written. Encode writes DER version 0 for one recipient named by
    /// issuerAndSerialNumber; TryParse accepts BER envelopes and skips recipient kinds other than
    /// key transport (counted). Decrypt never throws on bad input.</summary>
    public sealed class CmsEnvelopedData
    {
        public const int MaxRecipients = 8;

        public sealed class Recipient
        {
            public int Version;
            public X509Name Issuer;          // rid issuerAndSerialNumber, or null
            public byte[] SerialNumber;
            public byte[] SubjectKeyId;      // rid [0] subjectKeyIdentifier, or null
            public string KeyEncryptionAlgorithm;
            public byte[] EncryptedKey;

            public bool Identifies(X509Certificate c)
            {
                if (c == null) return false;
                if (SubjectKeyId != null) return c.SubjectKeyId != null && CmsSignerInfo.SameBytes(SubjectKeyId, c.SubjectKeyId);
                return Issuer != null && NameMatch.Equal(Issuer, c.Issuer) && CmsSignerInfo.SameSerial(SerialNumber, c.SerialNumber);
            }

            public string Describe()
            {
                if (SubjectKeyId != null) return "key identifier " + Util.Hex.Bytes(SubjectKeyId);
                return "issuer \"" + Issuer.Text + "\", serial " + Util.Hex.Bytes(SerialNumber);
            }
        }

        public int Version;
        public Recipient[] Recipients = new Recipient[0];
        /// <summary>kari, kekri, pwri and ori recipients, skipped.</summary>
        public int OtherRecipients;
        public string ContentType;
        public string ContentEncryptionAlgorithm;
        public byte[] Iv;
        /// <summary>null when the content is detached (not carried).</summary>
        public byte[] EncryptedContent;

        /// <summary>A ContentInfo holding EnvelopedData; null with the reason when malformed.</summary>
        public static CmsEnvelopedData TryParse(byte[] data, out string error)
        {
            error = null;
            if (data == null || data.Length == 0) { error = "no data"; return null; }
            if (data.Length > CmsSignedData.MaxMessageLength) { error = "CMS message larger than " + CmsSignedData.MaxMessageLength.ToString() + " bytes"; return null; }
            BerReader top = new BerReader(data);
            BerReader ci = top.ReadNested(Asn1Tag.Sequence);
            if (ci == null) return Fail("ContentInfo: " + top.Error, out error);
            if (top.HasMore) return Fail("data after the ContentInfo", out error);
            string type = ci.ReadOid();
            if (type == null) return Fail("contentType: " + ci.Error, out error);
            if (type != CmsAlgorithms.OidEnvelopedData) return Fail("contentType is " + type + ", not id-envelopedData", out error);
            BerReader x = ci.ReadNested(Asn1Tag.ContextConstructed(0));
            if (x == null || ci.HasMore) return Fail("content: " + (ci.Error ?? "trailing data"), out error);
            BerReader ed = x.ReadNested(Asn1Tag.Sequence);
            if (ed == null || x.HasMore) return Fail("EnvelopedData: " + (x.Error ?? "trailing data"), out error);

            CmsEnvelopedData m = new CmsEnvelopedData();
            if (!ed.TryReadSmallInt(out m.Version) || m.Version > 4) return Fail("EnvelopedData version: " + (ed.Error ?? "out of range"), out error);
            if (ed.PeekTag() == Asn1Tag.ContextConstructed(0) && !ed.Skip()) return Fail("originatorInfo: " + ed.Error, out error);
            BerReader ris = ed.ReadNested(Asn1Tag.Set);
            if (ris == null) return Fail("recipientInfos: " + ed.Error, out error);
            ArrayList list = new ArrayList();
            while (ris.HasMore)
            {
                if (list.Count + m.OtherRecipients >= MaxRecipients) return Fail("more than " + MaxRecipients.ToString() + " recipients", out error);
                if (ris.PeekTag() != Asn1Tag.Sequence)
                {
                    if (!ris.Skip()) return Fail("recipientInfos: " + ris.Error, out error);
                    m.OtherRecipients++;
                    continue;
                }
                BerReader kt = ris.ReadNested(Asn1Tag.Sequence);
                Recipient r = kt == null ? null : ReadKeyTrans(kt, out error);
                if (r == null) return Fail("KeyTransRecipientInfo " + (list.Count + 1).ToString() + ": " + (kt == null ? ris.Error : error), out error);
                list.Add(r);
            }
            if (list.Count + m.OtherRecipients == 0) return Fail("no recipientInfos (RFC 5652 §6.1: SIZE (1..MAX))", out error);
            m.Recipients = new Recipient[list.Count];
            for (int i = 0; i < list.Count; i++) m.Recipients[i] = (Recipient)list[i];

            // EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm,
            //   encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL } (§6.1)
            BerReader eci = ed.ReadNested(Asn1Tag.Sequence);
            if (eci == null) return Fail("encryptedContentInfo: " + ed.Error, out error);
            m.ContentType = eci.ReadOid();
            if (m.ContentType == null) return Fail("contentType: " + eci.Error, out error);
            BerReader alg = eci.ReadNested(Asn1Tag.Sequence);
            m.ContentEncryptionAlgorithm = alg == null ? null : alg.ReadOid();
            if (m.ContentEncryptionAlgorithm == null) return Fail("contentEncryptionAlgorithm: " + (alg == null ? eci.Error : alg.Error), out error);
            if (alg.HasMore)
            {
                if (alg.PeekTag() == Asn1Tag.OctetString) m.Iv = alg.ReadOctetString(Asn1Tag.OctetString, 64);
                else if (!alg.Skip()) return Fail("contentEncryptionAlgorithm parameters: " + alg.Error, out error);
                if (alg.HasMore) return Fail("contentEncryptionAlgorithm has trailing data", out error);
            }
            if (eci.HasMore)
            {
                m.EncryptedContent = eci.ReadOctetString(Asn1Tag.ContextPrimitive(0), CmsSignedData.MaxMessageLength);
                if (m.EncryptedContent == null) return Fail("encryptedContent: " + eci.Error, out error);
                if (eci.HasMore) return Fail("data after encryptedContent", out error);
            }
            if (ed.PeekTag() == Asn1Tag.ContextConstructed(1) && !ed.Skip()) return Fail("unprotectedAttrs: " + ed.Error, out error);
            if (ed.HasMore) return Fail("unexpected field at the end of EnvelopedData", out error);
            return m;
        }

        /// <summary>The recipient entry naming this certificate, or null.</summary>
        public Recipient FindRecipient(X509Certificate c)
        {
            for (int i = 0; i < Recipients.Length; i++) if (Recipients[i].Identifies(c)) return Recipients[i];
            return null;
        }

        /// <summary>The content, decrypted with the private key of recipientCertificate; null with the
        /// reason. An RSA padding failure is not reported as such: a random content-encryption key
        /// takes the decrypted one's place (RFC 3218 §2.3.2), so it fails like a wrong key.</summary>
        public byte[] Decrypt(X509Certificate recipientCertificate, RsaPrivateKey key, IRandom random, out string error)
        {
            error = null;
            if (recipientCertificate == null || key == null || random == null) throw new System.ArgumentNullException("recipient, key and random are required");
            Recipient r = FindRecipient(recipientCertificate);
            if (r == null)
            {
                string names = "";
                for (int i = 0; i < Recipients.Length; i++) names += (i > 0 ? "; " : "") + Recipients[i].Describe();
                error = "the envelope is not addressed to " + recipientCertificate.Describe() + " (its recipients: " + (names.Length == 0 ? "none with key transport" : names) + ")";
                return null;
            }
            if (r.KeyEncryptionAlgorithm != CmsAlgorithms.OidRsaEncryption) { error = "key encryption algorithm " + r.KeyEncryptionAlgorithm + " is not supported (rsaEncryption only)"; return null; }
            string alg = ContentEncryptionAlgorithm;
            int keyLength = CmsAlgorithms.ContentKeyLength(alg);
            if (keyLength == 0) { error = "content encryption algorithm " + alg + " is not supported (AES-CBC, DES-EDE3-CBC, DES-CBC)"; return null; }
            if (Iv == null || Iv.Length != CmsAlgorithms.ContentBlockLength(alg)) { error = CmsAlgorithms.ContentName(alg) + " needs a " + CmsAlgorithms.ContentBlockLength(alg).ToString() + "-byte IV as its parameter"; return null; }
            if (EncryptedContent == null) { error = "the encrypted content is not in the message (detached)"; return null; }
            byte[] cek = RsaPkcs1Encryption.Decrypt(key, r.EncryptedKey);
            if (cek == null || cek.Length != keyLength)
            {
                if (cek != null) System.Array.Clear(cek, 0, cek.Length);
                cek = new byte[keyLength];
                random.NextBytes(cek);
            }
            IBlockCipher cipher = CmsAlgorithms.CreateCipher(alg, cek);
            System.Array.Clear(cek, 0, cek.Length);
            byte[] plain = Cbc.Decrypt(cipher, Iv, EncryptedContent, 0, EncryptedContent.Length);
            cipher.Clear();
            if (plain == null) error = "the content does not decrypt with the key of " + recipientCertificate.Describe() + " (" + CmsAlgorithms.ContentName(alg) + "; wrong key or a damaged message)";
            return plain;
        }

        /// <summary>DER ContentInfo of an EnvelopedData (version 0) carrying content as id-data for
        /// one recipient, whose certificate must hold an RSA key. ArgumentException for an
        /// unsupported algorithm or a certificate without an RSA key.</summary>
        public static byte[] Encode(byte[] content, X509Certificate recipient, string contentEncryptionOid, IRandom random)
        {
            if (content == null || recipient == null || random == null) throw new System.ArgumentNullException("content, recipient and random are required");
            int keyLength = CmsAlgorithms.ContentKeyLength(contentEncryptionOid);
            if (keyLength == 0 || CmsAlgorithms.IsReadOnly(contentEncryptionOid)) throw new System.ArgumentException("unsupported content-encryption algorithm " + contentEncryptionOid + " (never written: " + CmsAlgorithms.ContentName(contentEncryptionOid) + ")");
            RsaPublicKey pub = recipient.RsaKey;
            if (pub == null) throw new System.ArgumentException("the recipient " + recipient.Describe() + " has no RSA key");
            byte[] cek = new byte[keyLength];
            random.NextBytes(cek);
            if (contentEncryptionOid == CmsAlgorithms.OidDesEde3Cbc) CmsAlgorithms.SetDesParity(cek);
            byte[] iv = new byte[CmsAlgorithms.ContentBlockLength(contentEncryptionOid)];
            random.NextBytes(iv);
            IBlockCipher cipher = CmsAlgorithms.CreateCipher(contentEncryptionOid, cek);
            byte[] encrypted = Cbc.Encrypt(cipher, iv, content, 0, content.Length);
            cipher.Clear();
            byte[] encryptedKey = RsaPkcs1Encryption.Encrypt(pub, cek, random);
            System.Array.Clear(cek, 0, cek.Length);

            DerWriter w = new DerWriter(CmsSignedData.MaxMessageLength);
            w.BeginSequence();                                  // ContentInfo
            w.WriteOid(CmsAlgorithms.OidEnvelopedData);
            w.BeginExplicit(0);
            w.BeginSequence();                                  // EnvelopedData
            w.WriteInteger(0);                                  // §6.1: no originatorInfo, ktri v0 only, no unprotectedAttrs
            w.BeginSetOf();                                     // recipientInfos
            w.BeginSequence();                                  // KeyTransRecipientInfo
            w.WriteInteger(0);                                  // §6.2.1: rid is issuerAndSerialNumber
            CmsSignedDataWriter.WriteIssuerAndSerial(w, recipient);
            w.BeginSequence();
            w.WriteOid(CmsAlgorithms.OidRsaEncryption);
            w.WriteNull();                                      // RFC 3370 §4.2.1: NULL parameters
            w.End();
            w.WriteOctetString(encryptedKey);
            w.End();
            w.End();
            w.BeginSequence();                                  // EncryptedContentInfo
            w.WriteOid(CmsAlgorithms.OidData);
            w.BeginSequence();
            w.WriteOid(contentEncryptionOid);
            w.WriteOctetString(iv);                             // RFC 3565 §4.1, RFC 3370 §5.1: the IV
            w.End();
            w.WriteOctetString(encrypted, Asn1Tag.ContextPrimitive(0));
            w.End();
            w.End();
            w.End();
            w.End();
            return w.ToArray();
        }

        private static Recipient ReadKeyTrans(BerReader kt, out string error)
        {
            error = null;
            Recipient r = new Recipient();
            if (!kt.TryReadSmallInt(out r.Version)) { error = "version: " + kt.Error; return null; }
            if (kt.PeekTag() == Asn1Tag.Sequence)
            {
                BerReader ias = kt.ReadNested(Asn1Tag.Sequence);
                byte[] issuer = ias == null ? null : ias.ReadDerElement(Asn1Tag.Sequence);
                if (issuer == null) { error = "issuer: " + (ias == null ? kt.Error : ias.Error); return null; }
                r.Issuer = X509Name.TryParse(new DerReader(issuer), out error);
                if (r.Issuer == null) { error = "issuer: " + error; return null; }
                r.SerialNumber = ias.ReadIntegerBytes();
                if (r.SerialNumber == null || ias.HasMore || r.SerialNumber.Length > 64) { error = "serialNumber: " + (ias.Error ?? "malformed"); return null; }
            }
            else
            {
                r.SubjectKeyId = kt.ReadOctetString(Asn1Tag.ContextPrimitive(0), 64);
                if (r.SubjectKeyId == null) { error = "rid: " + kt.Error; return null; }
            }
            r.KeyEncryptionAlgorithm = CmsSignedData.ReadAlgorithm(kt, out error);
            if (r.KeyEncryptionAlgorithm == null) { error = "keyEncryptionAlgorithm: " + error; return null; }
            r.EncryptedKey = kt.ReadOctetString(Asn1Tag.OctetString, 1024);
            if (r.EncryptedKey == null) { error = "encryptedKey: " + kt.Error; return null; }
            if (kt.HasMore) { error = "unexpected field at the end"; return null; }
            return r;
        }

        private static CmsEnvelopedData Fail(string why, out string error)
        {
            error = why;
            return null;
        }
    }
}
