using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Guard
{
    /// <summary>Shows that the nanoFramework guard really rejects what the device cannot run:
    /// each self-test file is compiled with the core against the reference surface, and must
    /// fail with the compiler error that names the missing API; the control file must pass.</summary>
    [TestClass]
    [TestCategory("Guard")]
    public class NanoGuardTests
    {
        private static (int exit, string output) BuildGuardWith(string selfTestFile)
        {
            string guard = RepoPaths.Combine("tools", "NanoGuard", "PhoneAgent.NanoGuard.csproj");
            string extra = RepoPaths.Combine("tools", "NanoGuard", "selftest", selfTestFile);
            string scratch = Path.Combine(Path.GetTempPath(), "phoneagent-guard-selftest", Path.GetFileNameWithoutExtension(selfTestFile));
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "build", guard, "-nologo", "-nodeReuse:false", "-v:q", "-p:GuardExtra=" + extra,
                         "-p:IntermediateOutputPath=" + Path.Combine(scratch, "obj") + "/", "-p:OutDir=" + Path.Combine(scratch, "bin") + "/" })
                psi.ArgumentList.Add(a);
            psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var p = Process.Start(psi)!;
            string stdout = p.StandardOutput.ReadToEnd();
            string stderr = p.StandardError.ReadToEnd();
            Assert.IsTrue(p.WaitForExit(300_000), "dotnet build did not finish");
            return (p.ExitCode, stdout + stderr);
        }

        [TestMethod]
        [DataRow("GenericList.cs.txt", "CS0234", "Generic")]
        [DataRow("Linq.cs.txt", "CS0234", "Linq")]
        [DataRow("Span.cs.txt", "CS0234", "Span")]
        [DataRow("Async.cs.txt", "CS0234", "Tasks")]
        [DataRow("Nullable.cs.txt", "CS0518", "System.Nullable`1")]
        public void GuardRejects(string file, string errorCode, string missing)
        {
            var (exit, output) = BuildGuardWith(file);
            Assert.AreNotEqual(0, exit, $"the guard accepted {file}:\n{output}");
            StringAssert.Contains(output, errorCode, $"expected {errorCode} for {file}:\n{output}");
            StringAssert.Contains(output, missing, $"the error should name {missing}:\n{output}");
            StringAssert.Contains(output, file, "the error must point at the offending file");
        }

        [TestMethod]
        public void GuardAcceptsTheSubsetTheCoreUses()
        {
            var (exit, output) = BuildGuardWith("Allowed.cs.txt");
            Assert.AreEqual(0, exit, output);
        }
    }
}
