// nanoFramework.System.Collections at tag v1.5.67 (Collections/Hashtable.cs, Queue.cs, Stack.cs,
// IDictionary.cs): non-generic only. Hashtable has Contains but no ContainsKey.
namespace System.Collections
{
    public interface IDictionary : ICollection
    {
        object this[object key] { get; set; }
        ICollection Keys { get; }
        ICollection Values { get; }
        bool Contains(object key);
        void Add(object key, object value);
        void Clear();
        void Remove(object key);
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
    }

    public class Hashtable : IDictionary, ICloneable
    {
        public Hashtable() { }
        public Hashtable(int capacity) { }
        public Hashtable(int capacity, float loadFactor) { }
        public object this[object key] { get => throw null; set { } }
        public ICollection Keys => throw null;
        public ICollection Values => throw null;
        public int Count => throw null;
        public bool IsReadOnly => throw null;
        public bool IsFixedSize => throw null;
        public bool IsSynchronized => throw null;
        public object SyncRoot => throw null;
        public void Add(object key, object value) => throw null;
        public void Clear() => throw null;
        public object Clone() => throw null;
        public bool Contains(object key) => throw null;
        public void CopyTo(Array array, int arrayIndex) => throw null;
        public IEnumerator GetEnumerator() => throw null;
        public void Remove(object key) => throw null;
    }

    public class Queue : ICollection, ICloneable
    {
        public Queue() { }
        public virtual int Count => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual object SyncRoot => throw null;
        public virtual void Clear() => throw null;
        public virtual object Clone() => throw null;
        public virtual bool Contains(object obj) => throw null;
        public virtual void CopyTo(Array array, int index) => throw null;
        public virtual object Dequeue() => throw null;
        public virtual void Enqueue(object obj) => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
        public virtual object Peek() => throw null;
        public virtual object[] ToArray() => throw null;
    }

    public class Stack : ICollection, ICloneable
    {
        public Stack() { }
        public virtual int Count => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual object SyncRoot => throw null;
        public virtual void Clear() => throw null;
        public virtual object Clone() => throw null;
        public virtual bool Contains(object obj) => throw null;
        public virtual void CopyTo(Array array, int index) => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
        public virtual object Peek() => throw null;
        public virtual object Pop() => throw null;
        public virtual void Push(object obj) => throw null;
        public virtual object[] ToArray() => throw null;
    }
}
