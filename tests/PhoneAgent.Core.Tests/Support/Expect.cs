#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace PhoneAgent.Core.Tests.Support
{
    public delegate void TestAction();

    /// <summary>Assertions both MSTest and nanoFramework.TestFramework can run: built only
    /// from the Assert members the two share.</summary>
    public static class Expect
    {
        public static void Bytes(byte[] expected, byte[] actual, string what)
        {
            Assert.IsNotNull(actual, what + " is null");
            Assert.AreEqual(expected.Length, actual.Length, what + " length");
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[i]) Assert.IsTrue(false, what + " differs at byte " + i.ToString());
            }
        }

        public static void ThrowsArgument(TestAction action, string what)
        {
            try
            {
                action();
            }
            catch (System.ArgumentException)
            {
                return;
            }
            Assert.IsTrue(false, what + ": expected an ArgumentException");
        }

        public static void ThrowsInvalidOperation(TestAction action, string what)
        {
            try
            {
                action();
            }
            catch (System.InvalidOperationException)
            {
                return;
            }
            Assert.IsTrue(false, what + ": expected an InvalidOperationException");
        }

        public static void Contains(string haystack, string needle, string what)
        {
            Assert.IsNotNull(haystack, what + " is null");
            Assert.IsTrue(haystack.IndexOf(needle) >= 0, what + ": '" + haystack + "' does not contain '" + needle + "'");
        }

        public static void NotContains(string haystack, string needle, string what)
        {
            Assert.IsTrue(haystack == null || haystack.IndexOf(needle) < 0, what + ": '" + haystack + "' must not contain '" + needle + "'");
        }
    }
}
