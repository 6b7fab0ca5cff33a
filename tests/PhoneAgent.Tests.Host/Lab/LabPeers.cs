using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>Real DHCP servers for the lab tests, configured as in ../shared/lab/1-dhcp
    /// (dnsmasq 2.90 and kea-dhcp4 2.2.0 seen to work there): a pool 10.77.0.100-150,
    /// option 120 "sip.lab.test" and option 43 MS-UC-Client sub-options 1..5 for clients
    /// whose option 60 says MS-UC-Client.</summary>
    public static class LabPeers
    {
        public const string StsUrl = "https://web.lab.test:443/CertProv/CertProvisioningService.svc";

        public static string Phoneagent => Path.Combine(System.AppContext.BaseDirectory, "phoneagent.dll");

        public static void StartDnsmasq(LabNetwork lab) => StartDnsmasq(lab, "");

        /// <summary>dnsmasq with extra configuration lines (e.g. "dhcp-option=option:ntp-server,10.77.0.1\n");
        /// dns: also its DNS server on 10.77.0.1:53 (authoritative for what extra declares, nothing
        /// forwarded), announced in option 6.</summary>
        public static void StartDnsmasq(LabNetwork lab, string extra, bool dns = false)
        {
            string conf = Path.Combine(lab.RunDir, "dnsmasq.conf");
            File.WriteAllText(conf,
                (dns ? "port=53\nno-resolv\nno-hosts\n" : "port=0\n") +
                $"interface={lab.NetIf}\nbind-interfaces\nexcept-interface=lo\n" +
                "dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h\n" +
                "dhcp-authoritative\n" +
                $"dhcp-leasefile={lab.RunDir}/dnsmasq.leases\n" +
                $"pid-file={lab.RunDir}/dnsmasq.pid\n" +
                "dhcp-option=option:router\n" + (dns ? "dhcp-option=option:dns-server,10.77.0.1\n" : "dhcp-option=option:dns-server\n") +
                "dhcp-option=option:sip-server,sip.lab.test\n" +
                "dhcp-option=vendor:MS-UC-Client,1,\"MS-UC-Client\"\n" +
                "dhcp-option=vendor:MS-UC-Client,2,\"https\"\n" +
                "dhcp-option=vendor:MS-UC-Client,3,\"web.lab.test\"\n" +
                "dhcp-option=vendor:MS-UC-Client,4,\"443\"\n" +
                "dhcp-option=vendor:MS-UC-Client,5,\"/CertProv/CertProvisioningService.svc\"\n" +
                "log-dhcp\n" + extra);
            lab.Start(lab.NetNs, $"dnsmasq --keep-in-foreground --conf-file={conf} --log-facility={lab.RunDir}/dnsmasq.log");
            Assert.IsTrue(LabNetwork.WaitFor(() => File.Exists(Path.Combine(lab.RunDir, "dnsmasq.pid")), 5000), "dnsmasq did not start");
        }

        /// <summary>chrony 4.3 serving its local clock at stratum 8 on 10.77.0.1:123. -x: it never
        /// touches the system clock (time is not namespaced).</summary>
        public static void StartChrony(LabNetwork lab)
        {
            string conf = Path.Combine(lab.RunDir, "chrony.conf");
            File.WriteAllText(conf,
                "local stratum 8\n" +
                "allow 10.77.0.0/24\n" +
                $"bindaddress {LabNetwork.ServerAddress}\n" +
                "port 123\ncmdport 0\n" +
                $"pidfile {lab.RunDir}/chronyd.pid\n" +
                $"driftfile {lab.RunDir}/chrony.drift\n");
            var p = lab.Start(lab.NetNs, $"chronyd -x -d -f {conf}");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited || lab.Run(lab.NetNs, "ss -lun", 2000).output.Contains(":123 "), 5000) && !p.HasExited,
                "chronyd did not start");
        }

        public static void StartKea(LabNetwork lab)
        {
            string dir = Path.Combine(lab.RunDir, "kea");
            Directory.CreateDirectory(dir);
            string conf = Path.Combine(dir, "kea-dhcp4.json");
            File.WriteAllText(conf, KeaConfig.Replace("IFACE", lab.NetIf));
            var p = lab.Start(lab.NetNs, $"env KEA_PIDFILE_DIR={dir} KEA_LOCKFILE_DIR={dir} kea-dhcp4 -c {conf}");
            // kea logs "DHCP4_STARTED" once its sockets are open.
            Assert.IsTrue(LabNetwork.WaitFor(() => Directory.GetFiles(dir, "*.pid").Length > 0 || p.HasExited, 10000) && !p.HasExited, "kea-dhcp4 did not start");
            System.Threading.Thread.Sleep(500);
        }

        private const string KeaConfig = @"{
  ""Dhcp4"": {
    ""interfaces-config"": { ""interfaces"": [ ""IFACE"" ], ""dhcp-socket-type"": ""raw"" },
    ""lease-database"": { ""type"": ""memfile"", ""persist"": false },
    ""valid-lifetime"": 3600,
    ""authoritative"": true,
    ""option-def"": [
      { ""space"": ""ms-uc"", ""name"": ""uc-identifier"",  ""code"": 1, ""type"": ""string"" },
      { ""space"": ""ms-uc"", ""name"": ""url-scheme"",     ""code"": 2, ""type"": ""string"" },
      { ""space"": ""ms-uc"", ""name"": ""web-server-fqdn"",""code"": 3, ""type"": ""string"" },
      { ""space"": ""ms-uc"", ""name"": ""web-server-port"",""code"": 4, ""type"": ""string"" },
      { ""space"": ""ms-uc"", ""name"": ""cert-prov-path"", ""code"": 5, ""type"": ""string"" }
    ],
    ""client-classes"": [
      {
        ""name"": ""MS-UC-Client"",
        ""test"": ""substring(option[60].hex,0,12) == 'MS-UC-Client'"",
        ""option-def"": [ { ""name"": ""vendor-encapsulated-options"", ""code"": 43, ""type"": ""empty"", ""encapsulate"": ""ms-uc"" } ],
        ""option-data"": [
          { ""name"": ""vendor-encapsulated-options"" },
          { ""space"": ""ms-uc"", ""name"": ""uc-identifier"",   ""data"": ""MS-UC-Client"" },
          { ""space"": ""ms-uc"", ""name"": ""url-scheme"",      ""data"": ""https"" },
          { ""space"": ""ms-uc"", ""name"": ""web-server-fqdn"", ""data"": ""web.lab.test"" },
          { ""space"": ""ms-uc"", ""name"": ""web-server-port"", ""data"": ""443"" },
          { ""space"": ""ms-uc"", ""name"": ""cert-prov-path"",  ""data"": ""/CertProv/CertProvisioningService.svc"" }
        ]
      }
    ],
    ""subnet4"": [
      {
        ""id"": 1,
        ""subnet"": ""10.77.0.0/24"",
        ""interface"": ""IFACE"",
        ""pools"": [ { ""pool"": ""10.77.0.100 - 10.77.0.150"" } ],
        ""option-data"": [
          { ""code"": 120, ""name"": ""sip-server"", ""csv-format"": false, ""data"": ""00 03 73 69 70 03 6c 61 62 04 74 65 73 74 00"", ""always-send"": true }
        ]
      }
    ],
    ""loggers"": [ { ""name"": ""kea-dhcp4"", ""output_options"": [ { ""output"": ""stdout"" } ], ""severity"": ""INFO"" } ]
  }
}";
    }
}
