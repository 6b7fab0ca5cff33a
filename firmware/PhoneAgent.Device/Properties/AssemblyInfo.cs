using System.Reflection;

[assembly: AssemblyTitle("PhoneAgent.Device")]
[assembly: AssemblyDescription("PhoneAgent: IP-phone endpoint agent for ESP32 with wired Ethernet")]
[assembly: AssemblyProduct("PhoneAgent")]
[assembly: AssemblyVersion("0.1.0.0")]
