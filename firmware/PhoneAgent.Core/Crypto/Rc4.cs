namespace PhoneAgent.Core.Crypto
{
    /// <summary>RC4 (ARCFOUR) keystream cipher, as MS-NLMP §3.4 uses it for the encrypted
    /// session key (RC4K) and the sealed NTLM signature checksum. Broken as a cipher; kept only
    /// because NTLM requires it. Test vectors: RFC 6229 §2. The state advances with every byte,
    /// so one instance is one "handle" in MS-NLMP's terms; encryption and decryption are the
    /// same operation.</summary>
    public sealed class Rc4
    {
        private readonly byte[] _s = new byte[256];
        private int _i;
        private int _j;

        /// <summary>Key scheduling with a 1..256-byte key.</summary>
        public Rc4(byte[] key)
        {
            if (key == null) throw new System.ArgumentNullException(nameof(key));
            if (key.Length < 1 || key.Length > 256) throw new System.ArgumentException("RC4 keys are 1 to 256 bytes");
            for (int i = 0; i < 256; i++) _s[i] = (byte)i;
            int j = 0;
            for (int i = 0; i < 256; i++)
            {
                j = (j + _s[i] + key[i % key.Length]) & 0xFF;
                byte t = _s[i];
                _s[i] = _s[j];
                _s[j] = t;
            }
        }

        /// <summary>XORs count bytes of input with the next keystream bytes into output
        /// (input and output may be the same buffer).</summary>
        public void Process(byte[] input, int inOffset, int count, byte[] output, int outOffset)
        {
            if (input == null || output == null) throw new System.ArgumentNullException(input == null ? "input" : "output");
            if (inOffset < 0 || count < 0 || inOffset > input.Length - count || outOffset < 0 || outOffset > output.Length - count)
                throw new System.ArgumentException("offset/count outside the buffer");
            for (int n = 0; n < count; n++)
            {
                _i = (_i + 1) & 0xFF;
                _j = (_j + _s[_i]) & 0xFF;
                byte t = _s[_i];
                _s[_i] = _s[_j];
                _s[_j] = t;
                output[outOffset + n] = (byte)(input[inOffset + n] ^ _s[(_s[_i] + _s[_j]) & 0xFF]);
            }
        }

        /// <summary>The next input.Length keystream bytes XORed with input, as a new array.</summary>
        public byte[] Process(byte[] input)
        {
            if (input == null) throw new System.ArgumentNullException(nameof(input));
            byte[] output = new byte[input.Length];
            Process(input, 0, input.Length, output, 0);
            return output;
        }

        /// <summary>RC4K(key, data) of MS-NLMP §6: a fresh handle, used once.</summary>
        public static byte[] Apply(byte[] key, byte[] data)
        {
            return new Rc4(key).Process(data);
        }
    }
}
