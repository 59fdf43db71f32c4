// SPDX-License-Identifier: EUPL-1.2
// Ed25519 keys, signatures and fingerprints: RFC 8032 vectors, strict PEM
// reading, and interop with the openssl command an exam centre will use.
#include "io/signing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace jurymn {
namespace {

using test::slurp;
using test::spit;
using test::TempDir;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

template <std::size_t N>
std::array<unsigned char, N> array_from_hex(std::string_view hex) {
  std::string bytes = from_hex(hex);
  EXPECT_EQ(bytes.size(), N);
  std::array<unsigned char, N> a{};
  std::copy(bytes.begin(), bytes.end(), a.begin());
  return a;
}

template <std::size_t N>
std::string as_string(const std::array<unsigned char, N>& a) {
  return std::string(a.begin(), a.end());
}

// RFC 8032, section 7.1, tests 1 and 2.
constexpr std::string_view kSeed1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kPublic1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kSignatureEmpty1 =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141"
    "438e7a100b";
constexpr std::string_view kSeed2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr std::string_view kPublic2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
constexpr std::string_view kSignature72 =
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d29"
    "1612bb0c00";

// What `openssl pkey` writes for the key of test 1.
constexpr std::string_view kPrivatePem1 =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr std::string_view kPublicPem1 =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    "-----END PUBLIC KEY-----\n";

SigningKey key1() { return signing_key_from_seed(array_from_hex<32>(kSeed1)); }

constexpr std::string_view kResults = R"({"session":"CCP1 — mai 2026","candidats":[{"numero":"1","decision":"admis"}]})";

// ------------------------------------------------------------ sign, verify

TEST(Signing, KeysAndSignaturesMatchRfc8032) {
  SigningKey k1 = key1();
  EXPECT_EQ(as_string(k1.seed), from_hex(kSeed1));
  EXPECT_EQ(as_string(k1.public_key), from_hex(kPublic1));
  EXPECT_EQ(as_string(sign_bytes(k1, "")), from_hex(kSignatureEmpty1));

  SigningKey k2 = signing_key_from_seed(array_from_hex<32>(kSeed2));
  EXPECT_EQ(as_string(k2.public_key), from_hex(kPublic2));
  EXPECT_EQ(as_string(sign_bytes(k2, "\x72")), from_hex(kSignature72));
  EXPECT_TRUE(verify_signature(k2.public_key, "\x72", from_hex(kSignature72)));
}

TEST(Signing, GeneratedKeySignsAndVerifies) {
  SigningKey key = generate_signing_key();
  EXPECT_EQ(signing_key_from_seed(key.seed).public_key, key.public_key);
  Signature sig = sign_bytes(key, kResults);
  EXPECT_TRUE(verify_signature(key.public_key, kResults, as_string(sig)));
  EXPECT_NE(generate_signing_key().seed, key.seed);
}

TEST(Signing, KeysFromSeveralThreadsAreDistinctAndWork) {
  std::vector<SigningKey> keys(4);
  std::vector<std::thread> threads;
  for (auto& k : keys) threads.emplace_back([&k] { k = generate_signing_key(); });
  for (auto& t : threads) t.join();
  std::set<std::array<unsigned char, 32>> seeds;
  for (const auto& k : keys) {
    seeds.insert(k.seed);
    EXPECT_TRUE(verify_signature(k.public_key, kResults, as_string(sign_bytes(k, kResults))));
  }
  EXPECT_EQ(seeds.size(), keys.size());
}

TEST(Signing, AnyFlippedByteFailsVerification) {
  SigningKey key = key1();
  const std::string data(kResults);
  const std::string sig = as_string(sign_bytes(key, data));
  ASSERT_TRUE(verify_signature(key.public_key, data, sig));

  for (std::size_t i = 0; i < data.size(); ++i) {
    std::string altered = data;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    EXPECT_FALSE(verify_signature(key.public_key, altered, sig)) << "data byte " << i;
  }
  for (std::size_t i = 0; i < sig.size(); ++i) {
    std::string altered = sig;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    EXPECT_FALSE(verify_signature(key.public_key, data, altered)) << "signature byte " << i;
  }
  for (std::size_t i = 0; i < key.public_key.size(); ++i) {
    PublicKey altered = key.public_key;
    altered[i] ^= 0x01;
    EXPECT_FALSE(verify_signature(altered, data, sig)) << "public key byte " << i;
  }
  EXPECT_FALSE(verify_signature(key.public_key, data + "\n", sig));
  EXPECT_FALSE(verify_signature(signing_key_from_seed(array_from_hex<32>(kSeed2)).public_key, data, sig));
}

TEST(Signing, SignatureOfWrongLengthFails) {
  SigningKey key = key1();
  const std::string sig = as_string(sign_bytes(key, kResults));
  EXPECT_FALSE(verify_signature(key.public_key, kResults, ""));
  EXPECT_FALSE(verify_signature(key.public_key, kResults, sig.substr(0, 63)));
  EXPECT_FALSE(verify_signature(key.public_key, kResults, sig + '\0'));
  EXPECT_FALSE(verify_signature(key.public_key, kResults, sig + "\n"));
  EXPECT_FALSE(verify_signature(key.public_key, kResults, sig + sig));
}

// ------------------------------------------------------------ PEM

TEST(SigningPem, WritesWhatOpensslWrites) {
  SigningKey key = key1();
  EXPECT_EQ(private_key_pem(key), kPrivatePem1);
  EXPECT_EQ(public_key_pem(key.public_key), kPublicPem1);
}

TEST(SigningPem, RoundTripsBothKeys) {
  for (const SigningKey& key : {key1(), generate_signing_key()}) {
    std::string priv = private_key_pem(key);
    std::string pub = public_key_pem(key.public_key);
    for (const std::string& pem : {priv, pub}) {
      std::size_t at = 0;
      for (std::size_t nl; (nl = pem.find('\n', at)) != std::string::npos; at = nl + 1)
        EXPECT_LE(nl - at, 64u) << pem;
      EXPECT_EQ(at, pem.size()) << "ends with a line break";
    }
    SigningKeyParse p = parse_private_key_pem(priv, "signing-key.pem");
    ASSERT_TRUE(p.key) << p.error;
    EXPECT_EQ(p.error, "");
    EXPECT_EQ(p.key->seed, key.seed);
    EXPECT_EQ(p.key->public_key, key.public_key);
    PublicKeyParse q = parse_public_key_pem(pub, "public-key.pem");
    ASSERT_TRUE(q.key) << q.error;
    EXPECT_EQ(q.error, "");
    EXPECT_EQ(*q.key, key.public_key);
  }
}

TEST(SigningPem, AcceptsCrlfBlankLinesAndWrappedBodies) {
  const PublicKey expected = key1().public_key;
  const std::vector<std::string> variants = {
      "-----BEGIN PUBLIC KEY-----\r\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\r\n"
      "-----END PUBLIC KEY-----\r\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
      "-----END PUBLIC KEY-----",
      "\n\r\n-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
      "-----END PUBLIC KEY-----\n\n\r\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfV\nS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
      "-----END PUBLIC KEY-----\n",
  };
  for (const auto& text : variants) {
    PublicKeyParse p = parse_public_key_pem(text, "public-key.pem");
    ASSERT_TRUE(p.key) << p.error << "\n" << text;
    EXPECT_EQ(*p.key, expected);
  }
  std::string crlf_private = "-----BEGIN PRIVATE KEY-----\r\n"
                             "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\r\n"
                             "-----END PRIVATE KEY-----\r\n";
  SigningKeyParse q = parse_private_key_pem(crlf_private, "signing-key.pem");
  ASSERT_TRUE(q.key) << q.error;
  EXPECT_EQ(q.key->public_key, expected);
}

struct BadPem {
  const char* what;
  std::string text;
  const char* words;  // part of the reason the user reads
};

std::string private_pem_of(const std::string& body) {
  return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
}
std::string public_pem_of(const std::string& body) {
  return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
}

TEST(SigningPem, EveryMalformedPrivateKeyIsRefusedNamingTheFile) {
  const std::string good(kPrivatePem1);
  const std::string body = "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";
  const std::vector<BadPem> cases = {
      {"empty", "", "vide"},
      {"only blank lines", "\n\r\n\n", "vide"},
      {"public key instead", std::string(kPublicPem1), "clé publique, pas la clé privée"},
      {"encrypted PKCS#8",
       "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body + "\n-----END ENCRYPTED PRIVATE KEY-----\n",
       "première ligne «\u00A0-----BEGIN ENCRYPTED PRIVATE KEY-----\u00A0»"},
      {"OpenSSH format", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
       "première ligne"},
      {"text before the header", "ma clé\n" + good, "ne commence pas par «\u00A0-----BEGIN PRIVATE KEY-----\u00A0»"},
      {"lowercase header", "-----begin private key-----\n" + body + "\n-----end private key-----\n", "ne commence pas"},
      {"no END line", "-----BEGIN PRIVATE KEY-----\n" + body + "\n", "«\u00A0-----END PRIVATE KEY-----\u00A0» manque"},
      {"END of another kind", "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n",
       "ligne «\u00A0-----END PUBLIC KEY-----\u00A0» au lieu de"},
      {"no body", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n", "aucun contenu"},
      {"character outside base64", private_pem_of("MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v*VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g"),
       "base64"},
      {"space inside base64", private_pem_of("MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g"),
       "base64"},
      {"truncated base64", private_pem_of(body.substr(0, body.size() - 1)), "base64"},
      {"PEM headers inside", private_pem_of("Proc-Type: 4,ENCRYPTED\n" + body), "base64"},
      {"two keys", good + good, "une seule clé"},
      {"trailing text", good + "fin\n", "une seule clé"},
      {"DER one byte short", private_pem_of("MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn8="),
       "47 octets au lieu de 48"},
      {"DER one byte long", private_pem_of("MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9gAA=="),
       "49 octets au lieu de 48"},
      {"PKCS#8 version 1", private_pem_of("MC4CAQEwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g"),
       "structure inattendue"},
      {"X25519 key", private_pem_of("MC4CAQAwBQYDK2VuBCIEINBeQ1qJ/F2g7sGrTihkJ2TXxVjKhouzFMq70g1IcZZS"),
       "n’est pas Ed25519"},
  };
  const std::string file = "/home/jury/.local/share/jurymn/signing-key.pem";
  for (const auto& c : cases) {
    SigningKeyParse p = parse_private_key_pem(c.text, file);
    EXPECT_FALSE(p.key) << c.what;
    EXPECT_EQ(p.error.rfind("clé privée illisible (" + file + ")\u00A0: ", 0), 0u) << c.what << ": " << p.error;
    EXPECT_NE(p.error.find(c.words), std::string::npos) << c.what << ": " << p.error;
  }
}

TEST(SigningPem, EveryMalformedPublicKeyIsRefusedNamingTheFile) {
  const std::string good(kPublicPem1);
  const std::vector<BadPem> cases = {
      {"empty", "", "vide"},
      {"private key instead", std::string(kPrivatePem1), "clé privée, pas la clé publique"},
      {"certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "première ligne"},
      {"binary file", std::string("\x89PNG\r\n\x1a\n\0\0", 10), "ne commence pas"},
      {"no END line", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n",
       "manque"},
      {"no body", "-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----\n", "aucun contenu"},
      {"bad base64", public_pem_of("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHUR!="), "base64"},
      {"non-canonical base64", public_pem_of("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURp="), "base64"},
      {"missing padding", public_pem_of("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"), "base64"},
      {"two keys", good + good, "une seule clé"},
      {"trailing garbage", good + "  \n", "une seule clé"},
      {"trailing signature", good + "-----BEGIN SIGNATURE-----\n", "une seule clé"},
      {"DER one byte short", public_pem_of("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHUQ=="),
       "43 octets au lieu de 44"},
      {"BIT STRING tag changed", public_pem_of("MCowBQYDK2VwBCEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="),
       "structure inattendue"},
      {"X25519 key", public_pem_of("MCowBQYDK2VuAyEAq21hz5DEMMill2+adnbynz5wRGpspxahDu1Z4Z2T8TI="), "n’est pas Ed25519"},
      {"P-256 key",
       public_pem_of("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIhaqKXTrOeKxhxSsP7xAEozvbVWi\n"
                     "I5feW3sKqTbTphY8+BzH/g5BnAF0FvS4KbQQbM38SD5LHWdznhsBtAefLw=="),
       "91 octets au lieu de 44"},
  };
  const std::string file = "C:\\Examens\\bundle\\public-key.pem";
  for (const auto& c : cases) {
    PublicKeyParse p = parse_public_key_pem(c.text, file);
    EXPECT_FALSE(p.key) << c.what;
    EXPECT_EQ(p.error.rfind("clé publique illisible (" + file + ")\u00A0: ", 0), 0u) << c.what << ": " << p.error;
    EXPECT_NE(p.error.find(c.words), std::string::npos) << c.what << ": " << p.error;
  }
}

// ------------------------------------------------------------ digests

TEST(SigningDigest, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(SigningDigest, FingerprintIsFirstHalfOfSha256OfPublicKeyInGroupsOfFour) {
  // Computed independently: the 32 key bytes of kPublic1 through sha256sum.
  EXPECT_EQ(key_fingerprint(key1().public_key), "21FE 31DF A154 A261 626B F854 046F D227");
  EXPECT_EQ(key_fingerprint(signing_key_from_seed(array_from_hex<32>(kSeed2)).public_key),
            "39F7 13D0 A644 253F 0452 9421 B9F5 1B9B");

  const std::regex format("([0-9A-F]{4} ){7}[0-9A-F]{4}");
  for (int i = 0; i < 5; ++i) {
    PublicKey pub = generate_signing_key().public_key;
    std::string fp = key_fingerprint(pub);
    EXPECT_TRUE(std::regex_match(fp, format)) << fp;
    std::string expected;
    std::string digest = sha256_hex(as_string(pub)).substr(0, 32);
    for (std::size_t k = 0; k < digest.size(); k += 4)
      expected += (k ? " " : "") + digest.substr(k, 4);
    for (char& c : expected) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(fp, expected);
  }
}

// ------------------------------------------------------------ openssl

bool has_openssl() { return std::system("openssl version >/dev/null 2>&1") == 0; }

// Runs a shell command quietly (its own redirections still apply); true on
// exit status 0.
bool run(const std::string& command) { return std::system(("(" + command + ") >/dev/null 2>&1").c_str()) == 0; }

std::string q(const std::string& path) { return "'" + path + "'"; }

constexpr const char* kNoOpenssl = "openssl is not on PATH: interop with the exam centre's tool not checked";

TEST(SigningOpenssl, VerifiesOurBundleAndRefusesAnyChange) {
  if (!has_openssl()) GTEST_SKIP() << kNoOpenssl;
  TempDir dir;
  SigningKey key = generate_signing_key();
  const std::string data(kResults);
  spit(dir.file("public-key.pem"), public_key_pem(key.public_key));
  spit(dir.file("results.json"), data);
  spit(dir.file("results.json.sig"), as_string(sign_bytes(key, data)));
  const std::string verify = "openssl pkeyutl -verify -pubin -inkey " + q(dir.file("public-key.pem")) +
                             " -rawin -in " + q(dir.file("results.json")) + " -sigfile " +
                             q(dir.file("results.json.sig"));
  EXPECT_TRUE(run(verify));

  std::string altered = data;
  altered[data.size() / 2] = static_cast<char>(altered[data.size() / 2] ^ 0x01);
  spit(dir.file("results.json"), altered);
  EXPECT_FALSE(run(verify)) << "altered data accepted";

  spit(dir.file("results.json"), data);
  std::string sig = as_string(sign_bytes(key, data));
  sig[10] = static_cast<char>(sig[10] ^ 0x01);
  spit(dir.file("results.json.sig"), sig);
  EXPECT_FALSE(run(verify)) << "altered signature accepted";

  spit(dir.file("results.json.sig"), as_string(sign_bytes(key, data)));
  spit(dir.file("public-key.pem"), public_key_pem(generate_signing_key().public_key));
  EXPECT_FALSE(run(verify)) << "another key accepted";
}

TEST(SigningOpenssl, DerivesTheSamePublicKeyFromOurPrivateKey) {
  if (!has_openssl()) GTEST_SKIP() << kNoOpenssl;
  TempDir dir;
  for (const SigningKey& key : {key1(), generate_signing_key()}) {
    spit(dir.file("private.pem"), private_key_pem(key));
    ASSERT_TRUE(run("openssl pkey -in " + q(dir.file("private.pem")) + " -pubout -out " + q(dir.file("public.pem"))));
    EXPECT_EQ(slurp(dir.file("public.pem")), public_key_pem(key.public_key));
  }
}

TEST(SigningOpenssl, ReadsKeysAndSignaturesMadeByOpenssl) {
  if (!has_openssl()) GTEST_SKIP() << kNoOpenssl;
  TempDir dir;
  ASSERT_TRUE(run("openssl genpkey -algorithm ed25519 -out " + q(dir.file("private.pem"))));
  ASSERT_TRUE(run("openssl pkey -in " + q(dir.file("private.pem")) + " -pubout -out " + q(dir.file("public.pem"))));
  SigningKeyParse priv = parse_private_key_pem(slurp(dir.file("private.pem")), dir.file("private.pem"));
  ASSERT_TRUE(priv.key) << priv.error;
  PublicKeyParse pub = parse_public_key_pem(slurp(dir.file("public.pem")), dir.file("public.pem"));
  ASSERT_TRUE(pub.key) << pub.error;
  EXPECT_EQ(priv.key->public_key, *pub.key);

  const std::string data(kResults);
  spit(dir.file("data"), data);
  ASSERT_TRUE(run("openssl pkeyutl -sign -inkey " + q(dir.file("private.pem")) + " -rawin -in " + q(dir.file("data")) +
                  " -out " + q(dir.file("sig"))));
  const std::string sig = slurp(dir.file("sig"));
  EXPECT_TRUE(verify_signature(*pub.key, data, sig));
  EXPECT_EQ(sig, as_string(sign_bytes(*priv.key, data)));  // Ed25519 is deterministic
}

TEST(SigningOpenssl, FingerprintRecipeInTheHeaderGivesTheSameDigits) {
  if (!has_openssl()) GTEST_SKIP() << kNoOpenssl;
  TempDir dir;
  PublicKey pub = generate_signing_key().public_key;
  spit(dir.file("public-key.pem"), public_key_pem(pub));
  ASSERT_TRUE(run("openssl pkey -pubin -in " + q(dir.file("public-key.pem")) +
                  " -outform DER | tail -c 32 | sha256sum > " + q(dir.file("digest"))));
  std::string digest = slurp(dir.file("digest")).substr(0, 32);
  std::string fp = key_fingerprint(pub);
  fp.erase(std::remove(fp.begin(), fp.end(), ' '), fp.end());
  for (char& c : digest) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(fp, digest);
}

}  // namespace
}  // namespace jurymn
