#include <cstdio>
#include <cstring>

#include "cpu_features.h"
#include "echo512.h"
#include "harness.h"
#include "vectors.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

using EchoFn = void (*)(const uint8_t*, size_t, uint8_t*);

void check_vectors(EchoFn fn) {
  int seen = 0;
  for (const Vector& v : load_vectors("x11.json")) {
    if (v.name.find("echo512") == std::string::npos) continue;
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    fn(in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 64);
    ++seen;
  }
  CHECK(seen >= 2);
}

// Every length in both ranges covers the one- and two-block padding cases (the
// length field needs 18 bytes) and multi-block inputs.
void check_against_portable(EchoFn fn) {
  for (size_t len = 0; len <= 1100; len = (len == 300 ? 1000 : len + 1)) {
    const auto in = random_bytes(len, 0xEC40 + len);
    uint8_t want[64], got[64];
    x11::echo512(in.data(), in.size(), want);
    fn(in.data(), in.size(), got);
    CHECK_MSG(std::memcmp(want, got, 64) == 0, "length " + std::to_string(len));
  }
}

}  // namespace

TEST(echo512_vectors) { check_vectors(x11::echo512); }

TEST(echo512_null_empty_input) {
  uint8_t a[64], b[64];
  x11::echo512(nullptr, 0, a);
  const uint8_t dummy = 0;
  x11::echo512(&dummy, 0, b);
  CHECK(std::memcmp(a, b, 64) == 0);
}

#ifdef ENABLE_AESNI
TEST(echo512_aesni_vectors_and_random) {
  if (!cpu_features().aes) {
    std::printf("    note: CPU lacks AES-NI, echo512_aesni not tested\n");
    return;
  }
  check_vectors(x11::echo512_aesni);
  check_against_portable(x11::echo512_aesni);
}
#endif
