using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("PhoneAgent shared core tests on nanoFramework")]
[assembly: AssemblyProduct("PhoneAgent")]
[assembly: AssemblyVersion("0.1.0.0")]
