using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Guard
{
    /// <summary>What compiles under the guard but misbehaves on nanoCLR: checked in the source.
    /// foreach over a string throws there, enum ToString() yields the number, and String.Format
    /// specifiers are not the BCL's.</summary>
    [TestClass]
    [TestCategory("Guard")]
    public class CoreConventionTests
    {
        private static readonly string[] Roots = { "firmware/PhoneAgent.Core", "tests/PhoneAgent.Core.Tests", "firmware/PhoneAgent.Device" };

        private static string[] Offending(Regex pattern) =>
            Roots.SelectMany(r => Directory.EnumerateFiles(RepoPaths.Combine(r), "*.cs", SearchOption.AllDirectories))
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
                .Where(x => !x.line.TrimStart().StartsWith("//", System.StringComparison.Ordinal) && pattern.IsMatch(x.line))
                .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
                .ToArray();

        [TestMethod]
        public void NoForeachInPortableCode() =>
            Assert.AreEqual(0, Offending(new Regex(@"\bforeach\s*\(")).Length, string.Join("\n", Offending(new Regex(@"\bforeach\s*\("))));

        [TestMethod]
        public void NoEnumsInPortableCode() =>
            Assert.AreEqual(0, Offending(new Regex(@"\benum\s+\w+")).Length, string.Join("\n", Offending(new Regex(@"\benum\s+\w+"))));

        [TestMethod]
        public void NoFormatSpecifiers() =>
            Assert.AreEqual(0, Offending(new Regex(@"ToString\(""|\{\d+:[^}]+\}|\{[A-Za-z_][\w.()]*:[A-Za-z]\w*\}")).Length,
                string.Join("\n", Offending(new Regex(@"ToString\(""|\{\d+:[^}]+\}|\{[A-Za-z_][\w.()]*:[A-Za-z]\w*\}"))));
    }
}
