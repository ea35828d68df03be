// CubeHash16/32-512 as specified in the round-2 submission (D. J. Bernstein, "CubeHash
// specification (2.B.1)"): r = 16 rounds per 32-byte block, h = 512, 10r = 160 rounds at
// initialisation and at finalisation. Words are little-endian.
#include "cubehash512.h"

#include <cstring>

#include "common.h"

namespace hashpool::x11 {
namespace {

// Two rounds at a time. The spec's "swap" steps are folded into the indices (each value
// is read from where the swap would have put it), so no data moves for them. `a` holds
// x[0..15] and `b` x[16..31].
HP_ALWAYS_INLINE constexpr void double_round(uint32_t a[16], uint32_t b[16]) {
  uint32_t t[16] = {}, u[16] = {};
  // Round 1: add, rotate 7, swap a halves (i^8), xor, swap b pairs (i^2),
  //          add, rotate 11, swap a quarters (i^4), xor, swap b neighbours (i^1).
  for (int i = 0; i < 16; ++i) b[i] += a[i];
  for (int i = 0; i < 16; ++i) t[i] = rotl32(a[i ^ 8], 7) ^ b[i];
  for (int i = 0; i < 16; ++i) u[i] = b[i ^ 2] + t[i];
  for (int i = 0; i < 16; ++i) a[i] = rotl32(t[i ^ 4], 11) ^ u[i];
  for (int i = 0; i < 16; ++i) b[i] = u[i ^ 1];
  // Round 2: identical.
  for (int i = 0; i < 16; ++i) b[i] += a[i];
  for (int i = 0; i < 16; ++i) t[i] = rotl32(a[i ^ 8], 7) ^ b[i];
  for (int i = 0; i < 16; ++i) u[i] = b[i ^ 2] + t[i];
  for (int i = 0; i < 16; ++i) a[i] = rotl32(t[i ^ 4], 11) ^ u[i];
  for (int i = 0; i < 16; ++i) b[i] = u[i ^ 1];
}

HP_ALWAYS_INLINE constexpr void sixteen_rounds(uint32_t a[16], uint32_t b[16]) {
  for (int r = 0; r < 8; ++r) double_round(a, b);
}

struct State {
  uint32_t a[16];
  uint32_t b[16];
};

// Initialisation: (h/8, b, r, 0, ...) = (64, 32, 16, 0, ...) then 10r rounds. Evaluated at
// compile time, so hashing starts from the resulting constant state.
constexpr State make_iv() {
  State s{};
  s.a[0] = 64;
  s.a[1] = 32;
  s.a[2] = 16;
  for (int i = 0; i < 10; ++i) sixteen_rounds(s.a, s.b);
  return s;
}
constexpr State kIV = make_iv();

HP_ALWAYS_INLINE void absorb(uint32_t a[16], uint32_t b[16], const uint8_t* block) {
  for (int i = 0; i < 8; ++i) a[i] ^= read_le32(block + 4 * i);
  sixteen_rounds(a, b);
}

}  // namespace

void cubehash512(const uint8_t* data, size_t len, uint8_t out[64]) {
  uint32_t a[16], b[16];
  std::memcpy(a, kIV.a, sizeof a);
  std::memcpy(b, kIV.b, sizeof b);
  while (len >= 32) {
    absorb(a, b, data);
    data += 32;
    len -= 32;
  }
  // Padding: a single 1 bit (0x80 in byte order), then zeros to the block end.
  uint8_t last[32] = {0};
  if (len) std::memcpy(last, data, len);
  last[len] = 0x80;
  absorb(a, b, last);
  b[15] ^= 1;  // x[31] ^= 1 marks finalisation
  for (int i = 0; i < 10; ++i) sixteen_rounds(a, b);
  for (int i = 0; i < 16; ++i) write_le32(out + 4 * i, a[i]);
}

}  // namespace hashpool::x11
