#include <cstdlib>
#include <cstring>
#include <string>

#include "harness.h"
#include "target.h"
#include "vectors.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

// Vector targets are big-endian hex; the core works little-endian.
std::string le_to_be_hex(const uint8_t le[32]) {
  uint8_t be[32];
  for (int i = 0; i < 32; ++i) be[i] = le[31 - i];
  return to_hex(be, 32);
}

void be_hex_to_le(const std::string& hex, uint8_t le[32]) {
  const auto be = from_hex(hex);
  for (int i = 0; i < 32; ++i) le[i] = be[31 - i];
}

uint32_t parse_bits(const std::string& hex) { return static_cast<uint32_t>(std::stoul(hex, nullptr, 16)); }

}  // namespace

TEST(target_nbits_vectors) {
  for (const Vector& v : load_vectors("target.json")) {
    uint8_t t[32];
    if (v.name.rfind("nbits_", 0) == 0) {
      CHECK(target::bits_to_target(parse_bits(v.input_hex), t) == target::CompactStatus::kOk);
      CHECK(le_to_be_hex(t) == v.expected_hex);
    } else if (v.name.rfind("target_to_nbits_", 0) == 0) {
      be_hex_to_le(v.input_hex, t);
      CHECK(target::target_to_bits(t) == parse_bits(v.expected_hex));
    }
  }
}

TEST(target_difficulty_vectors) {
  for (const Vector& v : load_vectors("target.json")) {
    uint8_t t[32];
    if (v.name.rfind("difficulty_of_nbits_", 0) == 0) {
      target::bits_to_target(parse_bits(v.input_hex), t);
      const double expected = std::strtod(v.params.at("difficulty").c_str(), nullptr);
      CHECK_MSG(target::target_to_difficulty(t, 1) == expected, v.name);
    } else if (v.name.rfind("stratum_share_target_", 0) == 0) {
      const double difficulty = std::strtod(v.params.at("difficulty").c_str(), nullptr);
      const uint64_t factor = v.params.at("algo") == "scrypt" ? 65536 : 1;
      CHECK(target::difficulty_to_target(difficulty, factor, t));
      CHECK_MSG(le_to_be_hex(t) == v.expected_hex, v.name);
    }
  }
}

TEST(target_compact_edge_cases) {
  uint8_t t[32];
  CHECK(target::bits_to_target(0x04923456, t) == target::CompactStatus::kNegative);
  CHECK(target::bits_to_target(0xff123456, t) == target::CompactStatus::kOverflow);
  CHECK(target::bits_to_target(0x00000000, t) == target::CompactStatus::kOk);
  CHECK(target::bits_to_target(0x01003456, t) == target::CompactStatus::kOk);
  CHECK(target::target_to_bits(t) == 0);
  // 0x80 needs a sign-free encoding: one more exponent byte.
  std::memset(t, 0, 32);
  t[0] = 0x80;
  CHECK(target::target_to_bits(t) == 0x02008000);
}

TEST(target_difficulty_rejects_and_saturates) {
  uint8_t t[32];
  CHECK(!target::difficulty_to_target(0, 1, t));
  CHECK(!target::difficulty_to_target(-1, 1, t));
  CHECK(!target::difficulty_to_target(1.0 / 0.0, 1, t));
  CHECK(target::difficulty_to_target(1e-30, 65536, t));
  for (int i = 0; i < 32; ++i) CHECK(t[i] == 0xff);
  CHECK(target::difficulty_to_target(1e300, 1, t));
  for (int i = 0; i < 32; ++i) CHECK(t[i] == 0);
}

TEST(hash_meets_target_is_inclusive) {
  uint8_t a[32] = {0}, b[32] = {0};
  a[31] = 1;
  b[31] = 1;
  CHECK(hash_meets_target(a, b));
  a[0] = 1;
  CHECK(!hash_meets_target(a, b));
  b[30] = 1;
  CHECK(hash_meets_target(a, b));
}
