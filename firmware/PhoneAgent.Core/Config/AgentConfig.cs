using System.Collections;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Core.Config
{
    /// <summary>The agent's configuration: flat dotted keys, one "key = value" per line,
    /// '#' comments. The same parser runs on the device (file in flash) and the host.
    /// Unknown keys, bad values and repeated keys are reported, never silently ignored.</summary>
    public sealed class AgentConfig
    {
        public const int MaxTextLength = 16384;
        public const int MaxLineLength = 1024;

        private readonly Hashtable _values = new Hashtable();
        private readonly ArrayList _problems = new ArrayList();

        public int ProblemCount { get { return _problems.Count; } }
        public ConfigProblem ProblemAt(int i) { return (ConfigProblem)_problems[i]; }

        public bool HasErrors
        {
            get
            {
                for (int i = 0; i < _problems.Count; i++) if (((ConfigProblem)_problems[i]).IsError) return true;
                return false;
            }
        }

        /// <summary>Defaults only.</summary>
        public static AgentConfig Defaults()
        {
            return new AgentConfig();
        }

        /// <summary>Parses text; never throws on content. Check HasErrors before use.</summary>
        public static AgentConfig Parse(string text)
        {
            AgentConfig c = new AgentConfig();
            if (text == null) return c;
            if (text.Length > MaxTextLength)
            {
                c._problems.Add(new ConfigProblem(0, true, "configuration longer than " + MaxTextLength.ToString() + " characters"));
                return c;
            }
            int lineNo = 0, start = 0;
            while (start <= text.Length)
            {
                int nl = text.IndexOf('\n', start);
                int end = nl < 0 ? text.Length : nl;
                lineNo++;
                c.ParseLine(text.Substring(start, end - start), lineNo);
                if (nl < 0) break;
                start = nl + 1;
            }
            string cross = ConfigKeys.CrossProblem(c);
            if (cross != null) c._problems.Add(new ConfigProblem(0, true, cross));
            return c;
        }

        private void ParseLine(string raw, int lineNo)
        {
            if (raw.Length > MaxLineLength)
            {
                _problems.Add(new ConfigProblem(lineNo, true, "line longer than " + MaxLineLength.ToString() + " characters"));
                return;
            }
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') return;
            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                _problems.Add(new ConfigProblem(lineNo, true, "expected 'key = value'"));
                return;
            }
            string key = line.Substring(0, eq).Trim();
            string value = line.Substring(eq + 1).Trim();
            if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"') value = value.Substring(1, value.Length - 2);
            ConfigKey def = ConfigKeys.Find(key);
            if (def == null)
            {
                _problems.Add(new ConfigProblem(lineNo, true, "unknown key '" + Printable(key) + "'"));
                return;
            }
            if (_values.Contains(key))
            {
                _problems.Add(new ConfigProblem(lineNo, true, "'" + key + "' is set twice"));
                return;
            }
            string why = Check(def, value);
            if (why == null) why = ConfigKeys.ValueProblem(key, value);
            if (why != null)
            {
                // Secret values are never echoed, even when malformed.
                _problems.Add(new ConfigProblem(lineNo, true, "'" + key + "' " + (def.Secret ? "" : "= '" + Printable(value) + "' ") + why));
                return;
            }
            if (def.Reserved)
                _problems.Add(new ConfigProblem(lineNo, false, "'" + key + "' is accepted but not used by this build yet (" + def.Help + ")"));
            string notYet = ConfigKeys.NotYet(key, value);
            if (notYet != null) _problems.Add(new ConfigProblem(lineNo, false, notYet));
            _values[key] = value;
        }

        /// <summary>Why the value does not fit the key's kind, or null when it does.</summary>
        public static string Check(ConfigKey def, string value)
        {
            uint ip;
            switch (def.Kind)
            {
                case ConfigKey.KindBool:
                    return ParseBool(value) < 0 ? "is not true or false" : null;
                case ConfigKey.KindInt:
                    int n;
                    return TryParseInt(value, out n) ? null : "is not an integer";
                case ConfigKey.KindIp:
                    return value.Length == 0 || Ip4.TryParse(value, out ip) ? null : "is not an IPv4 address";
                case ConfigKey.KindCidr:
                    uint mask;
                    return value.Length == 0 || TryParseCidr(value, out ip, out mask) ? null : "is not an address/prefix such as 10.77.0.2/24";
                case ConfigKey.KindMac:
                    return value.Length == 0 || Mac.TryParse(value) != null ? null : "is not a MAC address";
                default:
                    return null;
            }
        }

        public bool IsSet(string key) { return _values.Contains(key); }

        public string GetString(string key)
        {
            if (_values.Contains(key)) return (string)_values[key];
            ConfigKey def = ConfigKeys.Find(key);
            if (def == null) throw new System.ArgumentException("unknown key " + key);
            return def.Default;
        }

        public bool GetBool(string key) { return ParseBool(GetString(key)) == 1; }

        /// <summary>The address part of an IPv4 key (0 when empty).</summary>
        public uint GetIp(string key)
        {
            uint ip, mask;
            string v = GetString(key);
            if (Ip4.TryParse(v, out ip)) return ip;
            return TryParseCidr(v, out ip, out mask) ? ip : 0;
        }

        public uint GetNetmask(string key)
        {
            uint ip, mask;
            return TryParseCidr(GetString(key), out ip, out mask) ? mask : 0;
        }

        /// <summary>The value for display: secrets shown as "(set)" or "(empty)".</summary>
        public string Describe(string key)
        {
            ConfigKey def = ConfigKeys.Find(key);
            string v = GetString(key);
            if (def != null && def.Secret) return v.Length > 0 ? "(set)" : "(empty)";
            return v;
        }

        /// <summary>1 true, 0 false, -1 neither.</summary>
        public static int ParseBool(string v)
        {
            string s = v.ToLower();
            if (s == "true" || s == "yes" || s == "on" || s == "1") return 1;
            if (s == "false" || s == "no" || s == "off" || s == "0") return 0;
            return -1;
        }

        public static bool TryParseInt(string s, out int value)
        {
            value = 0;
            if (s == null || s.Length == 0 || s.Length > 10) return false;
            int i = 0;
            bool neg = false;
            if (s[0] == '-') { neg = true; i = 1; if (s.Length == 1) return false; }
            long v = 0;
            for (; i < s.Length; i++)
            {
                char ch = s[i];
                if (ch < '0' || ch > '9') return false;
                v = v * 10 + (ch - '0');
            }
            if (neg) v = -v;
            if (v > int.MaxValue || v < int.MinValue) return false;
            value = (int)v;
            return true;
        }

        public static bool TryParseCidr(string s, out uint address, out uint netmask)
        {
            address = 0;
            netmask = 0;
            int slash = s.IndexOf('/');
            if (slash < 0) return false;
            int prefix;
            if (!Ip4.TryParse(s.Substring(0, slash), out address)) return false;
            if (!TryParseInt(s.Substring(slash + 1), out prefix) || prefix < 1 || prefix > 32) return false;
            netmask = 0xFFFFFFFFu << (32 - prefix);
            return true;
        }

        private static string Printable(string s)
        {
            byte[] b = Util.Ascii.GetBytes(s);
            return Util.Ascii.Printable(b, 0, b.Length);
        }
    }
}
