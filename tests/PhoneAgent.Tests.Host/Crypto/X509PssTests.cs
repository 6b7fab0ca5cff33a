using System;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.X509;
using static PhoneAgent.Tests.Host.Crypto.OracleNumbers;
using CoreCert = PhoneAgent.Core.X509.X509Certificate;

namespace PhoneAgent.Tests.Host.Crypto
{
    /// <summary>RSASSA-PSS in certificates and CRLs (RFC 4055 §3): .NET's CertificateRequest and
    /// CertificateRevocationListBuilder make them, the core validates them; parameters other than
    /// .NET's are made by re-signing the TBS with raw RSA (System.Formats.Asn1 for the DER).</summary>
    [TestClass]
    public class X509PssTests
    {
        private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

        private static CoreCert Core(byte[] der) => CoreCert.TryParse(der, out var e) ?? throw new AssertFailedException(e);

        private static (X509Certificate2 Ca, RSA CaKey) MakeCa(HashAlgorithmName hash)
        {
            var caKey = RSA.Create(2048);
            var req = new CertificateRequest("CN=PSS Test CA", caKey, hash, RSASignaturePadding.Pss);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            var now = DateTimeOffset.UtcNow;
            return (req.CreateSelfSigned(now.AddDays(-1), now.AddYears(1)), caKey);
        }

        private static X509Certificate2 MakeLeaf(X509Certificate2 ca, HashAlgorithmName hash, RSASignaturePadding padding)
        {
            using var leafKey = RSA.Create(2048);
            var req = new CertificateRequest("CN=phone.lab.test", leafKey, hash, padding);
            req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            var now = DateTimeOffset.UtcNow;
            return req.Create(ca, now.AddHours(-1), now.AddDays(30), new byte[] { 1, 2, 3, 4, 5 });
        }

        [TestMethod]
        public void DotNetPssCertificatesVerify()
        {
            foreach (var (hash, name, hLen) in new[] { (HashAlgorithmName.SHA256, "SHA-256", 32), (HashAlgorithmName.SHA384, "SHA-384", 48), (HashAlgorithmName.SHA512, "SHA-512", 64) })
            {
                var (ca, caKey) = MakeCa(hash);
                using (caKey)
                {
                    var leaf = Core(MakeLeaf(ca, hash, RSASignaturePadding.Pss).RawData);
                    var root = Core(ca.RawData);
                    Assert.AreEqual(PssParameters.OidRsassaPss, leaf.SignatureAlgorithm);
                    var parms = PssParameters.TryParse(leaf.SignatureAlgorithmParameters, out var error);
                    Assert.IsNotNull(parms, error);
                    Assert.AreEqual(name, parms.HashName);
                    Assert.AreEqual(name, parms.MgfHashName);
                    Assert.AreEqual(hLen, parms.SaltLength);
                    Assert.IsNull(SignatureCheck.Verify(leaf, root, null, false), name + " leaf");
                    Assert.IsNull(SignatureCheck.Verify(leaf, root, null, true), name + " leaf, FIPS");
                    Assert.IsNull(SignatureCheck.Verify(root, root, null, true), name + " self-signed CA");
                    var result = new PathValidator(new[] { root }, null).Validate(new[] { leaf }, new ValidationPolicy { Time = leaf.NotBefore + 60, Fips = true });
                    Assert.IsTrue(result.Valid, result.Message);

                    var tampered = (byte[])leaf.Der.Clone();
                    tampered[^10] ^= 0x01;                    // inside the signature value
                    var bad = Core(tampered);
                    StringAssert.Contains(SignatureCheck.Verify(bad, root, null, false), "does not verify");
                }
            }
        }

