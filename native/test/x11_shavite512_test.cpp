#include <cstring>

#include "harness.h"
#include "vectors.h"
#include "x11/shavite512.h"

using namespace hashpool;
using namespace hashpool_test;

TEST(shavite512_vectors) {
  size_t count = 0;
  for (const char* prefix : {"dash_genesis_x11_", "shavite512_empty"}) {
    for (const Vector& v : vectors_with_prefix("x11.json", prefix)) {
      if (v.name.find("shavite512") == std::string::npos) continue;
      const auto in = from_hex(v.input_hex);
      uint8_t out[64];
      x11::shavite512(in.empty() ? nullptr : in.data(), in.size(), out);
      CHECK_HEX(v.expected_hex, out, 64);
      ++count;
    }
  }
  CHECK(count == 2);
}

// Digests from @dashevo/x11-hash-js (an independent implementation) of random_bytes(len,
// 500 + len), at the padding edges; the full 0..300 sweep is in test/hash/x11-shavite512.test.ts.
TEST(shavite512_matches_independent_implementation_at_padding_edges) {
  struct Case {
    size_t len;
    const char* digest;
  };
  static const Case cases[] = {
      {1, "c928cf08571ecfdbb25c578756c332de4cae45ac11c5152080c1ebc596fdc54a90c2f0359ac5be88e8025174ff2a9d741b20e513779c1ac5aae3e8a6bb9947b1"},
      {33, "456e2451290e97335ae6479a532393b831ceace998dd0de5f9d0f3531a9c179770b76b9f3946d980f169c57bc1b590f04fa8b4f9058e2436de77eafeb65f9764"},
      {80, "c09d5147ed149fbfe93676d83d47d96e8a1e4c4f7fe4e7fd3889b3bad335ce4a44ab32a4e2afa9e941cf91b7b9d093e796d8f4773294e4f65426a66548dd2b8f"},
      {109, "700a77782ddec953575c80973a53698a6cbb2b64551d91852312de75d5485b58d410595c7710832ae4721ff3abad9aa7cd8244b94771fda8b62eca43004dc0a2"},
      {110, "ed7d0f101d389ce99efa9a9fd2fc14575d076d330fead48f184a375bf5aede00dbb44571bf4838eb96ebf073de27914034faa4764d18849e97a46ac4edf4c26c"},
      {111, "13b754ae6d69b1b25210b82aa0011ca16b4ce35f0c06cda711a508da116433759a8cae203d0ade75c5dccab2538aae2d0f2089c4a4533c8fc5937a79f178b1f4"},
      {128, "0c07c10e6914384d569a0897faa1f43e0676791927c3c165e046eb080147c264898a46079278e6ea8d7ff7b1e9150abf9714614bc7ff28e6d5eb37bdf019f055"},
      {129, "fedaabaf4acf278861966298245822130e9e64b13e82da697fba5a0e45d5afb913b0997691d0d1112ae25e570f778ef318d6cc8c8051acb561311b494f377bbf"},
      {1000, "3617a432f416eb59e8b760335527bd28d7d549d1988ae478d6c0a4822cf5765927e7e5eb2032b4194743e8473adc34a8848aa6193d3063bfebfeb64da8647482"},
  };
  for (const Case& c : cases) {
    const auto in = random_bytes(c.len, 500 + c.len);
    uint8_t out[64];
    x11::shavite512(in.data(), in.size(), out);
    CHECK_HEX(c.digest, out, 64);
  }
}

// The X11 chain hashes a 64-byte buffer into itself.
TEST(shavite512_in_place) {
  for (size_t len : {0, 1, 64, 200}) {
    auto buf = random_bytes(len < 64 ? 64 : len, 21 + len);
    uint8_t expected[64];
    x11::shavite512(buf.data(), len, expected);
    x11::shavite512(buf.data(), len, buf.data());
    CHECK(std::memcmp(buf.data(), expected, 64) == 0);
  }
}

// The output must not depend on bytes outside [data, data + len) nor on alignment.
TEST(shavite512_reads_only_its_input) {
  const auto buf = random_bytes(1200, 7);
  for (size_t len : {0, 1, 31, 32, 33, 63, 64, 65, 109, 110, 127, 128, 129, 1000}) {
    uint8_t a[64], b[64];
    x11::shavite512(buf.data() + 1, len, a);
    std::vector<uint8_t> copy(buf.begin() + 1, buf.begin() + 1 + len);
    copy.push_back(0xFF);
    x11::shavite512(copy.data(), len, b);
    CHECK(std::memcmp(a, b, 64) == 0);
  }
}

#ifdef ENABLE_AESNI
#include <cstdio>

#include "cpu_features.h"

TEST(shavite512_aesni_matches_portable) {
  if (!cpu_features().aes) {
    std::printf("note: CPU lacks AES-NI, shavite512_aesni not tested\n");
    return;
  }
  for (const Vector& v : load_vectors("x11.json")) {
    if (v.name.find("shavite512") == std::string::npos) continue;
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    x11::shavite512_aesni(in.empty() ? nullptr : in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 64);
  }
  const auto buf = random_bytes(1100, 11);
  auto check_len = [&](size_t len) {
    uint8_t a[64], b[64];
    x11::shavite512(buf.data(), len, a);
    x11::shavite512_aesni(buf.data(), len, b);
    CHECK_MSG(std::memcmp(a, b, 64) == 0, "shavite512_aesni differs at length " + std::to_string(len));
  };
  for (size_t len = 0; len <= 300; ++len) check_len(len);
  for (size_t len = 1000; len <= 1100; ++len) check_len(len);
}
#endif
