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
