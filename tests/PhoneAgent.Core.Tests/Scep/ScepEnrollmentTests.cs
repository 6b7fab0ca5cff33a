#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Cms;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Tests.Scep
{
    /// <summary>The enrollment machine against the emulated CA (Support/ScepTestCa) on virtual
    /// time: success, FAILURE with each failInfo, PENDING then polls, the fingerprint stopping
    /// everything before a request, POST versus GET, renewal, and replies it must not trust.</summary>
    [TestClass]
    public class ScepEnrollmentTests
    {
        private sealed class Rig
        {
            public readonly ScepTestCa Ca;
            public readonly Outbox Out = new Outbox();
            public readonly MemoryMedia Media;
            public readonly CredentialStore Store;
            public readonly ScepSettings Settings;
            public ScepEnrollment M;
            public long NowMs = 1000;

            public Rig(bool withRa) : this(new ScepTestCa(withRa), new MemoryMedia()) { }

            public Rig(ScepTestCa ca, MemoryMedia media)
            {
                Ca = ca;
                Media = media;
                Store = new CredentialStore(new ImageStore(media));
                Settings = new ScepSettings();
                Settings.Url = "http://10.77.0.1:2016/scep";
                Settings.CaFingerprint = ca.Pin;
                Settings.ChallengePassword = "s3cret";
                Settings.SubjectDer = new X509NameBuilder().Add(X509NameBuilder.OidOrganization, "PhoneAgent Lab").Add(X509NameBuilder.OidCommonName, "SEP00163E5A0102").ToDer();
                Settings.DnsNames = new string[] { "sep00163e5a0102.lab.example" };
                Settings.Uris = new string[] { X509Encoding.MacUrn(new byte[] { 0x00, 0x16, 0x3E, 0x5A, 0x01, 0x02 }) };
            }

            public ScepEnrollment Start(ScepKeyPair key, uint seed)
            {
                M = new ScepEnrollment(Settings, Store, new SeededRandom(seed), Out);
                M.Start(key, NowMs, ScepTestCa.Now);
                return M;
            }

            /// <summary>Answers requests and fires deadlines until the machine is done (bounded).</summary>
            public void Run()
            {
                for (int guard = 0; guard < 200; guard++)
                {
                    if (M.HasPending)
                    {
                        ScepHttpRequest r = M.TakePending();
                        int status;
                        string type;
                        byte[] body;
                        Ca.NowMs = NowMs;
                        Ca.Handle(r, out status, out type, out body);
                        M.OnResponse(status, type, body, NowMs);
                        continue;
                    }
                    if (M.Done) return;
                    long d = M.NextDeadlineMs;
                    if (d == Deadline.None) return;
                    NowMs = d;
                    M.OnDeadline(NowMs);
                }
                Assert.IsTrue(false, "the machine did not finish in 200 steps");
            }

            public bool NotesContain(string s)
            {
                for (int i = 0; i < Out.NoteCount; i++) if (Out.NoteAt(i).Text.IndexOf(s) >= 0) return true;
                return false;
            }

            public string Op(int i) { return (string)Ca.Operations[i]; }
        }

        [TestMethod]
        public void FirstEnrollmentInstallsTheCertificateKeyAndChain()
        {
            Rig rig = new Rig(false);
            rig.Start(TestRsaKeys.Phone1, 1);
            Assert.AreEqual(ScepEnrollment.GettingCaCaps, rig.M.State);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.AreEqual(3, rig.Ca.Operations.Count);
            Assert.AreEqual("GetCACaps", rig.Op(0));
            Assert.AreEqual("GetCACert", rig.Op(1));
            Assert.AreEqual("PKCSReq", rig.Op(2));
            Assert.AreEqual("POST", (string)rig.Ca.Methods[0]);
            Assert.IsFalse(rig.M.IsRenewal);

            // What the CA received: the CSR for our key, subject, names and password, signed by a
            // self-signed certificate of the new key (RFC 8894 §2.3), SHA-256 and AES (SCEPStandard).
            Assert.AreEqual("s3cret", rig.Ca.LastCsr.ChallengePassword);
            Assert.AreEqual("O=PhoneAgent Lab, CN=SEP00163E5A0102", rig.Ca.LastCsr.Subject.Text);
            Assert.AreEqual("urn:dev:mac:00163e5a0102", rig.Ca.LastCsr.UriNames[0]);
            Assert.AreEqual("sep00163e5a0102.lab.example", rig.Ca.LastCsr.DnsNames[0]);
            Assert.IsTrue(TestRsaKeys.Phone1.Matches(rig.Ca.LastSigner));
            Assert.IsTrue(rig.Ca.LastSigner.IsSelfIssued);
            Assert.AreEqual(HashAlgorithm.Sha256Name, rig.Ca.LastRequest.HashName);
            Assert.AreEqual(CmsAlgorithms.OidAes128Cbc, CmsEnvelopedData.TryParse(rig.Ca.LastRequest.Envelope, out string _e).ContentEncryptionAlgorithm);
            Assert.AreEqual(ScepMessageWriter.TransactionId(TestRsaKeys.Phone1.Modulus, TestRsaKeys.Phone1.Exponent, HashAlgorithm.Sha256Name), rig.M.TransactionId);
            Assert.AreEqual(ScepCodes.NonceLength, rig.Ca.LastRequest.SenderNonce.Length);

            // Installed, and readable after a "reboot".
            string problem;
            CredentialSet set = new CredentialStore(new ImageStore(rig.Media)).Load(out problem);
            Assert.IsNotNull(set, problem);
            Assert.AreEqual("enroll", set.Origin);
            Assert.AreEqual(ScepTestCa.Now, set.InstalledAt);
            X509Certificate lsc = X509Certificate.TryParse(set.CertificateDer, out problem);
            Assert.IsNotNull(lsc, problem);
            Assert.IsTrue(TestRsaKeys.Phone1.Matches(lsc));
            Assert.IsTrue(NameMatch.Equal(rig.Ca.CaCert.Subject, lsc.Issuer));
            Assert.AreEqual(1, set.ChainDer.Length);
            Expect.Bytes(rig.Ca.CaCert.Der, set.ChainDer[0], "chain");
            ScepKeyPair stored = ScepKeyPair.TryDecode(set.PrivateKeyDer, out problem);
            Assert.IsNotNull(stored, problem);
            Expect.Bytes(TestRsaKeys.Phone1.Modulus, stored.Modulus, "stored key");

            // Step-by-step notes, and no secret in any of them.
            Assert.IsTrue(rig.NotesContain("1. GetCACaps"));
            Assert.IsTrue(rig.NotesContain("2. GetCACert"));
            Assert.IsTrue(rig.NotesContain("3. PKCSReq"));
            Assert.IsTrue(rig.NotesContain("4. CertRep SUCCESS"));
            Assert.IsFalse(rig.NotesContain("s3cret"));
        }

        [TestMethod]
        public void AKeyFromTheCoresGeneratorEnrolls()
        {
            // The phone's real path: a fresh key from RsaKeyGenerator (FIPS 186-5 A.1.3), 1024 bits
            // here for speed, stored with the certificate and read back whole.
            ScepKeyPair key = ScepKeyPair.From(RsaKeyGenerator.Generate(1024, new SeededRandom(2026)));
            Rig rig = new Rig(false);
            rig.Start(key, 6);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            string problem;
            ScepKeyPair stored = ScepKeyPair.TryDecode(rig.Store.Load(out problem).PrivateKeyDer, out problem);
            Assert.IsNotNull(stored, problem);
            Assert.IsTrue(stored.Matches(rig.M.IssuedCertificate));
            Expect.Bytes(key.ExportPkcs1(), stored.ExportPkcs1(), "stored key");
            // A key built from its CRT parts alone cannot be stored whole.
            RsaKeyParameters p = TestRsaKeys.Phone1.Key.ExportParameters();
            RsaPrivateKey crtOnly = new RsaPrivateKey(p.Modulus, p.P, p.Q, p.DP, p.DQ, p.InverseQ);
            Expect.ThrowsArgument(delegate { ScepKeyPair.From(crtOnly); }, "no exponents");
        }

        [TestMethod]
        public void WithAnRaTheRequestIsForTheRaAndItsReplyIsTrusted()
        {
            Rig rig = new Rig(true);
            rig.Start(TestRsaKeys.Phone1, 2);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.IsTrue(rig.M.CaCertificates.HasRa);
            Assert.IsTrue(rig.M.CaCertificates.Recipient == rig.M.CaCertificates.Signers[0], "the RA both receives and signs");
            Assert.AreEqual("O=PhoneAgent Lab, CN=Lab SCEP RA", rig.M.CaCertificates.Recipient.Subject.Text);
            Assert.AreEqual("C=US, O=PhoneAgent Lab, CN=Lab SCEP CA", rig.M.CaCertificates.Ca.Subject.Text);
            Assert.IsTrue(rig.NotesContain("encrypted for the RA"));
            Assert.AreEqual(1, rig.M.Result.ChainDer.Length, "the chain holds the CA, not the RA");
        }

        [TestMethod]
        public void GetIsUsedWhenTheCaOffersNoPost()
        {
            Rig rig = new Rig(false);
            rig.Ca.CapsText = "SHA-256\r\nAES\r\n";
            rig.Start(TestRsaKeys.Phone1, 3);
            Assert.IsTrue(rig.M.TakePending().Url.EndsWith("/scep?operation=GetCACaps"));
            rig.M.OnResponse(200, "text/plain", Util.Ascii.GetBytes(rig.Ca.CapsText), rig.NowMs);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.AreEqual("GET", (string)rig.Ca.Methods[0]);
            Assert.IsFalse(rig.M.Caps.UsePost);
        }

        [TestMethod]
        public void TheGetRequestCarriesThePercentEncodedBase64Message()
        {
            Rig rig = new Rig(false);
            rig.Ca.CapsText = "SHA-256\nAES\n";
            rig.Settings.CaIdentifier = "lab ca";
            rig.Start(TestRsaKeys.Phone1, 4);
            ScepHttpRequest caps = rig.M.TakePending();
            Assert.AreEqual("http://10.77.0.1:2016/scep?operation=GetCACaps&message=lab%20ca", caps.Url);
            rig.M.OnResponse(200, "text/plain", Util.Ascii.GetBytes(rig.Ca.CapsText), rig.NowMs);
            ScepHttpRequest cacert = rig.M.TakePending();
            Assert.AreEqual("http://10.77.0.1:2016/scep?operation=GetCACert&message=lab%20ca", cacert.Url);
            rig.M.OnResponse(200, ScepCodes.ContentTypeCaCert, rig.Ca.CaCert.Der, rig.NowMs);
            ScepHttpRequest op = rig.M.TakePending();
            Assert.AreEqual("GET", op.Method);
            Assert.IsNull(op.Body);
            string value = ScepTestCa.Param(op.Url, "message");
            Assert.IsTrue(op.Url.StartsWith("http://10.77.0.1:2016/scep?operation=PKIOperation&message="));
            Assert.IsTrue(value.IndexOf('+') < 0 && value.IndexOf('/') < 0 && value.IndexOf('=') < 0, "base64 '+', '/' and '=' are percent-encoded");
            byte[] der = Util.Base64.TryDecode(ScepTestCa.PercentDecode(value), 1 << 20);
            Assert.IsNotNull(der);
            string e;
            ScepPkiMessage m = ScepPkiMessage.TryParse(der, out e);
            Assert.IsNotNull(m, e);
            Assert.AreEqual(ScepCodes.PkcsReq, m.MessageType);
            Assert.AreEqual("a%2Bb%2Fc%3D", ScepEnrollment.EncodeQueryValue("a+b/c="));
        }

        [TestMethod]
        public void ACaWithoutGetCaCapsGetsSha1Des3AndGet()
        {
            Rig rig = new Rig(false);
            rig.Ca.CapsStatus = 404;
            rig.Start(TestRsaKeys.Phone1, 5);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.AreEqual("GET", (string)rig.Ca.Methods[0]);
            Assert.AreEqual(HashAlgorithm.Sha1Name, rig.Ca.LastRequest.HashName);
            Assert.AreEqual(CmsAlgorithms.OidDesEde3Cbc, CmsEnvelopedData.TryParse(rig.Ca.LastRequest.Envelope, out string _e).ContentEncryptionAlgorithm);
            Assert.IsTrue(rig.NotesContain("GetCACaps answered HTTP 404"));
            Assert.IsTrue(rig.NotesContain("SHA-1"));
        }

        [TestMethod]
        public void FailureIsReportedWithEachFailInfoInWords()
        {
            string[] words = new string[] { "badAlg", "badMessageCheck", "badRequest", "badTime", "badCertId" };
            for (int f = 0; f <= 4; f++)
            {
                Rig rig = new Rig(false);
                rig.Ca.Outcome = ScepTestCa.Refuse;
                rig.Ca.FailInfo = f;
                rig.Ca.FailInfoText = f == ScepCodes.BadRequest ? "subject not allowed" : null;
                rig.Start(TestRsaKeys.Phone1, (uint)(10 + f));
                rig.Run();
                Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
                Assert.IsTrue(rig.M.Diagnosis.IndexOf("FAILURE to the PKCSReq: " + words[f]) >= 0, rig.M.Diagnosis);
                Assert.AreEqual(ScepCodes.FailInfoWords(f), rig.M.Diagnosis.Substring(rig.M.Diagnosis.IndexOf(words[f]), ScepCodes.FailInfoWords(f).Length));
                if (f == ScepCodes.BadRequest) Assert.IsTrue(rig.M.Diagnosis.IndexOf("the CA says: \"subject not allowed\"") >= 0);
                string problem;
                Assert.IsNull(rig.Store.Load(out problem), "nothing installed");
            }
        }

        [TestMethod]
        public void AWrongChallengePasswordIsNamedAsTheLikelyCause()
        {
            Rig rig = new Rig(false);
            rig.Settings.ChallengePassword = "wrong";
            rig.Start(TestRsaKeys.Phone1, 20);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("badRequest: the CA refused the request") >= 0, rig.M.Diagnosis);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("challenge password") >= 0);
            Assert.IsFalse(rig.NotesContain("wrong\""), "the password itself is never written");
        }

        [TestMethod]
        public void PendingIsPolledWithTheSameTransactionUntilIssued()
        {
            Rig rig = new Rig(false);
            rig.Ca.Outcome = ScepTestCa.HoldThenIssue;
            rig.Ca.PendingPolls = 3;
            rig.Start(TestRsaKeys.Phone1, 21);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.AreEqual(3, rig.M.Polls);
            Assert.AreEqual(4, rig.Ca.PkiOperations);
            Assert.AreEqual("CertPoll", rig.Op(3));
            // 10 s, then doubling: polls at +10, +30, +70 s after the PENDING.
            long t0 = (long)rig.Ca.Times[0];
            Assert.AreEqual(t0 + 10000, (long)rig.Ca.Times[1]);
            Assert.AreEqual(t0 + 30000, (long)rig.Ca.Times[2]);
            Assert.AreEqual(t0 + 70000, (long)rig.Ca.Times[3]);
            for (int i = 1; i < 4; i++)
            {
                Assert.AreEqual((string)rig.Ca.TransactionIds[0], (string)rig.Ca.TransactionIds[i], "same transactionID");
                Assert.IsFalse((string)rig.Ca.Nonces[i - 1] == (string)rig.Ca.Nonces[i], "fresh senderNonce");
            }
            Assert.IsTrue(rig.NotesContain("after 3 poll(s)"));
        }

        [TestMethod]
        public void PendingTooLongGivesUpAtTheLimit()
        {
            Rig rig = new Rig(false);
            rig.Ca.Outcome = ScepTestCa.HoldThenIssue;
            rig.Ca.PendingPolls = 1000;
            rig.Settings.PollMaxTotalSec = 600;
            rig.Start(TestRsaKeys.Phone1, 22);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
            // Polls at +10, +30, +70, +150, +310 s; the next (+610 s) would pass 600 s.
            Assert.AreEqual(5, rig.M.Polls);
            long t0 = (long)rig.Ca.Times[0];
            Assert.AreEqual(t0 + 310000, (long)rig.Ca.Times[5]);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("still PENDING") >= 0, rig.M.Diagnosis);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf(rig.M.TransactionId) >= 0, "names the transaction to approve");
            Assert.AreEqual(Deadline.None, rig.M.NextDeadlineMs);
        }

        [TestMethod]
        public void AFingerprintMismatchStopsBeforeAnyRequest()
        {
            Rig rig = new Rig(false);
            rig.Settings.CaFingerprint = "sha256:" + Util.Hex.Bytes(new byte[32]);
            rig.Start(TestRsaKeys.Phone1, 23);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
            Assert.AreEqual(2, rig.Ca.Operations.Count);
            Assert.AreEqual(0, rig.Ca.PkiOperations, "no PKCSReq was sent");
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("stopped before sending any request") >= 0, rig.M.Diagnosis);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("does not match the configured fingerprint") >= 0);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf(Util.Hex.Bytes(rig.Ca.CaCert.Sha256Fingerprint)) >= 0, "names the fingerprint offered");
        }

        [TestMethod]
        public void AnInstalledLscIsRenewedWithRenewalReq()
        {
            Rig first = new Rig(false);
            first.Start(TestRsaKeys.Phone1, 30);
            first.Run();
            Assert.AreEqual(ScepEnrollment.Issued, first.M.State, first.M.Diagnosis);
            X509Certificate oldLsc = first.M.IssuedCertificate;

            Rig rig = new Rig(first.Ca, first.Media);
            rig.Settings.ChallengePassword = null;   // the emulated CA asks none for a renewal
            rig.Start(TestRsaKeys.Phone2, 31);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.IsTrue(rig.M.IsRenewal);
            Assert.AreEqual("RenewalReq", rig.Op(5));
            Assert.AreEqual(oldLsc.SerialHex, rig.Ca.LastSigner.SerialHex, "signed with the installed LSC");
            Assert.IsNull(rig.Ca.LastCsr.ChallengePassword);
            Assert.IsTrue(TestRsaKeys.Phone2.Matches(rig.M.IssuedCertificate));
            string problem;
            CredentialSet set = rig.Store.Load(out problem);
            Assert.AreEqual("renew", set.Origin);
            Assert.IsTrue(TestRsaKeys.Phone2.Matches(X509Certificate.TryParse(set.CertificateDer, out problem)));
        }

        [TestMethod]
        public void WithoutRenewalInTheCapsTheLscIsReplacedByAPkcsReq()
        {
            Rig first = new Rig(false);
            first.Start(TestRsaKeys.Phone1, 32);
            first.Run();
            Assert.AreEqual(ScepEnrollment.Issued, first.M.State, first.M.Diagnosis);
            first.Ca.CapsText = "POSTPKIOperation\nSHA-256\nAES\n";
            Rig rig = new Rig(first.Ca, first.Media);
            rig.Start(TestRsaKeys.Phone2, 33);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.IsFalse(rig.M.IsRenewal);
            Assert.AreEqual("PKCSReq", rig.Op(5));
            Assert.IsTrue(rig.NotesContain("not renewing: the CA does not offer Renewal"));
        }

        [TestMethod]
        public void AReplySignedByAnotherKeyIsNotTrusted()
        {
            Rig rig = new Rig(false);
            // A certificate with the CA's name and serial but another key (an impostor).
            CertificateBuilder b = new CertificateBuilder();
            b.SerialNumber = new byte[] { 1 };
            b.IssuerDer = rig.Ca.CaCert.Subject.Der;
            b.SubjectDer = rig.Ca.CaCert.Subject.Der;
            b.NotBefore = ScepTestCa.Now - 1000;
            b.NotAfter = ScepTestCa.Now + 100000;
            b.Modulus = TestRsaKeys.Ra.Modulus;
            b.Exponent = TestRsaKeys.Ra.Exponent;
            string e;
            rig.Ca.ImpostorCert = X509Certificate.TryParse(b.Sign(TestRsaKeys.Ra.Key, HashAlgorithm.Sha256Name), out e);
            rig.Ca.ImpostorKey = TestRsaKeys.Ra;
            rig.Start(TestRsaKeys.Phone1, 34);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("not signed by the CA or its RA") >= 0, rig.M.Diagnosis);
            string problem;
            Assert.IsNull(rig.Store.Load(out problem));
        }

        [TestMethod]
        public void AReplyToAnotherNonceIsRefused()
        {
            Rig rig = new Rig(false);
            rig.Ca.WrongRecipientNonce = new byte[16];
            rig.Start(TestRsaKeys.Phone1, 35);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("recipientNonce") >= 0, rig.M.Diagnosis);
        }

        [TestMethod]
        public void HttpErrorsAndUnreachableServersAreFailuresWithReasons()
        {
            Rig rig = new Rig(false);
            rig.Start(TestRsaKeys.Phone1, 36);
            rig.M.TakePending();
            rig.M.OnTransportFailure("connection refused by 10.77.0.1:2016", rig.NowMs);
            Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("cannot reach the SCEP server at http://10.77.0.1:2016/scep: connection refused") >= 0, rig.M.Diagnosis);

            Rig r2 = new Rig(false);
            r2.Start(TestRsaKeys.Phone1, 37);
            r2.M.TakePending();
            r2.M.OnResponse(200, "text/plain", Util.Ascii.GetBytes("POSTPKIOperation\n"), r2.NowMs);
            r2.M.TakePending();
            r2.M.OnResponse(404, "text/html", new byte[0], r2.NowMs);
            Assert.AreEqual(ScepEnrollment.Failed, r2.M.State);
            Assert.IsTrue(r2.M.Diagnosis.IndexOf("GetCACert answered HTTP 404") >= 0, r2.M.Diagnosis);
            // A late answer after the failure is ignored.
            r2.M.OnResponse(200, "text/plain", new byte[1], r2.NowMs);
            Assert.AreEqual(ScepEnrollment.Failed, r2.M.State);
        }

        [TestMethod]
        public void AClockBeyondWhatCertificatesCanSayFailsWithAReason()
        {
            Rig rig = new Rig(false);
            rig.M = new ScepEnrollment(rig.Settings, rig.Store, new SeededRandom(39), rig.Out);
            rig.M.Start(TestRsaKeys.Phone1, rig.NowMs, PhoneAgent.Core.Asn1.Asn1Time.MaxUnix);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Failed, rig.M.State);
            Assert.IsTrue(rig.M.Diagnosis.IndexOf("could not make the self-signed certificate") >= 0, rig.M.Diagnosis);
            Assert.AreEqual(0, rig.Ca.PkiOperations);
            Assert.IsTrue(rig.NotesContain("the CA certificate expired"));
        }

        [TestMethod]
        public void BadSettingsAreCallerMistakes()
        {
            ScepSettings s = new Rig(false).Settings;
            Outbox o = new Outbox();
            CredentialStore st = new CredentialStore(new ImageStore(new MemoryMedia()));
            s.CaFingerprint = "sha256:1234";
            Expect.ThrowsArgument(delegate { new ScepEnrollment(s, st, new SeededRandom(1), o); }, "short pin");
            s.CaFingerprint = null;
            Expect.ThrowsArgument(delegate { new ScepEnrollment(s, st, new SeededRandom(1), o); }, "no pin");
            s.AllowUnpinned = true;
            new ScepEnrollment(s, st, new SeededRandom(1), o);
            s.Url = "ftp://x";
            Expect.ThrowsArgument(delegate { new ScepEnrollment(s, st, new SeededRandom(1), o); }, "scheme");
            Assert.IsTrue(new ScepSettings().ToString().IndexOf("not set") >= 0);
            s.ChallengePassword = "hunter2";
            Assert.IsTrue(s.ToString().IndexOf("hunter2") < 0);
        }

        [TestMethod]
        public void UnpinnedEnrollmentNamesTheFingerprintToConfigure()
        {
            Rig rig = new Rig(false);
            rig.Settings.CaFingerprint = null;
            rig.Settings.AllowUnpinned = true;
            rig.Start(TestRsaKeys.Phone1, 38);
            rig.Run();
            Assert.AreEqual(ScepEnrollment.Issued, rig.M.State, rig.M.Diagnosis);
            Assert.IsTrue(rig.NotesContain("NOT pinned (trust on first use): set the fingerprint " + rig.Ca.Pin));
        }

        [TestMethod]
        public void MutatedCertRepsNeverThrowAndAreNeverInstalled()
        {
            // One real CertRep, then the same enrollment (same seed, so the same nonce and
            // transaction) answered with mutations of it: each ends Failed or, when the change
            // missed everything signed (an unsigned length byte that BER still accepts, say), Issued.
            Rig good = new Rig(false);
            good.Start(TestRsaKeys.Phone1, 40);
            good.Run();
            Assert.AreEqual(ScepEnrollment.Issued, good.M.State, good.M.Diagnosis);
            byte[] rep = good.Ca.LastAnswer;
            SeededRandom rnd = new SeededRandom(8894);
            int failed = 0, issued = 0;
            for (int i = 0; i < 60; i++)
            {
                byte[] m;
                if (i % 3 == 0)
                {
                    m = new byte[rnd.Next(rep.Length)];
                    System.Array.Copy(rep, m, m.Length);
                }
                else
                {
                    m = (byte[])rep.Clone();
                    int flips = 1 + rnd.Next(3);
                    for (int k = 0; k < flips; k++) m[rnd.Next(m.Length)] ^= (byte)(1 << rnd.Next(8));
                }
                Rig rig = new Rig(good.Ca, new MemoryMedia());
                rig.Ca.Override = m;
                rig.Start(TestRsaKeys.Phone1, 40);
                rig.Run();
                if (rig.M.State == ScepEnrollment.Failed) failed++;
                else
                {
                    Assert.AreEqual(ScepEnrollment.Issued, rig.M.State);
                    issued++;
                }
            }
            good.Ca.Override = null;
            Assert.IsTrue(failed > 40, "most mutations are refused (" + failed.ToString() + " of 60)");
        }
    }
}
