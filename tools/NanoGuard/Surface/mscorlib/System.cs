// Reference surface of nanoFramework mscorlib, from nanoframework/CoreLibrary at tag v1.17.11
// (package nanoFramework.CoreLibrary 1.17.11): only the types and members the portable core
// and its tests use, with the signatures declared there. Bodies are placeholders; this
// assembly is compiled, never run. See ../../README.md.
#pragma warning disable CS0660, CS0661, CS0659, CS8981, CS0626, CA1716
namespace System
{
    public class Object
    {
        public Object() { }
        public virtual bool Equals(object obj) => throw null;
        public virtual int GetHashCode() => throw null;
        public Type GetType() => throw null;
        public virtual string ToString() => throw null;
        protected object MemberwiseClone() => throw null;
        public static bool ReferenceEquals(object objA, object objB) => throw null;
        public static bool Equals(object objA, object objB) => throw null;
    }

    public abstract class ValueType { }
    public abstract class Enum : ValueType { }
    public struct Void { }

    public abstract class Delegate
    {
        public static Delegate Combine(Delegate a, Delegate b) => throw null;
        public static Delegate Remove(Delegate source, Delegate value) => throw null;
    }

    public abstract class MulticastDelegate : Delegate { }

    public struct IntPtr { }
    public struct UIntPtr { }
    public struct RuntimeTypeHandle { }
    public struct RuntimeFieldHandle { }
    public struct RuntimeMethodHandle { }

