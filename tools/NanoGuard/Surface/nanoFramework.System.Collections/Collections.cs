// nanoFramework.System.Collections: Hashtable, Queue, Stack (non-generic only).
namespace System.Collections
{
    public class Hashtable : IDictionary, ICloneable
    {
        public Hashtable() { }
        public Hashtable(int capacity) { }
        public virtual object this[object key] { get => throw null; set { } }
        public virtual ICollection Keys => throw null;
        public virtual ICollection Values => throw null;
        public virtual int Count => throw null;
        public virtual bool IsReadOnly => throw null;
        public virtual bool IsFixedSize => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual object SyncRoot => throw null;
        public virtual void Add(object key, object value) => throw null;
        public virtual void Clear() => throw null;
        public virtual object Clone() => throw null;
        public virtual bool Contains(object key) => throw null;
        public virtual bool ContainsKey(object key) => throw null;
        public virtual void CopyTo(Array array, int arrayIndex) => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
        public virtual void Remove(object key) => throw null;
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
