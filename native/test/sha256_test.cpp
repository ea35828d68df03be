#include <cstring>

#include "harness.h"
#include "sha256.h"
#include "vectors.h"

using namespace hashpool;
using namespace hashpool_test;

TEST(sha256_fips_examples) {
  uint8_t out[32];
  sha256::hash(reinterpret_cast<const uint8_t*>("abc"), 3, out);
  CHECK_HEX("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", out, 32);
  sha256::hash(nullptr, 0, out);
  CHECK_HEX("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", out, 32);
  const char* two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  sha256::hash(reinterpret_cast<const uint8_t*>(two_blocks), std::strlen(two_blocks), out);
  CHECK_HEX("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", out, 32);
}

TEST(sha256_streaming_matches_one_shot_at_every_split) {
  const auto data = random_bytes(300, 1);
  uint8_t whole[32];
  sha256::hash(data.data(), data.size(), whole);
  for (size_t split = 0; split <= data.size(); split += 7) {
    uint8_t parts[32];
    sha256::Hasher h;
    h.update(data.data(), split).update(data.data() + split, data.size() - split).finalize(parts);
    CHECK(std::memcmp(whole, parts, 32) == 0);
  }
}

TEST(sha256d_vectors) {
  for (const Vector& v : vectors_with_prefix("sha256d.json", "btc_mainnet_genesis_header")) {
    const auto in = from_hex(v.input_hex);
    uint8_t out[32];
    sha256::hash_double(in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 32);
  }
}

TEST(sha256_midstate_vector) {
  for (const Vector& v : vectors_with_prefix("sha256d.json", "btc_genesis_midstate_be_words")) {
    const auto in = from_hex(v.input_hex);
    uint32_t state[8];
    sha256::midstate(in.data(), state);
    uint8_t bytes[32];
    for (int i = 0; i < 8; ++i) {
      bytes[4 * i] = state[i] >> 24;
      bytes[4 * i + 1] = state[i] >> 16;
      bytes[4 * i + 2] = state[i] >> 8;
      bytes[4 * i + 3] = state[i];
    }
    CHECK_HEX(v.expected_hex, bytes, 32);
  }
}
