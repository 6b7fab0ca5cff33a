namespace PhoneAgent.Core.Crypto
{
    /// <summary>A keyed block cipher (AES, DES, TDEA): one block in, one block out, so that
    /// modes such as CBC (Cbc) are written once. Wrong key lengths throw ArgumentException at
    /// construction; buffers too short for a block are the caller's bug and throw too.</summary>
    public interface IBlockCipher
    {
        /// <summary>Block size in bytes (16 for AES, 8 for DES and TDEA).</summary>
        int BlockSize { get; }

        /// <summary>Encrypts BlockSize bytes at input[inOff] into output[outOff]; the two may overlap exactly.</summary>
        void EncryptBlock(byte[] input, int inOff, byte[] output, int outOff);

        /// <summary>Decrypts BlockSize bytes at input[inOff] into output[outOff]; the two may overlap exactly.</summary>
        void DecryptBlock(byte[] input, int inOff, byte[] output, int outOff);

        /// <summary>Overwrites the expanded key with zeros; the cipher throws InvalidOperationException afterwards.</summary>
        void Clear();
    }
}
