#include <cstring>

#include "harness.h"
#include "simd512.h"
#include "vectors.h"

using namespace hashpool;
using namespace hashpool_test;

TEST(simd512_vectors) {
  int seen = 0;
  for (const Vector& v : load_vectors("x11.json")) {
    if (v.name.find("simd512") == std::string::npos) continue;
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    x11::simd512(in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 64);
    ++seen;
  }
  CHECK(seen >= 2);
}
