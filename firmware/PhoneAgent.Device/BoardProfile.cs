namespace PhoneAgent.Device
{
    /// <summary>Pins of the peripherals on the supported boards (see hardware/boards/). The
    /// Ethernet PHY itself is configured by the nanoFramework firmware image of each target.
    /// Select the board with a define in the .nfproj: BOARD_WT32_ETH01 (default) or
    /// BOARD_OLIMEX_ESP32_POE.</summary>
    public sealed class BoardProfile
    {
        public string Name;
        public int I2cBus;
        public int I2cSda;
        public int I2cScl;
        public int DisplayAddress;
        public int[] LedPins;        // network, registered, fault; -1 when not fitted
        public int[] KeypadRows;
        public int[] KeypadColumns;

        public static BoardProfile Current
        {
            get
            {
                BoardProfile b = new BoardProfile();
#if BOARD_OLIMEX_ESP32_POE
                // Olimex ESP32-POE: UEXT connector I2C on GPIO13 (SDA) / GPIO16 (SCL).
                b.Name = "Olimex ESP32-POE";
                b.I2cBus = 1;
                b.I2cSda = 13;
                b.I2cScl = 16;
                b.DisplayAddress = 0x3C;
                b.LedPins = new int[] { 33, 32, 15 };
                b.KeypadRows = new int[] { 4, 14, 2, 5 };        // driven by KeyMatrix
                b.KeypadColumns = new int[] { 34, 35, 36, 39 };  // read; input-only, external pull-downs
#else
                // WT32-ETH01: the LAN8720 uses GPIO 0, 18, 19, 21, 22, 23, 25, 26, 27; free pins
                // on the headers are 2, 4, 12, 14, 15, 32, 33, 35, 36, 39.
                b.Name = "WT32-ETH01";
                b.I2cBus = 1;
                b.I2cSda = 14;
                b.I2cScl = 15;
                b.DisplayAddress = 0x3C;
                b.LedPins = new int[] { 2, 4, 12 };
                b.KeypadRows = new int[0];   // no pins left for a 4x4 matrix beside the display
                b.KeypadColumns = new int[0];
#endif
                return b;
            }
        }
    }
}
