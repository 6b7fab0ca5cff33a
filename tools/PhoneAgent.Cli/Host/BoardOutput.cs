using System;
using System.IO;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Ui;
using PhoneAgent.Hardware.Emulated.Display;
using PhoneAgent.Hardware.Emulated.Leds;

namespace PhoneAgent.Cli.Host
{
    /// <summary>What `demo` and `run` print at the end: the boot summary, the display and LEDs,
    /// and the PNG when asked for.</summary>
    public static class BoardOutput
    {
        public static void Summary(TextWriter o, BootSequence boot)
        {
            o.WriteLine();
            o.WriteLine("Boot steps:");
            for (int i = 0; i < boot.Count; i++)
            {
                var s = boot.StepAt(i);
                o.WriteLine($"  {i + 1}. {s.Name,-8} {BootStep.StatusName(s.Status),-8} {s.Summary}");
            }
        }

        /// <summary>The LSC line of the report: "LSC: Installed (subject, expires ...)" or "LSC: Not installed".</summary>
        public static void Lsc(TextWriter o, PhoneAgent.Core.Ports.IStore store)
        {
            if (store == null) return;
            o.WriteLine(new PhoneAgent.Core.Credentials.CredentialStore(store).Status());
        }

        public static void Display(TextWriter o, EmulatedDisplay display, StatusScreen screen, EmulatedLeds leds, bool ascii, bool compact)
        {
            o.WriteLine();
            o.WriteLine("Display (128x64):");
            o.Write(display.RenderText(ascii, compact));
            if (screen != null)
            {
                o.Write("Display text: ");
                var rows = new System.Collections.Generic.List<string>();
                for (int i = 0; i < screen.Rows; i++) if (screen.LineAt(i).Length > 0) rows.Add(screen.LineAt(i).Trim());
                o.WriteLine(string.Join(" | ", rows));
            }
            o.WriteLine("LEDs: " + leds.Describe());
        }

        /// <summary>Writes the PNG; false (with the reason on error) when it could not.</summary>
        public static bool Png(TextWriter o, TextWriter err, EmulatedDisplay display, string path)
        {
            if (string.IsNullOrEmpty(path)) return true;
            try
            {
                File.WriteAllBytes(path, display.ToPng());
                o.WriteLine($"Display written to {path}");
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                err.WriteLine($"error: cannot write {path}: {e.Message}");
                return false;
            }
        }
    }
}
