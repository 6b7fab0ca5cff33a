using PhoneAgent.Core.Ports;

namespace PhoneAgent.Core.Eap
{
    /// <summary>EAP-MSCHAPv2, EAP Type 26 (draft-kamath-pppext-eap-mschapv2-02 §2, carrying the
    /// MS-CHAP-V2 packets of RFC 2759 §4..§6), as the inner method of PEAPv0 or on its own.
    /// Type-Data: OpCode (1), MS-CHAPv2-ID (1), MS-Length (2, OpCode to the end), then:
    /// Challenge: Value-Size 16, the authenticator challenge, the server's Name;
    /// Response: Value-Size 49, Peer-Challenge (16), Reserved (8), NT-Response (24), Flags (1), Name;
    /// Success: "S=&lt;40 hex&gt; M=&lt;message&gt;" (answered with the OpCode alone);
    /// Failure: "E=eeeeeeeeee R=r C=cccc... V=vvvvvvvvvv M=&lt;message&gt;" (answered with the OpCode alone).
    /// The server's "S=" must equal our own RFC 2759 §8.7 authenticator response: a server that
    /// cannot produce it does not know the password, so the phone ends the conversation itself
    /// (a hard failure, no answer) and names the possible impostor. Change-Password (OpCode 7) is
    /// not sent: an expired password is diagnosed instead. The password is kept only as its NT
    /// hash and never written anywhere but into the response computation.</summary>
    public sealed class MsChapV2Method : IEapMethod
    {
        public const int OpChallenge = 1;
        public const int OpResponse = 2;
        public const int OpSuccess = 3;
        public const int OpFailure = 4;
        public const int OpChangePassword = 7;

        // RFC 2759 §6 error codes (Windows' RAS error numbers).
        public const int ErrorRestrictedLogonHours = 646;
        public const int ErrorAccountDisabled = 647;
        public const int ErrorPasswordExpired = 648;
        public const int ErrorNoDialinPermission = 649;
        public const int ErrorAuthenticationFailure = 691;
        public const int ErrorChangingPassword = 709;

        /// <summary>Success and Failure messages longer than this are read only this far.</summary>
        public const int MaxMessage = 512;

        private const int WaitChallenge = 0;
        private const int WaitOutcome = 1;
        private const int Finished = 2;

        private readonly string _userName;
        private readonly byte[] _passwordHash;
        private readonly IRandom _random;
        private int _state;
        private byte[] _expectedAuthenticator;
        private byte[] _ntResponse;
        private byte[] _msk;
        private int _errorCode;
        private string _diagnosis = "";
        private bool _impostor;

        /// <summary>userName: sent in the Response's Name (with any DOMAIN\ prefix) and hashed
        /// without the prefix (RFC 2759 §8.2). random: the source of the 16-byte Peer-Challenge.</summary>
        public MsChapV2Method(string userName, string password, IRandom random)
        {
            if (userName == null) throw new System.ArgumentNullException(nameof(userName));
            if (password == null) throw new System.ArgumentNullException(nameof(password));
            if (random == null) throw new System.ArgumentNullException(nameof(random));
            _userName = userName;
            _passwordHash = MsChapV2.NtPasswordHash(password);
            _random = random;
        }

        public int Type { get { return EapType.MsChapV2; } }
        public string Name { get { return "EAP-MSCHAPv2"; } }

        public string RejectionHint
        {
            get
            {
                if (_diagnosis.Length > 0) return _diagnosis;
                // FreeRADIUS (mschapv2 send_error = no, its default) refuses without a Failure packet.
                if (_state == WaitOutcome) return "the server refused our MS-CHAPv2 response without an error code: wrong password or unknown user?";
                return "wrong password or unknown user?";
            }
        }

        /// <summary>The RFC 2759 §6 error code of the server's Failure packet, 0 when none came.</summary>
        public int ErrorCode { get { return _errorCode; } }

        /// <summary>True after a Success packet whose "S=" did not prove the server knows the password.</summary>
        public bool ServerNotAuthenticated { get { return _impostor; } }

        /// <summary>Why it failed, for the administrator ("" when it did not).</summary>
        public string Diagnosis { get { return _diagnosis; } }

        /// <summary>True once the server's Success was verified.</summary>
        public bool Succeeded { get { return _state == Finished && _msk != null; } }

        public bool IsKeyAvailable { get { return _msk != null; } }

        /// <summary>The peer's MSK (RFC 3079 MasterSendKey ‖ MasterReceiveKey, 32 bytes): PEAP's ISK.</summary>
        public byte[] GetKey() { return _msk; }

        public void Initialize()
        {
            _state = WaitChallenge;
            _expectedAuthenticator = null;
            _ntResponse = null;
            _msk = null;
            _errorCode = 0;
            _diagnosis = "";
            _impostor = false;
        }

