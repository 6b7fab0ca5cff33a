using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Eap
{
    /// <summary>EAP MD5-Challenge, RFC 3748 §5.4 (the CHAP algorithm of RFC 1994 §4.1): the
    /// Request carries Value-Size, a challenge Value and an optional Name; the Response's
    /// Value is MD5(Identifier || password || challenge). One round; the peer cannot verify
    /// the server, so either outcome may follow (methodState DONE, decision COND_SUCC: a
    /// Success or a Failure with the response's Identifier ends it, RFC 4137 §4.4). The
    /// password is kept as bytes and never written anywhere but into the hash.</summary>
    public sealed class Md5ChallengeMethod : IEapMethod
    {
        /// <summary>Challenges longer than this are refused (RFC 1994 puts no limit; real
        /// servers send 16 bytes).</summary>
        public const int MaxChallenge = 255;

        private readonly byte[] _password;
        private readonly Md5 _md5 = new Md5();

        public Md5ChallengeMethod(string password)
        {
            if (password == null) throw new System.ArgumentNullException(nameof(password));
            _password = Util.Ascii.GetBytes(password);
        }

        public int Type { get { return EapType.Md5Challenge; } }
        public string Name { get { return "MD5-Challenge"; } }
        public string RejectionHint { get { return "wrong password?"; } }
        public bool IsKeyAvailable { get { return false; } }
        public byte[] GetKey() { return null; }

        public void Initialize() { }

        public void Process(int identifier, byte[] typeData, int offset, int count, EapMethodResult result)
        {
            result.Clear();
            // RFC 3748 §5.4 / RFC 1994 §4.1: Value-Size (1 octet), Value, Name (the rest).
            int size = count > 0 ? typeData[offset] : -1;
            if (size < 1 || size > count - 1 || size > MaxChallenge)
            {
                result.Ignore = true;
                result.Note = count == 0 ? "MD5-Challenge request without a Value-Size" :
                    "MD5-Challenge Value-Size " + size.ToString() + " does not fit the " + (count - 1).ToString() + " bytes that follow";
                return;
            }
            _md5.Reset();
            _md5.Update(new byte[] { (byte)identifier }, 0, 1);
            _md5.Update(_password, 0, _password.Length);
            _md5.Update(typeData, offset + 1, size);
            byte[] digest = _md5.Final();
            byte[] response = new byte[1 + digest.Length];
            response[0] = (byte)digest.Length;
            System.Array.Copy(digest, 0, response, 1, digest.Length);
            result.ResponseData = response;
            result.MethodState = EapMethodState.Done;
            result.Decision = EapDecision.CondSucc;
            result.AllowNotifications = true;
            int nameLength = count - 1 - size;
            result.Note = size.ToString() + "-byte challenge" +
                (nameLength > 0 ? " from \"" + Util.Ascii.Printable(typeData, offset + 1 + size, nameLength > 64 ? 64 : nameLength) + "\"" : "") +
                "; answered with MD5(id, password, challenge)";
        }
    }
}
