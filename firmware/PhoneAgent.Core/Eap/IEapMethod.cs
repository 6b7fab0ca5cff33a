namespace PhoneAgent.Core.Eap
{
    /// <summary>An EAP authentication method as a plug-in of the peer (RFC 4137 §4.1.2's
    /// m.check, m.process and m.buildResp in one call). The peer hands over each Request's
    /// Type-Data and sends back the Type-Data the method returns; a method that needs several
    /// rounds (MD5 needs one; TLS needs many, with fragments acknowledged by empty
    /// responses) keeps its own state between calls. TLS-based methods will drive a TLS
    /// engine port from here; their fragmentation (RFC 5216 §2.1.5) stays inside the method.</summary>
    public interface IEapMethod
    {
        /// <summary>The EAP Type (RFC 3748 §5, IANA registry).</summary>
        int Type { get; }

        /// <summary>"MD5-Challenge", "TLS": for the administrator.</summary>
        string Name { get; }

        /// <summary>What the administrator should check when the server refuses after this
        /// method finished, e.g. "wrong password?". Never contains a secret.</summary>
        string RejectionHint { get; }

        /// <summary>A new conversation begins (RFC 4137 GET_METHOD: methodState = INIT).</summary>
        void Initialize();

        /// <summary>One Request of this method: typeData[offset..offset+count) after the Type
        /// octet. Fills result: Ignore (malformed: discard, no response), MethodState,
        /// Decision, AllowNotifications, ResponseData and a Note. Never throws on content.</summary>
        void Process(int identifier, byte[] typeData, int offset, int count, EapMethodResult result);

        /// <summary>RFC 4137 m.isKeyAvailable / m.getKey: the MSK of key-deriving methods (TLS).</summary>
        bool IsKeyAvailable { get; }
        byte[] GetKey();
    }

    /// <summary>RFC 4137 §4.1.1 methodState values.</summary>
    public static class EapMethodState
    {
        public const int None = 0;
        public const int Init = 1;
        public const int Cont = 2;
        public const int MayCont = 3;
        public const int Done = 4;

        public static string Name(int s)
        {
            switch (s)
            {
                case None: return "NONE";
                case Init: return "INIT";
                case Cont: return "CONT";
                case MayCont: return "MAY_CONT";
                case Done: return "DONE";
                default: return "methodState " + s.ToString();
            }
        }
    }

    /// <summary>RFC 4137 §4.1.1 decision values.</summary>
    public static class EapDecision
    {
        public const int Fail = 0;
        public const int CondSucc = 1;
        public const int UncondSucc = 2;

        public static string Name(int d)
        {
            switch (d)
            {
                case Fail: return "FAIL";
                case CondSucc: return "COND_SUCC";
                case UncondSucc: return "UNCOND_SUCC";
                default: return "decision " + d.ToString();
            }
        }
    }

    /// <summary>What a method returns for one Request (RFC 4137 §4.1.2 m.check/m.process).</summary>
    public sealed class EapMethodResult
    {
        public bool Ignore;
        public int MethodState;
        public int Decision;
        public bool AllowNotifications;
        /// <summary>The Response's Type-Data (after the Type octet); null when Ignore.</summary>
        public byte[] ResponseData;
        /// <summary>One line for the administrator (why ignored, what was answered); no secrets.</summary>
        public string Note;

        public void Clear()
        {
            Ignore = false;
            MethodState = EapMethodState.None;
            Decision = EapDecision.Fail;
            AllowNotifications = true;
            ResponseData = null;
            Note = null;
        }
    }
}
