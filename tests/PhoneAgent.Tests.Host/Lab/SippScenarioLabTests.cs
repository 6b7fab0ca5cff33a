using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>`phoneagent sip register` (the phone, 10.77.0.2) against registrars that misbehave
    /// on purpose: sipp 3.6.1 plays the REGISTRAR with the UAS scenarios in tools/lab/sip/uas-*.xml
    /// on 10.77.0.1:5060/UDP and logs every message it receives and sends, with timestamps
    /// (-trace_msg). Each test asserts on the phone's output and on what sipp saw on the wire.
    /// The last test registers baresip 1.0.0 (the reference client) and the phone to the lab
    /// kamailio and prints both REGISTERs side by side.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class SippScenarioLabTests
    {
        private const string Server = LabNetwork.ServerAddress;

        /// <summary>RFC 3261 §10.3 step 7 / §21.4.17: 423 with Min-Expires: 1200 to a REGISTER
        /// asking 600 s; the phone asks again with Expires: 1200 (same Call-ID, next CSeq) and
        /// reports the expiry the 200 grants.</summary>
        [TestMethod]
        public void IntervalTooBriefIsRetriedWithMinExpires()
        {
            LabNetwork.Require("sipp");
            using var lab = new LabNetwork("s423");
            LabSip.AddPhoneAddress(lab);
            var sipp = StartSipp(lab, "uas-423.xml");
            var (exit, output) = lab.Run(lab.PhoneNs, Phone(lab, "secret1001", "--expires 600 --once --timeout 20"), 60_000);
            var log = FinishSipp(sipp, output);
            Assert.AreEqual(0, exit, output + Dump(log));

            var registers = Received(log, "REGISTER ");
            Assert.AreEqual(2, registers.Count, Dump(log));
            Assert.AreEqual("600", Header(registers[0].Message, "Expires"));
            Assert.AreEqual("1200", Header(registers[1].Message, "Expires"), "the second REGISTER asks for Min-Expires");
            Assert.AreEqual(Header(registers[0].Message, "Call-ID"), Header(registers[1].Message, "Call-ID"), "same registration, same Call-ID (RFC 3261 §10.2)");
            Assert.AreEqual("2 REGISTER", Header(registers[1].Message, "CSeq"));
            var sent = Sent(log);
            Assert.AreEqual(2, sent.Count, Dump(log));
            StringAssert.StartsWith(sent[0].Message, "SIP/2.0 423 Interval Too Brief");
            StringAssert.StartsWith(sent[1].Message, "SIP/2.0 200 OK");
            var granted = Regex.Match(Header(sent[1].Message, "Contact") ?? "", @";expires=(\d+)");
            Assert.IsTrue(granted.Success, sent[1].Message);

            StringAssert.Contains(output, "423 Interval Too Brief from 10.77.0.1:5060 (udp): asking again with Min-Expires 1200 s");
            StringAssert.Contains(output, $"REGISTERED: 1001@sip.lab.test for {granted.Groups[1].Value} s", "the expiry the 200 granted");
        }

        /// <summary>RFC 3261 §21.5.4 / §20.33: 503 with Retry-After: 5. The phone waits those 5 s
        /// (measured between sipp's send of the 503 and its receipt of the next REGISTER) and
        /// registers on the next attempt. No --once: with --once the command stops at the first
        /// wait (it reports "NOT REGISTERED ... will try again in 5 s"), so the phone runs to its
        /// --timeout of 9 s and un-REGISTERs, which the scenario answers too.</summary>
        [TestMethod]
        public void ServiceUnavailableWithRetryAfterIsWaitedOut()
        {
            LabNetwork.Require("sipp");
            using var lab = new LabNetwork("s503");
            LabSip.AddPhoneAddress(lab);
            var sipp = StartSipp(lab, "uas-503-retry-after.xml");
            var (exit, output) = lab.Run(lab.PhoneNs, Phone(lab, "secret1001", "--timeout 9"), 60_000);
            var log = FinishSipp(sipp, output);
            Assert.AreEqual(0, exit, output + Dump(log));

            var registers = Received(log, "REGISTER ");
            var sent = Sent(log);
            Assert.AreEqual(3, registers.Count, Dump(log));
            StringAssert.StartsWith(sent[0].Message, "SIP/2.0 503 Service Unavailable");
            double wire = (registers[1].At - sent[0].At).TotalSeconds;
            double phone = PhoneTime(output, "REGISTER CSeq 2 ") - PhoneTime(output, "REGISTER CSeq 1 ");
            Console.WriteLine($"503 Retry-After: 5 -> next REGISTER after {wire:0.000} s (sipp's log: 503 sent to REGISTER received), {phone:0.000} s on the phone's clock");
            Assert.IsTrue(wire >= 4.95 && wire <= 5.5, $"waited {wire:0.000} s for Retry-After: 5");
            Assert.AreNotEqual(Header(registers[0].Message, "Via"), Header(registers[1].Message, "Via"), "a new transaction, a new branch (RFC 3261 §8.1.1.7)");
            Assert.AreEqual("0", Header(registers[2].Message, "Expires"), "the un-REGISTER at --timeout");

            StringAssert.Contains(output, "503 Service Unavailable from 10.77.0.1:5060 (udp); will try to register again in 5 s (Retry-After)");
            StringAssert.Contains(output, "REGISTERED: 1001@sip.lab.test for 3600 s (registration 1)");
            StringAssert.Contains(output, "RESULT: registered 1 time(s); un-registered");
        }

        /// <summary>RFC 7616 §3.3 (RFC 2617 §3.2.1): a 401 with stale=true after our credentials
        /// means the nonce expired, not the password: the phone answers the new nonce and registers.
        /// sipp sends fixed challenges; the phone computes its digest against whatever nonce it is
        /// given, and sipp checks each answer (verifyauth, MD5 with 1001/secret1001). The scenario
        /// answers a wrong digest with a plain 401 (see the control test below).</summary>
        [TestMethod]
        public void StaleNonceIsAnsweredNotTakenForAWrongPassword()
        {
            LabNetwork.Require("sipp");
            using var lab = new LabNetwork("sstl");
            LabSip.AddPhoneAddress(lab);
            var sipp = StartSipp(lab, "uas-stale-nonce.xml");
            var (exit, output) = lab.Run(lab.PhoneNs, Phone(lab, "secret1001", "--once --timeout 15"), 60_000);
            var log = FinishSipp(sipp, output);
            Assert.AreEqual(0, exit, output + Dump(log));

            var registers = Received(log, "REGISTER ");
            var sent = Sent(log);
            Assert.AreEqual(3, registers.Count, Dump(log));
            Assert.IsNull(Header(registers[0].Message, "Authorization"));
            StringAssert.Contains(Header(registers[1].Message, "Authorization"), "nonce=\"first-nonce-0001\"");
            StringAssert.Contains(Header(registers[2].Message, "Authorization"), "nonce=\"second-nonce-0002\"", "the new nonce is answered");
            StringAssert.Contains(Header(sent[1].Message, "WWW-Authenticate"), "stale=true", "sipp found the first answer right and sent the stale challenge");
            StringAssert.StartsWith(sent[2].Message, "SIP/2.0 200 OK", "sipp found the second answer right too");
            // The same work twice in one process: the first answer pays the first-use (JIT) cost.
            Console.WriteLine($"401 -> answer on sipp's clock: first challenge {(registers[1].At - sent[0].At).TotalMilliseconds:0.0} ms, " +
                $"stale challenge {(registers[2].At - sent[1].At).TotalMilliseconds:0.0} ms");

            StringAssert.Contains(output, "answering the Digest MD5 challenge of realm \"sip.lab.test\" (stale nonce)");
            StringAssert.Contains(output, "REGISTERED: 1001@sip.lab.test for 3600 s");
            Assert.IsFalse(output.Contains("refused the user name or password", StringComparison.Ordinal), output);
        }

        /// <summary>The control for the test above: with a wrong password sipp's verifyauth fails and
        /// the scenario re-challenges without stale; the phone names the wrong password and stops.</summary>
        [TestMethod]
        public void StaleNonceScenarioWithAWrongPasswordIsRefused()
        {
            LabNetwork.Require("sipp");
            using var lab = new LabNetwork("sstw");
            LabSip.AddPhoneAddress(lab);
            var sipp = StartSipp(lab, "uas-stale-nonce.xml");
            var (exit, output) = lab.Run(lab.PhoneNs, Phone(lab, "not-secret1001", "--once --timeout 15"), 60_000);
            var log = FinishSipp(sipp, output);
            Assert.AreEqual(1, exit, output + Dump(log));
            var sent = Sent(log);
            Assert.AreEqual(2, sent.Count, Dump(log));
            Assert.IsFalse(Header(sent[1].Message, "WWW-Authenticate").Contains("stale", StringComparison.Ordinal), "sipp's verifyauth refused the digest");
            StringAssert.Contains(output, "NOT REGISTERED: 401 Unauthorized from 10.77.0.1:5060 (udp) again after our credentials: the registrar refused the user name or password");
            Assert.IsFalse(output.Contains("not-secret1001", StringComparison.Ordinal), "the password is never printed");
        }

        /// <summary>RFC 3261 §17.1.2.2: a registrar that never answers. Over UDP the REGISTER is
        /// retransmitted on Timer E (T1 = 500 ms doubling to T2 = 4 s): 11 sends at 0, 0.5, 1.5,
        /// 3.5, 7.5 ... 31.5 s, then Timer F (64*T1 = 32 s) ends the transaction. sipp receives and
        /// logs each send. The phone names the timeout and the backoff before its next attempt
        /// (RFC 5626 §4.5: first retry 30..60 s); with --once it stops there.</summary>
        [TestMethod]
        public void NoAnswerIsRetransmittedOnTimerEAndNamedAtTimerF()
        {
            LabNetwork.Require("sipp");
            using var lab = new LabNetwork("ssil");
            LabSip.AddPhoneAddress(lab);
            var sipp = StartSipp(lab, "uas-silent.xml");
            var (exit, output) = lab.Run(lab.PhoneNs, Phone(lab, "secret1001", "--once --timeout 36"), 60_000);
            var log = FinishSipp(sipp, output);
            Assert.AreEqual(1, exit, output + Dump(log));

            var registers = Received(log, "REGISTER ");
            Assert.AreEqual(0, Sent(log).Count, Dump(log));
            var gaps = new List<string>();
            for (int i = 1; i < registers.Count; i++) gaps.Add(((registers[i].At - registers[i - 1].At).TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture));
            Console.WriteLine($"{registers.Count} sends seen by sipp in {(registers[^1].At - registers[0].At).TotalSeconds:0.000} s; gaps (ms): {string.Join(", ", gaps)}");
            Assert.AreEqual(11, registers.Count, "Timer E: 11 sends within Timer F's 32 s");
            double[] expected = { 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000 };
            for (int i = 1; i < registers.Count; i++)
            {
                Assert.AreEqual(registers[0].Message, registers[i].Message, "a retransmission is the same request, same branch");
                double gap = (registers[i].At - registers[i - 1].At).TotalMilliseconds;
                Assert.IsTrue(Math.Abs(gap - expected[i - 1]) <= 150, $"gap {i}: {gap:0} ms, expected {expected[i - 1]} ms");
            }

            var m = Regex.Match(output, @"\[\s*(\d+\.\d+) s\] sip\s+error no answer from 10\.77\.0\.1:5060 \(udp\) to REGISTER within 32 s; will try to register again in (\d+) s");
            Assert.IsTrue(m.Success, output);
            double at = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            int backoff = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            Console.WriteLine($"phone: Timer F at {at:0.000} s, next attempt announced in {backoff} s");
            Assert.IsTrue(at >= 31.9 && at <= 32.5, $"Timer F fired at {at} s");
            Assert.IsTrue(backoff >= 30 && backoff <= 60, $"RFC 5626 §4.5 first retry 30..60 s, announced {backoff} s");
            StringAssert.Contains(output, "NOT REGISTERED: no answer from 10.77.0.1:5060 (udp) to REGISTER within 32 s");
        }

        /// <summary>baresip 1.0.0 (1002, port 5080) and the phone (1001, port 5060) register to the
        /// same lab kamailio over UDP with digest MD5. Both REGISTERs that got the 200 are printed
        /// side by side as kamailio received them (-A WITH_MSGLOG), and the time from the first
        /// REGISTER to "LAB registered" on kamailio's clock, and from process launch.</summary>
        [TestMethod]
        public void BaresipAndPhoneRegisterToTheSameKamailio()
        {
            LabNetwork.Require("kamailio", "baresip");
            using var lab = new LabNetwork("sbar");
            LabSip.AddPhoneAddress(lab);
            LabSip.StartKamailio(lab, logMessages: true);

            var ours = LabDot1x.RunTimed(lab.PhoneNs, Phone(lab, "secret1001", "--once --timeout 20"), "^REGISTERED:", false, 60_000);
            Assert.AreEqual(0, ours.Exit, ours.Output + LabSip.Log(lab));

            string dir = Path.Combine(lab.RunDir, "baresip");
            Directory.CreateDirectory(dir);
            string src = Path.Combine(RepoPaths.Root, "tools", "lab", "sip", "baresip");
            File.WriteAllText(Path.Combine(dir, "config"), File.ReadAllText(Path.Combine(src, "config")).Replace("@IF@", lab.PhoneIf));
            File.Copy(Path.Combine(src, "accounts"), Path.Combine(dir, "accounts"));
            File.WriteAllText(Path.Combine(dir, "contacts"), "");
            var theirs = LabDot1x.RunTimed(lab.PhoneNs, $"sh -c \"exec baresip -f {dir} -s -t 2 < /dev/null\"",
                @"1002@sip\.lab\.test: \{0/UDP/v4\} 200 OK", false, 20_000);
            StringAssert.Contains(theirs.Output, "1002@sip.lab.test: {0/UDP/v4} 200 OK", "baresip registers");

            string klog = LabSip.Log(lab);
            StringAssert.Contains(klog, "LAB registered sip:1001@sip.lab.test");
            StringAssert.Contains(klog, "LAB registered sip:1002@sip.lab.test");
            StringAssert.Contains(ours.Output, "REGISTERED: 1001@sip.lab.test for 3600 s");

            string mine = KamailioRegisterWithCredentials(klog, 5060), reference = KamailioRegisterWithCredentials(klog, 5080);
            Assert.IsNotNull(mine, klog);
            Assert.IsNotNull(reference, klog);
            PrintSideBySide(mine, reference);
            // RFC 3261 §8.1.1: the six headers every request carries, and a Contact to register (§10.2).
            foreach (string h in new[] { "Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Contact" })
            {
                Assert.IsNotNull(Header(mine, h), "phoneagent: " + h);
                Assert.IsNotNull(Header(reference, h), "baresip: " + h);
            }

            double oursMs = KamailioRegistrationMs(klog, 5060, "1001"), theirsMs = KamailioRegistrationMs(klog, 5080, "1002");
            Console.WriteLine("time to registered (UDP, digest MD5, one 401 round):");
            Console.WriteLine($"  phoneagent: {oursMs:0.00} ms on kamailio's clock (first REGISTER in to LAB registered), {ours.MarkerMs} ms from launch (dotnet start-up included)");
            Console.WriteLine($"  baresip:    {theirsMs:0.00} ms on kamailio's clock, {(theirs.MarkerMs >= 0 ? theirs.MarkerMs + " ms from launch" : "launch time not seen (output buffered)")}");
            Assert.IsTrue(oursMs > 0 && theirsMs > 0, klog);
        }

        // ---- helpers ----

        private static string Phone(LabNetwork lab, string password, string options)
        {
            string f = Path.Combine(lab.RunDir, "pw-" + password);
            File.WriteAllText(f, password + "\n");
            return $"dotnet {LabPeers.Phoneagent} sip register --registrar sip:{Server} --domain sip.lab.test --user 1001 --password-file {f} {options} -v";
        }

        private sealed record Sipp(Process Process, string Log);

        /// <summary>sipp as the registrar on 10.77.0.1:5060/UDP, one call (the phone keeps one Call-ID).</summary>
        private static Sipp StartSipp(LabNetwork lab, string scenario)
        {
            string xml = Path.Combine(RepoPaths.Root, "tools", "lab", "sip", scenario);
            string log = Path.Combine(lab.RunDir, "sipp-msgs.log");
            var p = lab.Start(lab.NetNs, $"sipp -sf {xml} -i {Server} -p 5060 -m 1 -nostdin -trace_msg -message_file {log}");
            Assert.IsTrue(LabNetwork.WaitFor(() => p.HasExited || lab.Run(lab.NetNs, "ss -lun", 2000).output.Contains(Server + ":5060"), 10_000) && !p.HasExited,
                "sipp did not start");
            return new Sipp(p, log);
        }

        /// <summary>Waits for sipp to finish its one call (rc 0: the scenario ran to its end) and reads its log.</summary>
        private static List<Entry> FinishSipp(Sipp sipp, string phoneOutput)
        {
            bool done = sipp.Process.WaitForExit(10_000);
            var log = File.Exists(sipp.Log) ? ReadSippLog(File.ReadAllText(sipp.Log)) : new List<Entry>();
            Assert.IsTrue(done, "sipp did not finish its scenario: " + phoneOutput + Dump(log));
            Assert.AreEqual(0, sipp.Process.ExitCode, "sipp's scenario failed: " + phoneOutput + Dump(log));
            return log;
        }

        private sealed record Entry(DateTime At, bool Received, string Message);

        /// <summary>sipp's -message_file: "----- yyyy-MM-dd HH:mm:ss.ffffff", then "UDP message
        /// received [N] bytes :" or "UDP message sent (N bytes):", a blank line and the message.</summary>
        private static List<Entry> ReadSippLog(string text)
        {
            var entries = new List<Entry>();
            var blocks = Regex.Split(text.Replace("\r", ""), @"^-{20,} (?=\d{4}-\d\d-\d\d )", RegexOptions.Multiline);
            foreach (string b in blocks)
            {
                var m = Regex.Match(b, @"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})\n\w+ message (received|sent)[^\n]*\n\n(.*)$", RegexOptions.Singleline);
                if (!m.Success) continue;
                var at = DateTime.ParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
                entries.Add(new Entry(at, m.Groups[2].Value == "received", m.Groups[3].Value.TrimEnd('\n')));
            }
            return entries;
        }

        private static List<Entry> Received(List<Entry> log, string startsWith) =>
            log.FindAll(e => e.Received && e.Message.StartsWith(startsWith, StringComparison.Ordinal));

        private static List<Entry> Sent(List<Entry> log) => log.FindAll(e => !e.Received);

        private static string Dump(List<Entry> log)
        {
            var sb = new System.Text.StringBuilder("\n--- sipp's message log ---\n");
            foreach (var e in log) sb.Append(e.At.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture)).Append(e.Received ? " <- " : " -> ").Append(e.Message).Append("\n\n");
            return sb.ToString();
        }

        /// <summary>The first header line with this name (case-insensitive), its value; null when absent.</summary>
        private static string Header(string message, string name)
        {
            foreach (string line in message.Split('\n'))
            {
                if (line.Length == 0) break;
                if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)) return line.Substring(name.Length + 1).Trim();
            }
            return null;
        }

        /// <summary>The phone's own clock on a -v line ("[     5.012 s] sip   debug REGISTER CSeq 2 ...").</summary>
        private static double PhoneTime(string output, string text)
        {
            var m = Regex.Match(output, @"\[\s*(\d+\.\d+) s\][^\n]*" + Regex.Escape(text));
            Assert.IsTrue(m.Success, "no \"" + text + "\" in " + output);
            return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        /// <summary>The first REGISTER with an Authorization header kamailio logged from 10.77.0.2:port.</summary>
        private static string KamailioRegisterWithCredentials(string klog, int port)
        {
            var ms = Regex.Matches(klog.Replace("\r", ""), @"LAB message from 10\.77\.0\.2:" + port + @"\n(REGISTER .*?)\n+LAB end of message", RegexOptions.Singleline);
            foreach (Match m in ms)
                if (Header(m.Groups[1].Value, "Authorization") != null) return m.Groups[1].Value;
            return null;
        }

        /// <summary>kamailio's clock: the first REGISTER from 10.77.0.2:port to "LAB registered" of the user, in ms.</summary>
        private static double KamailioRegistrationMs(string klog, int port, string user)
        {
            var first = Regex.Match(klog, @"LAB REGISTER from 10\.77\.0\.2:" + port + @" .* t=(\d+\.\d+)");
            var done = Regex.Match(klog, @"LAB registered sip:" + user + @"@sip\.lab\.test t=(\d+\.\d+)");
            if (!first.Success || !done.Success) return -1;
            return (double.Parse(done.Groups[1].Value, CultureInfo.InvariantCulture) - double.Parse(first.Groups[1].Value, CultureInfo.InvariantCulture)) * 1000;
        }

        private static void PrintSideBySide(string ours, string theirs)
        {
            static List<(string Name, string Value)> Split(string msg)
            {
                var list = new List<(string, string)>();
                string[] lines = msg.Split('\n');
                list.Add(("(request line)", lines[0].Trim()));
                for (int i = 1; i < lines.Length && lines[i].Trim().Length > 0; i++)
                {
                    int c = lines[i].IndexOf(':', StringComparison.Ordinal);
                    if (c > 0) list.Add((lines[i].Substring(0, c), lines[i].Substring(c + 1).Trim()));
                }
                // The digest answer in parts: which parameters, and the digest-uri it was computed over.
                string auth = list.Find(h => h.Item1 == "Authorization").Item2;
                if (auth != null)
                {
                    var ps = Regex.Matches(auth, @"([a-z\-]+)=(""[^""]*""|[^,\s]+)");
                    var names = new List<string>();
                    foreach (Match p in ps) names.Add(p.Groups[1].Value);
                    list.Add(("  digest params", string.Join(" ", names)));
                    list.Add(("  digest uri", Regex.Match(auth, @"uri=""([^""]*)""").Groups[1].Value));
                }
                return list;
            }
            var a = Split(ours);
            var b = Split(theirs);
            var names = new List<string>();
            foreach (var h in a) if (!names.Contains(h.Name)) names.Add(h.Name);
            foreach (var h in b) if (!names.Contains(h.Name)) names.Add(h.Name);
            static string Cut(string s) => s == null ? "-" : s.Length > 70 ? s.Substring(0, 67) + "..." : s;
            string Find(List<(string Name, string Value)> l, string n) => l.Find(h => h.Name == n).Value;
            Console.WriteLine("REGISTER with credentials, as kamailio received it (Max-Forwards already decremented):");
            Console.WriteLine($"{"header",-16} | {"phoneagent",-70} | baresip 1.0.0");
            foreach (string n in names) Console.WriteLine($"{n,-16} | {Cut(Find(a, n)),-70} | {Cut(Find(b, n))}");
            static string Order(List<(string Name, string Value)> l) =>
                string.Join(", ", l.FindAll(h => !h.Name.StartsWith(' ') && h.Name != "(request line)").ConvertAll(h => h.Name));
            Console.WriteLine($"header order, phoneagent: {Order(a)}");
            Console.WriteLine($"header order, baresip:    {Order(b)}");
        }
    }
}
