// nanoFramework.System.Text: System.Text.StringBuilder.
namespace System.Text
{
    public sealed class StringBuilder
    {
        public StringBuilder() { }
        public StringBuilder(int capacity) { }
        public StringBuilder(string value) { }
        public int Length { get => throw null; set { } }
        public char this[int index] { get => throw null; set { } }
        public StringBuilder Append(string value) => throw null;
        public StringBuilder Append(char value) => throw null;
        public StringBuilder Append(char value, int repeatCount) => throw null;
        public StringBuilder Append(int value) => throw null;
        public StringBuilder Append(object value) => throw null;
        public StringBuilder AppendLine() => throw null;
        public StringBuilder AppendLine(string str) => throw null;
        public StringBuilder Clear() => throw null;
        public override string ToString() => throw null;
    }
}
