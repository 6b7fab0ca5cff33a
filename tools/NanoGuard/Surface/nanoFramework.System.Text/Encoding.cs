// nanoFramework.System.Text at tag v1.3.42 (Text/Encoding.cs, Text/UTF8Encoding.cs, Text/Decoder.cs).
namespace System.Text
{
    public abstract class Encoding
    {
        public static Encoding UTF8 => throw null;
        public virtual byte[] GetBytes(string s) => throw null;
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public virtual char[] GetChars(byte[] bytes) => throw null;
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) => throw null;
        public virtual string GetString(byte[] bytes, int index, int count) => throw null;
        public abstract Decoder GetDecoder();
    }

    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() { }
        public override Decoder GetDecoder() => throw null;
    }

    public abstract class Decoder { }
}