        public void Process(int identifier, byte[] typeData, int offset, int count, EapMethodResult result)
        {
            result.Clear();
            if (typeData == null || offset < 0 || count < 0 || offset > typeData.Length - count)
            {
                Ignore(result, "no Type-Data");
                return;
            }
            if (count < 4)
            {
                Ignore(result, "EAP-MSCHAPv2 packet of " + count.ToString() + " bytes is shorter than its 4-byte header");
                return;
            }
            int op = typeData[offset];
            int msId = typeData[offset + 1];
            int msLength = Util.BigEndian.ReadUInt16(typeData, offset + 2);
            // MS-Length counts from OpCode to the end. Some servers get it wrong (wpa_supplicant's
            // workaround tolerates them): a shorter one bounds the packet, a longer one is refused.
            if (msLength > count)
            {
                Ignore(result, "MS-Length " + msLength.ToString() + " exceeds the " + count.ToString() + " bytes received");
                return;
            }
            if (msLength < 4) msLength = count; // Success/Failure from some servers carry 0 here
            switch (op)
            {
                case OpChallenge:
                    Challenge(msId, typeData, offset, msLength, result);
                    return;
                case OpSuccess:
                    Success(typeData, offset, msLength, result);
                    return;
                case OpFailure:
                    Failure(typeData, offset, msLength, result);
                    return;
                default:
                    Ignore(result, "unexpected EAP-MSCHAPv2 OpCode " + op.ToString() + " from the server");
                    return;
            }
        }

        private void Challenge(int msId, byte[] d, int offset, int count, EapMethodResult result)
        {
            if (_state == Finished)
            {
                Ignore(result, "Challenge after the MS-CHAPv2 exchange ended");
                return;
            }
            int valueSize = count > 4 ? d[offset + 4] : -1;
            if (valueSize != MsChapV2.ChallengeLength || count < 5 + MsChapV2.ChallengeLength)
            {
                Ignore(result, "Challenge with Value-Size " + valueSize.ToString() + " in " + count.ToString() +
                    " bytes (RFC 2759 §4: 16 bytes of challenge)");
                return;
            }
            byte[] authChallenge = new byte[16];
            System.Array.Copy(d, offset + 5, authChallenge, 0, 16);
            int nameLength = count - 5 - 16;
            byte[] peerChallenge = new byte[16];
            _random.NextBytes(peerChallenge);
            _ntResponse = MsChapV2.GenerateNtResponse(authChallenge, peerChallenge, _userName, _passwordHash);
            _expectedAuthenticator = MsChapV2.AuthenticatorResponse(_passwordHash, _ntResponse, peerChallenge, authChallenge, _userName);

            byte[] name = Util.Ascii.GetBytes(_userName);
            int length = 4 + 1 + 49 + name.Length;
            byte[] r = new byte[length];
            r[0] = OpResponse;
            r[1] = (byte)msId;                       // the Challenge's MS-CHAPv2-ID, RFC 2759 §4
            Util.BigEndian.WriteUInt16(r, 2, length);
            r[4] = 49;                               // Value-Size
            System.Array.Copy(peerChallenge, 0, r, 5, 16);
            // 8 reserved zero bytes at 21..28
            System.Array.Copy(_ntResponse, 0, r, 29, 24);
            r[53] = 0;                               // Flags
            System.Array.Copy(name, 0, r, 54, name.Length);
            _state = WaitOutcome;
            result.ResponseData = r;
            result.MethodState = EapMethodState.MayCont;
            result.Decision = EapDecision.Fail;
            result.AllowNotifications = true;
            result.Note = "Challenge" + (nameLength > 0 ? " from \"" + Util.Ascii.Printable(d, offset + 21, nameLength > 64 ? 64 : nameLength) + "\"" : "") +
                "; answered with the NT-Response for '" + _userName + "'";
        }

        private void Success(byte[] d, int offset, int count, EapMethodResult result)
        {
            if (_state != WaitOutcome || _expectedAuthenticator == null)
            {
                Ignore(result, "Success without a Challenge answered first");
                return;
            }
            int textLength = count - 4;
            if (!MsChapV2.CheckAuthenticatorResponse(_expectedAuthenticator, d, offset + 4, textLength))
            {
                // RFC 2759 §8.8 / draft-kamath §2.3: the peer MUST end the conversation.
                _state = Finished;
                _impostor = true;
                _diagnosis = "the server's MS-CHAPv2 Success does not carry the authenticator response for our password " +
                    "(RFC 2759 §8.7): it does not know the password, so it may be an impostor; the phone ended the conversation";
                result.MethodState = EapMethodState.Done;
                result.Decision = EapDecision.Fail;
                result.AllowNotifications = false;
                result.ResponseData = null;
                result.Note = _diagnosis;
                return;
            }
            _state = Finished;
            _msk = MsChapV2.PeerMsk(_passwordHash, _ntResponse);
            string message = MessageAfter(d, offset + 4 + MsChapV2.AuthenticatorResponseLength, textLength - MsChapV2.AuthenticatorResponseLength);
            result.ResponseData = new byte[] { OpSuccess };
            result.MethodState = EapMethodState.Done;
            result.Decision = EapDecision.UncondSucc;
            result.AllowNotifications = false;
            result.Note = "Success: the server proved it knows the password (authenticator response verified)" +
                (message.Length > 0 ? "; server message \"" + message + "\"" : "");
        }

