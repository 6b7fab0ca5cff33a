using System;
using System.IO;

namespace PhoneAgent.Tests.Host
{
    internal static class RepoPaths
    {
        /// <summary>The repository root: the nearest parent of the test binaries holding PhoneAgent.sln.</summary>
        public static string Root
        {
            get
            {
                var d = new DirectoryInfo(AppContext.BaseDirectory);
                while (d != null && !File.Exists(Path.Combine(d.FullName, "PhoneAgent.sln"))) d = d.Parent;
                return d?.FullName ?? throw new InvalidOperationException("PhoneAgent.sln not found above " + AppContext.BaseDirectory);
            }
        }

        public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
    }
}
