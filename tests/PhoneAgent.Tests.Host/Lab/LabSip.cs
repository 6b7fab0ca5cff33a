using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The lab SIP registrar: kamailio 5.6.3 with tools/lab/sip/kamailio-registrar.cfg
    /// in the lab's server namespace (10.77.0.1: UDP/TCP 5060, TLS 5061, users 1001/secret1001
    /// and 1002/secret1002, min_expires 60). The phone namespace gets 10.77.0.2.</summary>
    public static class LabSip
    {
        public const string PhoneAddress = "10.77.0.2";

        public static string Pki => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki"));

        public static void AddPhoneAddress(LabNetwork lab)
        {
            var (exit, output) = lab.Run(lab.PhoneNs, $"ip addr add {PhoneAddress}/24 dev {lab.PhoneIf}", 5000);
            Assert.AreEqual(0, exit, output);
        }

        /// <summary>Starts kamailio; sha256 and qop select the challenge (-A WITH_SHA256, -A WITH_QOP);
        /// logMessages writes every request into the log between "LAB message from ADDR:PORT" and
        /// "LAB end of message" (-A WITH_MSGLOG).</summary>
        /// <param name="clientCa">when set, the registrar requires a TLS client certificate issued by
        /// this CA (PEM file; tools/lab/sip/tls-client-verify.cfg) and logs it (-A WITH_TLSPEER)</param>
        public static System.Diagnostics.Process StartKamailio(LabNetwork lab, bool sha256 = false, bool qop = false, bool logMessages = false, string clientCa = null)
        {
            if (!File.Exists(Path.Combine(Pki, "server-chain.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
            string src = Path.Combine(RepoPaths.Root, "tools", "lab", "sip");
            string tls = Path.Combine(lab.RunDir, "tls.cfg");
            File.WriteAllText(tls, File.ReadAllText(Path.Combine(src, clientCa == null ? "tls.cfg" : "tls-client-verify.cfg"))
                .Replace("@PKI@", Pki).Replace("@CLIENTCA@", clientCa ?? ""));
            string cfg = Path.Combine(lab.RunDir, "kamailio.cfg");
            File.WriteAllText(cfg, File.ReadAllText(Path.Combine(src, "kamailio-registrar.cfg"))
                .Replace("@ADDR@", LabNetwork.ServerAddress).Replace("@TLSCFG@", tls));
            string pid = Path.Combine(lab.RunDir, "kamailio.pid");
            File.Delete(pid);
            string defines = (sha256 ? " -A WITH_SHA256" : "") + (qop ? " -A WITH_QOP" : "") + (logMessages ? " -A WITH_MSGLOG" : "") + (clientCa != null ? " -A WITH_TLSPEER" : "");
            var p = lab.Start(lab.NetNs, $"sh -c \"exec kamailio -f {cfg} -DD -E -w {lab.RunDir} -P {pid}{defines} > {lab.RunDir}/kamailio.log 2>&1\"");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited ||
                lab.Run(lab.NetNs, "ss -ltn", 2000).output.Contains(":5061"), 10000) && !p.HasExited,
                "kamailio did not start: " + Log(lab));
            return p;
        }

        public static string Log(LabNetwork lab)
        {
            string f = Path.Combine(lab.RunDir, "kamailio.log");
            return File.Exists(f) ? File.ReadAllText(f) : "(no log)";
        }
    }
}