        private void Failure(byte[] d, int offset, int count, EapMethodResult result)
        {
            if (_state == Finished)
            {
                Ignore(result, "Failure after the MS-CHAPv2 exchange ended");
                return;
            }
            MsChapV2Failure f = MsChapV2Failure.Parse(d, offset + 4, count - 4 > MaxMessage ? MaxMessage : count - 4);
            _state = Finished;
            _errorCode = f.Error;
            _diagnosis = Explain(f);
            result.ResponseData = new byte[] { OpFailure };   // draft-kamath §2.5: the OpCode alone
            result.MethodState = EapMethodState.Done;
            result.Decision = EapDecision.Fail;
            result.AllowNotifications = false;
            result.Note = "Failure: " + _diagnosis;
        }

        /// <summary>The RFC 2759 §6 error code in words, with the server's M= text.</summary>
        public static string Explain(MsChapV2Failure f)
        {
            string s;
            switch (f.Error)
            {
                case ErrorAuthenticationFailure:
                    s = "wrong password (or unknown user): MS-CHAPv2 error 691, authentication failure";
                    break;
                case ErrorRestrictedLogonHours:
                    s = "logon not allowed at this time: MS-CHAPv2 error 646, restricted logon hours";
                    break;
                case ErrorAccountDisabled:
                    s = "the account is disabled: MS-CHAPv2 error 647";
                    break;
                case ErrorPasswordExpired:
                    s = "the password has expired: MS-CHAPv2 error 648; change it in the directory (this phone does not change passwords)";
                    break;
                case ErrorNoDialinPermission:
                    s = "the account has no network access permission: MS-CHAPv2 error 649, no dial-in permission";
                    break;
                case ErrorChangingPassword:
                    s = "MS-CHAPv2 error 709, error changing the password";
                    break;
                case 0:
                    s = "MS-CHAPv2 Failure without an error code";
                    break;
                default:
                    s = "MS-CHAPv2 error " + f.Error.ToString();
                    break;
            }
            if (f.Message.Length > 0) s += "; server message \"" + f.Message + "\"";
            return s;
        }

        private static string MessageAfter(byte[] d, int offset, int count)
        {
            if (count <= 0) return "";
            int i = offset;
            int end = offset + (count > MaxMessage ? MaxMessage : count);
            while (i < end && d[i] == (byte)' ') i++;
            if (end - i >= 2 && d[i] == (byte)'M' && d[i + 1] == (byte)'=') i += 2;
            return Util.Ascii.Printable(d, i, end - i > 200 ? 200 : end - i);
        }

        private static void Ignore(EapMethodResult result, string why)
        {
            result.Ignore = true;
            result.Note = why;
        }
    }

    /// <summary>The fields of an MS-CHAP-V2 Failure packet's message, RFC 2759 §6:
    /// "E=eeeeeeeeee R=r C=cccccccccccccccccccccccccccccccc V=vvvvvvvvvv M=&lt;msg&gt;". Missing
    /// fields stay 0/empty; M= takes the rest. Never throws on content.</summary>
    public sealed class MsChapV2Failure
    {
        public int Error;
        public bool Retry;
        /// <summary>C=: 16 bytes for a retry or password change, or null.</summary>
        public byte[] Challenge;
        public int Version;
        public string Message = "";

        public static MsChapV2Failure Parse(byte[] d, int offset, int count)
        {
            MsChapV2Failure f = new MsChapV2Failure();
            if (d == null || count <= 0 || offset < 0 || offset > d.Length - count) return f;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                while (i < end && d[i] == (byte)' ') i++;
                if (end - i < 2 || d[i + 1] != (byte)'=') break;
                byte key = d[i];
                i += 2;
                if (key == (byte)'M')
                {
                    f.Message = Util.Ascii.Printable(d, i, end - i > 200 ? 200 : end - i);
                    break;
                }
                int start = i;
                while (i < end && d[i] != (byte)' ') i++;
                int n = i - start;
                switch (key)
                {
                    case (byte)'E': f.Error = Number(d, start, n); break;
                    case (byte)'R': f.Retry = n == 1 && d[start] == (byte)'1'; break;
                    case (byte)'V': f.Version = Number(d, start, n); break;
                    case (byte)'C':
                        if (n == 32)
                        {
                            string h = Util.Ascii.Printable(d, start, n);
                            f.Challenge = Util.Hex.TryParse(h);
                        }
                        break;
                }
            }
            return f;
        }

        /// <summary>Decimal digits, at most 9 of them; -1 when not a number.</summary>
        private static int Number(byte[] d, int start, int n)
        {
            if (n == 0 || n > 9) return -1;
            int v = 0;
            for (int k = 0; k < n; k++)
            {
                int c = d[start + k] - '0';
                if (c < 0 || c > 9) return -1;
                v = v * 10 + c;
            }
            return v;
        }
    }
}
