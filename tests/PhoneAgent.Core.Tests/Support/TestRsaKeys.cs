using PhoneAgent.Core.Scep;

namespace PhoneAgent.Core.Tests.Support
{
    /// <summary>Fixed RSA-1024 keys for the SCEP tests, as PKCS#1 RSAPrivateKey DER (hex).
    /// Test fixtures only, made once with "openssl genrsa -traditional 1024" for this purpose:
    /// no expected value depends on them (the tests compare what the code computes with what
    /// the code under test reads back, and the host tests use independent oracles). Fixed keys
    /// keep the shared tests fast on the device, which would take long to generate them.</summary>
    public static class TestRsaKeys
    {
        public const string CaPkcs1 =
            "3082025d02010002818100e1343d839876a76d508d7c9ccd072dabab6aa3248e1472fcf8251b3a86eaa2d399dff83b446599127b49b55119ef47b9ba164751ca" +
            "04962832c72512d2a8d0b92978af4bbcb85c9fb8751fd621718d481f0be568ab26aa2e2ad11fed8b579ce96d9d11465648f7de415db39234eeddede0631949c0" +
            "8060301ccb68410fea5ddb02030100010281803811e6a2e609dcc3a5c3a45bf1dc30adc63f05a16b528212a3c1b156d0128939bfdcf893e1029eaaf05138b899" +
            "896ec53a24a3db243e22189e13e1121faaf2543fd90fbf9d105230b8535123208ee8fa7a66221ea70278056df3e110ff322fbebd3a6f067cb4876455ea5200b1" +
            "449bcc08cf8f6a9bc87fc2e38ec684d5df6af9024100fd23fd42ab348029bfc4ca52bbe95a66bcb340fefa467739b858a4bb5568ce3bbf68642975a09e4bcb44" +
            "1882e72766cae7a1c439adc615019a49c3f158445475024100e3bf776d02e4d0f1c0350e9b63de4ee124958a16fdc839bbf36e40692a6a03e5b0f2db316f4191" +
            "95a4333e3a11771ec3e2c7f314d2e70bdaa973c177cc0a5f0f024100f8f71477257b1531fa71c9ab653534bc268b0639c05cdd95df410f834f952c8086d85cea" +
            "89cdd6e224a06c9b124d2644195c786962079751643578893d8eb6a1024100960ef8b445dcd7e3019eb3d224ba3c44d1e309ca5e4a87e7d3dc07ea82fcb936a5" +
            "214ed54295f443a19df5d932dac6d5905de84707331eb7634116ef44ec6c7702403437103cca08c0c5f15ff877a1c5d1fd0970bec1f0fbb898577c5db164e340" +
            "409f359f6eee0859e666d4842af06b76f69d06eaa29be7cbfd4b2e9c379f2b94c7";

        public const string RaPkcs1 =
            "3082025b02010002818100ad9fd938a9774deb0aadaed3e91c7bef5f338fee7d32c17fab1bbab0f59a85e2e47814053d89d80c1cf503257a5760754f62906876" +
            "9220641d0260df98e4b3176a742b39ba9d48076c73a3ec67d67e097588c23f423914f53fac81962ebd303d166b30659f9827493938a4d2718cf92f46166d8398" +
            "c716d07dcdcae55d673af102030100010281800360b7be2575dfbb31e2fd22bc474495fc992934af94dc34daa4587676e0c1b80f4fd2bbe35d9a296a2ace1bdd" +
            "8c73a0f4a16b43cd02bcc495d7e500949de66a06fd415dcb87fa3f1dffd986c69e54c529d1909b9d71ba773de963c6b78da9abf316ac17be9d4505331136e964" +
            "c1314d5675cdb2fa888bcec9433b287fb805c1024100e0082cd2a3ad9ae8a4149a169650fa8164da3c866c260cc2318404c87e28f5d66b1266fd673f784d6dd9" +
            "002dfe1a7c3fae0f5e266119334c5b0f501363d06549024100c6664ce634e6154eebeaadc01ac94d05091b4306877faca5d401324a82ecba944ba60d63a92f31" +
            "ccfe7d90711dff069145e0e106d563ee7e191a5abfba70306902402119b41daf275052fd233a1d0a3a8eb89d810d1e434e5fe63550af303c4baafef234f6d88b" +
            "efb9c39eee47f383aec01adc89d2bc52ee5940f7d74c5a810de259024067b26493162704102202a119fd662599722f0b934813155bff3938ddf51c6250cc5158" +
            "4234d574041f27e5ed19ae87f23a41d59bcac0d69095f24e6853bbfbb102405ecd8ba94adf920e95d100c34dfe480fee6e0bd68d226f32d7f5b9811ad8060d4f" +
            "966da2b2c9d70d6ba196bf72f0e23275c4433b1baa13e3456aafb262e04303";

