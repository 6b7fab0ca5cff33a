namespace PhoneAgent.Core.Ports
{
    public interface ILeds
    {
        void Set(int led, int state);
    }

    /// <summary>LED ids and states as integers: enums print as numbers on nanoFramework.</summary>
    public static class Led
    {
        public const int Network = 0;
        public const int Registered = 1;
        public const int Fault = 2;
        public const int Count = 3;

        public const int Off = 0;
        public const int On = 1;
        public const int Blink = 2;

        public static string Name(int led)
        {
            switch (led)
            {
                case Network: return "network";
                case Registered: return "registered";
                case Fault: return "fault";
                default: return "led" + led.ToString();
            }
        }

        public static string StateName(int state)
        {
            switch (state)
            {
                case Off: return "off";
                case On: return "on";
                case Blink: return "blink";
                default: return "state" + state.ToString();
            }
        }
    }
}
