// SHAvite-3-512 as specified in "The SHAvite-3 Hash Function" (Biham, Dunkelman; round-2
// tweaked version, 2009): C_512 is a 14-round generalised Feistel over four 128-bit lines,
// each F being four keyless AES rounds, keyed by a 448-word expansion of the 1024-bit
// block and the bit counter. The salt is zero (X11 uses none), so it drops out.
#include "shavite512.h"

#include <cstring>

#include "common.h"

namespace hashpool::x11 {
namespace {

// Initial value of SHAvite-3-512 (spec, "IV" for 512-bit digests).
constexpr uint32_t kIV[16] = {
    0x72FCCDD8, 0x79CA4727, 0x128A077B, 0x40D55AEC, 0xD1901A06, 0x430AE307, 0xB29F5CD1, 0xDF07FBFC,
    0x8E45D73D, 0x681AB538, 0xBDE86578, 0xDD577E47, 0xE275EADE, 0x502D9FCD, 0xB9357178, 0x022A4B9A,
};

constexpr uint8_t gf_double(uint8_t x) { return uint8_t((x << 1) ^ ((x & 0x80) ? 0x1B : 0)); }
constexpr uint8_t rotl8(uint8_t x, unsigned n) { return uint8_t((x << n) | (x >> (8 - n))); }

// AES round tables (FIPS 197 S-box and MixColumns), built at compile time so that no table
// is transcribed. Column words are little-endian: byte r of a word is row r.
struct AesTables {
  uint32_t t[4][256];
};

constexpr AesTables make_aes_tables() {
  uint8_t sbox[256] = {};
  // Walk the multiplicative group with generator 3: p runs over x, q over 1/x.
  uint8_t p = 1, q = 1;
  do {
    p = uint8_t(p ^ gf_double(p));
    q = uint8_t(q ^ (q << 1));
    q = uint8_t(q ^ (q << 2));
    q = uint8_t(q ^ (q << 4));
    if (q & 0x80) q = uint8_t(q ^ 0x09);
    sbox[p] = uint8_t(q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4) ^ 0x63);
  } while (p != 1);
  sbox[0] = 0x63;
  AesTables tables{};
  for (int a = 0; a < 256; ++a) {
    const uint32_t s = sbox[a];
    const uint32_t s2 = gf_double(uint8_t(s));
    const uint32_t w = s2 | (s << 8) | (s << 16) | ((s2 ^ s) << 24);
    for (int k = 0; k < 4; ++k) tables.t[k][a] = rotl32(w, 8 * k);
  }
  return tables;
}

constexpr AesTables kAes = make_aes_tables();

// One AES round with an all-zero round key (SubBytes, ShiftRows, MixColumns).
HP_ALWAYS_INLINE void aes_round(uint32_t& x0, uint32_t& x1, uint32_t& x2, uint32_t& x3) {
  const auto& t = kAes.t;
  const uint32_t y0 = t[0][x0 & 0xFF] ^ t[1][(x1 >> 8) & 0xFF] ^ t[2][(x2 >> 16) & 0xFF] ^ t[3][x3 >> 24];
  const uint32_t y1 = t[0][x1 & 0xFF] ^ t[1][(x2 >> 8) & 0xFF] ^ t[2][(x3 >> 16) & 0xFF] ^ t[3][x0 >> 24];
  const uint32_t y2 = t[0][x2 & 0xFF] ^ t[1][(x3 >> 8) & 0xFF] ^ t[2][(x0 >> 16) & 0xFF] ^ t[3][x1 >> 24];
  const uint32_t y3 = t[0][x3 & 0xFF] ^ t[1][(x0 >> 8) & 0xFF] ^ t[2][(x1 >> 16) & 0xFF] ^ t[3][x2 >> 24];
  x0 = y0, x1 = y1, x2 = y2, x3 = y3;
}

struct Line {
  uint32_t w[4];
};

// dst ^= F(src) with the 16 round-key words k: four keyed AES rounds.
HP_ALWAYS_INLINE void feistel(Line& dst, const Line& src, const uint32_t* k) {
  uint32_t x0 = src.w[0] ^ k[0], x1 = src.w[1] ^ k[1], x2 = src.w[2] ^ k[2], x3 = src.w[3] ^ k[3];
  aes_round(x0, x1, x2, x3);
  for (int i = 4; i < 16; i += 4) {
    x0 ^= k[i], x1 ^= k[i + 1], x2 ^= k[i + 2], x3 ^= k[i + 3];
    aes_round(x0, x1, x2, x3);
  }
  dst.w[0] ^= x0, dst.w[1] ^= x1, dst.w[2] ^= x2, dst.w[3] ^= x3;
}

// Message expansion: words 0..31 are the block; then, alternately, 32 words from the
// nonlinear step (one keyless AES round on the rotated 4-word group 32 back, plus the
// previous group) and 32 from the linear step, up to 448 words. The counter is mixed in
// at four fixed groups, one word of each complemented.
void expand(uint32_t rk[448], const uint8_t* block, const uint32_t c[4]) {
  for (int i = 0; i < 32; ++i) rk[i] = read_le32(block + 4 * i);
  size_t u = 32;
  for (;;) {
    for (int s = 0; s < 8; ++s, u += 4) {
      uint32_t x0 = rk[u - 31], x1 = rk[u - 30], x2 = rk[u - 29], x3 = rk[u - 32];
      aes_round(x0, x1, x2, x3);
      rk[u] = x0 ^ rk[u - 4];
      rk[u + 1] = x1 ^ rk[u - 3];
      rk[u + 2] = x2 ^ rk[u - 2];
      rk[u + 3] = x3 ^ rk[u - 1];
      if (u == 32) {
        rk[u] ^= c[0], rk[u + 1] ^= c[1], rk[u + 2] ^= c[2], rk[u + 3] ^= ~c[3];
      } else if (u == 164) {
        rk[u] ^= c[3], rk[u + 1] ^= c[2], rk[u + 2] ^= c[1], rk[u + 3] ^= ~c[0];
      } else if (u == 316) {
        rk[u] ^= c[2], rk[u + 1] ^= c[3], rk[u + 2] ^= c[0], rk[u + 3] ^= ~c[1];
      } else if (u == 440) {
        rk[u] ^= c[1], rk[u + 1] ^= c[0], rk[u + 2] ^= c[3], rk[u + 3] ^= ~c[2];
      }
    }
    if (u == 448) break;
    for (int s = 0; s < 32; ++s, ++u) rk[u] = rk[u - 32] ^ rk[u - 7];
  }
}

void compress_portable(uint32_t h[16], const uint8_t block[128], const uint32_t counter[4]) {
  uint32_t rk[448];
  expand(rk, block, counter);
  Line a, b, c, d;
  std::memcpy(a.w, h, 16);
  std::memcpy(b.w, h + 4, 16);
  std::memcpy(c.w, h + 8, 16);
  std::memcpy(d.w, h + 12, 16);
  // The spec rotates the lines after every round; naming them instead makes the round
  // pattern repeat every 4 rounds (the first F of a round takes the first 16 key words).
  const uint32_t* k = rk;
  for (int r = 0; r < 14; r += 4, k += 128) {
    feistel(a, b, k), feistel(c, d, k + 16);
    feistel(d, a, k + 32), feistel(b, c, k + 48);
    if (r == 12) break;
    feistel(c, d, k + 64), feistel(a, b, k + 80);
    feistel(b, c, k + 96), feistel(d, a, k + 112);
  }
  // After 14 rotations the lines sit in order (c, d, a, b).
  for (int i = 0; i < 4; ++i) {
    h[i] ^= c.w[i];
    h[4 + i] ^= d.w[i];
    h[8 + i] ^= a.w[i];
    h[12 + i] ^= b.w[i];
  }
}

}  // namespace

