#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Provisioning;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Dhcp
{
    /// <summary>Which provisioning URL and SIP servers the phone uses, from where, and what it
    /// says when DHCP falls short.</summary>
    [TestClass]
    public class ProvisioningResolverTests
    {
        private static readonly byte[] Mac = new byte[] { 0xd6, 0xd5, 0xc5, 0xdd, 0x45, 0x24 }; // chaddr of the dnsmasq capture
        private const uint Phone = 0x0a4d0077;
        private const string Url = "https://web.lab.test:443/CertProv/CertProvisioningService.svc";

        private static DhcpLease Lease(uint relay)
        {
            DhcpLease l = new DhcpLease();
            l.Address = Phone;
            l.Server = 0x0a4d0001;
            l.RelayAddress = relay;
            l.LeaseSeconds = 3600;
            return l;
        }

        private static DhcpInformClient GaveUp()
        {
            Outbox o = new Outbox();
            DhcpInformClient c = new DhcpInformClient(Mac, new SeededRandom(5), "MS-UC-Client");
            c.Start(Phone, 0, 0, o);
            while (c.State == DhcpInformClient.Informing) c.OnDeadline(c.NextDeadlineMs, o);
            return c;
        }

        private static DhcpInformClient AckedWith(string ackHex, bool keep43, bool keep120)
        {
            Outbox o = new Outbox();
            DhcpInformClient c = new DhcpInformClient(Mac, new SeededRandom(5), "MS-UC-Client");
            c.Start(Phone, 0, 0, o);
            byte[] b = Hex.TryParse(ackHex);
            DhcpMessage m;
            string reason;
            DhcpCodec.TryDecode(b, 0, b.Length, out m, out reason);
            DhcpMessage copy = new DhcpMessage();
            copy.Op = m.Op;
            copy.Xid = c.Xid;
            System.Array.Copy(Mac, copy.ChAddr, 6);
            for (int i = 0; i < m.OptionCount; i++)
            {
                int code = m.OptionCodeAt(i);
                if ((code == DhcpOption.VendorSpecific && !keep43) || (code == DhcpOption.SipServers && !keep120)) continue;
                copy.Set(code, m.OptionValueAt(i));
            }
            c.OnMessage(copy, 0x0a4d0001, 40, o);
            Assert.AreEqual(DhcpInformClient.Acked, c.State);
            return c;
        }

        [TestMethod]
        public void InformAckGivesUrlAndSipServersWithTheirSource()
        {
            ProvisioningInfo p = ProvisioningResolver.Resolve(AckedWith(DhcpVectors.DnsmasqInformAck, true, true), Phone, Lease(0), "MS-UC-Client", "", "", 100);
            Assert.AreEqual(Url, p.StsUri);
            Expect.Contains(p.StsUriSource, "DHCPINFORM from 10.77.0.1", "source");
            Assert.AreEqual("sip.lab.test", p.SipServers[0]);
            Expect.Contains(p.SipServersSource, "option 120", "sip source");
            Assert.AreEqual("", p.Diagnosis);
        }

        [TestMethod]
        public void NoAckBlamesTheUnicastPathAndUsesTheOverride()
        {
            ProvisioningInfo p = ProvisioningResolver.Resolve(GaveUp(), Phone, Lease(0x0a4e0001), "MS-UC-Client",
                "https://override.lab.test/CertProv/CertProvisioningService.svc", "sip:pool.lab.test", 61000);
            Expect.Contains(p.Diagnosis, "no DHCPACK to DHCPINFORM after 4 sends", "diagnosis");
            Expect.Contains(p.Diagnosis, "server 10.77.0.1 (through relay 10.78.0.1) granted this phone's lease on 10.77.0.119", "which server and relay");
            Expect.Contains(p.Diagnosis, "unicast from 10.77.0.1 UDP 67 to 10.77.0.119 UDP 68, not back through the relay", "the path");
            Expect.Contains(p.Diagnosis, "firewall", "the usual cause");
            Expect.Contains(p.Diagnosis, "using the configured dhcp.option43.override.stsUri", "fallback named");
            Assert.AreEqual("https://override.lab.test/CertProv/CertProvisioningService.svc", p.StsUri);
            Assert.AreEqual("configuration key dhcp.option43.override.stsUri", p.StsUriSource);
            Assert.AreEqual("sip:pool.lab.test", p.SipServers[0]);
            Assert.AreEqual("configuration key sip.registrar", p.SipServersSource);
        }

        [TestMethod]
        public void NoAckAndNoOverrideSaysThereIsNoPinSignIn()
        {
            ProvisioningInfo p = ProvisioningResolver.Resolve(GaveUp(), Phone, Lease(0), "MS-UC-Client", "", "", 61000);
            Assert.IsFalse(p.HasStsUri);
            Expect.Contains(p.Diagnosis, "no PIN sign-in", "consequence");
            Expect.NotContains(p.Diagnosis, "relay", "no relay was involved");
        }

        [TestMethod]
        public void LeaseAckOptionsAreTheSecondSource()
        {
            DhcpLease l = Lease(0);
            byte[] ack = Hex.TryParse(DhcpVectors.Ack);
            DhcpMessage m;
            string reason;
            DhcpCodec.TryDecode(ack, 0, ack.Length, out m, out reason);
            l.VendorSpecific = m.Get(DhcpOption.VendorSpecific);
            l.SipServers = m.Get(DhcpOption.SipServers);
            ProvisioningInfo p = ProvisioningResolver.Resolve(GaveUp(), Phone, l, "MS-UC-Client", "https://unused", "", 61000);
            Assert.AreEqual(Url, p.StsUri);
            Expect.Contains(p.StsUriSource, "lease DHCPACK", "source");
            Expect.Contains(p.Diagnosis, "from the lease ACK is used instead", "still tells the INFORM failed");
            Assert.AreEqual("sip.lab.test", p.SipServers[0]);
        }

        [TestMethod]
        public void AckWithout43NamesTheVendorClass()
        {
            ProvisioningInfo p = ProvisioningResolver.Resolve(AckedWith(DhcpVectors.KeaInformAck, false, true), Phone, null, "MS-UC-Client", "", "", 100);
            Expect.Contains(p.Diagnosis, "without option 43", "diagnosis");
            Expect.Contains(p.Diagnosis, "\"MS-UC-Client\"", "vendor class");
            Assert.AreEqual("sip.lab.test", p.SipServers[0]);
        }

        [TestMethod]
        public void StaticAddressWithoutLeaseGetsTheGeneralDiagnosis()
        {
            ProvisioningInfo p = ProvisioningResolver.Resolve(GaveUp(), Phone, null, "MS-UC-Client", "", "", 61000);
            Expect.Contains(p.Diagnosis, "sent to 255.255.255.255 from 10.77.0.119", "what was sent");
            Expect.Contains(p.Diagnosis, "UDP 68", "the path");
        }
    }
}