        [TestMethod]
        public void Sha1PssIsRefusedInFipsModeOnly()
        {
            var (ca, caKey) = MakeCa(HashAlgorithmName.SHA256);
            using (caKey)
            {
                var root = Core(ca.RawData);
                var leafDer = MakeLeaf(ca, HashAlgorithmName.SHA256, RSASignaturePadding.Pss).RawData;
                // .NET will not make SHA-1 PSS certificates; the default parameters (30 00) mean SHA-1, MGF1-SHA-1, salt 20.
                var leaf = Core(Resign(leafDer, caKey, DefaultPssAlgorithm(), 20, sha1: true));
                var parms = PssParameters.TryParse(leaf.SignatureAlgorithmParameters, out var error);
                Assert.AreEqual("SHA-1", parms.HashName, error);
                Assert.AreEqual("SHA-1", parms.MgfHashName, error);
                Assert.IsNull(SignatureCheck.Verify(leaf, root, null, false));
                StringAssert.Contains(SignatureCheck.Verify(leaf, root, null, true), "FIPS");
                // SHA-256 for the message but SHA-1 inside MGF1 is refused the same way.
                var mixed = Core(Resign(leafDer, caKey, PssAlgorithm(Sha256Oid, "1.3.14.3.2.26", 32), 32, mgfSha1: true));
                Assert.IsNull(SignatureCheck.Verify(mixed, root, null, false), "SHA-256 with MGF1-SHA-1");
                StringAssert.Contains(SignatureCheck.Verify(mixed, root, null, true), "FIPS");
            }
        }

        [TestMethod]
        public void SaltLengthComesFromTheParameters()
        {
            var (ca, caKey) = MakeCa(HashAlgorithmName.SHA256);
            using (caKey)
            {
                var root = Core(ca.RawData);
                var leafDer = MakeLeaf(ca, HashAlgorithmName.SHA256, RSASignaturePadding.Pss).RawData;
                foreach (int salt in new[] { 0, 20, 64 })
                {
                    var signed = Core(Resign(leafDer, caKey, PssAlgorithm(Sha256Oid, Sha256Oid, salt), salt));
                    Assert.IsNull(SignatureCheck.Verify(signed, root, null, true), "salt " + salt);
                    // Parameters naming another salt length than the one used: refused.
                    var lying = Core(Resign(leafDer, caKey, PssAlgorithm(Sha256Oid, Sha256Oid, salt + 1), salt));
                    StringAssert.Contains(SignatureCheck.Verify(lying, root, null, false), "does not verify", "salt " + salt + " claimed " + (salt + 1));
                }
            }
        }

        [TestMethod]
        public void OuterAndInnerParametersMustMatch()
        {
            var (ca, caKey) = MakeCa(HashAlgorithmName.SHA256);
            using (caKey)
            {
                var leafDer = MakeLeaf(ca, HashAlgorithmName.SHA256, RSASignaturePadding.Pss).RawData;
                var (tbs, alg, sig) = Split(leafDer);
                var other = PssAlgorithm(Sha256Oid, Sha256Oid, 20);
                Assert.IsNull(CoreCert.TryParse(Join(tbs, other, sig), out var error), "outer parameters differ");
                StringAssert.Contains(error, "differs");
                Assert.IsNotNull(CoreCert.TryParse(Join(tbs, alg, sig), out error), error);
            }
        }

