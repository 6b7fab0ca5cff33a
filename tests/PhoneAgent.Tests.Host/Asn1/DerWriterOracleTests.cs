using System;
using System.Formats.Asn1;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Asn1;
using Asn1Tag = System.Formats.Asn1.Asn1Tag;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Tests.Host.Asn1
{
    /// <summary>The core's DerWriter against System.Formats.Asn1.AsnWriter(DER), an independent
    /// DER encoder: the same random structures, written by both, must be byte-identical.</summary>
    [TestClass]
    public class DerWriterOracleTests
    {
        private const string Printable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?";

        private sealed class Run
        {
            public Random Rng;
            public int Budget;
            public int[] Kinds = new int[20];
        }

        [TestMethod]
        public void RandomStructuresAreByteIdenticalToAsnWriter()
        {
            var run = new Run { Rng = new Random(690) };
            long bytes = 0;
            const int structures = 4000;
            for (int round = 0; round < structures; round++)
            {
                run.Budget = 12 + run.Rng.Next(60);
                var mine = new DerWriter(1 << 20);
                var theirs = new AsnWriter(AsnEncodingRules.DER);
                var trace = new StringBuilder();
                Constructed(run, mine, theirs, 0, trace, forceSequence: true);
                byte[] a = mine.ToArray();
                byte[] b = theirs.Encode();
                if (!a.AsSpan().SequenceEqual(b))
                {
                    int at = 0;
                    while (at < a.Length && at < b.Length && a[at] == b[at]) at++;
                    Assert.Fail($"round {round}: differs at byte {at} (mine {a.Length} bytes, AsnWriter {b.Length}); ops: {trace}\nmine   {Convert.ToHexString(a)}\ntheirs {Convert.ToHexString(b)}");
                }
                bytes += a.Length;
            }
            // Every kind of value was exercised many times (the counts go to the test log).
            string[] names = { "INTEGER(long)", "INTEGER(unsigned)", "INTEGER(two's)", "BOOLEAN", "NULL", "OID", "OCTET STRING", "BIT STRING", "UTF8String", "PrintableString", "IA5String", "time", "implicit", "raw", "SEQUENCE", "SET OF", "[n] EXPLICIT", "[n] IMPLICIT SET OF", "[APPLICATION n]", "OCTET STRING wrap" };
            Console.WriteLine($"{structures} structures, {bytes} bytes: " + string.Join(", ", names.Select((n, i) => $"{n} {run.Kinds[i]}")));
            for (int i = 0; i < names.Length; i++) Assert.IsGreaterThan(100, run.Kinds[i], names[i]);
        }

        private static void Constructed(Run run, DerWriter mine, AsnWriter theirs, int depth, StringBuilder trace, bool forceSequence = false)
        {
            var r = run.Rng;
            int kind = forceSequence ? 0 : r.Next(6);
            int n = r.Next(31);
            Asn1Tag tag;
            switch (kind)
            {
                case 0: mine.BeginSequence(); theirs.PushSequence(); tag = Asn1Tag.Sequence; break;
                case 1: mine.BeginSetOf(); theirs.PushSetOf(); tag = Asn1Tag.SetOf; break;
                case 2: mine.BeginExplicit(n); tag = new Asn1Tag(TagClass.ContextSpecific, n, true); theirs.PushSequence(tag); break;
                case 3: mine.BeginSetOf(0xA0 | n); tag = new Asn1Tag(TagClass.ContextSpecific, n, true); theirs.PushSetOf(tag); break;
                case 4: mine.Begin(0x60 | n); tag = new Asn1Tag(TagClass.Application, n, true); theirs.PushSequence(tag); break;
                default: mine.BeginOctetString(); theirs.PushOctetString(); tag = Asn1Tag.PrimitiveOctetString; break;
            }
            run.Kinds[14 + kind]++;
            trace.Append(kind).Append('(');
            int children = depth >= 7 ? 0 : r.Next(7);
            for (int i = 0; i < children && run.Budget > 0; i++)
            {
                run.Budget--;
                if (r.Next(3) == 0 && depth < 7) Constructed(run, mine, theirs, depth + 1, trace);
                else Leaf(run, mine, theirs, trace);
            }
            trace.Append(')');
            mine.End();
            switch (kind)
            {
                case 1: case 3: theirs.PopSetOf(tag); break;
                case 5: theirs.PopOctetString(); break;
                default: theirs.PopSequence(tag); break;
            }
        }

        private static void Leaf(Run run, DerWriter mine, AsnWriter theirs, StringBuilder trace)
        {
            var r = run.Rng;
            int kind = r.Next(14);
            run.Kinds[kind]++;
            trace.Append('L').Append(kind).Append(' ');
            switch (kind)
            {
                case 0:
                {
                    long v = RandomLong(r);
                    mine.WriteInteger(v);
                    theirs.WriteInteger(v);
                    break;
                }
                case 1:
                {
                    byte[] v = RandomBytes(r, r.Next(40));
                    int zeros = r.Next(3);
                    byte[] padded = new byte[zeros + v.Length];
                    v.CopyTo(padded, zeros);
                    mine.WriteIntegerUnsigned(padded);
                    theirs.WriteInteger(new BigInteger(v, isUnsigned: true, isBigEndian: true));
                    break;
                }
                case 2:
                {
                    byte[] v = RandomBytes(r, 1 + r.Next(40));
                    int lead = r.Next(4);
                    for (int i = 0; i < lead && i < v.Length; i++) v[i] = r.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                    mine.WriteIntegerTwosComplement(v);
                    theirs.WriteInteger(new BigInteger(v, isUnsigned: false, isBigEndian: true));
                    break;
                }
                case 3:
                {
                    bool v = r.Next(2) == 0;
                    mine.WriteBoolean(v);
                    theirs.WriteBoolean(v);
                    break;
                }
                case 4:
                    mine.WriteNull();
                    theirs.WriteNull();
                    break;
                case 5:
                {
                    string oid = RandomOid(r);
                    trace.Append(oid).Append(' ');
                    mine.WriteOid(oid);
                    theirs.WriteObjectIdentifier(oid);
                    break;
                }
                case 6:
                {
                    byte[] v = RandomBytes(r, RandomLength(r));
                    mine.WriteOctetString(v);
                    theirs.WriteOctetString(v);
                    break;
                }
                case 7:
                {
                    byte[] v = RandomBytes(r, r.Next(40));
                    int unused = v.Length == 0 ? 0 : r.Next(8);
                    if (v.Length > 0) v[^1] &= (byte)(0xFF << unused);
                    mine.WriteBitString(v, unused);
                    theirs.WriteBitString(v, unused);
                    break;
                }
                case 8:
                {
                    string s = RandomUnicode(r);
                    mine.WriteUtf8String(s);
                    theirs.WriteCharacterString(UniversalTagNumber.UTF8String, s);
                    break;
                }
                case 9:
                {
                    string s = RandomFrom(r, Printable, r.Next(30));
                    mine.WritePrintableString(s);
                    theirs.WriteCharacterString(UniversalTagNumber.PrintableString, s);
                    break;
                }
                case 10:
                {
                    var sb = new StringBuilder();
                    int len = r.Next(30);
                    for (int i = 0; i < len; i++) sb.Append((char)r.Next(0x80));
                    mine.WriteIa5String(sb.ToString());
                    theirs.WriteCharacterString(UniversalTagNumber.IA5String, sb.ToString());
                    break;
                }
                case 11:
                {
                    long unix = RandomTime(r);
                    trace.Append(unix).Append(' ');
                    mine.WriteTime(unix);
                    var t = DateTimeOffset.FromUnixTimeSeconds(unix);
                    // RFC 5280 §4.1.2.5: UTCTime for 1950-2049, GeneralizedTime otherwise.
                    if (t.Year >= 1950 && t.Year <= 2049) theirs.WriteUtcTime(t);
                    else theirs.WriteGeneralizedTime(t, omitFractionalSeconds: true);
                    break;
                }
                case 12:
                {
                    int cls = new[] { 0x80, 0x40, 0xC0 }[r.Next(3)];
                    int n = r.Next(31);
                    var tag = new Asn1Tag(cls == 0x80 ? TagClass.ContextSpecific : cls == 0x40 ? TagClass.Application : TagClass.Private, n);
                    int mineTag = cls | n;
                    switch (r.Next(6))
                    {
                        case 0: { long v = RandomLong(r); mine.WriteInteger(v, mineTag); theirs.WriteInteger(v, tag); break; }
                        case 1: { byte[] v = RandomBytes(r, RandomLength(r)); mine.WriteOctetString(v, mineTag); theirs.WriteOctetString(v, tag); break; }
                        case 2: { string s = RandomFrom(r, "abc.xyz-09", r.Next(20)); mine.WriteIa5String(s, mineTag); theirs.WriteCharacterString(UniversalTagNumber.IA5String, s, tag); break; }
                        case 3: { mine.WriteBoolean(true, mineTag); theirs.WriteBoolean(true, tag); break; }
                        case 4: { mine.WriteNull(mineTag); theirs.WriteNull(tag); break; }
                        default: { string oid = RandomOid(r); mine.WriteOid(oid, mineTag); theirs.WriteObjectIdentifier(oid, tag); break; }
                    }
                    break;
                }
                default:
                {
                    // A pre-encoded element made by AsnWriter alone.
                    var inner = new AsnWriter(AsnEncodingRules.DER);
                    inner.PushSequence();
                    int k = r.Next(4);
                    for (int i = 0; i < k; i++) inner.WriteInteger(RandomLong(r));
                    inner.WriteOctetString(RandomBytes(r, RandomLength(r)));
                    inner.PopSequence();
                    byte[] enc = inner.Encode();
                    mine.WriteEncoded(enc);
                    theirs.WriteEncodedValue(enc);
                    break;
                }
            }
        }

        private static long RandomLong(Random r)
        {
            switch (r.Next(4))
            {
                case 0: return r.Next(-300, 300);
                case 1: { int k = r.Next(63); return (1L << k) + r.Next(-1, 2); }   // around powers of two
                case 2: return -(1L << r.Next(64)) + r.Next(0, 2);
                default: return r.NextInt64(long.MinValue, long.MaxValue);
            }
        }

        private static int RandomLength(Random r)
        {
            int[] edges = { 0, 1, 126, 127, 128, 129, 254, 255, 256, 257, 65535, 65536 };
            return r.Next(40) == 0 ? edges[r.Next(edges.Length)] : r.Next(300);
        }

        private static byte[] RandomBytes(Random r, int n)
        {
            var b = new byte[n];
            r.NextBytes(b);
            return b;
        }

        private static string RandomOid(Random r)
        {
            int first = r.Next(3);
            var sb = new StringBuilder();
            sb.Append(first).Append('.');
            sb.Append(first < 2 ? (ulong)r.Next(40) : RandomArc(r, ulong.MaxValue - 80));
            int more = r.Next(10);
            for (int i = 0; i < more; i++) sb.Append('.').Append(RandomArc(r, ulong.MaxValue));
            return sb.ToString();
        }

        private static ulong RandomArc(Random r, ulong max)
        {
            switch (r.Next(5))
            {
                case 0: return (ulong)r.Next(128);
                case 1: return (ulong)r.Next(128, 16384);
                case 2: return (ulong)r.NextInt64(0, uint.MaxValue);
                case 3: return Math.Min(max, (1UL << r.Next(64)) - (ulong)r.Next(2));
                default: return Math.Min(max, (ulong)r.NextInt64(long.MinValue, long.MaxValue));
            }
        }

        private static long RandomTime(Random r)
        {
            long min = -62135596800L;   // 0001-01-01, the earliest DateTimeOffset
            long max = 253402300799L;   // 9999-12-31 23:59:59
            long[] edges = { -631152001L, -631152000L, 2524607999L, 2524608000L, 0, 951782400L, min, max };
            if (r.Next(4) == 0) return Math.Clamp(edges[r.Next(edges.Length)] + r.Next(-2, 3) * (r.Next(2) == 0 ? 1 : 86400), min, max);
            return r.NextInt64(min, max + 1);
        }

        private static string RandomFrom(Random r, string alphabet, int n)
        {
            var c = new char[n];
            for (int i = 0; i < n; i++) c[i] = alphabet[r.Next(alphabet.Length)];
            return new string(c);
        }

        private static string RandomUnicode(Random r)
        {
            var sb = new StringBuilder();
            int n = r.Next(20);
            for (int i = 0; i < n; i++)
            {
                switch (r.Next(5))
                {
                    case 0: sb.Append((char)r.Next(0x20, 0x7F)); break;
                    case 1: sb.Append((char)r.Next(0xA0, 0x800)); break;
                    case 2: sb.Append((char)r.Next(0x800, 0xD800)); break;
                    case 3: sb.Append(char.ConvertFromUtf32(r.Next(0x10000, 0x110000))); break;
                    default: sb.Append((char)r.Next(0xE000, 0xFFFE)); break;
                }
            }
            return sb.ToString();
        }

        // ---- names ------------------------------------------------------------------------------

        private static readonly string[] NameKeys = { "C", "O", "OU", "CN", "L", "ST", "E", "DC", "SERIALNUMBER", "dnQualifier" };

        private static string OidOf(string key) => key switch
        {
            "C" => X509NameBuilder.OidCountryName,
            "O" => X509NameBuilder.OidOrganization,
            "OU" => X509NameBuilder.OidOrganizationalUnit,
            "CN" => X509NameBuilder.OidCommonName,
            "L" => X509NameBuilder.OidLocality,
            "ST" => X509NameBuilder.OidStateOrProvince,
            "E" => X509NameBuilder.OidEmailAddress,
            "DC" => X509NameBuilder.OidDomainComponent,
            "SERIALNUMBER" => X509NameBuilder.OidSerialNumber,
            _ => X509NameBuilder.OidDnQualifier,
        };

        /// <summary>A value the attribute's type can hold; directory strings always get one
        /// character outside PrintableString (so .NET's string parser also picks UTF8String) and
        /// none of the characters its string syntax would need quoted.</summary>
        private static string NameValue(Random r, string key)
        {
            const string ascii = "abcdefghijklmnopqrstuvwxyz0123456789-.";
            switch (key)
            {
                case "C": return RandomFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2);
                case "E": return RandomFrom(r, ascii, 1 + r.Next(10)) + "@" + RandomFrom(r, ascii, 1 + r.Next(10));
                case "DC": return RandomFrom(r, ascii, 1 + r.Next(12));
                case "SERIALNUMBER": case "dnQualifier": return RandomFrom(r, "ABCDEFabcdef0123456789-.:", 1 + r.Next(16));
                default:
                {
                    string odd = "@_&!*\u00e9\u00fc\u4e2d\u00df~";
                    string s = RandomFrom(r, "Lab Phone 0123456789-.", r.Next(12));
                    int at = r.Next(s.Length + 1);
                    return (s.Substring(0, at) + odd[r.Next(odd.Length)] + s.Substring(at)).Trim();
                }
            }
        }

        [TestMethod]
        public void NamesEqualDotNetsX500DistinguishedNameBuilder()
        {
            var r = new Random(5280);
            for (int round = 0; round < 1000; round++)
            {
                var keys = Enumerable.Range(0, 1 + r.Next(8)).Select(_ => NameKeys[r.Next(NameKeys.Length)]).ToArray();
                var values = keys.Select(k => NameValue(r, k)).ToArray();
                var mine = new X509NameBuilder();
                for (int i = 0; i < keys.Length; i++) mine.Add(OidOf(keys[i]), values[i]);
                // .NET's builder writes the RDNs in the reverse of the order added.
                var net = new X500DistinguishedNameBuilder();
                for (int i = keys.Length - 1; i >= 0; i--)
                {
                    string v = values[i];
                    switch (keys[i])
                    {
                        case "C": net.AddCountryOrRegion(v); break;
                        case "O": net.AddOrganizationName(v); break;
                        case "OU": net.AddOrganizationalUnitName(v); break;
                        case "CN": net.AddCommonName(v); break;
                        case "L": net.AddLocalityName(v); break;
                        case "ST": net.AddStateOrProvinceName(v); break;
                        case "E": net.AddEmailAddress(v); break;
                        case "DC": net.AddDomainComponent(v); break;
                        // .NET's default for these is UTF8String; RFC 5280 A.1 says PrintableString.
                        default: net.Add(OidOf(keys[i]), v, UniversalTagNumber.PrintableString); break;
                    }
                }
                string what = $"round {round}: {string.Join(", ", keys.Zip(values, (k, v) => k + "=" + v))}";
                Assert.AreEqual(Convert.ToHexString(net.Build().RawData), Convert.ToHexString(mine.ToDer()), what);
            }
        }

        [TestMethod]
        public void NamesEqualDotNetsParsedStringWhereTheTypesAgree()
        {
            // new X500DistinguishedName("CN=..., C=..") picks PrintableString whenever the text fits
            // it, so only values outside that set (NameValue) compare. It writes DC as Printable or
            // UTF8String where RFC 5280 A.1 says IA5String, so DC is left out; dnQualifier has no keyword.
            var r = new Random(4514);
            var keys9 = NameKeys.Where(k => k != "dnQualifier" && k != "DC").ToArray();
            for (int round = 0; round < 1000; round++)
            {
                var keys = Enumerable.Range(0, 1 + r.Next(8)).Select(_ => keys9[r.Next(keys9.Length)]).ToArray();
                var values = keys.Select(k => NameValue(r, k)).ToArray();
                var mine = new X509NameBuilder();
                for (int i = 0; i < keys.Length; i++) mine.Add(OidOf(keys[i]), values[i]);
                // The string form lists the most specific RDN first (the reverse of the encoding);
                // .NET writes stateOrProvinceName as "S".
                string text = string.Join(", ", Enumerable.Range(0, keys.Length).Reverse().Select(i => (keys[i] == "ST" ? "S" : keys[i]) + "=" + values[i]));
                var net = new X500DistinguishedName(text);
                Assert.AreEqual(Convert.ToHexString(net.RawData), Convert.ToHexString(mine.ToDer()), $"round {round}: {text}");
                // And .NET reads ours back to the same text.
                Assert.AreEqual(text, new X500DistinguishedName(mine.ToDer()).Name, $"round {round}");
            }
        }
    }
}
