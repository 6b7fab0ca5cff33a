namespace PhoneAgent.Core.Eap
{
    /// <summary>EAP peer states, RFC 4137 §4.4 (figure 3).</summary>
    public static class EapPeerState
    {
        public const int Disabled = 0;
        public const int Initialize = 1;
        public const int Idle = 2;
        public const int Received = 3;
        public const int GetMethod = 4;
        public const int Method = 5;
        public const int SendResponse = 6;
        public const int Discard = 7;
        public const int Identity = 8;
        public const int Notification = 9;
        public const int Retransmit = 10;
        public const int Success = 11;
        public const int Failure = 12;

        public static string Name(int s)
        {
            switch (s)
            {
                case Disabled: return "DISABLED";
                case Initialize: return "INITIALIZE";
                case Idle: return "IDLE";
                case Received: return "RECEIVED";
                case GetMethod: return "GET_METHOD";
                case Method: return "METHOD";
                case SendResponse: return "SEND_RESPONSE";
                case Discard: return "DISCARD";
                case Identity: return "IDENTITY";
                case Notification: return "NOTIFICATION";
                case Retransmit: return "RETRANSMIT";
                case Success: return "SUCCESS";
                case Failure: return "FAILURE";
                default: return "state " + s.ToString();
            }
        }
    }
}
