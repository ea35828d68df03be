// Luffa-512 as specified in "Hash Function Luffa, Specification Ver. 2.0" (De Canniere,
// Sato, Watanabe, 2009): w = 5 sub-states of 8 big-endian 32-bit words, 256-bit message
// blocks, 8 steps per sub-permutation Q_j, with the round-2 tweak (words 4..7 of V_j are
// rotated left by j before Q_j). The 512-bit digest is read over two blank rounds.
#include "luffa512.h"

#include <cstring>

#include "common.h"

namespace hashpool::x11 {
namespace {

// Initial values V_0..V_4 (Luffa specification v2.0, "Initial values").
constexpr uint32_t kIV[5][8] = {
    {0x6d251e69, 0x44b051e0, 0x4eaa6fb4, 0xdbf78465, 0x6e292011, 0x90152df4, 0xee058139, 0xdef610bb},
    {0xc3b44b95, 0xd9d2f256, 0x70eee9a0, 0xde099fa3, 0x5d9b0557, 0x8fc944b3, 0xcf1ccf0e, 0x746cd581},
    {0xf7efc89d, 0x5dba5781, 0x04016ce5, 0xad659c05, 0x0306194f, 0x666d1836, 0x24aa230a, 0x8b264ae7},
    {0x858075d5, 0x36d79cce, 0xe571f7d7, 0x204b1f67, 0x35870c6a, 0x57e9e923, 0x14bcb808, 0x7cde72ce},
    {0x6c68e9be, 0x5ec41e22, 0xc825b7c7, 0xaffb4363, 0xf5df3999, 0x0fc688f1, 0xb07224cc, 0x03e86cea},
};

// Step constants of Q_j (Luffa specification v2.0, "Constants"): kRC[j][0][r] is added to
// word 0 and kRC[j][1][r] to word 4 in step r.
constexpr uint32_t kRC[5][2][8] = {
    {{0x303994a6, 0xc0e65299, 0x6cc33a12, 0xdc56983e, 0x1e00108f, 0x7800423d, 0x8f5b7882, 0x96e1db12},
     {0xe0337818, 0x441ba90d, 0x7f34d442, 0x9389217f, 0xe5a8bce6, 0x5274baf4, 0x26889ba7, 0x9a226e9d}},
    {{0xb6de10ed, 0x70f47aae, 0x0707a3d4, 0x1c1e8f51, 0x707a3d45, 0xaeb28562, 0xbaca1589, 0x40a46f3e},
     {0x01685f3d, 0x05a17cf4, 0xbd09caca, 0xf4272b28, 0x144ae5cc, 0xfaa7ae2b, 0x2e48f1c1, 0xb923c704}},
    {{0xfc20d9d2, 0x34552e25, 0x7ad8818f, 0x8438764a, 0xbb6de032, 0xedb780c8, 0xd9847356, 0xa2c78434},
     {0xe25e72c1, 0xe623bb72, 0x5c58a4a4, 0x1e38e2e7, 0x78e38b9d, 0x27586719, 0x36eda57f, 0x703aace7}},
    {{0xb213afa5, 0xc84ebe95, 0x4e608a22, 0x56d858fe, 0x343b138f, 0xd0ec4e3d, 0x2ceb4882, 0xb3ad2208},
     {0xe028c9bf, 0x44756f91, 0x7e8fce32, 0x956548be, 0xfe191be2, 0x3cb226e5, 0x5944a28e, 0xa1c4c355}},
    {{0xf0d2e9e3, 0xac11d7fa, 0x1bcb66f2, 0x6f2d9bc9, 0x78602649, 0x8edae952, 0x3b6ba548, 0xedae9520},
     {0x5090d577, 0x2d1925ab, 0xb46496ac, 0xd1925ab0, 0x29131ab6, 0x0fc053c3, 0x3f014f0c, 0xfc053c31}},
};

// Multiplication by x in GF(2^32)[x]/(x^8 + x^4 + x^3 + x + 1), word k = coefficient of x^k.
HP_ALWAYS_INLINE void times2(uint32_t d[8], const uint32_t s[8]) {
  const uint32_t top = s[7];
  d[7] = s[6];
  d[6] = s[5];
  d[5] = s[4];
  d[4] = s[3] ^ top;
  d[3] = s[2] ^ top;
  d[2] = s[1];
  d[1] = s[0] ^ top;
  d[0] = top;
}

HP_ALWAYS_INLINE void xor_into(uint32_t d[8], const uint32_t s[8]) {
  for (int i = 0; i < 8; ++i) d[i] ^= s[i];
}

// Message injection MI for w = 5 (spec v2.0, "Message injection"): the mixing network over GF(2^32)^8,
// then the message multiplied by 1, 2, 4, 8, 16 into V_0..V_4.
HP_ALWAYS_INLINE void inject(uint32_t v[5][8], const uint32_t m_in[8]) {
  uint32_t t[8], u[8], m[8];
  for (int i = 0; i < 8; ++i) t[i] = v[0][i] ^ v[1][i] ^ v[2][i] ^ v[3][i] ^ v[4][i];
  times2(t, t);
  for (int j = 0; j < 5; ++j) xor_into(v[j], t);

  times2(u, v[0]);
  xor_into(u, v[1]);  // u is the new V_0 of the forward pass
  for (int j = 1; j < 4; ++j) {
    times2(v[j], v[j]);
    xor_into(v[j], v[j + 1]);
  }
  times2(v[4], v[4]);
  xor_into(v[4], v[0]);

  times2(v[0], u);
  xor_into(v[0], v[4]);
  for (int j = 4; j > 1; --j) {
    times2(v[j], v[j]);
    xor_into(v[j], v[j - 1]);
  }
  times2(v[1], v[1]);
  xor_into(v[1], u);

  std::memcpy(m, m_in, sizeof m);
  xor_into(v[0], m);
  for (int j = 1; j < 5; ++j) {
    times2(m, m);
    xor_into(v[j], m);
  }
}

// SubCrumb: the 4-bit S-box {13,14,0,1,5,10,7,6,11,3,9,12,15,8,2,4} applied bit-sliced
// across 32 columns, using the gate sequence given in the spec.
template <typename W>
HP_ALWAYS_INLINE void sub_crumb(W& a0, W& a1, W& a2, W& a3) {
  W t = a0;
  a0 |= a1;
  a2 ^= a3;
  a1 = ~a1;
  a0 ^= a3;
  a3 &= t;
  a1 ^= a3;
  a3 ^= a2;
  a2 &= a0;
  a0 = ~a0;
  a2 ^= a1;
  a1 |= a3;
  t ^= a1;
  a3 ^= a2;
  a2 &= a1;
  a1 ^= a0;
  a0 = t;
}

// MixWord with (sigma1..sigma4) = (2, 14, 10, 1).
template <unsigned n, typename W>
HP_ALWAYS_INLINE W rotl(W x) {
  return (x << n) | (x >> (32 - n));
}

template <typename W>
HP_ALWAYS_INLINE void mix_word(W& l, W& r) {
  r ^= l;
  l = rotl<2>(l) ^ r;
  r = rotl<14>(r) ^ l;
  l = rotl<10>(l) ^ r;
  r = rotl<1>(r);
}

// Eight steps of Q_j on words a[0..7] (after the tweak); W is a word or a vector of words
// holding several Q_j side by side, rc0/rc1 the matching constants.
template <typename W, typename C>
HP_ALWAYS_INLINE void steps(W a[8], const C& rc0, const C& rc1) {
  for (int r = 0; r < 8; ++r) {
    sub_crumb(a[0], a[1], a[2], a[3]);
    sub_crumb(a[5], a[6], a[7], a[4]);
    mix_word(a[0], a[4]);
    mix_word(a[1], a[5]);
    mix_word(a[2], a[6]);
    mix_word(a[3], a[7]);
    a[0] ^= rc0[r];
    a[4] ^= rc1[r];
  }
}

// Q_0..Q_3 run as the four lanes of generic vectors (SSE2/NEON, or scalar where there is
// none); Q_4 runs on plain words alongside.
typedef uint32_t V4 __attribute__((vector_size(16)));

struct LaneConstants {
  V4 rc[2][8];
};

constexpr LaneConstants make_lane_constants() {
  LaneConstants c{};
  for (int h = 0; h < 2; ++h)
    for (int r = 0; r < 8; ++r) c.rc[h][r] = V4{kRC[0][h][r], kRC[1][h][r], kRC[2][h][r], kRC[3][h][r]};
  return c;
}

// P: the tweak (words 4..7 of V_j rotated left by j), then Q_0..Q_4.
HP_ALWAYS_INLINE void permute(uint32_t v[5][8]) {
  static constexpr LaneConstants lanes = make_lane_constants();
  V4 x[8];
  for (int k = 0; k < 4; ++k) x[k] = V4{v[0][k], v[1][k], v[2][k], v[3][k]};
  for (int k = 4; k < 8; ++k) x[k] = V4{v[0][k], rotl<1>(v[1][k]), rotl<2>(v[2][k]), rotl<3>(v[3][k])};
  uint32_t y[8];
  for (int k = 0; k < 4; ++k) y[k] = v[4][k];
  for (int k = 4; k < 8; ++k) y[k] = rotl<4>(v[4][k]);
  steps(x, lanes.rc[0], lanes.rc[1]);
  steps(y, kRC[4][0], kRC[4][1]);
  for (int k = 0; k < 8; ++k) {
    for (int j = 0; j < 4; ++j) v[j][k] = x[k][j];
    v[4][k] = y[k];
  }
}

HP_ALWAYS_INLINE void round_function(uint32_t v[5][8], const uint32_t m[8]) {
  inject(v, m);
  permute(v);
}

HP_ALWAYS_INLINE void absorb(uint32_t v[5][8], const uint8_t* block) {
  uint32_t m[8];
  for (int i = 0; i < 8; ++i) m[i] = read_be32(block + 4 * i);
  round_function(v, m);
}

// Output function: the XOR of the five sub-states.
HP_ALWAYS_INLINE void squeeze(const uint32_t v[5][8], uint8_t* out) {
  for (int i = 0; i < 8; ++i) write_be32(out + 4 * i, v[0][i] ^ v[1][i] ^ v[2][i] ^ v[3][i] ^ v[4][i]);
}

}  // namespace

void luffa512(const uint8_t* data, size_t len, uint8_t out[64]) {
  uint32_t v[5][8];
  std::memcpy(v, kIV, sizeof v);
  while (len >= 32) {
    absorb(v, data);
    data += 32;
    len -= 32;
  }
  // Padding always adds a block: a 1 bit (0x80), then zeros.
  uint8_t last[32] = {0};
  if (len) std::memcpy(last, data, len);
  last[len] = 0x80;
  absorb(v, last);
  // Finalisation: blank rounds with a zero message; each yields 256 output bits.
  const uint32_t zero[8] = {0};
  round_function(v, zero);
  squeeze(v, out);
  round_function(v, zero);
  squeeze(v, out + 32);
}

}  // namespace hashpool::x11
