#include "sha256.h"

#include <cstring>

#include "common.h"
#include "cpu_features.h"

namespace hashpool {
namespace sha256 {

const uint32_t kInitialState[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

namespace {


HP_ALWAYS_INLINE uint32_t big_sigma0(uint32_t x) { return rotr32(x, 2) ^ rotr32(x, 13) ^ rotr32(x, 22); }
HP_ALWAYS_INLINE uint32_t big_sigma1(uint32_t x) { return rotr32(x, 6) ^ rotr32(x, 11) ^ rotr32(x, 25); }
HP_ALWAYS_INLINE uint32_t small_sigma0(uint32_t x) { return rotr32(x, 7) ^ rotr32(x, 18) ^ (x >> 3); }
HP_ALWAYS_INLINE uint32_t small_sigma1(uint32_t x) { return rotr32(x, 17) ^ rotr32(x, 19) ^ (x >> 10); }

bool self_test(TransformFn fn) {
  // Compare against the portable transform over 0..3 blocks of a fixed pattern.
  uint8_t blocks[192];
  for (size_t i = 0; i < sizeof(blocks); ++i) blocks[i] = static_cast<uint8_t>(i * 7 + 3);
  for (size_t n = 0; n <= 3; ++n) {
    uint32_t a[8], b[8];
    std::memcpy(a, kInitialState, sizeof(a));
    std::memcpy(b, kInitialState, sizeof(b));
    transform_portable(a, blocks, n);
    fn(b, blocks, n);
    if (std::memcmp(a, b, sizeof(a)) != 0) return false;
  }
  return true;
}

struct Choice {
  TransformFn fn;
  const char* name;
};

Choice choose() {
#ifdef ENABLE_SHANI
  const CpuFeatures& f = cpu_features();
  if (f.sha && f.sse41 && self_test(transform_shani)) return {transform_shani, "shani"};
#endif
  return {transform_portable, "portable"};
}

const Choice& chosen() {
  static const Choice choice = choose();
  return choice;
}

}  // namespace

void transform_portable(uint32_t state[8], const uint8_t* blocks, size_t nblocks) {
  for (; nblocks > 0; --nblocks, blocks += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) w[i] = read_be32(blocks + 4 * i);
    for (int i = 16; i < 64; ++i)
      w[i] = small_sigma1(w[i - 2]) + w[i - 7] + small_sigma0(w[i - 15]) + w[i - 16];
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; ++i) {
      const uint32_t t1 = h + big_sigma1(e) + ((e & f) ^ (~e & g)) + kRoundConstants[i] + w[i];
      const uint32_t t2 = big_sigma0(a) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
}

TransformFn best_transform() { return chosen().fn; }
const char* best_transform_name() { return chosen().name; }

Hasher::Hasher(TransformFn transform) : transform_(transform) { reset(); }

void Hasher::reset() {
  std::memcpy(state_, kInitialState, sizeof(state_));
  total_bytes_ = 0;
}

Hasher& Hasher::update(const uint8_t* data, size_t len) {
  size_t buffered = total_bytes_ % 64;
  total_bytes_ += len;
  if (buffered > 0) {
    const size_t take = len < 64 - buffered ? len : 64 - buffered;
    std::memcpy(buffer_ + buffered, data, take);
    data += take;
    len -= take;
    buffered += take;
    if (buffered < 64) return *this;
    transform_(state_, buffer_, 1);
  }
  const size_t whole = len / 64;
  if (whole > 0) transform_(state_, data, whole);
  data += whole * 64;
  len -= whole * 64;
  if (len > 0) std::memcpy(buffer_, data, len);
  return *this;
}

void Hasher::finalize(uint8_t out[32]) {
  const uint64_t bit_length = total_bytes_ * 8;
  uint8_t pad[72] = {0x80};
  const size_t buffered = total_bytes_ % 64;
  const size_t pad_len = (buffered < 56 ? 56 : 120) - buffered;
  write_be64(pad + pad_len, bit_length);
  update(pad, pad_len + 8);
  for (int i = 0; i < 8; ++i) write_be32(out + 4 * i, state_[i]);
  reset();
}

void hash(const uint8_t* data, size_t len, uint8_t out[32]) { Hasher().update(data, len).finalize(out); }

void hash_double(const uint8_t* data, size_t len, uint8_t out[32]) {
  uint8_t first[32];
  hash(data, len, first);
  hash(first, 32, out);
}

void midstate(const uint8_t block[64], uint32_t state[8]) {
  std::memcpy(state, kInitialState, 32);
  best_transform()(state, block, 1);
}

}  // namespace sha256
}  // namespace hashpool