    public abstract class Type
    {
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) => throw null;
        public abstract string FullName { get; }
        public virtual string Name => throw null;
    }

    public interface IDisposable { void Dispose(); }
    public interface ICloneable { object Clone(); }
    public interface IComparable { int CompareTo(object obj); }
    public interface IFormatProvider { }

    public sealed class ParamArrayAttribute : Attribute { }
    public sealed class FlagsAttribute : Attribute { }
    public sealed class SerializableAttribute : Attribute { }
    public sealed class CLSCompliantAttribute : Attribute { public CLSCompliantAttribute(bool isCompliant) { } }

    public sealed class ObsoleteAttribute : Attribute
    {
        public ObsoleteAttribute() { }
        public ObsoleteAttribute(string message) { }
        public ObsoleteAttribute(string message, bool error) { }
    }

    public abstract class Attribute { }

    [Flags]
    public enum AttributeTargets
    {
        Assembly = 0x0001, Module = 0x0002, Class = 0x0004, Struct = 0x0008, Enum = 0x0010,
        Constructor = 0x0020, Method = 0x0040, Property = 0x0080, Field = 0x0100, Event = 0x0200,
        Interface = 0x0400, Parameter = 0x0800, Delegate = 0x1000, ReturnValue = 0x2000,
        GenericParameter = 0x4000, All = 0x7FFF,
    }

    public sealed class AttributeUsageAttribute : Attribute
    {
        public AttributeUsageAttribute(AttributeTargets validOn) { }
        public bool AllowMultiple { get => throw null; set { } }
        public bool Inherited { get => throw null; set { } }
    }

    public abstract class Array : ICloneable, Collections.IList
    {
        public int Length => throw null;
        public static void Copy(Array sourceArray, Array destinationArray, int length) => throw null;
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) => throw null;
        public static void Clear(Array array, int index, int length) => throw null;
        public static int IndexOf(Array array, object value) => throw null;
        public object Clone() => throw null;
        public Collections.IEnumerator GetEnumerator() => throw null;
        public void CopyTo(Array array, int index) => throw null;
        int Collections.ICollection.Count => throw null;
        object Collections.ICollection.SyncRoot => throw null;
        bool Collections.ICollection.IsSynchronized => throw null;
        object Collections.IList.this[int index] { get => throw null; set { } }
        int Collections.IList.Add(object value) => throw null;
        void Collections.IList.Clear() => throw null;
        bool Collections.IList.Contains(object value) => throw null;
        int Collections.IList.IndexOf(object value) => throw null;
        void Collections.IList.Insert(int index, object value) => throw null;
        void Collections.IList.Remove(object value) => throw null;
        void Collections.IList.RemoveAt(int index) => throw null;
        bool Collections.IList.IsReadOnly => throw null;
        bool Collections.IList.IsFixedSize => throw null;
    }

    public sealed class String : IComparable, Collections.IEnumerable
    {
        public static readonly string Empty = "";
        public String(char[] value) { }
        public String(char[] value, int startIndex, int length) { }
        public String(char c, int count) { }
        public int Length => throw null;
        [Runtime.CompilerServices.IndexerName("Chars")]
        public char this[int index] => throw null;
        public static bool operator ==(string a, string b) => throw null;
        public static bool operator !=(string a, string b) => throw null;
        public override bool Equals(object obj) => throw null;
        public static bool Equals(string a, string b) => throw null;
        public override string ToString() => throw null;
        public Collections.IEnumerator GetEnumerator() => throw null;
        public int CompareTo(object value) => throw null;
        public int CompareTo(string strB) => throw null;
        public static int Compare(string strA, string strB) => throw null;
        public char[] ToCharArray() => throw null;
        public string[] Split(params char[] separator) => throw null;
        public string Substring(int startIndex) => throw null;
        public string Substring(int startIndex, int length) => throw null;
        public string Trim() => throw null;
        public string Trim(params char[] trimChars) => throw null;
        public string TrimStart(params char[] trimChars) => throw null;
        public string TrimEnd(params char[] trimChars) => throw null;
        public int IndexOf(char value) => throw null;
        public int IndexOf(char value, int startIndex) => throw null;
        public int IndexOf(string value) => throw null;
        public int IndexOf(string value, int startIndex) => throw null;
        public int LastIndexOf(char value) => throw null;
        public string ToLower() => throw null;
        public string ToUpper() => throw null;
        public bool StartsWith(string value) => throw null;
        public bool EndsWith(string value) => throw null;
        public static bool IsNullOrEmpty(string value) => throw null;
        public static string Concat(object arg0) => throw null;
        public static string Concat(object arg0, object arg1) => throw null;
        public static string Concat(object arg0, object arg1, object arg2) => throw null;
        public static string Concat(params object[] args) => throw null;
        public static string Concat(string str0, string str1) => throw null;
        public static string Concat(string str0, string str1, string str2) => throw null;
        public static string Concat(string str0, string str1, string str2, string str3) => throw null;
        public static string Concat(params string[] values) => throw null;
        public static string Format(string format, params object[] args) => throw null;
    }

    public struct Boolean { public override string ToString() => throw null; }

    public struct Char
    {
        public override string ToString() => throw null;
        public char ToLower() => throw null;
        public char ToUpper() => throw null;
    }

    public struct SByte { public override string ToString() => throw null; }

    public struct Byte
    {
        public const byte MaxValue = 255;
        public const byte MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
    }

    public struct Int16 { public override string ToString() => throw null; }

    public struct UInt16
    {
        public const ushort MaxValue = 0xFFFF;
        public override string ToString() => throw null;
    }

    public struct Int32
    {
        public const int MaxValue = 0x7FFFFFFF;
        public const int MinValue = unchecked((int)0x80000000);
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static int Parse(string s) => throw null;
        public static bool TryParse(string s, out int result) => throw null;
    }

    public struct UInt32
    {
        public const uint MaxValue = 0xFFFFFFFF;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
    }

    public struct Int64
    {
        public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
        public const long MinValue = unchecked((long)0x8000000000000000);
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
    }

    public struct UInt64
    {
        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
        public override string ToString() => throw null;
    }

    public struct Single { public override string ToString() => throw null; }

    public struct Double { public override string ToString() => throw null; }

    public class Exception
    {
        public Exception() { }
        public Exception(string message) { }
        public Exception(string message, Exception innerException) { }
        public virtual string Message => throw null;
        public Exception InnerException => throw null;
        public virtual string StackTrace => throw null;
    }

    public class SystemException : Exception
    {
        public SystemException() { }
        public SystemException(string message) { }
        public SystemException(string message, Exception innerException) { }
    }

    public class ArgumentException : SystemException
    {
        public ArgumentException() { }
        public ArgumentException(string message) { }
        public ArgumentException(string message, Exception innerException) { }
        public ArgumentException(string message, string paramName) { }
        public virtual string ParamName => throw null;
    }

    public class ArgumentNullException : ArgumentException
    {
        public ArgumentNullException() { }
        public ArgumentNullException(string argument) { }
        public ArgumentNullException(string paramName, string message) { }
    }

    public class ArgumentOutOfRangeException : ArgumentException
    {
        public ArgumentOutOfRangeException() { }
        public ArgumentOutOfRangeException(string paramName) { }
        public ArgumentOutOfRangeException(string paramName, string message) { }
    }

    public class InvalidOperationException : SystemException
    {
        public InvalidOperationException() { }
        public InvalidOperationException(string message) { }
        public InvalidOperationException(string message, Exception innerException) { }
    }

    public class NotSupportedException : SystemException
    {
        public NotSupportedException() { }
        public NotSupportedException(string message) { }
    }

    public class NotImplementedException : SystemException
    {
        public NotImplementedException() { }
        public NotImplementedException(string message) { }
    }

    public class IndexOutOfRangeException : SystemException
    {
        public IndexOutOfRangeException() { }
        public IndexOutOfRangeException(string message) { }
    }

    public class NullReferenceException : SystemException
    {
        public NullReferenceException() { }
        public NullReferenceException(string message) { }
    }

    public class InvalidCastException : SystemException
    {
        public InvalidCastException() { }
        public InvalidCastException(string message) { }
    }

    public class OverflowException : SystemException { }
    public class OutOfMemoryException : SystemException { }
}
