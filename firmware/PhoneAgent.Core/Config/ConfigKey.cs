namespace PhoneAgent.Core.Config
{
    /// <summary>One known configuration key: its value kind, default, and whether it is a
    /// secret (never printed) or reserved for a capability this build does not have yet.</summary>
    public sealed class ConfigKey
    {
        public const int KindString = 0;
        public const int KindBool = 1;
        public const int KindInt = 2;
        public const int KindIp = 3;
        public const int KindCidr = 4;
        public const int KindMac = 5;

        public readonly string Name;
        public readonly int Kind;
        public readonly string Default;
        public readonly bool Secret;
        public readonly bool Reserved;
        public readonly string Help;

        public ConfigKey(string name, int kind, string defaultValue, bool secret, bool reserved, string help)
        {
            Name = name;
            Kind = kind;
            Default = defaultValue;
            Secret = secret;
            Reserved = reserved;
            Help = help;
        }

        public static string KindName(int kind)
        {
            switch (kind)
            {
                case KindString: return "text";
                case KindBool: return "true/false";
                case KindInt: return "integer";
                case KindIp: return "IPv4 address";
                case KindCidr: return "IPv4 address/prefix";
                case KindMac: return "MAC address";
                default: return "kind " + kind.ToString();
            }
        }
    }
}
