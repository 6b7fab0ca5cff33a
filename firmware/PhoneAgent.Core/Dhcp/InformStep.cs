using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Provisioning;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Boot step after the address: DHCPINFORM for options 43 (MS-UC-Client) and 120,
    /// then the provisioning record with sources. Done when DHCP delivered the provisioning
    /// URL; Warning when a fallback was needed or nothing was found (with the diagnosis).</summary>
    public sealed class InformStep : BootStep
    {
        private readonly DhcpInformClient _client;
        private readonly IAddressSource _address;
        private readonly uint _server;
        private readonly string _vendorClass;
        private readonly string _stsOverride;
        private readonly string _sipOverride;
        private ProvisioningInfo _info;
        private uint _ciaddr;
        private int _malformed;

        public InformStep(DhcpInformClient client, IAddressSource address, uint server, string vendorClass,
            string stsOverride, string sipOverride)
        {
            if (client == null) throw new System.ArgumentNullException(nameof(client));
            if (address == null) throw new System.ArgumentNullException(nameof(address));
            _client = client;
            _address = address;
            _server = server;
            _vendorClass = vendorClass;
            _stsOverride = stsOverride;
            _sipOverride = sipOverride;
        }

        public override string Name { get { return "inform"; } }
        public DhcpInformClient Client { get { return _client; } }

        /// <summary>The result, once the step has finished; null before.</summary>
        public ProvisioningInfo Provisioning { get { return _info; } }
        public int MalformedCount { get { return _malformed; } }

        public override string DisplayLine
        {
            get
            {
                if (_info == null) return "INFORM " + DhcpInformClient.StateName(_client.State);
                if (Status == Done) return "Prov: DHCP 43 ok";
                return _info.HasStsUri ? "Prov: override" : "Prov: NONE";
            }
        }

        public override long NextDeadlineMs { get { return _client.NextDeadlineMs; } }

        public override void Start(long nowMs, Outbox outbox)
        {
            _ciaddr = _address.Address;
            if (_ciaddr == 0)
            {
                SetStatus(Failed, "no address to send DHCPINFORM from");
                return;
            }
            SetStatus(Running, "asking for options 43 and 120 with DHCPINFORM");
            _client.Start(_ciaddr, _server, nowMs, outbox);
        }

        public override void OnDatagram(int localPort, uint source, int sourcePort, byte[] data, int count, long nowMs, Outbox outbox)
        {
            if (localPort != DhcpClient.ClientPort || _client.State != DhcpInformClient.Informing) return;
            DhcpMessage m;
            string reason;
            if (!DhcpCodec.TryDecode(data, 0, count, out m, out reason))
            {
                _malformed++;
                return;
            }
            _client.OnMessage(m, source, nowMs, outbox);
            if (_client.State == DhcpInformClient.Acked) Finish(nowMs, outbox);
        }

        public override void OnDeadline(long nowMs, Outbox outbox)
        {
            _client.OnDeadline(nowMs, outbox);
            if (_client.State == DhcpInformClient.GaveUp) Finish(nowMs, outbox);
        }

        private void Finish(long nowMs, Outbox outbox)
        {
            _info = ProvisioningResolver.Resolve(_client, _ciaddr, _address.Lease, _vendorClass, _stsOverride, _sipOverride, nowMs);
            string summary = (_info.HasStsUri ? "provisioning URL " + _info.StsUri + " (from " + _info.StsUriSource + ")" : "no provisioning URL") +
                "; " + (_info.HasSipServers ? "SIP servers " + Join(_info.SipServers) + " (from " + _info.SipServersSource + ")" : "no SIP servers");
            bool fromInform = _client.State == DhcpInformClient.Acked && _info.StsUriSource.IndexOf("DHCPINFORM") >= 0;
            if (_info.Diagnosis.Length > 0) outbox.Note(DhcpInformClient.Source, Level.Warning, _info.Diagnosis);
            outbox.Note(DhcpInformClient.Source, fromInform ? Level.Info : Level.Warning, summary);
            SetStatus(fromInform ? Done : Warning, summary + (_info.Diagnosis.Length > 0 ? ". " + _info.Diagnosis : ""));
        }

        private static string Join(string[] a)
        {
            string s = "";
            for (int i = 0; i < a.Length; i++) s += (i > 0 ? ", " : "") + a[i];
            return s;
        }
    }
}
