namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The nonce-count of RFC 7616 §3.4: 1 for the first request with a nonce, one
    /// more for every further request the phone sends with the same nonce (a REGISTER refresh
    /// that reuses the last challenge). A new nonce starts again at 1.</summary>
    public sealed class DigestNonceCounter
    {
        private string _nonce;
        private uint _count;

        /// <summary>The nc to send with this nonce now.</summary>
        public uint Next(string nonce)
        {
            if (nonce == null) throw new System.ArgumentNullException(nameof(nonce));
            if (nonce != _nonce)
            {
                _nonce = nonce;
                _count = 0;
            }
            if (_count < uint.MaxValue) _count++;
            return _count;
        }

        public void Reset()
        {
            _nonce = null;
            _count = 0;
        }
    }
}
