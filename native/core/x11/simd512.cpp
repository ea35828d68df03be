// SIMD-512, round-2 tweaked version (Leurent, Bouillaguet, Fouque: "SIMD Is a Message
// Digest", second-round submission package with the September 2009 tweak).
//
// Structure: Merkle-Damgard over 128-byte blocks, 1024-bit state A|B|C|D of 4 x 8 words.
// Each block is expanded by a number-theoretic transform over Z/257 (the "NTT code"),
// then 32 Feistel-like steps mix it into the state, and 4 more steps feed the old
// state forward. The message is zero-padded (no 1 bit); a last extra block carries
// the bit length and uses a different NTT offset, which is what separates it from a
// message block.
#include "simd512.h"

#include <cstring>

#include "common.h"

namespace hashpool::x11 {
namespace {

using namespace simd512_detail;

// Reads x[0..127] (x[128..255] are the zero padding of the polynomial) and writes the
// transform in natural order, every entry reduced to [0, 256]. Radix-2 decimation in
// time. Keeping entries canonical bounds every product by 256 * 255 < 2^16 (twiddles
// never reach 256 = alpha^128), which keeps the loops in narrow, vectorizable
// arithmetic; 2^8 = -1 (mod 257) reduces a product with one subtraction.
void ntt_block(const uint8_t x[128], uint16_t a[256]) {
  // Every odd bit-reversed input is padding, so the first level is a copy.
  for (int i = 0; i < 256; i += 2) {
    const uint16_t v = x[kNtt.bitrev[i]];
    a[i] = v;
    a[i + 1] = v;
  }
  for (int half = 2; half < 256; half <<= 1) {
    for (int start = 0; start < 256; start += 2 * half) {
      for (int u = 0; u < half; ++u) {
        const uint32_t prod = static_cast<uint32_t>(a[start + u + half]) * kNtt.twiddle[half + u];
        const uint32_t t = canon257((prod & 0xFF) + kP - (prod >> 8));
        const uint32_t m = a[start + u];
        a[start + u] = static_cast<uint16_t>(canon257(m + t));
        a[start + u + half] = static_cast<uint16_t>(canon257(m + kP - t));
      }
    }
  }
}

// Adds the offset and centres each value into [-128, 128] as the spec's lift requires.
void finish_ntt(const uint16_t a[256], const uint16_t offset[256], int32_t y[256]) {
  for (int k = 0; k < 256; ++k) {
    const int32_t v = static_cast<int32_t>(canon257(static_cast<uint32_t>(a[k]) + offset[k]));
    y[k] = v > 128 ? v - static_cast<int32_t>(kP) : v;
  }
}

// Expanded message word i (0..7) of a step using group g: two lifted NTT values, each
// multiplied by the inner code constant (185 for the first 16 steps, 233 after),
// truncated to 16 bits and packed low/high.
HP_ALWAYS_INLINE uint32_t expanded_word(const int32_t y[256], int g, int i) {
  int lo, hi;
  int32_t mul;
  if (g < 16) {
    lo = 16 * g + 2 * i;
    hi = lo + 1;
    mul = 185;
  } else if (g < 24) {
    lo = 16 * g + 2 * i - 256;
    hi = lo + 128;
    mul = 233;
  } else {
    lo = 16 * g + 2 * i - 383;
    hi = lo + 128;
    mul = 233;
  }
  const uint32_t l = static_cast<uint32_t>(y[lo] * mul) & 0xFFFF;
  const uint32_t h = static_cast<uint32_t>(y[hi] * mul) << 16;
  return l | h;
}

HP_ALWAYS_INLINE uint32_t f_if(uint32_t x, uint32_t y, uint32_t z) { return ((y ^ z) & x) ^ z; }
HP_ALWAYS_INLINE uint32_t f_maj(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | ((x | y) & z); }

struct Lanes {
  uint32_t a[8], b[8], c[8], d[8];
};

// One step on all 8 parallel Feistel ladders. PC selects the tweaked lane permutation
// (j -> j xor PC) through which a rotated A word is mixed into another ladder.
template <bool kMaj, unsigned kR, unsigned kS, unsigned kPc>
HP_ALWAYS_INLINE void step(Lanes& st, const uint32_t w[8]) {
  uint32_t ra[8];
  for (int j = 0; j < 8; ++j) ra[j] = rotl32(st.a[j], kR);
  uint32_t na[8];
  for (int j = 0; j < 8; ++j) {
    const uint32_t f = kMaj ? f_maj(st.a[j], st.b[j], st.c[j]) : f_if(st.a[j], st.b[j], st.c[j]);
    na[j] = rotl32(st.d[j] + w[j] + f, kS) + ra[j ^ kPc];
  }
  for (int j = 0; j < 8; ++j) {
    st.d[j] = st.c[j];
    st.c[j] = st.b[j];
    st.b[j] = ra[j];
    st.a[j] = na[j];
  }
}

template <int kStep, unsigned kR, unsigned kS>
HP_ALWAYS_INLINE void message_step(Lanes& st, const int32_t y[256]) {
  uint32_t w[8];
  for (int i = 0; i < 8; ++i) w[i] = expanded_word(y, kWordGroup[kStep], i);
  step<(kStep % 8) >= 4, kR, kS, kPerm[kStep % 7]>(st, w);
}

// A round: 4 IF steps then 4 MAJ steps, rotations cycling through (p0, p1, p2, p3).
template <int kRound, unsigned p0, unsigned p1, unsigned p2, unsigned p3>
HP_ALWAYS_INLINE void round(Lanes& st, const int32_t y[256]) {
  message_step<8 * kRound + 0, p0, p1>(st, y);
  message_step<8 * kRound + 1, p1, p2>(st, y);
  message_step<8 * kRound + 2, p2, p3>(st, y);
  message_step<8 * kRound + 3, p3, p0>(st, y);
  message_step<8 * kRound + 4, p0, p1>(st, y);
  message_step<8 * kRound + 5, p1, p2>(st, y);
  message_step<8 * kRound + 6, p2, p3>(st, y);
  message_step<8 * kRound + 7, p3, p0>(st, y);
}

void compress(uint32_t state[32], const uint8_t block[128], const int32_t y[256]) {
  Lanes st;
  for (int j = 0; j < 8; ++j) {
    st.a[j] = state[j] ^ read_le32(block + 4 * j);
    st.b[j] = state[8 + j] ^ read_le32(block + 32 + 4 * j);
    st.c[j] = state[16 + j] ^ read_le32(block + 64 + 4 * j);
    st.d[j] = state[24 + j] ^ read_le32(block + 96 + 4 * j);
  }
  // Rotation constants per round (tweaked spec, table of rotations).
  round<0, 3, 23, 17, 27>(st, y);
  round<1, 28, 19, 22, 7>(st, y);
  round<2, 29, 9, 15, 5>(st, y);
  round<3, 4, 13, 10, 25>(st, y);
  // Feed-forward: the old chaining value enters as the message of 4 extra IF steps.
  step<false, 4, 13, 5>(st, state);
  step<false, 13, 10, 7>(st, state + 8);
  step<false, 10, 25, 4>(st, state + 16);
  step<false, 25, 4, 1>(st, state + 24);
  for (int j = 0; j < 8; ++j) {
    state[j] = st.a[j];
    state[8 + j] = st.b[j];
    state[16 + j] = st.c[j];
    state[24 + j] = st.d[j];
  }
}

void compress_block(uint32_t state[32], const uint8_t block[128]) {
  uint16_t a[256];
  int32_t y[256];
  ntt_block(block, a);
  finish_ntt(a, kNtt.offset_block, y);
  compress(state, block, y);
}

}  // namespace

void simd512(const uint8_t* data, size_t len, uint8_t out[64]) {
  uint32_t state[32];
  std::memcpy(state, kIV, sizeof state);
  simd512_mode(
      data, len, [&state](const uint8_t* block) { compress_block(state, block); },
      [&state](const uint8_t* block, const uint16_t count_ntt[256]) {
        int32_t y[256];
        finish_ntt(count_ntt, kNtt.offset_final, y);
        compress(state, block, y);
      });
  for (int i = 0; i < 16; ++i) write_le32(out + 4 * i, state[i]);
}

}  // namespace hashpool::x11
