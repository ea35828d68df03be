#include <cstring>

#include "harness.h"
#include "vectors.h"
#include "x11/luffa512.h"

using namespace hashpool;
using namespace hashpool_test;

TEST(luffa512_vectors) {
  size_t count = 0;
  for (const char* prefix : {"dash_genesis_x11_", "luffa512_empty"}) {
    for (const Vector& v : vectors_with_prefix("x11.json", prefix)) {
      if (v.name.find("luffa512") == std::string::npos) continue;
      const auto in = from_hex(v.input_hex);
      uint8_t out[64];
      x11::luffa512(in.empty() ? nullptr : in.data(), in.size(), out);
      CHECK_HEX(v.expected_hex, out, 64);
      ++count;
    }
  }
  CHECK(count == 2);
}

// The output must not depend on bytes outside [data, data + len) nor on alignment.
TEST(luffa512_reads_only_its_input) {
  const auto buf = random_bytes(1200, 7);
  for (size_t len : {0, 1, 31, 32, 33, 63, 64, 65, 109, 110, 127, 128, 129, 1000}) {
    uint8_t a[64], b[64];
    x11::luffa512(buf.data() + 1, len, a);
    std::vector<uint8_t> copy(buf.begin() + 1, buf.begin() + 1 + len);
    copy.push_back(0xFF);
    x11::luffa512(copy.data(), len, b);
    CHECK(std::memcmp(a, b, 64) == 0);
  }
}
