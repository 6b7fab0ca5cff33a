namespace PhoneAgent.Core.Crypto
{
    /// <summary>TDEA (DES-EDE3), SP 800-67 Rev. 2, keying option 1: a 24-byte key K1 || K2 || K3,
    /// encryption E_K3(D_K2(E_K1(I))), decryption D_K1(E_K2(D_K3(I))). Parity bits are ignored.
    /// SCEP servers still offer des-ede3-cbc (RFC 8894 §3.2.2). Keying option 2 (16-byte keys)
    /// is not accepted: pass K1 || K2 || K1 explicitly if a peer requires it.</summary>
    public sealed class TripleDes : IBlockCipher
    {
        private byte[] _k1, _k2, _k3;

        /// <summary>A 24-byte key; anything else throws ArgumentException.</summary>
        public TripleDes(byte[] key)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            if (key.Length != 24) throw new System.ArgumentException("TDEA key must be 24 bytes (K1 || K2 || K3)");
            _k1 = Des.KeySchedule(key, 0);
            _k2 = Des.KeySchedule(key, 8);
            _k3 = Des.KeySchedule(key, 16);
        }

        public int BlockSize { get { return 8; } }

        public override string ToString() { return "DES-EDE3"; }

        public void EncryptBlock(byte[] input, int inOff, byte[] output, int outOff)
        {
            byte[] k1 = _k1, k2 = _k2, k3 = _k3;
            if (k1 == null) throw new System.InvalidOperationException("cipher cleared");
            Aes.CheckBlock(input, inOff, output, outOff, 8);
            // IP^-1 of each DEA stage cancels the next stage's IP: one IP and one IP^-1 in all.
            ulong b = Des.InitialPermutation(Des.Read64(input, inOff));
            b = Des.Rounds(b, k1, false);
            b = Des.Rounds(b, k2, true);
            b = Des.Rounds(b, k3, false);
            Des.Write64(output, outOff, Des.FinalPermutation(b));
        }

        public void DecryptBlock(byte[] input, int inOff, byte[] output, int outOff)
        {
            byte[] k1 = _k1, k2 = _k2, k3 = _k3;
            if (k1 == null) throw new System.InvalidOperationException("cipher cleared");
            Aes.CheckBlock(input, inOff, output, outOff, 8);
            ulong b = Des.InitialPermutation(Des.Read64(input, inOff));
            b = Des.Rounds(b, k3, true);
            b = Des.Rounds(b, k2, false);
            b = Des.Rounds(b, k1, true);
            Des.Write64(output, outOff, Des.FinalPermutation(b));
        }

        public void Clear()
        {
            if (_k1 != null)
            {
                System.Array.Clear(_k1, 0, _k1.Length);
                System.Array.Clear(_k2, 0, _k2.Length);
                System.Array.Clear(_k3, 0, _k3.Length);
            }
            _k1 = null;
            _k2 = null;
            _k3 = null;
        }
    }
}
