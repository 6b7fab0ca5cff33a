// nanoframework/nanoFramework.TestFramework source/TestFramework (Assert.NoGenerics.AreEqual.cs,
// Assertions/Assert.IsTrue.cs, Assertions/Assert.IsNull.cs, TestMethodAttribute.cs, TestExtensions.cs).
namespace nanoFramework.TestFramework
{
    [System.AttributeUsage(System.AttributeTargets.Class)]
    public class TestClassAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class TestMethodAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class SetupAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class CleanupAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : System.Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { }
    }

    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "") => throw null;
        public static void AreEqual(byte expected, byte actual, string message = "") => throw null;
        public static void AreEqual(char expected, char actual, string message = "") => throw null;
        public static void AreEqual(double expected, double actual, string message = "") => throw null;
        public static void AreEqual(float expected, float actual, string message = "") => throw null;
        public static void AreEqual(int expected, int actual, string message = "") => throw null;
        public static void AreEqual(long expected, long actual, string message = "") => throw null;
        public static void AreEqual(object expected, object actual, string message = "") => throw null;
        public static void AreEqual(sbyte expected, sbyte actual, string message = "") => throw null;
        public static void AreEqual(short expected, short actual, string message = "") => throw null;
        public static void AreEqual(string expected, string actual, string message = "") => throw null;
        public static void AreEqual(uint expected, uint actual, string message = "") => throw null;
        public static void AreEqual(ulong expected, ulong actual, string message = "") => throw null;
        public static void AreEqual(ushort expected, ushort actual, string message = "") => throw null;
        public static void IsTrue(bool condition, string message = "") => throw null;
        public static void IsFalse(bool condition, string message = "") => throw null;
        public static void IsNull(object value, string message = "") => throw null;
        public static void IsNotNull(object value, string message = "") => throw null;
    }
}
