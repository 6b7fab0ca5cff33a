#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip;

namespace PhoneAgent.Core.Tests.Sip
{
    internal static class SipTestUtil
    {
        public static byte[] Bytes(string s)
        {
            return System.Text.Encoding.UTF8.GetBytes(s);
        }

        /// <summary>s with the first occurrence of a replaced by b (String.Replace is not in the device's surface).</summary>
        public static string Swap(string s, string a, string b)
        {
            int i = s.IndexOf(a);
            Assert.IsTrue(i >= 0, "'" + a + "' not found");
            return s.Substring(0, i) + b + s.Substring(i + a.Length);
        }

        public static SipMessage Parse(string text)
        {
            byte[] b = Bytes(text);
            string error;
            SipMessage m = SipParser.TryParse(b, 0, b.Length, out error);
            Assert.IsNotNull(m, "parse failed: " + error);
            return m;
        }

        public static string Reject(string text)
        {
            byte[] b = Bytes(text);
            string error;
            SipMessage m = SipParser.TryParse(b, 0, b.Length, out error);
            Assert.IsNull(m, "expected a refusal: " + text);
            Assert.IsNotNull(error, "refusal without a reason");
            return error;
        }

        /// <summary>Same start line, same header fields (name as written, unfolded value) in order, same body.</summary>
        public static void SameMessage(SipMessage a, SipMessage b, string what)
        {
            Assert.AreEqual(a.IsRequest, b.IsRequest, what + ": kind");
            Assert.AreEqual(a.Method, b.Method, what + ": method");
            Assert.AreEqual(a.RequestUri, b.RequestUri, what + ": Request-URI");
            Assert.AreEqual(a.Version, b.Version, what + ": version");
            Assert.AreEqual(a.StatusCode, b.StatusCode, what + ": status");
            Assert.AreEqual(a.ReasonPhrase, b.ReasonPhrase, what + ": reason");
            Assert.AreEqual(a.HeaderCount, b.HeaderCount, what + ": header count");
            for (int i = 0; i < a.HeaderCount; i++)
            {
                Assert.AreEqual(a.HeaderAt(i).Name, b.HeaderAt(i).Name, what + ": header name " + i.ToString());
                Assert.AreEqual(a.HeaderAt(i).Value, b.HeaderAt(i).Value, what + ": header value " + i.ToString());
            }
            PhoneAgent.Core.Tests.Support.Expect.Bytes(a.Body, b.Body, what + ": body");
        }
    }
}
