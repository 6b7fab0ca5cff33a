namespace PhoneAgent.Core.Asn1
{
    /// <summary>Identifier octets (X.690 §8.1.2) as one int: class (bits 6-7 of the first octet),
    /// constructed bit, and the tag number. Only single-octet identifiers (numbers 0..30) are
    /// accepted: X.509, CMS and PKCS#10 use no high tag numbers.</summary>
    public static class Asn1Tag
    {
        public const int ClassUniversal = 0x00;
        public const int ClassApplication = 0x40;
        public const int ClassContext = 0x80;
        public const int ClassPrivate = 0xC0;
        public const int Constructed = 0x20;

        public const int Boolean = 0x01;
        public const int Integer = 0x02;
        public const int BitString = 0x03;
        public const int OctetString = 0x04;
        public const int Null = 0x05;
        public const int ObjectIdentifier = 0x06;
        public const int Enumerated = 0x0A;
        public const int Utf8String = 0x0C;
        public const int Sequence = 0x30;       // constructed
        public const int Set = 0x31;            // constructed
        public const int PrintableString = 0x13;
        public const int T61String = 0x14;
        public const int Ia5String = 0x16;
        public const int UtcTime = 0x17;
        public const int GeneralizedTime = 0x18;
        public const int VisibleString = 0x1A;
        public const int UniversalString = 0x1C;
        public const int BmpString = 0x1E;

        /// <summary>[n] IMPLICIT primitive, e.g. ContextPrimitive(2) for a dNSName.</summary>
        public static int ContextPrimitive(int n) { return ClassContext | n; }

        /// <summary>[n] constructed (EXPLICIT or a constructed IMPLICIT type).</summary>
        public static int ContextConstructed(int n) { return ClassContext | Constructed | n; }

        public static bool IsConstructed(int tag) { return (tag & Constructed) != 0; }
    }
}
