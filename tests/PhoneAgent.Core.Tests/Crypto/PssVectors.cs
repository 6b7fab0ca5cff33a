namespace PhoneAgent.Core.Tests.Crypto
{
    /// <summary>RSASSA-PSS test vectors from RSA Laboratories' PKCS #1 v2.1 vector set,
    /// pss-vect.txt in ftp://ftp.rsasecurity.com/pub/pkcs/pkcs-1/pkcs-1v2-1-vec.zip: SHA-1, MGF1
    /// with SHA-1, 20-octet salts. Example 1 has a 1024-bit modulus, Example 2 a 1025-bit one
    /// (emLen = k - 1), Example 8 a 1031-bit one (two zero bits on top of EM). The host tests
    /// check every vector with .NET's RSA as well, so a typing slip here cannot pass.</summary>
    public static class PssVectors
    {
        public const string E = "01 00 01";

        public const string N1 =
            "a5 6e 4a 0e 70 10 17 58 9a 51 87 dc 7e a8 41 d1 56 f2 ec 0e 36 ad 52 a4 4d fe b1 e6 1f 7a d9 91 " +
            "d8 c5 10 56 ff ed b1 62 b4 c0 f2 83 a1 2a 88 a3 94 df f5 26 ab 72 91 cb b3 07 ce ab fc e0 b1 df " +
            "d5 cd 95 08 09 6d 5b 2b 8b 6d f5 d6 71 ef 63 77 c0 92 1c b2 3c 27 0a 70 e2 59 8e 6f f8 9d 19 f1 " +
            "05 ac c2 d3 f0 cb 35 f2 92 80 e1 38 6b 6f 64 c4 ef 22 e1 e1 f2 0d 0c e8 cf fb 22 49 bd 9a 21 37";

        public const string Message1_1 =
            "cd c8 7d a2 23 d7 86 df 3b 45 e0 bb bc 72 13 26 d1 ee 2a f8 06 cc 31 54 75 cc 6f 0d 9c 66 e1 b6 " +
            "23 71 d4 5c e2 39 2e 1a c9 28 44 c3 10 10 2f 15 6a 0d 8d 52 c1 f4 c4 0b a3 aa 65 09 57 86 cb 76 " +
            "97 57 a6 56 3b a9 58 fe d0 bc c9 84 e8 b5 17 a3 d5 f5 15 b2 3b 8a 41 e7 4a a8 67 69 3f 90 df b0 " +
            "61 a6 e8 6d fa ae e6 44 72 c0 0e 5f 20 94 57 29 cb eb e7 7f 06 ce 78 e0 8f 40 98 fb a4 1f 9d 61 " +
            "93 c0 31 7e 8b 60 d4 b6 08 4a cb 42 d2 9e 38 08 a3 bc 37 2d 85 e3 31 17 0f cb f7 cc 72 d0 b7 1c " +
            "29 66 48 b3 a4 d1 0f 41 62 95 d0 80 7a a6 25 ca b2 74 4f d9 ea 8f d2 23 c4 25 37 02 98 28 bd 16 " +
            "be 02 54 6f 13 0f d2 e3 3b 93 6d 26 76 e0 8a ed 1b 73 31 8b 75 0a 01 67 d0";

        public const string Signature1_1 =
            "90 74 30 8f b5 98 e9 70 1b 22 94 38 8e 52 f9 71 fa ac 2b 60 a5 14 5a f1 85 df 52 87 b5 ed 28 87 " +
            "e5 7c e7 fd 44 dc 86 34 e4 07 c8 e0 e4 36 0b c2 26 f3 ec 22 7f 9d 9e 54 63 8e 8d 31 f5 05 12 15 " +
            "df 6e bb 9c 2f 95 79 aa 77 59 8a 38 f9 14 b5 b9 c1 bd 83 c4 e2 f9 f3 82 a0 d0 aa 35 42 ff ee 65 " +
            "98 4a 60 1b c6 9e b2 8d eb 27 dc a1 2c 82 c2 d4 c3 f6 6c d5 00 f1 ff 2b 99 4d 8a 4e 30 cb b3 3c";

        public const string Message1_2 =
            "85 13 84 cd fe 81 9c 22 ed 6c 4c cb 30 da eb 5c f0 59 bc 8e 11 66 b7 e3 53 0c 4c 23 3e 2b 5f 8f " +
            "71 a1 cc a5 82 d4 3e cc 72 b1 bc a1 6d fc 70 13 22 6b 9e";

        public const string Signature1_2 =
            "3e f7 f4 6e 83 1b f9 2b 32 27 41 42 a5 85 ff ce fb dc a7 b3 2a e9 0d 10 fb 0f 0c 72 99 84 f0 4e " +
            "f2 9a 9d f0 78 07 75 ce 43 73 9b 97 83 83 90 db 0a 55 05 e6 3d e9 27 02 8d 9d 29 b2 19 ca 2c 45 " +
            "17 83 25 58 a5 5d 69 4a 6d 25 b9 da b6 60 03 c4 cc cd 90 78 02 19 3b e5 17 0d 26 14 7d 37 b9 35 " +
            "90 24 1b e5 1c 25 05 5f 47 ef 62 75 2c fb e2 14 18 fa fe 98 c2 2c 4d 4d 47 72 4f db 56 69 e8 43";

        public const string N2 =
            "01 d4 0c 1b cf 97 a6 8a e7 cd bd 8a 7b f3 e3 4f a1 9d cc a4 ef 75 a4 74 54 37 5f 94 51 4d 88 fe " +
            "d0 06 fb 82 9f 84 19 ff 87 d6 31 5d a6 8a 1f f3 a0 93 8e 9a bb 34 64 01 1c 30 3a d9 91 99 cf 0c " +
            "7c 7a 8b 47 7d ce 82 9e 88 44 f6 25 b1 15 e5 e9 c4 a5 9c f8 f8 11 3b 68 34 33 6a 2f d2 68 9b 47 " +
            "2c bb 5e 5c ab e6 74 35 0c 59 b6 c1 7e 17 68 74 fb 42 f8 fc 3d 17 6a 01 7e dc 61 fd 32 6c 4b 33 " +
            "c9";

        // Example 2's private parts, for the modular-inverse known answers (qInv = q^-1 mod p,
        // dP = d mod (p - 1), dQ = d mod (q - 1), RFC 8017 §3.2).
        public const string D2 =
            "02 7d 14 7e 46 73 05 73 77 fd 1e a2 01 56 57 72 17 6a 7d c3 83 58 d3 76 04 56 85 a2 e7 87 c2 3c " +
            "15 57 6b c1 6b 9f 44 44 02 d6 bf c5 d9 8a 3e 88 ea 13 ef 67 c3 53 ec a0 c0 dd ba 92 55 bd 7b 8b " +
            "b5 0a 64 4a fd fd 1d d5 16 95 b2 52 d2 2e 73 18 d1 b6 68 7a 1c 10 ff 75 54 5f 3d b0 fe 60 2d 5f " +
            "2b 7f 29 4e 36 01 ea b7 b9 d1 ce cd 76 7f 64 69 2e 3e 53 6c a2 84 6c b0 c2 dd 48 6a 39 fa 75 b1";

        public const string P2 =
            "01 66 01 e9 26 a0 f8 c9 e2 6e ca b7 69 ea 65 a5 e7 c5 2c c9 e0 80 ef 51 94 57 c6 44 da 68 91 c5 " +
            "a1 04 d3 ea 79 55 92 9a 22 e7 c6 8a 7a f9 fc ad 77 7c 3c cc 2b 9e 3d 36 50 bc e4 04 39 9b 7e 59 " +
            "d1";

        public const string Q2 =
            "01 4e af a1 d4 d0 18 4d a7 e3 1f 87 7d 12 81 dd da 62 56 64 86 9e 83 79 e6 7a d3 b7 5e ae 74 a5 " +
            "80 e9 82 7a bd 6e b7 a0 02 cb 54 11 f5 26 67 97 76 8f b8 e9 5a e4 0e 3e 8a 01 f3 5f f8 9e 56 c0 " +
            "79";

        public const string DP2 =
            "e2 47 cc e5 04 93 9b 8f 0a 36 09 0d e2 00 93 87 55 e2 44 4b 29 53 9a 7d a7 a9 02 f6 05 68 35 c0 " +
            "db 7b 52 55 94 97 cf e2 c6 1a 80 86 d0 21 3c 47 2c 78 85 18 00 b1 71 f6 40 1d e2 e9 c2 75 6f 31";

        public const string DQ2 =
            "b1 2f ba 75 78 55 e5 86 e4 6f 64 c3 8a 70 c6 8b 3f 54 8d 93 d7 87 b3 99 99 9d 4c 8f 0b bd 25 81 " +
            "c2 1e 19 ed 00 18 a6 d5 d3 df 86 42 4b 3a bc ad 40 19 9d 31 49 5b 61 30 9f 27 c1 bf 55 d4 87 c1";

        public const string QInv2 =
            "56 4b 1e 1f a0 03 bd a9 1e 89 09 04 25 aa c0 5b 91 da 9e e2 50 61 e7 62 8d 5f 51 30 4a 84 99 2f " +
            "dc 33 76 2b d3 78 a5 9f 03 0a 33 4d 53 2b d0 da e8 f2 98 ea 9e d8 44 63 6a d5 fb 8c bd c0 3c ad";

        public const string Message2_1 =
            "da ba 03 20 66 26 3f ae db 65 98 48 11 52 78 a5 2c 44 fa a3 a7 6f 37 51 5e d3 36 32 10 72 c4 0a " +
            "9d 9b 53 bc 05 01 40 78 ad f5 20 87 51 46 aa e7 0f f0 60 22 6d cb 7b 1f 1f c2 7e 93 60";

        public const string Signature2_1 =
            "01 4c 5b a5 33 83 28 cc c6 e7 a9 0b f1 c0 ab 3f d6 06 ff 47 96 d3 c1 2e 4b 63 9e d9 13 6a 5f ec " +
            "6c 16 d8 88 4b dd 99 cf dc 52 14 56 b0 74 2b 73 68 68 cf 90 de 09 9a db 8d 5f fd 1d ef f3 9b a4 " +
            "00 7a b7 46 ce fd b2 2d 7d f0 e2 25 f5 46 27 dc 65 46 61 31 72 1b 90 af 44 53 63 a8 35 8b 9f 60 " +
            "76 42 f7 8f ab 0a b0 f4 3b 71 68 d6 4b ae 70 d8 82 78 48 d8 ef 1e 42 1c 57 54 dd f4 2c 25 89 b5 " +
            "b3";

        public const string Message2_4 =
            "a7 18 2c 83 ac 18 be 65 70 a1 06 aa 9d 5c 4e 3d bb d4 af ae b0 c6 0c 4a 23 e1 96 9d 79 ff";

        public const string Signature2_4 =
            "00 9c d2 f4 ed be 23 e1 23 46 ae 8c 76 dd 9a d3 23 0a 62 07 61 41 f1 6c 15 2b a1 85 13 a4 8e f6 " +
            "f0 10 e0 e3 7f d3 df 10 a1 ec 62 9a 0c b5 a3 b5 d2 89 30 07 29 8c 30 93 6a 95 90 3b 6b a8 55 55 " +
            "d9 ec 36 73 a0 61 08 fd 62 a2 fd a5 6d 1c e2 e8 5c 4d b6 b2 4a 81 ca 3b 49 6c 36 d4 fd 06 eb 7c " +
            "91 66 d8 e9 48 77 c4 2b ea 62 2b 3b fe 92 51 fd c2 1d 8d 53 71 ba da d7 8a 48 82 14 79 63 35 b4 " +
            "0b";

        public const string N8 =
            "49 53 70 a1 fb 18 54 3c 16 d3 63 1e 31 63 25 5d f6 2b e6 ee e8 90 d5 f2 55 09 e4 f7 78 a8 ea 6f " +
            "bb bc df 85 df f6 4e 0d 97 20 03 ab 36 81 fb ba 6d d4 1f d5 41 82 9b 2e 58 2d e9 f2 a4 a4 e0 a2 " +
            "d0 90 0b ef 47 53 db 3c ee 0e e0 6c 7d fa e8 b1 d5 3b 59 53 21 8f 9c ce ea 69 5b 08 66 8e de aa " +
            "dc ed 94 63 b1 d7 90 d5 eb f2 7e 91 15 b4 6c ad 4d 9a 2b 8e fa b0 56 1b 08 10 34 47 39 ad a0 73 " +
            "3f";

        public const string Message8_1 =
            "81 33 2f 4b e6 29 48 41 5e a1 d8 99 79 2e ea cf 6c 6e 1d b1 da 8b e1 3b 5c ea 41 db 2f ed 46 70 " +
            "92 e1 ff 39 89 14 c7 14 25 97 75 f5 95 f8 54 7f 73 56 92 a5 75 e6 92 3a f7 8f 22 c6 99 7d db 90 " +
            "fb 6f 72 d7 bb 0d d5 74 4a 31 de cd 3d c3 68 58 49 83 6e d3 4a ec 59 63 04 ad 11 84 3c 4f 88 48 " +
            "9f 20 97 35 f5 fb 7f da f7 ce c8 ad dc 58 18 16 8f 88 0a cb f4 90 d5 10 05 b7 a8 e8 4e 43 e5 42 " +
            "87 97 75 71 dd 99 ee a4 b1 61 eb 2d f1 f5 10 8f 12 a4 14 2a 83 32 2e db 05 a7 54 87 a3 43 5c 9a " +
            "78 ce 53 ed 93 bc 55 08 57 d7 a9 fb";

        public const string Signature8_1 =
            "02 62 ac 25 4b fa 77 f3 c1 ac a2 2c 51 79 f8 f0 40 42 2b 3c 5b af d4 0a 8f 21 cf 0f a5 a6 67 cc " +
            "d5 99 3d 42 db af b4 09 c5 20 e2 5f ce 2b 1e e1 e7 16 57 7f 1e fa 17 f3 da 28 05 2f 40 f0 41 9b " +
            "23 10 6d 78 45 aa f0 11 25 b6 98 e7 a4 df e9 2d 39 67 bb 00 c4 d0 d3 5b a3 55 2a b9 a8 b3 ee f0 " +
            "7c 7f ec db c5 42 4a c4 db 1e 20 cb 37 d0 b2 74 47 69 94 0e a9 07 e1 7f bb ca 67 3b 20 52 23 80 " +
            "c5";

        /// <summary>(modulus, message, signature) triples, all hex.</summary>
        public static string[] All()
        {
            return new string[]
            {
                N1, Message1_1, Signature1_1,
                N1, Message1_2, Signature1_2,
                N2, Message2_1, Signature2_1,
                N2, Message2_4, Signature2_4,
                N8, Message8_1, Signature8_1,
            };
        }
    }
}
