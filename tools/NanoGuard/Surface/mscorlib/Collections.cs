// nanoFramework mscorlib (CoreLibrary v1.17.11) System/Collections: ArrayList and the
// non-generic interfaces. Hashtable, Queue, Stack and IDictionary are in
// nanoFramework.System.Collections (../nanoFramework.System.Collections).
namespace System.Collections
{
    public interface IEnumerable { IEnumerator GetEnumerator(); }

    public interface IEnumerator
    {
        object Current { get; }
        bool MoveNext();
        void Reset();
    }

    public interface ICollection : IEnumerable
    {
        int Count { get; }
        object SyncRoot { get; }
        bool IsSynchronized { get; }
        void CopyTo(Array array, int index);
    }

    public interface IList : ICollection
    {
        object this[int index] { get; set; }
        int Add(object value);
        void Clear();
        bool Contains(object value);
        int IndexOf(object value);
        void Insert(int index, object value);
        void Remove(object value);
        void RemoveAt(int index);
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
    }

    public class ArrayList : IList, ICloneable
    {
        public ArrayList() { }
        public virtual int Capacity { get => throw null; set { } }
        public virtual int Count => throw null;
        public virtual bool IsFixedSize => throw null;
        public virtual bool IsReadOnly => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual object SyncRoot => throw null;
        public virtual object this[int index] { get => throw null; set { } }
        public virtual int Add(object value) => throw null;
        public virtual void Clear() => throw null;
        public virtual object Clone() => throw null;
        public virtual bool Contains(object value) => throw null;
        public virtual void CopyTo(Array array) => throw null;
        public virtual void CopyTo(Array array, int index) => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
        public virtual int IndexOf(object value) => throw null;
        public virtual void Insert(int index, object value) => throw null;
        public virtual void Remove(object obj) => throw null;
        public virtual void RemoveAt(int index) => throw null;
        public virtual object[] ToArray() => throw null;
        public virtual Array ToArray(Type type) => throw null;
    }
}
