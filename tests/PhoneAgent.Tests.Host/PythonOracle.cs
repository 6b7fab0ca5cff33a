using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host
{
    /// <summary>Runs a Python 3 script as an independent oracle (hashlib, OpenSSL through the
    /// cryptography package): JSON in on stdin, JSON out on stdout. Without python3 (or the
    /// module the script imports) the test is Inconclusive, never passed.</summary>
    internal static class PythonOracle
    {
        public static string Run(string script, string stdin)
        {
            var psi = new ProcessStartInfo("python3")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            Process p;
            try
            {
                p = Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Inconclusive("python3 is not installed: no independent oracle");
                throw;
            }
            using (p)
            {
                var errTask = p.StandardError.ReadToEndAsync();
                p.StandardInput.Write(stdin);
                p.StandardInput.Close();
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit(60_000);
                string err = errTask.Result;
                if (p.ExitCode == 3) Assert.Inconclusive("python3 lacks the oracle module: " + err.Trim());
                Assert.AreEqual(0, p.ExitCode, "oracle failed: " + err);
                return output;
            }
        }
    }
}