namespace shavite512_detail {

void hash_with(Compress compress, const uint8_t* data, size_t len, uint8_t out[64]) {
  uint32_t h[16];
  std::memcpy(h, kIV, sizeof h);
  const uint64_t total = len;
  uint64_t done_bits = 0;  // wraps only past 2^61 bytes, far beyond any caller
  uint32_t counter[4] = {0, 0, 0, 0};
  while (len >= 128) {
    done_bits += 1024;
    counter[0] = uint32_t(done_bits);
    counter[1] = uint32_t(done_bits >> 32);
    compress(h, data, counter);
    data += 128;
    len -= 128;
  }
  // Padding: 0x80, zeros, the 128-bit message length in bits (little-endian) at byte 110,
  // and the digest size 512 as 16 bits at byte 126. A block holding no message bits is
  // compressed with counter 0.
  const uint32_t length[4] = {uint32_t(total << 3), uint32_t(total >> 29), uint32_t(total >> 61), 0};
  uint8_t block[128] = {0};
  if (len) std::memcpy(block, data, len);
  const uint32_t zero[4] = {0, 0, 0, 0};
  const uint32_t* last_counter = zero;
  if (len > 0) {
    block[len] = 0x80;
    if (len >= 110) {
      compress(h, block, length);
      std::memset(block, 0, sizeof block);
    } else {
      last_counter = length;
    }
  } else {
    block[0] = 0x80;
  }
  for (int i = 0; i < 4; ++i) write_le32(block + 110 + 4 * i, length[i]);
  block[126] = 0x00;
  block[127] = 0x02;
  compress(h, block, last_counter);
  for (int i = 0; i < 16; ++i) write_le32(out + 4 * i, h[i]);
}

}  // namespace shavite512_detail

void shavite512(const uint8_t* data, size_t len, uint8_t out[64]) {
  shavite512_detail::hash_with(compress_portable, data, len, out);
}

}  // namespace hashpool::x11
