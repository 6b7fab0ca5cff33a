using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Ui
{
    /// <summary>The phone's screen: page 0 is the status page (title, one line per boot step,
    /// a status line); pages 1..n show one boot step's full summary, word-wrapped, so an
    /// administrator can read at the phone what happened. Down/# next page, Up/* previous,
    /// Back returns to the status page. 128x64 gives 21 columns by 8 rows.</summary>
    public sealed class StatusScreen
    {
        private readonly FrameBuffer _frame;
        private readonly string[] _lines;
        private int _page;

        public StatusScreen(int width, int height)
        {
            _frame = new FrameBuffer(width, height);
            _lines = new string[_frame.Rows];
            for (int i = 0; i < _lines.Length; i++) _lines[i] = "";
        }

        public FrameBuffer Frame { get { return _frame; } }
        public int Page { get { return _page; } }
        public int Rows { get { return _lines.Length; } }

        /// <summary>The text last drawn on each row (for logs and tests).</summary>
        public string LineAt(int row) { return _lines[row]; }

        /// <summary>Handles a key; true when the page changed and a redraw is due.</summary>
        public bool OnKey(char key, BootSequence boot)
        {
            int pages = boot.Count + 1;
            int old = _page;
            if (key == Keys.Down || key == '#') _page = (_page + 1) % pages;
            else if (key == Keys.Up || key == '*') _page = (_page + pages - 1) % pages;
            else if (key == Keys.Back) _page = 0;
            return _page != old;
        }

        public void Render(BootSequence boot)
        {
            _frame.Clear();
            for (int i = 0; i < _lines.Length; i++) _lines[i] = "";
            if (_page > boot.Count) _page = 0;
            if (_page == 0) RenderStatus(boot);
            else RenderStep(boot.StepAt(_page - 1), _page, boot.Count);
        }

        private void RenderStatus(BootSequence boot)
        {
            int last = _lines.Length - 1;
            Put(0, " PhoneAgent");
            _frame.InvertRow(0);
            int row = 1;
            // More started steps than rows: the earliest ones that are plainly done give way
            // (a later step's line implies them: an address implies the link), so the newest
            // lines and every problem stay visible.
            int shown = 0;
            for (int i = 0; i < boot.Count; i++) if (boot.StepAt(i).Status != BootStep.Waiting) shown++;
            int skip = shown - (last - 1);
            for (int i = 0; i < boot.Count && row < last; i++)
            {
                BootStep s = boot.StepAt(i);
                if (s.Status == BootStep.Waiting) continue;
                if (skip > 0 && s.Status == BootStep.Done) { skip--; continue; }
                Put(row++, s.DisplayLine);
            }
            BootStep failed = boot.FailedStep;
            if (failed != null)
            {
                Put(last, "FAIL: " + failed.Name);
                _frame.InvertRow(last);
            }
            else if (boot.IsComplete) Put(last, boot.WarningCount > 0 ? "Ready (" + boot.WarningCount.ToString() + " warning)" : "Ready");
            else Put(last, "Starting...");
        }

        private void RenderStep(BootStep s, int page, int steps)
        {
            Put(0, " " + page.ToString() + "/" + steps.ToString() + " " + s.Name + ": " + BootStep.StatusName(s.Status));
            _frame.InvertRow(0);
            string text = s.Summary;
            int row = 1, cols = _frame.Columns, pos = 0;
            while (row < _lines.Length && pos < text.Length)
            {
                int take = text.Length - pos <= cols ? text.Length - pos : cols;
                if (pos + take < text.Length)
                {
                    int space = pos + take;
                    while (space > pos && text[space] != ' ') space--;
                    if (space > pos) take = space - pos;
                }
                Put(row++, text.Substring(pos, take).Trim());
                pos += take;
                while (pos < text.Length && text[pos] == ' ') pos++;
            }
        }

        private void Put(int row, string text)
        {
            if (text.Length > _frame.Columns) text = text.Substring(0, _frame.Columns);
            _lines[row] = text;
            _frame.DrawText(row, 0, text);
        }
    }
}
