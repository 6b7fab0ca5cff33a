// nanoFramework.System.Text at tag v1.3.42 (Text/StringBuilder.cs).
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
        public StringBuilder Append(int value) => throw null;
        public StringBuilder Append(uint value) => throw null;
        public StringBuilder Append(long value) => throw null;
        public StringBuilder Append(object value) => throw null;
        public StringBuilder AppendLine() => throw null;
        public StringBuilder AppendLine(string str) => throw null;
        public StringBuilder Clear() => throw null;
        public override string ToString() => throw null;
    }
}
