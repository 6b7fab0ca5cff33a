using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Scep
{
    /// <summary>A parsed SCEP pkiMessage (RFC 8894 §3.2): a SignedData over id-data with one
    /// SignerInfo whose signed attributes carry the transaction; its eContent, when present, is
    /// the pkcsPKIEnvelope (§3.2.2). The phone reads CertRep with it, the emulated CA reads
    /// PKCSReq, RenewalReq and CertPoll. TryParse checks form only and never throws;
    /// VerifySignature and DecryptEnvelope do the cryptography and say why they fail.</summary>
    public sealed class ScepPkiMessage
    {
        public const int MaxNonceLength = 64;
        public const int MaxTransactionIdLength = 128;

        public CmsSignedData SignedData;
        public CmsSignerInfo Signer;
        public int MessageType = -1;
        public string TransactionId;
        public byte[] SenderNonce;
        public byte[] RecipientNonce;
        /// <summary>pkiStatus, -1 when absent (requests).</summary>
        public int PkiStatus = -1;
        /// <summary>failInfo, -1 when absent.</summary>
        public int FailInfo = -1;
        public string FailInfoText;
        /// <summary>The signer's digest algorithm as a HashAlgorithm name, or null when unsupported.</summary>
        public string HashName;
        /// <summary>The pkcsPKIEnvelope (DER or BER EnvelopedData), or null when absent.</summary>
        public byte[] Envelope;
        /// <summary>The envelope's content-encryption OID, once DecryptEnvelope has read it.</summary>
        public string EnvelopeAlgorithm;

        public static ScepPkiMessage TryParse(byte[] der, out string error)
        {
            CmsSignedData sd = CmsSignedData.TryParse(der, out error);
            if (sd == null) return null;
            // §3.2: "eContentType = data", exactly one signer.
            if (sd.ContentType != CmsAlgorithms.OidData) return Fail("the SignedData's eContentType is " + sd.ContentType + ", not id-data (RFC 8894 §3.2)", out error);
            if (sd.Signers.Length != 1) return Fail("the SignedData has " + sd.Signers.Length.ToString() + " SignerInfos; a pkiMessage has exactly one", out error);
            ScepPkiMessage m = new ScepPkiMessage();
            m.SignedData = sd;
            m.Signer = sd.Signers[0];
            m.Envelope = sd.Content != null && sd.Content.Length > 0 ? sd.Content : null;
            m.HashName = CmsAlgorithms.DigestName(m.Signer.DigestAlgorithm);
            CmsSignerInfo s = m.Signer;

            string type = s.AttributeString(ScepCodes.OidMessageType);
            if (type == null) return Fail("no messageType attribute (RFC 8894 §3.2.1.2)", out error);
            m.MessageType = ScepCodes.ParseNumber(type);
            if (m.MessageType < 0) return Fail("messageType \"" + type + "\" is not a number", out error);
            m.TransactionId = s.AttributeString(ScepCodes.OidTransactionId);
            if (m.TransactionId == null || m.TransactionId.Length == 0) return Fail("no transactionID attribute (RFC 8894 §3.2.1.1)", out error);
            if (m.TransactionId.Length > MaxTransactionIdLength) return Fail("transactionID longer than " + MaxTransactionIdLength.ToString() + " characters", out error);
            if (!Nonce(s, ScepCodes.OidSenderNonce, out m.SenderNonce, out error)) return null;
            if (!Nonce(s, ScepCodes.OidRecipientNonce, out m.RecipientNonce, out error)) return null;
            if (s.Attribute(ScepCodes.OidPkiStatus) != null)
            {
                string st = s.AttributeString(ScepCodes.OidPkiStatus);
                m.PkiStatus = ScepCodes.ParseNumber(st);
                if (m.PkiStatus < 0) return Fail("pkiStatus is not a number", out error);
            }
            if (s.Attribute(ScepCodes.OidFailInfo) != null)
            {
                m.FailInfo = ScepCodes.ParseNumber(s.AttributeString(ScepCodes.OidFailInfo));
                if (m.FailInfo < 0) return Fail("failInfo is not a number", out error);
            }
            if (s.Attribute(ScepCodes.OidFailInfoText) != null) m.FailInfoText = s.AttributeString(ScepCodes.OidFailInfoText);
            if (m.MessageType == ScepCodes.CertRep && m.PkiStatus < 0) return Fail("a CertRep without pkiStatus (RFC 8894 §3.3.2)", out error);
            return m;
        }

        /// <summary>The signer among the candidates, with its signature checked; null when the sid
        /// names none of them or the signature is bad (error says which).</summary>
        public X509Certificate VerifySignature(X509Certificate[] candidates, out string error)
        {
            X509Certificate c = CmsSignedData.FindCertificate(Signer, candidates);
            if (c == null)
            {
                error = "the message is signed by " + (Signer.Issuer != null ? "a certificate of issuer \"" + Signer.Issuer.Text + "\", serial " + Util.Hex.Bytes(Signer.SerialNumber) : "an unknown key") +
                    ", which is not one of the expected signers";
                return null;
            }
            error = SignedData.Verify(Signer, c);
            return error == null ? c : null;
        }

        /// <summary>The certificates the SignedData carries, parsed; null with the reason.</summary>
        public X509Certificate[] IncludedCertificates(out string error) { return SignedData.ParseCertificates(out error); }

        /// <summary>The pkcsPKIEnvelope's content (the messageData), decrypted for recipient.</summary>
        public byte[] DecryptEnvelope(X509Certificate recipient, RsaPrivateKey key, IRandom random, out string error)
        {
            if (Envelope == null) { error = "the message carries no pkcsPKIEnvelope"; return null; }
            CmsEnvelopedData env = CmsEnvelopedData.TryParse(Envelope, out error);
            if (env == null) { error = "pkcsPKIEnvelope: " + error; return null; }
            EnvelopeAlgorithm = env.ContentEncryptionAlgorithm;
            if (env.ContentType != CmsAlgorithms.OidData) { error = "pkcsPKIEnvelope: content type " + env.ContentType + ", not id-data"; return null; }
            byte[] plain = env.Decrypt(recipient, key, random, out error);
            if (plain == null) error = "pkcsPKIEnvelope: " + error;
            return plain;
        }

        private static bool Nonce(CmsSignerInfo s, string oid, out byte[] value, out string error)
        {
            error = null;
            value = null;
            if (s.Attribute(oid) == null) return true;
            value = s.AttributeOctets(oid);
            if (value == null || value.Length == 0 || value.Length > MaxNonceLength)
            {
                error = (oid == ScepCodes.OidSenderNonce ? "senderNonce" : "recipientNonce") + " is not an OCTET STRING of 1.." + MaxNonceLength.ToString() + " octets";
                value = null;
                return false;
            }
            return true;
        }

        private static ScepPkiMessage Fail(string why, out string error)
        {
            error = why;
            return null;
        }
    }
}
