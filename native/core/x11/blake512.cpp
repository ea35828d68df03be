// BLAKE-512 as specified in "SHA-3 proposal BLAKE" (Aumasson et al., v1.3, final round):
// 16 rounds, no salt. Words are big-endian; the counter counts message bits only.
#include "blake512.h"

#include <cstring>

#include "common.h"
#include "final_block.h"

namespace hashpool::x11 {
namespace {

// Initial value = SHA-512 IV (BLAKE spec section 2.2.1).
constexpr uint64_t kIV[8] = {
    0x6A09E667F3BCC908ull, 0xBB67AE8584CAA73Bull, 0x3C6EF372FE94F82Bull, 0xA54FF53A5F1D36F1ull,
    0x510E527FADE682D1ull, 0x9B05688C2B3E6C1Full, 0x1F83D9ABFB41BD6Bull, 0x5BE0CD19137E2179ull,
};

// Constants c0..c15: leading digits of pi (BLAKE spec section 2.2.1).
constexpr uint64_t kC[16] = {
    0x243F6A8885A308D3ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull, 0x082EFA98EC4E6C89ull,
    0x452821E638D01377ull, 0xBE5466CF34E90C6Cull, 0xC0AC29B7C97C50DDull, 0x3F84D5B5B5470917ull,
    0x9216D5D98979FB1Bull, 0xD1310BA698DFB5ACull, 0x2FFD72DBD01ADFB7ull, 0xB8E1AFED6A267E96ull,
    0xBA7C9045F12C7F99ull, 0x24A19947B3916CF7ull, 0x0801F2E2858EFC16ull, 0x636920D871574E69ull,
};

// Message permutations sigma_0..sigma_9 (BLAKE spec section 2.1.2); round r uses r mod 10.
constexpr uint8_t kSigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

// Template parameters make every sigma lookup a compile-time constant once rounds unroll.
template <int R, int I>
HP_ALWAYS_INLINE void g(uint64_t& a, uint64_t& b, uint64_t& c, uint64_t& d, const uint64_t* m) {
  constexpr int x = kSigma[R % 10][2 * I];
  constexpr int y = kSigma[R % 10][2 * I + 1];
  a = a + b + (m[x] ^ kC[y]);
  d = rotr64(d ^ a, 32);
  c = c + d;
  b = rotr64(b ^ c, 25);
  a = a + b + (m[y] ^ kC[x]);
  d = rotr64(d ^ a, 16);
  c = c + d;
  b = rotr64(b ^ c, 11);
}

template <int R>
HP_ALWAYS_INLINE void round(uint64_t* v, const uint64_t* m) {
  g<R, 0>(v[0], v[4], v[8], v[12], m);
  g<R, 1>(v[1], v[5], v[9], v[13], m);
  g<R, 2>(v[2], v[6], v[10], v[14], m);
  g<R, 3>(v[3], v[7], v[11], v[15], m);
  g<R, 4>(v[0], v[5], v[10], v[15], m);
  g<R, 5>(v[1], v[6], v[11], v[12], m);
  g<R, 6>(v[2], v[7], v[8], v[13], m);
  g<R, 7>(v[3], v[4], v[9], v[14], m);
}

// `t0`/`t1` are the low/high halves of the bit counter for this block.
void compress(uint64_t h[8], const uint8_t* block, uint64_t t0, uint64_t t1) {
  uint64_t m[16];
  for (int i = 0; i < 16; ++i) m[i] = read_be64(block + 8 * i);
  uint64_t v[16];
  for (int i = 0; i < 8; ++i) v[i] = h[i];
  for (int i = 0; i < 4; ++i) v[8 + i] = kC[i];
  v[12] = t0 ^ kC[4];
  v[13] = t0 ^ kC[5];
  v[14] = t1 ^ kC[6];
  v[15] = t1 ^ kC[7];
  round<0>(v, m);
  round<1>(v, m);
  round<2>(v, m);
  round<3>(v, m);
  round<4>(v, m);
  round<5>(v, m);
  round<6>(v, m);
  round<7>(v, m);
  round<8>(v, m);
  round<9>(v, m);
  round<10>(v, m);
  round<11>(v, m);
  round<12>(v, m);
  round<13>(v, m);
  round<14>(v, m);
  round<15>(v, m);
  for (int i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

}  // namespace

void blake512(const uint8_t* data, size_t len, uint8_t out[64]) {
  uint64_t h[8];
  for (int i = 0; i < 8; ++i) h[i] = kIV[i];

  // Bit length as a 128-bit number (t1:t0); len < 2^64 so the high part is len >> 61.
  const uint64_t bits_lo = static_cast<uint64_t>(len) << 3;
  const uint64_t bits_hi = static_cast<uint64_t>(len) >> 61;

  // Full blocks first; a counter that wraps the low half carries into the high half.
  size_t done = 0;
  while (len - done >= 128) {
    const uint64_t lo = static_cast<uint64_t>(done + 128) << 3;
    const uint64_t hi = static_cast<uint64_t>(done + 128) >> 61;
    compress(h, data + done, lo, hi);
    done += 128;
  }

  const size_t rem = len - done;
  uint8_t block[128];
  start_final_block(block, data + done, rem);
  if (rem <= 111) {
    // Padding fits: the block holding message bits gets the full count, an empty one gets 0.
    block[111] |= 0x01;
    write_be64(block + 112, bits_hi);
    write_be64(block + 120, bits_lo);
    if (rem > 0)
      compress(h, block, bits_lo, bits_hi);
    else
      compress(h, block, 0, 0);
  } else {
    compress(h, block, bits_lo, bits_hi);
    std::memset(block, 0, sizeof block);
    block[111] = 0x01;
    write_be64(block + 112, bits_hi);
    write_be64(block + 120, bits_lo);
    compress(h, block, 0, 0);
  }

  for (int i = 0; i < 8; ++i) write_be64(out + 8 * i, h[i]);
}

}  // namespace hashpool::x11
