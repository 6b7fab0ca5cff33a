using PhoneAgent.Core.Config;
using PhoneAgent.Core.Http;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Scep
{
    /// <summary>The scep.* configuration keys turned into ScepSettings: the URL and CA pin, the
    /// challenge (secret), the subject from a template such as "O=Example,CN=SEP{MAC}", the SANs,
    /// the renewal share and the polling times. Value checks for the parser live here too, so
    /// `phoneagent config check` reports the same problems the boot step would meet.</summary>
    public static class ScepConfig
    {
        public const int MaxSubjectAttributes = 8;

        /// <summary>Why a scep.* value is wrong (an error), or null.</summary>
        public static string ValueProblem(string key, string value)
        {
            if (key == ConfigKeys.ScepUrl)
            {
                if (value.Length == 0) return null;
                string why;
                if (!value.StartsWith("http://") && !value.StartsWith("https://")) return "is not an http:// URL";
                return HttpUrl.TryParse(value, out why) == null ? "is not a usable URL: " + why : null;
            }
            if (key == ConfigKeys.ScepCaFingerprint)
            {
                if (value.Length == 0) return null;
                try { ScepCaCertificates.CheckPinFormat(value); }
                catch (System.ArgumentException e) { return "is not a fingerprint: " + e.Message; }
                return null;
            }
            if (key == ConfigKeys.ScepSubject)
            {
                string problem;
                return Subject(value, new byte[6], "phone", out problem) == null ? "is not a subject template: " + problem : null;
            }
            if (key == ConfigKeys.ScepRenewShare)
                return RenewPercent(value) < 0 ? "is not a share between 0.01 and 0.99 (e.g. 0.2)" : null;
            int n;
            if ((key == ConfigKeys.ScepPollFirst || key == ConfigKeys.ScepPollMaxInterval || key == ConfigKeys.ScepPollLimit) &&
                AgentConfig.TryParseInt(value, out n) && (n < 1 || n > 7 * 86400))
                return "must be 1..604800 seconds";
            return null;
        }

        /// <summary>Problems between the scep.* keys, or null.</summary>
        public static string CrossProblem(AgentConfig c)
        {
            if (c.GetString(ConfigKeys.ScepUrl).Length == 0) return null;
            if (c.GetString(ConfigKeys.ScepCaFingerprint).Length == 0)
                return "'" + ConfigKeys.ScepUrl + "' is set without '" + ConfigKeys.ScepCaFingerprint + "': the phone enrolls only with a CA whose certificate it can check (RFC 8894 §2.2)";
            int first, cap, limit;
            if (AgentConfig.TryParseInt(c.GetString(ConfigKeys.ScepPollFirst), out first) &&
                AgentConfig.TryParseInt(c.GetString(ConfigKeys.ScepPollMaxInterval), out cap) &&
                AgentConfig.TryParseInt(c.GetString(ConfigKeys.ScepPollLimit), out limit) && (cap < first || limit < first))
                return "'" + ConfigKeys.ScepPollFirst + "' must not exceed '" + ConfigKeys.ScepPollMaxInterval + "' or '" + ConfigKeys.ScepPollLimit + "'";
            return null;
        }

        /// <summary>The settings for enrollment from the configuration (HasErrors false), or null with
        /// the reason when scep.url is empty or a value cannot be used.</summary>
        public static ScepSettings Settings(AgentConfig c, byte[] mac, out string problem)
        {
            string url = c.GetString(ConfigKeys.ScepUrl);
            if (url.Length == 0) { problem = "scep.url is not set"; return null; }
            string name = c.GetString(ConfigKeys.DeviceName);
            ScepSettings s = new ScepSettings();
            s.Url = url;
            s.CaFingerprint = c.GetString(ConfigKeys.ScepCaFingerprint);
            if (s.CaFingerprint.Length == 0) { problem = "scep.caFingerprint is not set"; return null; }
            string challenge = c.GetString(ConfigKeys.ScepChallenge);
            s.ChallengePassword = challenge.Length > 0 ? challenge : null;
            s.SubjectDer = Subject(c.GetString(ConfigKeys.ScepSubject), mac, name, out problem);
            if (s.SubjectDer == null) { problem = "scep.subject: " + problem; return null; }
            string dns = c.GetString(ConfigKeys.ScepSanDns);
            s.DnsNames = dns.Length > 0 ? new string[] { Expand(dns, mac, name) } : new string[0];
            s.Uris = c.GetBool(ConfigKeys.ScepSanMacUrn) ? new string[] { X509Encoding.MacUrn(mac) } : new string[0];
            int v;
            if (AgentConfig.TryParseInt(c.GetString(ConfigKeys.ScepPollFirst), out v)) s.PollFirstSec = v;
            if (AgentConfig.TryParseInt(c.GetString(ConfigKeys.ScepPollMaxInterval), out v)) s.PollMaxIntervalSec = v;
            if (AgentConfig.TryParseInt(c.GetString(ConfigKeys.ScepPollLimit), out v)) s.PollMaxTotalSec = v;
            if (s.SelfSignedValidDays * 86400L < s.PollMaxTotalSec) s.SelfSignedValidDays = (int)(s.PollMaxTotalSec / 86400L) + 1;
            problem = null;
            return s;
        }

        /// <summary>scep.renewShare as a percentage (0.2 → 20), -1 when it is not 0.01..0.99 with at
        /// most two decimals.</summary>
        public static int RenewPercent(string share)
        {
            if (share == null || share.Length < 3 || share.Length > 4 || share[0] != '0' || share[1] != '.') return -1;
            int v = 0;
            for (int i = 2; i < 4; i++)
            {
                int d = 0;
                if (i < share.Length)
                {
                    char ch = share[i];
                    if (ch < '0' || ch > '9') return -1;
                    d = ch - '0';
                }
                v = v * 10 + d;
            }
            return v >= 1 && v <= 99 ? v : -1;
        }

        /// <summary>The DER subject from a template: "ATTR=value" separated by commas, in order
        /// (the first is the outermost RDN), attributes CN, O, OU, C, L, ST, serialNumber, DC;
        /// {MAC} (upper-case hex), {mac} (lower-case hex) and {name} (device.name) replaced. No
        /// escapes: a value cannot contain a comma. Null with the problem.</summary>
        public static byte[] Subject(string template, byte[] mac, string deviceName, out string problem)
        {
            problem = null;
            if (template == null || template.Trim().Length == 0) { problem = "empty"; return null; }
            X509NameBuilder b = new X509NameBuilder();
            int count = 0, start = 0;
            while (start <= template.Length)
            {
                int comma = template.IndexOf(',', start);
                int end = comma < 0 ? template.Length : comma;
                string part = template.Substring(start, end - start).Trim();
                int eq = part.IndexOf('=');
                if (eq <= 0 || eq == part.Length - 1) { problem = "'" + part + "' is not ATTR=value"; return null; }
                string oid = AttributeOid(part.Substring(0, eq).Trim());
                if (oid == null) { problem = "'" + part.Substring(0, eq).Trim() + "' is not one of CN, O, OU, C, L, ST, serialNumber, DC"; return null; }
                string value = Expand(part.Substring(eq + 1).Trim(), mac, deviceName);
                if (value.Length == 0 || value.Length > 64) { problem = "the value of '" + part + "' must be 1..64 characters"; return null; }
                if (oid == X509NameBuilder.OidCountryName && value.Length != 2) { problem = "C must be a two-letter country code"; return null; }
                if (++count > MaxSubjectAttributes) { problem = "more than " + MaxSubjectAttributes.ToString() + " attributes"; return null; }
                try { b.Add(oid, value); }
                catch (System.ArgumentException e) { problem = "'" + part + "': " + e.Message; return null; }
                if (comma < 0) break;
                start = comma + 1;
            }
            try { return b.ToDer(); }
            catch (System.ArgumentException e) { problem = e.Message; return null; }
        }

        /// <summary>Replaces {MAC}, {mac} and {name}.</summary>
        public static string Expand(string text, byte[] mac, string deviceName)
        {
            string lower = Util.Hex.Bytes(mac);
            System.Text.StringBuilder upper = new System.Text.StringBuilder(lower.Length);
            for (int i = 0; i < lower.Length; i++) upper.Append(lower[i] >= 'a' && lower[i] <= 'f' ? (char)(lower[i] - 32) : lower[i]);
            string r = ReplaceAll(text, "{MAC}", upper.ToString());
            r = ReplaceAll(r, "{mac}", lower);
            return ReplaceAll(r, "{name}", deviceName ?? "");
        }

        private static string AttributeOid(string attr)
        {
            string a = Util.Ascii.Lower(attr);
            if (a == "cn") return X509NameBuilder.OidCommonName;
            if (a == "o") return X509NameBuilder.OidOrganization;
            if (a == "ou") return X509NameBuilder.OidOrganizationalUnit;
            if (a == "c") return X509NameBuilder.OidCountryName;
            if (a == "l") return X509NameBuilder.OidLocality;
            if (a == "st") return X509NameBuilder.OidStateOrProvince;
            if (a == "serialnumber") return X509NameBuilder.OidSerialNumber;
            if (a == "dc") return X509NameBuilder.OidDomainComponent;
            return null;
        }

        // String.Replace is not in the nanoFramework subset the core keeps to.
        private static string ReplaceAll(string s, string what, string with)
        {
            int at = s.IndexOf(what);
            if (at < 0) return s;
            System.Text.StringBuilder sb = new System.Text.StringBuilder(s.Length + with.Length);
            int from = 0;
            for (int guard = 0; at >= 0 && guard < s.Length; guard++)
            {
                sb.Append(s.Substring(from, at - from)).Append(with);
                from = at + what.Length;
                at = s.IndexOf(what, from);
            }
            sb.Append(s.Substring(from));
            return sb.ToString();
        }
    }
}
