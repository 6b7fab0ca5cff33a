using System.Collections;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Store
{
    /// <summary>IStore over one image file: every Write encodes the whole image, writes it
    /// beside the old one, reads it back, verifies it, then replaces the old one. A power
    /// cut at any point leaves either the old image or the new one.</summary>
    public sealed class ImageStore : IStore
    {
        public const string ImageName = "store.img";
        public const string PendingName = "store.new";

        private readonly IFileMedia _media;
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();
        private string _loadProblem;

        public ImageStore(IFileMedia media)
        {
            if (media == null) throw new System.ArgumentNullException(nameof(media));
            _media = media;
            Load();
        }

        /// <summary>Why the stored image was not usable at start-up, or null.</summary>
        public string LoadProblem { get { return _loadProblem; } }

        public int Count { get { return _keys.Count; } }

        public string KeyAt(int i) { return (string)_keys[i]; }

        private void Load()
        {
            string reason = null;
            byte[] img = _media.ReadAll(ImageName);
            if (img != null && StoreImage.TryDecode(img, _keys, _values, out reason)) return;
            _loadProblem = img == null ? null : "stored image unusable (" + reason + ")";
            // A verified pending image exists only if the cut came between verify and replace.
            byte[] pending = _media.ReadAll(PendingName);
            if (pending != null && StoreImage.TryDecode(pending, _keys, _values, out reason))
            {
                _media.Replace(PendingName, ImageName);
                return;
            }
            _keys.Clear();
            _values.Clear();
        }

        public byte[] Read(string key)
        {
            int i = IndexOf(key);
            if (i < 0) return null;
            byte[] v = (byte[])_values[i];
            byte[] copy = new byte[v.Length];
            System.Array.Copy(v, copy, v.Length);
            return copy;
        }

        public void Write(string key, byte[] value)
        {
            if (key == null || value == null) throw new System.ArgumentNullException(key == null ? "key" : "value");
            ArrayList keys = Copy(_keys);
            ArrayList values = Copy(_values);
            byte[] copy = new byte[value.Length];
            System.Array.Copy(value, copy, value.Length);
            int i = IndexOf(key);
            if (i < 0) { keys.Add(key); values.Add(copy); }
            else values[i] = copy;
            Commit(keys, values);
        }

        public void Delete(string key)
        {
            int i = IndexOf(key);
            if (i < 0) return;
            ArrayList keys = Copy(_keys);
            ArrayList values = Copy(_values);
            keys.RemoveAt(i);
            values.RemoveAt(i);
            Commit(keys, values);
        }

        private void Commit(ArrayList keys, ArrayList values)
        {
            byte[] image = StoreImage.Encode(keys, values);
            _media.WriteAll(PendingName, image);
            byte[] back = _media.ReadAll(PendingName);
            ArrayList k2 = new ArrayList(), v2 = new ArrayList();
            string reason;
            if (back == null || !StoreImage.TryDecode(back, k2, v2, out reason))
                throw new System.InvalidOperationException("flash write did not verify; the previous store is kept");
            _media.Replace(PendingName, ImageName);
            _keys.Clear();
            _values.Clear();
            for (int i = 0; i < keys.Count; i++) { _keys.Add(keys[i]); _values.Add(values[i]); }
        }

        private static ArrayList Copy(ArrayList a)
        {
            ArrayList c = new ArrayList();
            for (int i = 0; i < a.Count; i++) c.Add(a[i]);
            return c;
        }

        private int IndexOf(string key)
        {
            for (int i = 0; i < _keys.Count; i++) if ((string)_keys[i] == key) return i;
            return -1;
        }
    }
}
