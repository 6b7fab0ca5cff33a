using System.Text.RegularExpressions;
using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.Tests.Support;   // MemoryMedia
using PhoneAgent.Core.X509;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>Enrollment against a real, independent SCEP server: micromdm's scepserver
    /// (Debian package scep 2.1.0) in the lab's server namespace on 10.77.0.1:2016 with a fresh
    /// 2048-bit CA and challenge "lab-challenge"; the phone's 2048-bit keys come from the core's
    /// RsaKeyGenerator, its randomness from the OS. The machine's HTTP requests are carried by
    /// curl from the phone namespace (10.77.0.2): the core's own HTTP client is another branch's
    /// work, and curl keeps this test about the SCEP messages.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class ScepLabTests
    {
        private const string Challenge = "lab-challenge";

        private sealed class Server
        {
            public LabNetwork Lab;
            public string Depot;
            public string Log => File.Exists(Path.Combine(Lab.RunDir, "scepserver.log")) ? File.ReadAllText(Path.Combine(Lab.RunDir, "scepserver.log")) : "(no log)";
            public byte[] CaDer;
            public string Url => $"http://{LabNetwork.ServerAddress}:2016/scep";
        }

        private static Server StartScepServer(LabNetwork lab, string extra)
        {
            LabSip.AddPhoneAddress(lab);
            var s = new Server { Lab = lab, Depot = Path.Combine(lab.RunDir, "depot") };
            var (exit, output) = lab.Run(lab.NetNs, $"scepserver ca -init -keySize 2048 -organization PhoneAgent-Lab -depot {s.Depot}", 60000);
            Assert.AreEqual(0, exit, output);
            s.CaDer = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(s.Depot, "ca.pem")).RawData;
            var p = lab.Start(lab.NetNs, $"sh -c \"exec scepserver -depot {s.Depot} -port 2016 -challenge {Challenge} -debug {extra} > {lab.RunDir}/scepserver.log 2>&1\"");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited || lab.Run(lab.NetNs, "ss -ltn", 2000).output.Contains(":2016"), 10000) && !p.HasExited, "scepserver did not start: " + s.Log);
            return s;
        }

        /// <summary>One HTTP exchange by curl in the phone namespace: status, Content-Type, body.</summary>
        private static (int status, string type, byte[] body) Curl(LabNetwork lab, ScepHttpRequest r)
        {
            string hdr = Path.Combine(lab.RunDir, "hdr.txt"), body = Path.Combine(lab.RunDir, "body.bin"), req = Path.Combine(lab.RunDir, "req.der");
            File.Delete(hdr);
            File.Delete(body);
            string post = "";
            if (r.Method == ScepHttpRequest.Post)
            {
                File.WriteAllBytes(req, r.Body);
                post = $"--data-binary @{req} -H \"Content-Type: {r.ContentType}\"";
            }
            var (exit, output) = lab.Run(lab.PhoneNs, $"curl -sS -m 20 --max-filesize {r.MaxResponseBytes} -D {hdr} -o {body} {post} \"{r.Url}\"", 30000);
            if (exit != 0) return (-1, output, null);
            string[] lines = File.ReadAllLines(hdr);
            int status = int.Parse(lines[0].Split(' ')[1]);
            string type = Array.Find(lines, l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Substring(13).Trim();
            return (status, type, File.ReadAllBytes(body));
        }

        private static ScepEnrollment Enroll(Server s, CredentialStore store, ScepKeyPair key, string challenge, Outbox o)
        {
            var settings = new ScepSettings
            {
                Url = s.Url,
                CaFingerprint = "sha256:" + Convert.ToHexString(SHA256.HashData(s.CaDer)),
                ChallengePassword = challenge,
                SubjectDer = new X509NameBuilder().Add(X509NameBuilder.OidOrganization, "PhoneAgent Lab").Add(X509NameBuilder.OidCommonName, "SEP00163E5A0102").ToDer(),
                DnsNames = ["sep00163e5a0102.lab.example"],
                Uris = [X509Encoding.MacUrn([0x00, 0x16, 0x3E, 0x5A, 0x01, 0x02])],
            };
            var m = new ScepEnrollment(settings, store, new PhoneAgent.Cli.Host.HostRandom(), o);
            m.Start(key, Environment.TickCount64, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            for (int guard = 0; guard < 20 && !m.Done; guard++)
            {
                var r = m.TakePending();
                if (r == null) break;
                var (status, type, body) = Curl(s.Lab, r);
                if (status < 0) m.OnTransportFailure(type, Environment.TickCount64);
                else m.OnResponse(status, type, body, Environment.TickCount64);
            }
            return m;
        }

        // The phone's own path: the core's generator (FIPS 186-5 A.1.3) on the OS random source.
        private static ScepKeyPair NewKey(int bits) =>
            ScepKeyPair.From(PhoneAgent.Core.Crypto.RsaKeyGenerator.Generate(bits, new PhoneAgent.Cli.Host.HostRandom()));

        private static string Notes(Outbox o)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < o.NoteCount; i++) sb.AppendLine(o.NoteAt(i).Text);
            return sb.ToString();
        }

        [TestMethod]
        public void EnrollCommandOverTheCoresHttpClient()
        {
            // `phoneagent scep enroll`: the same machine, with the core's HttpFetch as transport and
            // a credential store in a directory; a second run renews; a wrong pin sends nothing past GetCACert.
            LabNetwork.Require("scepserver");
            using var lab = new LabNetwork("scepc");
            var s = StartScepServer(lab, "-allowrenew 0");
            string storeDir = Path.Combine(lab.RunDir, "store");
            string challenge = Path.Combine(lab.RunDir, "challenge");
            File.WriteAllText(challenge, Challenge + "\n");
            string pin = "sha256:" + Convert.ToHexString(SHA256.HashData(s.CaDer));
            string cmd = $"dotnet {LabPeers.Phoneagent} scep enroll --url {s.Url} --challenge-file {challenge} --store {storeDir} --mac 00:16:3e:5a:01:02 --ca-fingerprint ";
            var (exit, output) = lab.Run(lab.PhoneNs, cmd + pin, 90000);
            Assert.AreEqual(0, exit, output + s.Log);
            StringAssert.Contains(output, "LSC: Not installed");
            StringAssert.Contains(output, "POST PKIOperation");
            StringAssert.Contains(output, "ISSUED (enrollment): \"CN=SEP00163E5A0102\"");
            StringAssert.Contains(output, "LSC: Installed (CN=SEP00163E5A0102");
            var (exit2, output2) = lab.Run(lab.PhoneNs, cmd + pin, 90000);
            Assert.AreEqual(0, exit2, output2 + s.Log);
            StringAssert.Contains(output2, "ISSUED (renewal)");
            int before = Regex.Matches(s.Log, "PKIOperation").Count;
            var (exit3, output3) = lab.Run(lab.PhoneNs, cmd + "sha256:" + new string('0', 64), 90000);
            Assert.AreEqual(1, exit3, output3);
            StringAssert.Contains(output3, "NOT ISSUED");
            StringAssert.Contains(output3, "fingerprint");
            Assert.IsFalse(output3.Contains("POST PKIOperation") || output3.Contains("GET PKIOperation"), "nothing is sent to a CA whose fingerprint does not match");
            Assert.AreEqual(before, Regex.Matches(s.Log, "PKIOperation").Count);
        }

        [TestMethod]
        public void RenewCommandUsesTheRecordedUrlAndPin()
        {
            // `phoneagent scep renew`: nothing but the store (and the challenge scepserver wants on
            // every CSR); an empty store is refused before anything is sent.
            LabNetwork.Require("scepserver");
            using var lab = new LabNetwork("scepr");
            var s = StartScepServer(lab, "-allowrenew 0");
            string storeDir = Path.Combine(lab.RunDir, "store"), empty = Path.Combine(lab.RunDir, "empty");
            Directory.CreateDirectory(empty);
            string challenge = Path.Combine(lab.RunDir, "challenge");
            File.WriteAllText(challenge, Challenge + "\n");
            var (exit0, output0) = lab.Run(lab.PhoneNs, $"dotnet {LabPeers.Phoneagent} scep renew --store {empty} --challenge-file {challenge}", 60000);
            Assert.AreEqual(1, exit0, output0);
            StringAssert.Contains(output0, "holds no LSC");
            string pin = "sha256:" + Convert.ToHexString(SHA256.HashData(s.CaDer));
            var (exit, output) = lab.Run(lab.PhoneNs, $"dotnet {LabPeers.Phoneagent} scep enroll --url {s.Url} --challenge-file {challenge} --store {storeDir} --mac 00:16:3e:5a:01:02 --ca-fingerprint {pin}", 90000);
            Assert.AreEqual(0, exit, output + s.Log);
            var (exit2, output2) = lab.Run(lab.PhoneNs, $"dotnet {LabPeers.Phoneagent} scep renew --store {storeDir} --challenge-file {challenge}", 90000);
            Assert.AreEqual(0, exit2, output2 + s.Log);
            StringAssert.Contains(output2, $"renewing at {s.Url} (recorded at enrollment), CA fingerprint {pin} (recorded at enrollment)");
            StringAssert.Contains(output2, "ISSUED (renewal): \"CN=SEP00163E5A0102\"");
        }

        /// <summary>`phoneagent scep enroll` into a fresh store directory (MAC 00:16:3e:5a:01:02, the CA pinned); its path.</summary>
        private static string EnrollWithTheCommand(LabNetwork lab, Server s)
        {
            string storeDir = Path.Combine(lab.RunDir, "store");
            string challenge = Path.Combine(lab.RunDir, "challenge");
            File.WriteAllText(challenge, Challenge + "\n");
            string pin = "sha256:" + Convert.ToHexString(SHA256.HashData(s.CaDer));
            var (exit, output) = lab.Run(lab.PhoneNs, $"dotnet {LabPeers.Phoneagent} scep enroll --url {s.Url} --challenge-file {challenge} --store {storeDir} --mac 00:16:3e:5a:01:02 --ca-fingerprint {pin}", 90000);
            Assert.AreEqual(0, exit, output + s.Log);
            return storeDir;
        }

        [TestMethod]
        public void SipOverMutualTlsPresentsTheEnrolledLsc()
        {
            // The LSC scepserver issued is what the phone presents to a registrar that requires a
            // client certificate from that CA (kamailio tls: require_certificate, verify_certificate).
            LabNetwork.Require("scepserver", "kamailio");
            using var lab = new LabNetwork("scept");
            var s = StartScepServer(lab, "");
            string storeDir = EnrollWithTheCommand(lab, s);
            var set = new CredentialStore(new ImageStore(new PhoneAgent.Hardware.Emulated.Flash.DirectoryMedia(storeDir))).Load(out string problem);
            Assert.IsNotNull(set, problem);
            var lsc = X509CertificateLoader.LoadCertificate(set.CertificateDer);

            LabSip.StartKamailio(lab, clientCa: Path.Combine(s.Depot, "ca.pem"));
            string pw = Path.Combine(lab.RunDir, "pw");
            File.WriteAllText(pw, "secret1002\n");
            string register = $"dotnet {LabPeers.Phoneagent} sip register --registrar \"sip:10.77.0.1:5061;transport=tls\" --domain sip.lab.test --user 1002 " +
                $"--password-file {pw} --roots {LabSip.Pki}/root.crt --once --timeout 20";
            var (exit2, output2) = lab.Run(lab.PhoneNs, register + $" --store {storeDir} --local-port 5068", 60000);
            Assert.AreEqual(0, exit2, output2 + LabSip.Log(lab));
            StringAssert.Contains(output2, "mutual TLS: presenting the LSC \"CN=SEP00163E5A0102\"");
            StringAssert.Contains(output2, "REGISTERED: 1002@sip.lab.test");
            string log = LabSip.Log(lab);
            Console.WriteLine(Regex.Match(log, "LAB tls peer [^\n]*").Value);
            // kamailio's view of the client certificate: the LSC's CN and serial, verified against scepserver's CA.
            string serial = System.Numerics.BigInteger.Parse("0" + lsc.SerialNumber, System.Globalization.NumberStyles.HexNumber).ToString();
            StringAssert.Contains(log, $"LAB tls peer cn=[SEP00163E5A0102] serial=[{serial}] verified=[1]");
            Assert.IsTrue(lsc.Issuer.Contains("PhoneAgent-Lab", StringComparison.Ordinal), lsc.Issuer);

            // Without the LSC the registrar refuses the handshake: no REGISTER is accepted.
            var (exit3, output3) = lab.Run(lab.PhoneNs, register + " --local-port 5070", 60000);
            Assert.AreEqual(1, exit3, output3);
            StringAssert.Contains(output3, "NOT REGISTERED");
        }

        [TestMethod]
        public void EapTlsPresentsTheEnrolledLscToHostapd()
        {
            // The next boot after enrollment: 802.1X (before DHCP and SCEP) presents the LSC that
            // scepserver issued, to hostapd's EAP server trusting only scepserver's CA for clients.
            LabNetwork.Require("scepserver", "hostapd");
            using var lab = new LabNetwork("scepx");
            var s = StartScepServer(lab, "");
            string storeDir = EnrollWithTheCommand(lab, s);

            LabDot1x.StartHostapdEapServer(lab, "* TLS\n", Path.Combine(s.Depot, "ca.pem"));

            string cfg = Path.Combine(lab.RunDir, "phone.conf");
            File.WriteAllText(cfg, "device.name = lab-phone\nnet.dhcp = false\nnet.address = 10.77.0.2/24\ndhcp.inform = false\nsntp.enabled = false\n" +
                $"dot1x.enabled = true\ndot1x.method = tls\ndot1x.identity = SEP00163E5A0102\ndot1x.roots = {LabSip.Pki}/root.crt\ndot1x.serverName = radius.lab.test\n");
            var (exit2, output2) = lab.Run(lab.PhoneNs,
                $"dotnet {LabPeers.Phoneagent} run --config {cfg} --interface {lab.PhoneIf} --no-apply --exit-when-ready --timeout 40 --store {storeDir}", 60000);
            Assert.AreEqual(0, exit2, output2 + LabDot1x.HostapdLog(lab));
            StringAssert.Contains(output2, "EAP-TLS presents the LSC \"CN=SEP00163E5A0102\"");
            StringAssert.Contains(output2, "authenticated as 'SEP00163E5A0102' with EAP-TLS");
            StringAssert.Contains(LabDot1x.HostapdLog(lab), "IEEE 802.1X: authenticated");
        }

        [TestMethod]
        public void EnrollsAndRenewsAgainstMicromdmScepserver()
        {
            LabNetwork.Require("scepserver", "curl");
            using var lab = new LabNetwork("scep");
            var s = StartScepServer(lab, "-allowrenew 0");
            var media = new MemoryMedia();
            var store = new CredentialStore(new ImageStore(media));
            var o = new Outbox();
            var key = NewKey(2048);
            var m = Enroll(s, store, key, Challenge, o);
            Assert.AreEqual(ScepEnrollment.Issued, m.State, m.Diagnosis + "\n" + Notes(o) + s.Log);
            Assert.IsFalse(m.IsRenewal);
            Assert.IsTrue(key.Matches(m.IssuedCertificate));
            StringAssert.Contains(Notes(o), "SHA-256, AES-128-CBC, POST");
            // scepserver 2.1.0 answers with single DES whatever was asked: read, and said.
            StringAssert.Contains(Notes(o), "the CA encrypted its reply with DES-CBC");

            // The issued certificate chains to the CA for OpenSSL too, and the depot recorded it.
            File.WriteAllText(Path.Combine(lab.RunDir, "lsc.pem"), X509CertificateLoader.LoadCertificate(m.IssuedCertificate.Der).ExportCertificatePem());
            var (exit, output) = lab.Run(lab.NetNs, $"openssl verify -CAfile {s.Depot}/ca.pem {lab.RunDir}/lsc.pem", 10000);
            Assert.AreEqual(0, exit, output);
            var set = store.Load(out string problem);
            Assert.IsNotNull(set, problem);
            CollectionAssert.AreEqual(s.CaDer, set.ChainDer[0]);

            // Renewal with a new key, signed by the LSC just installed (scepserver -allowrenew 0).
            // scepserver checks the challenge on every CSR, a RenewalReq's too.
            var o2 = new Outbox();
            var key2 = NewKey(2048);
            var renew = Enroll(s, store, key2, Challenge, o2);
            Assert.AreEqual(ScepEnrollment.Issued, renew.State, renew.Diagnosis + "\n" + Notes(o2) + s.Log);
            Assert.IsTrue(renew.IsRenewal);
            Assert.IsTrue(key2.Matches(renew.IssuedCertificate));
            Assert.AreEqual("renew", store.Load(out problem).Origin);
        }

        [TestMethod]
        public void AWrongChallengeIsRefusedByTheRealServer()
        {
            LabNetwork.Require("scepserver", "curl");
            using var lab = new LabNetwork("scepf");
            var s = StartScepServer(lab, "");
            var o = new Outbox();
            var m = Enroll(s, new CredentialStore(new ImageStore(new MemoryMedia())), NewKey(2048), "not-the-challenge", o);
            Assert.AreEqual(ScepEnrollment.Failed, m.State, Notes(o));
            Console.WriteLine(m.Diagnosis);
            StringAssert.Contains(m.Diagnosis, "FAILURE to the PKCSReq: badRequest");
        }
    }
}
