using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The AIA completion end to end, as in ../shared/lab/5-tls-intermediate: in the
    /// lab's server namespace, openssl s_server sends only server-aia.crt (caIssuers
    /// http://10.77.0.1:8080/int.cer) and lighttpd serves int.cer; `phoneagent tls probe` runs in
    /// the phone namespace (10.77.0.2). Without --aia the missing intermediate is named with its
    /// URL; with --aia the phone fetches it, validates, and says it did.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class AiaLabTests
    {
        [TestMethod]
        public void ProbeCompletesTheChainFromTheAiaUrl()
        {
            LabNetwork.Require("openssl", "lighttpd");
            string pki = LabSip.Pki;
            if (!File.Exists(Path.Combine(pki, "server-aia.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
            using var lab = new LabNetwork("aia");
            LabSip.AddPhoneAddress(lab);
            string www = Path.Combine(lab.RunDir, "www");
            Directory.CreateDirectory(www);
            File.Copy(Path.Combine(pki, "int.cer"), Path.Combine(www, "int.cer"));
            string conf = Path.Combine(lab.RunDir, "lighttpd.conf");
            File.WriteAllText(conf,
                $"server.document-root = \"{www}\"\nserver.bind = \"{LabNetwork.ServerAddress}\"\nserver.port = 8080\n" +
                $"mimetype.assign = ( \".cer\" => \"application/pkix-cert\" )\nserver.errorlog = \"{lab.RunDir}/lighttpd-error.log\"\n");
            lab.Start(lab.NetNs, $"lighttpd -D -f {conf}");
            lab.Start(lab.NetNs, $"openssl s_server -accept {LabNetwork.ServerAddress}:8445 -cert {pki}/server-aia.crt -key {pki}/server-aia.key -quiet");
            Assert.IsTrue(LabNetwork.WaitFor(() =>
            {
                string ss = lab.Run(lab.NetNs, "ss -ltn", 2000).output;
                return ss.Contains(":8080") && ss.Contains(":8445");
            }, 8000), "lighttpd or s_server did not start");

            string probe = $"dotnet {LabPeers.Phoneagent} tls probe {LabNetwork.ServerAddress}:8445 --sni web.lab.test --roots {pki}/root.crt";
            var (exit1, out1) = lab.Run(lab.PhoneNs, probe, 60_000);
            Assert.AreEqual(1, exit1, out1);
            StringAssert.Contains(out1, "NOT VALID (missing-issuer)");
            StringAssert.Contains(out1, "its AIA caIssuers URL http://10.77.0.1:8080/int.cer could supply the missing certificate");

            var (exit2, out2) = lab.Run(lab.PhoneNs, probe + " --aia", 60_000);
            Assert.AreEqual(0, exit2, out2);
            StringAssert.Contains(out2, "AIA: fetched \"CN=Lab Issuing CA\"");
            StringAssert.Contains(out2, "from http://10.77.0.1:8080/int.cer");
            StringAssert.Contains(out2, "the chain was completed by the AIA fetch; the server should still be fixed to send its intermediate");
            StringAssert.Contains(out2, "VALID: valid: 3 certificates, anchored at \"CN=Lab Root CA\"");
        }
    }
}
