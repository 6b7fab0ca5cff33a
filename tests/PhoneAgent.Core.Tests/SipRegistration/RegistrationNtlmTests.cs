#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Sip.Auth;
using PhoneAgent.Core.Sip.Registration;
using PhoneAgent.Core.Sntp;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.SipRegistration
{
    /// <summary>RegistrationClient against a registrar that challenges with NTLM (MS-SIPAE), on
    /// virtual time over the outbox: the two NTLM rounds, the 2xx's rspauth, refreshes and the
    /// un-REGISTER signed with the next cnum, and every refusal with its diagnosis. The peer is
    /// ScriptedMsSipaeRegistrar (built from MS-SIPAE/MS-NLMP, not a real OCS).</summary>
    [TestClass]
    public class RegistrationNtlmTests
    {
        private const string Password = "Winter-2024!";
        private const uint Server = 0x0a4d0001;

        private sealed class Harness
        {
            public readonly RegistrationClient Client;
            public readonly ScriptedMsSipaeRegistrar Peer;
            public readonly Outbox Out = new Outbox();
            public readonly ArrayList Notes = new ArrayList();
            public readonly VirtualClock Clock = new VirtualClock();

            public Harness(string registrarPassword, string authDomain)
            {
                SyncedWallClock wall = new SyncedWallClock(Clock);
                wall.Set(1735689600);   // 2025-01-01
                RegistrationSettings s = new RegistrationSettings();
                s.ServerAddresses = new uint[] { Server };
                s.ServerPorts = new int[] { 5060 };
                s.Domain = "contoso.test";
                s.User = "alice";
                s.Password = Password;
                s.AuthDomain = authDomain;
                s.Workstation = "phone-1";
                s.WallClock = wall;
                s.LocalAddress = 0x0a4d0002;
                s.Expires = 600;
                Client = new RegistrationClient(s, new SeededRandom(11), null, null);
                Peer = new ScriptedMsSipaeRegistrar("alice", "CONTOSO", registrarPassword, new SeededRandom(23));
            }

            public Harness() : this(Password, "CONTOSO") { }

            /// <summary>Delivers each REGISTER to the peer and its answer back, until quiet.</summary>
            public void Exchange()
            {
                for (int round = 0; round < 12; round++)
                {
                    Keep();
                    if (Out.DatagramCount == 0) return;
                    byte[] request = Out.DatagramAt(Out.DatagramCount - 1).Payload;
                    Out.Clear();
                    byte[] answer = Peer.Answer(request);
                    if (answer == null) return;
                    Client.OnDatagram(Server, 5060, answer, answer.Length, Clock.NowMs, Out);
                }
                Assert.IsTrue(false, "the exchange did not settle");
            }

            public void Start() { Client.Start(Clock.NowMs, Out); Exchange(); }

            private void Keep()
            {
                for (int i = 0; i < Out.NoteCount; i++) Notes.Add(Out.NoteAt(i).Text);
            }

            public void NoPasswordAnywhere()
            {
                for (int i = 0; i < Notes.Count; i++) Expect.NotContains((string)Notes[i], Password, "note");
                Expect.NotContains(Client.Machine.Diagnosis, Password, "diagnosis");
                for (int i = 0; i < Peer.Requests.Count; i++) Expect.NotContains(Peer.Request(i).ToString(), Password, "REGISTER " + i.ToString());
            }

            public AuthParams Credentials(int request)
            {
                string v = Peer.Credentials(request);
                Assert.IsNotNull(v, "REGISTER " + request.ToString() + " carries credentials");
                string error;
                AuthParams p = AuthHeaderParser.TryParseCredentials(v, out error);
                Assert.IsNotNull(p, error);
                return p;
            }
        }

        [TestMethod]
        public void RegistersOverTheTwoNtlmRoundsAndVerifiesTheServerSignature()
        {
            Harness h = new Harness();
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Registered, m.State, m.Diagnosis + " / " + h.Peer.Problem);
            Assert.AreEqual(600, m.Granted);
            Assert.AreEqual(1, h.Client.Registrations);
            Assert.AreEqual(3, h.Peer.Requests.Count, "REGISTER, REGISTER with the empty token, REGISTER with the AUTHENTICATE_MESSAGE");
            Assert.IsNull(h.Peer.Credentials(0));
            AuthParams first = h.Credentials(1);
            Assert.AreEqual("NTLM", first.Scheme);
            Assert.AreEqual("", first.Get("gssapi-data"), "MS-SIPAE §4.1 step 3: an empty token");
            Assert.AreEqual(ScriptedMsSipaeRegistrar.Realm, first.Get("realm"));
            Assert.AreEqual(ScriptedMsSipaeRegistrar.TargetName, first.Get("targetname"));
            Assert.IsNull(first.Get("response"), "nothing signed before the CHALLENGE_MESSAGE");
            AuthParams second = h.Credentials(2);
            Assert.IsTrue(second.Get("gssapi-data").Length > 100, "the AUTHENTICATE_MESSAGE");
            Assert.AreEqual("1", second.Get("cnum"));
            Assert.IsNotNull(second.Get("opaque"), "opaque echoed");
            Assert.AreEqual(1, h.Peer.Authenticated, "NTProofStr verified by the peer");
            Assert.AreEqual(1, h.Peer.SignaturesVerified, "the REGISTER's signature verified by the peer");
            Assert.AreEqual("CONTOSO\\alice", h.Peer.LastAuthenticateUser);
            Assert.AreEqual("phone-1", h.Peer.LastWorkstation);
            Assert.AreEqual("2 REGISTER", h.Peer.Request(1).GetHeader("CSeq"));
            Assert.AreEqual(h.Peer.Request(0).GetHeader("Call-ID"), h.Peer.Request(2).GetHeader("Call-ID"));
            Assert.IsTrue(Any(h.Notes, "rspauth) verifies"), "the server's signature was checked");
            h.NoPasswordAnywhere();
        }

        [TestMethod]
        public void ProxyChallengesAreAnsweredWithProxyAuthorization()
        {
            Harness h = new Harness();
            h.Peer.Proxy = true;
            h.Start();
            Assert.AreEqual(RegistrationMachine.Registered, h.Client.Machine.State, h.Client.Machine.Diagnosis);
            Assert.IsNull(h.Peer.Request(2).GetHeader("Authorization"));
            Assert.IsNotNull(h.Peer.Request(2).GetHeader("Proxy-Authorization"));
            Assert.AreEqual(1, h.Peer.SignaturesVerified);
        }

        [TestMethod]
        public void WrongPasswordIsNamedAfterTheAuthenticateMessageOnly()
        {
            Harness h = new Harness("Summer-2023!", "CONTOSO");
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Waiting, m.State);
            Assert.AreEqual(3, h.Peer.Requests.Count, "the empty-token round is not taken for a refusal; the third challenge is");
            Assert.AreEqual(0, h.Peer.Authenticated);
            Expect.Contains(m.Diagnosis, "the registrar refused the NTLMv2 response for CONTOSO\\alice: wrong password, or the account", "diagnosis");
            Assert.AreEqual(0, h.Client.Registrations);
            h.NoPasswordAnywhere();
        }

        [TestMethod]
        public void MissingServerSignatureFailsTheAttempt()
        {
            Harness h = new Harness();
            h.Peer.Rspauth = ScriptedMsSipaeRegistrar.RspauthMissing;
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Waiting, m.State);
            Assert.AreEqual(0, h.Client.Registrations, "a 200 OK that is not signed does not count");
            Expect.Contains(m.Diagnosis, "carries no Authentication-Info with the registrar's NTLM signature (rspauth)", "diagnosis");
            Expect.Contains(m.Diagnosis, "an impostor, or a proxy that rewrote the message", "diagnosis");
        }

        [TestMethod]
        public void WrongServerSignatureFailsTheAttempt()
        {
            Harness h = new Harness();
            h.Peer.Rspauth = ScriptedMsSipaeRegistrar.RspauthWrong;
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Waiting, m.State);
            Assert.AreEqual(0, h.Client.Registrations);
            Expect.Contains(m.Diagnosis, "signature (rspauth) does not verify", "diagnosis");
            // The retry starts a new association from scratch.
            h.Peer.Rspauth = ScriptedMsSipaeRegistrar.RspauthGood;
            h.Clock.AdvanceTo(m.RetryAtMs);
            h.Client.Poll(h.Clock.NowMs, h.Out);
            h.Exchange();
            Assert.AreEqual(RegistrationMachine.Registered, m.State, m.Diagnosis);
            Assert.IsNull(h.Peer.Credentials(3), "no signature with the untrusted association");
            Assert.AreEqual(2, h.Peer.Authenticated);
        }

        [TestMethod]
        public void EmptyTokenAnsweredWithoutAChallengeMessageFailsTheAttempt()
        {
            Harness h = new Harness();
            h.Peer.ForgetEmptyToken = true;
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Waiting, m.State);
            Assert.AreEqual(2, h.Peer.Requests.Count, "the empty token is not sent again and again");
            Expect.Contains(m.Diagnosis, "answered our empty NTLM token with a new NTLM challenge instead of a CHALLENGE_MESSAGE", "diagnosis");
        }

        [TestMethod]
        public void NtlmV1OnlyRegistrarIsRefusedWithTheReason()
        {
            Harness h = new Harness();
            h.Peer.NtlmV1Only = true;
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Stopped, m.State);
            Assert.AreEqual(2, h.Peer.Requests.Count, "no AUTHENTICATE_MESSAGE is sent");
            Expect.Contains(m.Diagnosis, "the registrar demands NTLMv1/LM", "diagnosis");
            Expect.Contains(m.Diagnosis, "which this phone refuses", "diagnosis");
        }

        [TestMethod]
        public void KerberosOnlyRegistrarIsRefusedWithTheStatement()
        {
            Harness h = new Harness();
            h.Peer.KerberosOnly = true;
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Stopped, m.State);
            Assert.AreEqual(1, h.Peer.Requests.Count);
            Expect.Contains(m.Diagnosis, "cannot be answered", "diagnosis");
            Expect.Contains(m.Diagnosis, "Kerberos (MS-SIPAE §3.1) needs a ticket", "diagnosis");
            Expect.Contains(m.Diagnosis, "Allow NTLM or Digest", "diagnosis");
        }

        [TestMethod]
        public void DigestIsPreferredWhenOfferedBesideNtlm()
        {
            Harness h = new Harness();
            h.Peer.OfferDigest = true;
            h.Start();
            Assert.AreEqual(RegistrationMachine.Registered, h.Client.Machine.State, h.Client.Machine.Diagnosis);
            Assert.AreEqual(2, h.Peer.Requests.Count);
            Assert.AreEqual("Digest", h.Credentials(1).Scheme);
        }

        [TestMethod]
        public void NtlmWithoutALogonDomainIsRefusedNamingTheKey()
        {
            Harness h = new Harness(Password, "");
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Stopped, m.State);
            Assert.AreEqual(1, h.Peer.Requests.Count);
            Expect.Contains(m.Diagnosis, "demands NTLM", "diagnosis");
            Expect.Contains(m.Diagnosis, "set sip.authDomain", "diagnosis");
        }

        [TestMethod]
        public void RefreshAndUnregisterAreSignedWithTheNextCnum()
        {
            Harness h = new Harness();
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            Assert.AreEqual(RegistrationMachine.Registered, m.State, m.Diagnosis);
            h.Clock.AdvanceTo(m.RefreshAtMs);
            h.Client.Poll(h.Clock.NowMs, h.Out);
            h.Exchange();
            Assert.AreEqual(4, h.Peer.Requests.Count, "the refresh is answered at once: no new challenge");
            AuthParams refresh = h.Credentials(3);
            Assert.AreEqual("2", refresh.Get("cnum"), "MS-SIPAE §3.2.5: the next cnum");
            Assert.IsNull(refresh.Get("gssapi-data"), "no token once established");
            Assert.IsNotNull(refresh.Get("response"));
            Assert.AreEqual(2, h.Peer.SignaturesVerified, "the peer verified the refresh's signature");
            Assert.AreEqual(RegistrationMachine.Registered, m.State, m.Diagnosis);
            Assert.AreEqual(2, h.Client.Registrations, "the refresh's 200 OK verified too");

            h.Client.Stop(h.Clock.NowMs, h.Out);
            h.Exchange();
            Assert.AreEqual(5, h.Peer.Requests.Count);
            Assert.AreEqual("0", h.Peer.Request(4).GetHeader("Expires"));
            Assert.AreEqual("3", h.Credentials(4).Get("cnum"));
            Assert.AreEqual(3, h.Peer.SignaturesVerified);
            Assert.AreEqual(RegistrationMachine.Off, m.State);
            Assert.IsTrue(Any(h.Notes, "unregistered from"), "the signed un-REGISTER's 200 OK verified");
        }

        [TestMethod]
        public void ReChallengedRefreshStartsANewAssociation()
        {
            Harness h = new Harness();
            h.Start();
            RegistrationMachine m = h.Client.Machine;
            h.Peer.ChallengeNextSigned = true;
            h.Clock.AdvanceTo(m.RefreshAtMs);
            h.Client.Poll(h.Clock.NowMs, h.Out);
            h.Exchange();
            Assert.AreEqual(RegistrationMachine.Registered, m.State, m.Diagnosis);
            Assert.AreEqual(6, h.Peer.Requests.Count, "signed refresh, 401, empty token, 401, AUTHENTICATE");
            Assert.AreEqual("2", h.Credentials(3).Get("cnum"));
            Assert.AreEqual("", h.Credentials(4).Get("gssapi-data"));
            Assert.AreEqual("1", h.Credentials(5).Get("cnum"), "a new association counts from 1");
            Assert.AreEqual(2, h.Peer.Authenticated);
            Assert.AreEqual(2, h.Client.Registrations);
            Assert.IsTrue(Any(h.Notes, "dropped the NTLM security association"));
        }

        [TestMethod]
        public void DomainBackslashUserIsRefusedInFavourOfTheAuthDomain()
        {
            RegistrationSettings s = new RegistrationSettings();
            s.ServerAddresses = new uint[] { Server };
            s.ServerPorts = new int[] { 5060 };
            s.Domain = "contoso.test";
            s.User = "CONTOSO\\alice";
            s.LocalAddress = 0x0a4d0002;
            Expect.Contains(s.Check(), "sip.authDomain", "DOMAIN\\user");
            s.User = "alice";
            s.AuthDomain = "CON TOSO";
            Expect.Contains(s.Check(), "NTLM logon domain", "bad domain");
            s.AuthDomain = "CONTOSO";
            Assert.IsNull(s.Check());
            Expect.Contains(s.ToString(), "NTLM CONTOSO\\alice", "ToString");
        }

        private static bool Any(ArrayList notes, string text)
        {
            for (int i = 0; i < notes.Count; i++) if (((string)notes[i]).IndexOf(text) >= 0) return true;
            return false;
        }
    }
}