        [TestMethod]
        public void PssSignedCrlVerifiesThroughThePathValidator()
        {
            var (ca, caKey) = MakeCa(HashAlgorithmName.SHA256);
            using (caKey)
            {
                var root = Core(ca.RawData);
                var leaf = Core(MakeLeaf(ca, HashAlgorithmName.SHA256, RSASignaturePadding.Pss).RawData);
                var builder = new CertificateRevocationListBuilder();
                builder.AddEntry(new byte[] { 9, 9, 9 }, DateTimeOffset.UtcNow.AddMinutes(-5));
                var crlDer = builder.Build(ca, BigInteger.One, DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                var crl = X509Crl.TryParse(crlDer, out var error);
                Assert.IsNotNull(crl, error);
                Assert.AreEqual(PssParameters.OidRsassaPss, crl.SignatureAlgorithm);
                Assert.IsNotNull(crl.SignatureAlgorithmParameters);
                Assert.IsNull(SignatureCheck.Verify(crl.SignatureAlgorithm, crl.SignatureAlgorithmParameters, crl.Der, crl.TbsOffset, crl.TbsLength,
                    crl.Signature, crl.SignatureUnusedBits, root, null, true));
                // Without its parameters the CRL's signature cannot be checked.
                StringAssert.Contains(SignatureCheck.Verify(crl.SignatureAlgorithm, crl.Der, crl.TbsOffset, crl.TbsLength,
                    crl.Signature, crl.SignatureUnusedBits, root, null, true), "parameters");
                var policy = new ValidationPolicy { Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60, Fips = true, Crls = new[] { crl } };
                var result = new PathValidator(new[] { root }, null).Validate(new[] { leaf }, policy);
                Assert.IsTrue(result.Valid, result.Code + ": " + result.Message);
            }
        }

        [TestMethod]
        public void ParametersAreParsedStrictly()
        {
            var ok = PssParameters.TryParse(new byte[] { 0x30, 0x00 }, out var error);
            Assert.IsNotNull(ok, error);
            Assert.AreEqual("SHA-1", ok.HashName);
            Assert.AreEqual("SHA-1", ok.MgfHashName);
            Assert.AreEqual(20, ok.SaltLength);

            var full = Params(Sha256Oid, Sha256Oid, 32, 1, nullParams: false);
            ok = PssParameters.TryParse(full, out error);
            Assert.IsNotNull(ok, error);
            Assert.AreEqual("SHA-256", ok.HashName);
            Assert.AreEqual(32, ok.SaltLength);
            Assert.IsNotNull(PssParameters.TryParse(Params("2.16.840.1.101.3.4.2.3", "2.16.840.1.101.3.4.2.2", 0, null, nullParams: true), out error), error);

            Refused(null, "without parameters");
            Refused(Params(Sha256Oid, Sha256Oid, 32, 2, true), "trailerField 2");
            Refused(Params(Sha256Oid, Sha256Oid, 100000, null, true), "absurd");
            Refused(Params(Sha256Oid, Sha256Oid, -1, null, true), "saltLength");
            Refused(Params("2.16.840.1.101.3.4.2.4", Sha256Oid, 28, null, true), "not supported");   // SHA-224
            Refused(Params(Sha256Oid, Sha256Oid, 32, null, true, mgfOid: "1.2.840.113549.1.1.9"), "mask generation function");
            Refused(Params(Sha256Oid, Sha256Oid, 32, null, true, misorder: true), "misordered");
            Refused(Params(Sha256Oid, Sha256Oid, 32, null, true, hashParamsOctets: true), "NULL or absent");
            Refused(new byte[] { 0x30, 0x00, 0x00 }, "one SEQUENCE");
            Refused(new byte[] { 0x31, 0x00 }, "one SEQUENCE");

            var rng = new Random(61);
            for (int round = 0; round < 5000; round++)
            {
                var m = (byte[])full.Clone();
                for (int k = 0; k < 1 + rng.Next(4); k++) m[rng.Next(m.Length)] = (byte)rng.Next(256);
                if (rng.Next(4) == 0) m = m[..rng.Next(m.Length)];
                PssParameters.TryParse(m, out _);              // never throws
            }
        }

        private static void Refused(byte[] der, string expected)
        {
            Assert.IsNull(PssParameters.TryParse(der, out var error), expected);
            StringAssert.Contains(error, expected);
        }

        private static void WriteHashAlg(AsnWriter w, string oid, bool nullParams, bool octets = false)
        {
            w.PushSequence();
            w.WriteObjectIdentifier(oid);
            if (nullParams) w.WriteNull();
            if (octets) w.WriteOctetString(new byte[] { 1 });
            w.PopSequence();
        }

        private static readonly Asn1Tag[] Ctx = { new(TagClass.ContextSpecific, 0, true), new(TagClass.ContextSpecific, 1, true), new(TagClass.ContextSpecific, 2, true), new(TagClass.ContextSpecific, 3, true) };

        /// <summary>RSASSA-PSS-params, explicitly tagged (RFC 4055's module uses EXPLICIT TAGS).</summary>
        private static byte[] Params(string hashOid, string mgfHashOid, int salt, int? trailer, bool nullParams,
            string mgfOid = PssParameters.OidMgf1, bool misorder = false, bool hashParamsOctets = false)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            if (misorder) { w.PushSequence(Ctx[2]); w.WriteInteger(salt); w.PopSequence(Ctx[2]); }
            w.PushSequence(Ctx[0]);
            WriteHashAlg(w, hashOid, nullParams, hashParamsOctets);
            w.PopSequence(Ctx[0]);
            w.PushSequence(Ctx[1]);
            w.PushSequence();
            w.WriteObjectIdentifier(mgfOid);
            WriteHashAlg(w, mgfHashOid, nullParams);
            w.PopSequence();
            w.PopSequence(Ctx[1]);
            if (!misorder) { w.PushSequence(Ctx[2]); w.WriteInteger(salt); w.PopSequence(Ctx[2]); }
            if (trailer.HasValue) { w.PushSequence(Ctx[3]); w.WriteInteger(trailer.Value); w.PopSequence(Ctx[3]); }
            w.PopSequence();
            return w.Encode();
        }

