#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Asn1;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Tests.X509
{
    /// <summary>Names as RFC 5280 §4.1.2.4 and Appendix A.1 type them, checked by hand and by the
    /// name parser the validator uses.</summary>
    [TestClass]
    public class X509NameBuilderTests
    {
        [TestMethod]
        public void EncodesRdnsInOrderWithTheProfilesStringTypes()
        {
            byte[] der = new X509NameBuilder()
                .Add(X509NameBuilder.OidCountryName, "US")
                .Add(X509NameBuilder.OidOrganization, "Lab")
                .Add(X509NameBuilder.OidCommonName, "phone1.lab.test")
                .ToDer();
            // SEQUENCE { SET { SEQUENCE { 2.5.4.6, PrintableString "US" } },
            //            SET { SEQUENCE { 2.5.4.10, UTF8String "Lab" } }, SET { ... 2.5.4.3 UTF8String } }
            Assert.AreEqual("3035" + "310b300906035504061302" + "5553" + "310c300a060355040a0c034c6162" +
                "3118301606035504030c0f" + Hex.Bytes(Ascii.GetBytes("phone1.lab.test")), Hex.Bytes(der));
            string e;
            X509Name n = X509Name.TryParse(new DerReader(der), out e);
            Assert.IsNotNull(n, e);
            Assert.AreEqual("C=US, O=Lab, CN=phone1.lab.test", n.Text);
            Assert.AreEqual(0, new X509NameBuilder().ToDer().Length - 2);   // the empty Name is 30 00
        }

        [TestMethod]
        public void StringTypePerAttribute()
        {
            byte[] der = new X509NameBuilder()
                .Add(X509NameBuilder.OidDomainComponent, "lab")
                .Add(X509NameBuilder.OidSerialNumber, "PA-0001")
                .Add(X509NameBuilder.OidDnQualifier, "q")
                .Add(X509NameBuilder.OidEmailAddress, "admin@lab.test")
                .Add(X509NameBuilder.OidOrganizationalUnit, "T\u00e9l\u00e9phonie")
                .Add(X509NameBuilder.OidCommonName, "x", Asn1Tag.PrintableString)
                .ToDer();
            int[] expected = new int[] { Asn1Tag.Ia5String, Asn1Tag.PrintableString, Asn1Tag.PrintableString, Asn1Tag.Ia5String, Asn1Tag.Utf8String, Asn1Tag.PrintableString };
            string[] values = new string[] { "lab", "PA-0001", "q", "admin@lab.test", "T\u00e9l\u00e9phonie", "x" };
            DerReader seq = new DerReader(der).ReadNested(Asn1Tag.Sequence);
            for (int i = 0; i < expected.Length; i++)
            {
                DerReader atv = seq.ReadNested(Asn1Tag.Set).ReadNested(Asn1Tag.Sequence);
                atv.ReadOid();
                int tag;
                Assert.AreEqual(values[i], atv.ReadString(out tag));
                Assert.AreEqual(expected[i], tag, "attribute " + i.ToString());
            }
            Assert.IsFalse(seq.HasMore);
        }

        [TestMethod]
        public void MultiValuedRdnIsSorted()
        {
            byte[] der = new X509NameBuilder()
                .Add(X509NameBuilder.OidOrganizationalUnit, "x")
                .AddToLastRdn(X509NameBuilder.OidCommonName, "y")
                .ToDer();
            // X.690 §11.6: ...55 04 03 (CN) sorts before ...55 04 0b (OU) whatever the order added.
            Assert.AreEqual("3016" + "3114" + "300806035504030c0179" + "3008060355040b0c0178", Hex.Bytes(der));
            string e;
            Assert.AreEqual("CN=y, OU=x", X509Name.TryParse(new DerReader(der), out e).Text);
        }

        [TestMethod]
        public void RefusesValuesTheTypeCannotHold()
        {
            Expect.ThrowsArgument(delegate { new X509NameBuilder().Add(X509NameBuilder.OidCountryName, "USA"); }, "three-letter country");
            Expect.ThrowsArgument(delegate { new X509NameBuilder().Add(X509NameBuilder.OidCountryName, "\u00dcS"); }, "non-printable country");
            Expect.ThrowsArgument(delegate { new X509NameBuilder().Add(X509NameBuilder.OidSerialNumber, "a_b"); }, "_ in serialNumber");
            Expect.ThrowsArgument(delegate { new X509NameBuilder().Add(X509NameBuilder.OidDomainComponent, "\u00e9"); }, "non-ASCII DC");
            Expect.ThrowsArgument(delegate { new X509NameBuilder().Add("2.5.4.x", "a"); }, "bad OID");
            Expect.ThrowsArgument(delegate { new X509NameBuilder().Add(X509NameBuilder.OidCommonName, ""); }, "empty value");
            Expect.ThrowsArgument(delegate { new X509NameBuilder().Add(X509NameBuilder.OidCommonName, "a", Asn1Tag.BmpString); }, "BMPString not offered");
            Expect.ThrowsInvalidOperation(delegate { new X509NameBuilder().AddToLastRdn(X509NameBuilder.OidCommonName, "a"); }, "no RDN yet");
        }
    }
}
