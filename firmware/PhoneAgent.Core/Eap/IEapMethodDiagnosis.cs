namespace PhoneAgent.Core.Eap
{
    /// <summary>Optional for an IEapMethod: why the method's conversation failed, when the
    /// method knows better than the peer's generic text (a TLS alert from the server, an
    /// untrusted server certificate). EapPeer uses it for its Diagnosis when the conversation
    /// ends in FAILURE after the method was selected. Never contains a secret.</summary>
    public interface IEapMethodDiagnosis
    {
        /// <summary>"" when the method has nothing to add; otherwise one sentence, e.g. "the
        /// server refused the phone's certificate: TLS alert certificate_expired (45)".</summary>
        string FailureDiagnosis { get; }
    }
}
