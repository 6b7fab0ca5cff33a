using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Scep
{
    /// <summary>Builds SCEP pkiMessages (RFC 8894 §3.2, §3.3): the messageData enveloped for the
    /// CA or RA (§3.2.2), then signed with the sender's certificate, which the SignedData carries,
    /// with the signed attributes of §3.2.1. Requests (PKCSReq, RenewalReq, CertPoll) are what
    /// the phone sends; CertRep is what the emulated CA in the tests answers.</summary>
    public static class ScepMessageWriter
    {
        /// <summary>PKCSReq or RenewalReq (messageData: the PKCS#10 request, §3.3.1) or CertPoll
        /// (messageData: IssuerAndSubject, §3.3.3).</summary>
        public static byte[] Request(int messageType, byte[] messageData, string transactionId, byte[] senderNonce,
            X509Certificate signer, RsaPrivateKey signerKey, X509Certificate recipient, string hashName, string contentEncryptionOid, IRandom random)
        {
            if (messageType != ScepCodes.PkcsReq && messageType != ScepCodes.RenewalReq && messageType != ScepCodes.CertPoll)
                throw new System.ArgumentException("not a request type: " + messageType.ToString());
            if (messageData == null || senderNonce == null) throw new System.ArgumentNullException(messageData == null ? "messageData" : "senderNonce");
            byte[] envelope = CmsEnvelopedData.Encode(messageData, recipient, contentEncryptionOid, random);
            CmsSignedDataWriter w = Common(messageType, transactionId, signer, signerKey, hashName);
            w.AddOctetStringAttribute(ScepCodes.OidSenderNonce, senderNonce);
            return w.Encode(CmsAlgorithms.OidData, envelope);
        }

        /// <summary>CertRep (§3.3.2): pkiStatus; recipientNonce = the request's senderNonce and a fresh
        /// senderNonce; failInfo (and failInfoText when given) on FAILURE; on SUCCESS the degenerate
        /// certificates-only SignedData (certsOnly) enveloped for the requester's signing certificate.</summary>
        public static byte[] CertRep(int pkiStatus, int failInfo, string failInfoText, string transactionId, byte[] recipientNonce, byte[] senderNonce,
            byte[] certsOnly, X509Certificate requester, X509Certificate signer, RsaPrivateKey signerKey, string hashName, string contentEncryptionOid, IRandom random)
        {
            CmsSignedDataWriter w = Common(ScepCodes.CertRep, transactionId, signer, signerKey, hashName);
            w.AddPrintableStringAttribute(ScepCodes.OidPkiStatus, pkiStatus.ToString());
            if (senderNonce != null) w.AddOctetStringAttribute(ScepCodes.OidSenderNonce, senderNonce);
            if (recipientNonce != null) w.AddOctetStringAttribute(ScepCodes.OidRecipientNonce, recipientNonce);
            if (pkiStatus == ScepCodes.Failure)
            {
                w.AddPrintableStringAttribute(ScepCodes.OidFailInfo, failInfo.ToString());
                if (failInfoText != null) w.AddUtf8StringAttribute(ScepCodes.OidFailInfoText, failInfoText);
            }
            byte[] envelope = null;
            if (pkiStatus == ScepCodes.Success)
            {
                if (certsOnly == null || requester == null) throw new System.ArgumentException("a SUCCESS CertRep carries the certificates, enveloped for the requester");
                envelope = CmsEnvelopedData.Encode(certsOnly, requester, contentEncryptionOid, random);
            }
            return w.Encode(CmsAlgorithms.OidData, envelope);
        }

        /// <summary>IssuerAndSubject ::= SEQUENCE { issuer Name, subject Name } (§3.3.3): the CA's
        /// name and the subject of the pending request.</summary>
        public static byte[] IssuerAndSubject(byte[] issuerDer, byte[] subjectDer)
        {
            DerWriter w = new DerWriter(8192);
            w.BeginSequence();
            w.WriteEncoded(issuerDer);
            w.WriteEncoded(subjectDer);
            w.End();
            return w.ToArray();
        }

        /// <summary>transactionID (§3.2.1.1): the hash of the requester's public key (its RSAPublicKey
        /// DER) as upper-case hex, so that it stays the same for every message about this key.</summary>
        public static string TransactionId(byte[] modulus, byte[] exponent, string hashName)
        {
            HashAlgorithm h = HashAlgorithm.Create(hashName);
            if (h == null) throw new System.ArgumentException("unsupported hash " + hashName);
            return Util.Hex.Bytes(h.Compute(X509Encoding.RsaPublicKey(modulus, exponent))).ToUpper();
        }

        /// <summary>A fresh 16-octet nonce (§3.2.1.5).</summary>
        public static byte[] NewNonce(IRandom random)
        {
            byte[] n = new byte[ScepCodes.NonceLength];
            random.NextBytes(n);
            return n;
        }

        private static CmsSignedDataWriter Common(int messageType, string transactionId, X509Certificate signer, RsaPrivateKey key, string hashName)
        {
            if (transactionId == null || transactionId.Length == 0) throw new System.ArgumentException("a transactionID is required");
            CmsSignedDataWriter w = new CmsSignedDataWriter(signer, key, hashName);
            w.AddCertificate(signer.Der);
            w.AddPrintableStringAttribute(ScepCodes.OidMessageType, messageType.ToString());
            w.AddPrintableStringAttribute(ScepCodes.OidTransactionId, transactionId);
            return w;
        }
    }
}
