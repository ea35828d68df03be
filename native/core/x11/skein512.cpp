// Skein-512-512 (Skein 1.3): UBI chaining over Threefish-512 with 72 rounds.
// For the X11 case (64-byte input) that is exactly two Threefish calls: one message
// block flagged first+final, then the output block.
#include "x11/skein512.h"

#include <cstring>

#include "common.h"

namespace hashpool::x11 {
namespace {

// Chaining value after the config UBI for a 512-bit output with no key and sequential
// tree parameters (Skein 1.3, appendix C.3); re-derived with this file's ubi_block once.
constexpr uint64_t kIv[8] = {
    0x4903adff749c51ceULL, 0x0d95de399746df03ULL, 0x8fd1934127c79bceULL, 0x9a255629ff352cb1ULL,
    0x5db62599df6ca7b0ULL, 0xeabe394ca9d5c3f4ULL, 0x991112c71a75b523ULL, 0xae18a40b660fcc33ULL,
};

// Key-schedule parity constant C240 (Skein 1.3, section 3.3.2).
constexpr uint64_t kC240 = 0x1bd11bdaa9fc1a22ULL;

// Tweak word 1 fields (Skein 1.3, section 3.5.1): type in bits 120..125 of the tweak.
constexpr uint64_t kFlagFirst = 1ULL << 62;
constexpr uint64_t kFlagFinal = 1ULL << 63;
constexpr uint64_t kTypeMsg = 48ULL << 56;
constexpr uint64_t kTypeOut = 63ULL << 56;

HP_ALWAYS_INLINE void mix(uint64_t& a, uint64_t& b, unsigned r) {
  a += b;
  b = rotl64(b, r) ^ a;
}

// Eight rounds (two groups of four) followed by two subkey injections. The word
// permutation is folded into which pairs each round mixes, so after four rounds the
// words are back in their original positions. Rotations: Skein 1.3 table 4, Threefish-512.
#define HP_SKEIN_EIGHT_ROUNDS(s)                                                      \
  do {                                                                                \
    mix(x0, x1, 46); mix(x2, x3, 36); mix(x4, x5, 19); mix(x6, x7, 37);                \
    mix(x2, x1, 33); mix(x4, x7, 27); mix(x6, x5, 14); mix(x0, x3, 42);                \
    mix(x4, x1, 17); mix(x6, x3, 49); mix(x0, x5, 36); mix(x2, x7, 39);                \
    mix(x6, x1, 44); mix(x0, x7, 9);  mix(x2, x5, 54); mix(x4, x3, 56);                \
    inject(x0, x1, x2, x3, x4, x5, x6, x7, k, t, (s));                                 \
    mix(x0, x1, 39); mix(x2, x3, 30); mix(x4, x5, 34); mix(x6, x7, 24);                \
    mix(x2, x1, 13); mix(x4, x7, 50); mix(x6, x5, 10); mix(x0, x3, 17);                \
    mix(x4, x1, 25); mix(x6, x3, 29); mix(x0, x5, 39); mix(x2, x7, 43);                \
    mix(x6, x1, 8);  mix(x0, x7, 35); mix(x2, x5, 56); mix(x4, x3, 22);                \
    inject(x0, x1, x2, x3, x4, x5, x6, x7, k, t, (s) + 1);                             \
  } while (0)

// Subkey s: key words rotate through k[0..8], tweak words through t[0..2], and the
// last word also gets the subkey index.
HP_ALWAYS_INLINE void inject(uint64_t& x0, uint64_t& x1, uint64_t& x2, uint64_t& x3,
                             uint64_t& x4, uint64_t& x5, uint64_t& x6, uint64_t& x7,
                             const uint64_t k[26], const uint64_t t[3], unsigned s) {
  x0 += k[s];
  x1 += k[s + 1];
  x2 += k[s + 2];
  x3 += k[s + 3];
  x4 += k[s + 4];
  x5 += k[s + 5] + t[s % 3];
  x6 += k[s + 6] + t[(s + 1) % 3];
  x7 += k[s + 7] + s;
}

// One UBI step: h = Threefish_h,(t0,t1)(m) ^ m.
void ubi_block(uint64_t h[8], const uint8_t* block, uint64_t t0, uint64_t t1) {
  uint64_t m[8];
  for (int i = 0; i < 8; ++i) m[i] = read_le64(block + 8 * i);
  // Key words duplicated so k[s + i] never needs a modulo (s + i <= 18 + 7 = 25, 25 % 9 = 7).
  uint64_t k[26];
  uint64_t parity = kC240;
  for (int i = 0; i < 8; ++i) {
    k[i] = h[i];
    parity ^= h[i];
  }
  k[8] = parity;
  for (int i = 9; i < 26; ++i) k[i] = k[i - 9];
  const uint64_t t[3] = {t0, t1, t0 ^ t1};

  uint64_t x0 = m[0] + k[0], x1 = m[1] + k[1], x2 = m[2] + k[2], x3 = m[3] + k[3];
  uint64_t x4 = m[4] + k[4], x5 = m[5] + k[5] + t[0], x6 = m[6] + k[6] + t[1], x7 = m[7] + k[7];
  // 72 rounds = 9 x 8; subkeys 1..18 are injected inside the macro.
  for (unsigned s = 1; s < 19; s += 2) HP_SKEIN_EIGHT_ROUNDS(s);

  h[0] = x0 ^ m[0];
  h[1] = x1 ^ m[1];
  h[2] = x2 ^ m[2];
  h[3] = x3 ^ m[3];
  h[4] = x4 ^ m[4];
  h[5] = x5 ^ m[5];
  h[6] = x6 ^ m[6];
  h[7] = x7 ^ m[7];
}

#undef HP_SKEIN_EIGHT_ROUNDS

void output_stage(uint64_t h[8], uint8_t out[64]) {
  static constexpr uint8_t kCounterBlock[64] = {};  // output counter 0, zero padded
  ubi_block(h, kCounterBlock, 8, kFlagFirst | kFlagFinal | kTypeOut);
  for (int i = 0; i < 8; ++i) write_le64(out + 8 * i, h[i]);
}

}  // namespace

void skein512(const uint8_t* data, size_t len, uint8_t out[64]) {
  uint64_t h[8];
  std::memcpy(h, kIv, sizeof h);
  if (len == 64) {
    ubi_block(h, data, 64, kFlagFirst | kFlagFinal | kTypeMsg);
    output_stage(h, out);
    return;
  }
  // The last block (full or partial, and the single zero block of an empty message)
  // carries the final flag, so full blocks are only processed while more data follows.
  uint64_t first = kFlagFirst;
  uint64_t position = 0;
  while (len > 64) {
    position += 64;
    ubi_block(h, data, position, first | kTypeMsg);
    first = 0;
    data += 64;
    len -= 64;
  }
  uint8_t last[64] = {};
  if (len != 0) std::memcpy(last, data, len);
  position += len;
  ubi_block(h, last, position, first | kFlagFinal | kTypeMsg);
  output_stage(h, out);
}

}  // namespace hashpool::x11