        /// <summary>The whole AlgorithmIdentifier for id-RSASSA-PSS.</summary>
        private static byte[] PssAlgorithm(string hashOid, string mgfHashOid, int salt)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            w.WriteObjectIdentifier(PssParameters.OidRsassaPss);
            w.WriteEncodedValue(Params(hashOid, mgfHashOid, salt, null, true));
            w.PopSequence();
            return w.Encode();
        }

        private static byte[] DefaultPssAlgorithm()
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            w.WriteObjectIdentifier(PssParameters.OidRsassaPss);
            w.PushSequence();
            w.PopSequence();
            w.PopSequence();
            return w.Encode();
        }

        private static (byte[] Tbs, byte[] Alg, byte[] Sig) Split(byte[] certDer)
        {
            var cert = new AsnReader(certDer, AsnEncodingRules.DER).ReadSequence();
            return (cert.ReadEncodedValue().ToArray(), cert.ReadEncodedValue().ToArray(), cert.ReadEncodedValue().ToArray());
        }

        private static byte[] Join(byte[] tbs, byte[] alg, byte[] sigBitString)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            w.WriteEncodedValue(tbs);
            w.WriteEncodedValue(alg);
            w.WriteEncodedValue(sigBitString);
            w.PopSequence();
            return w.Encode();
        }

        /// <summary>The certificate with alg in both places (TBS and outer), signed by caKey with
        /// raw RSA over a test-side EMSA-PSS encoding (SHA-256, or SHA-1 for the message and/or
        /// MGF1) with a salt of saltLength octets.</summary>
        private static byte[] Resign(byte[] certDer, RSA caKey, byte[] alg, int saltLength, bool sha1 = false, bool mgfSha1 = false)
        {
            var (tbs, _, _) = Split(certDer);
            var fields = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            var w = new AsnWriter(AsnEncodingRules.DER);
            w.PushSequence();
            int index = 0;
            while (fields.HasData)
            {
                var field = fields.ReadEncodedValue().ToArray();
                w.WriteEncodedValue(index == 2 ? alg : field);          // [0] version, serial, signature
                index++;
            }
            w.PopSequence();
            var newTbs = w.Encode();
            var key = caKey.ExportParameters(true);
            var salt = new byte[saltLength];
            new Random(saltLength).NextBytes(salt);
            int emBits = (int)Big(key.Modulus).GetBitLength() - 1;
            Func<byte[], byte[]> hash = sha1 ? SHA1.HashData : SHA256.HashData;
            byte[] em = PssEncode(hash(newTbs), salt, emBits, hash: hash, mgfHash: sha1 || mgfSha1 ? SHA1.HashData : SHA256.HashData);
            var sig = new AsnWriter(AsnEncodingRules.DER);
            sig.WriteBitString(RawPrivate(key, em));
            return Join(newTbs, alg, sig.Encode());
        }
    }
}