        public const string Phone1Pkcs1 =
            "3082025c02010002818100e3c091f9694909b2624461657bf45ad7304d0134e94d2521674e9adbb9a850b741fd42b9d596ddd6784f8aa9bff6a7e8be45d18479" +
            "bb03e1bb576ca6efe28e2f1e177bb72adadd0d4fcccc132a81bc5c295996521de2c880b459cfc6d22cb5378e9430726748cf80a4f47d5e93f014e869c788882d" +
            "198d33cfbf9ae2481ef869020301000102818078b1522a23fb4aa237a5192018a21389b9d4f4f0bf39dc956913a4c91007fc4e41301f2e2fdc354f348ea262f6" +
            "9195c5a71f84ba796ffbcca1e4e0754ee67685cd51386235d8605af2ae1d52e7197518075f42011ca553ea01784deb1aa74f2f0ed0e080533caa0e26cf196ae6" +
            "dc4373b5652c21cc98b2fcc6d64d11000319a1024100ff493333529a86670d86478526296c393bf2a0a56e809bd567a4e592564b8ac464211e2c6afe3dadb1ee" +
            "ee1d83d9da2196773d71ddd9ac80968a3ebfe619780d024100e463a78887f5dfa793fbf383352efd2baa858a2f8c3483727cc3a96332b21c0f0579ee7c26909d" +
            "914f6aceda37f100c413bee88352d0408b2b8141037d65aecd0240688eb893baaf6380edbf23a7db3b7801f115acca54fa03d961fbddb313f918badb2fdd45e0" +
            "04858a90a8058abd280af95ac137bf5d57fc19268f34a8303c1a3902410088497f7bd5c63f447ce66895ef72aed913d4c4754331430f5aac57b43e5852ae1412" +
            "82e1cb1199355132e76508e4e4141dc45a73a3436a80a1e16bae6d71f431024076d486c0eb073a2416fcbbd9c108ea28988fbd96dfdd684a7ce062b7e25a3228" +
            "504a590282c84d1a549f9964fed7ebd55bea4b3175b5c3247fbda9af02c96417";

        public const string Phone2Pkcs1 =
            "3082025c02010002818100a00cb2771e48c00507c6a81dfdd62bc08ef44070f091bc8eba5ad472d8d39dd68d599388bca60d78a64c275edf61203312308d6cbf" +
            "1b1c71695e49f7886855ca195b8f6091691d9256a7b175448b145e33c5c981f494b5c4caf463f5bdf4391646e6791646ecf775f5a142d75444b898b970deed99" +
            "d922003b2edcf50cfe814b020301000102818028d6f49726b8239f64fb911c8e101f7bf43e694f2863d7bc87daf38916c0f0eeb584dcfbb03fa3025d54e35af7" +
            "1f1e8b49a1f00486c3513fb34667136dd049cb6fdb1e069d3c1fe41a19ccc9714cbe277410b14a7856157b089941b6df224b0002232afa6a195560c87789829d" +
            "c300d2372fa457157411017db9c6020159c2b9024100cd2e5ee60b461dc6b40f31a3cf0691a9e7336e88b62c44ea77ad11e5fc67cc9400a1bdd026ab635e372d" +
            "59c3873f1f91b63d30fc37a5123b265271223b642667024100c7b0bc2baac9e738e3eae3da9cb049050fe72086314f992c48d57bca36843386e53df6a93b00e8" +
            "baf685a344f396d5665a2b96b1a0bc3ca13bd10546e167977d02403bc8ff2dd8ab1d9200754ce986314bd04de5d6974f3da6f70ad80b17106cce5771b7af2f2f" +
            "9550e6eafcf3e2dd4daf4d2de4b699473d7a0a7228237eedff4891024100b1cd026edb1df4fc29abae7fab3e27761367d704c5093bb83b8da230358456a0c8a2" +
            "f86a4c380e00d299c0fb16ecf94bae03dba4831ab7dd53f6537d7e1b8fbd02402f618ae8dba1a05e0370f9c937542239044b51af41dde7eda0b58ec1dc152a75" +
            "96e5785a692089ef807b1d7fb4db8420d37b48cb428cb3ef2ec438a5172e9fd9";
        private static ScepKeyPair _ca, _ra, _phone1, _phone2;

        public static ScepKeyPair Ca { get { return _ca != null ? _ca : (_ca = Load(CaPkcs1)); } }
        public static ScepKeyPair Ra { get { return _ra != null ? _ra : (_ra = Load(RaPkcs1)); } }
        public static ScepKeyPair Phone1 { get { return _phone1 != null ? _phone1 : (_phone1 = Load(Phone1Pkcs1)); } }
        public static ScepKeyPair Phone2 { get { return _phone2 != null ? _phone2 : (_phone2 = Load(Phone2Pkcs1)); } }

        private static ScepKeyPair Load(string hex)
        {
            string error;
            ScepKeyPair k = ScepKeyPair.TryDecode(Util.Hex.TryParse(hex), out error);
            if (k == null) throw new System.InvalidOperationException("test key: " + error);
            return k;
        }
    }
}
