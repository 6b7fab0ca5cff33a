namespace PhoneAgent.Core.Crypto
{
    /// <summary>An RSA key's parts (RFC 8017 §3.1-3.2) as unsigned big-endian bytes, laid out as
    /// .NET's RSAParameters wants them: D as long as the modulus, P, Q, DP, DQ and InverseQ half
    /// of it rounded up. It holds secrets: ToString names only the size, Clear wipes them.</summary>
    public sealed class RsaKeyParameters
    {
        public byte[] Modulus;
        public byte[] Exponent;
        public byte[] D;            // null when the key was built without it
        public byte[] P;
        public byte[] Q;
        public byte[] DP;
        public byte[] DQ;
        public byte[] InverseQ;

        /// <summary>Overwrites the secret parts with zeros.</summary>
        public void Clear()
        {
            Wipe(D);
            Wipe(P);
            Wipe(Q);
            Wipe(DP);
            Wipe(DQ);
            Wipe(InverseQ);
        }

        public override string ToString()
        {
            return "RSA key parameters (" + (Modulus == null ? 0 : Modulus.Length * 8).ToString() + "-bit modulus field)";
        }

        private static void Wipe(byte[] b)
        {
            if (b != null) System.Array.Clear(b, 0, b.Length);
        }
    }
}
