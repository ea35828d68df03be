// BMW-512 as specified in the round-2 tweaked "Cryptographic hash function BLUE MIDNIGHT
// WISH" (Gligoroski et al., 2009): little-endian 64-bit words, 1024-bit blocks, the
// tweaked AddElement (rotated message words, XOR with one chaining word) and a final
// compression of the chaining value under a constant key.
#include "bmw512.h"

#include <cstring>

#include "common.h"
#include "final_block.h"

namespace hashpool::x11 {
namespace {

HP_ALWAYS_INLINE uint64_t s0(uint64_t x) { return (x >> 1) ^ (x << 3) ^ rotl64(x, 4) ^ rotl64(x, 37); }
HP_ALWAYS_INLINE uint64_t s1(uint64_t x) { return (x >> 1) ^ (x << 2) ^ rotl64(x, 13) ^ rotl64(x, 43); }
HP_ALWAYS_INLINE uint64_t s2(uint64_t x) { return (x >> 2) ^ (x << 1) ^ rotl64(x, 19) ^ rotl64(x, 53); }
HP_ALWAYS_INLINE uint64_t s3(uint64_t x) { return (x >> 2) ^ (x << 2) ^ rotl64(x, 28) ^ rotl64(x, 59); }
HP_ALWAYS_INLINE uint64_t s4(uint64_t x) { return (x >> 1) ^ x; }
HP_ALWAYS_INLINE uint64_t s5(uint64_t x) { return (x >> 2) ^ x; }

// The tweaked AddElement for expanded word j (16 <= j < 32); K_j = j * 0x0555555555555555.
HP_ALWAYS_INLINE uint64_t add_element(const uint64_t* m, const uint64_t* h, int j) {
  const int a = (j - 16) & 15, b = (j - 13) & 15, c = (j - 6) & 15;
  const uint64_t k = static_cast<uint64_t>(j) * 0x0555555555555555ull;
  return (rotl64(m[a], a + 1) + rotl64(m[b], b + 1) - rotl64(m[c], c + 1) + k) ^ h[(j - 9) & 15];
}

// One compression: `h` is the chaining value, `m` the 16 message words; writes `out`.
void compress(const uint64_t h[16], const uint64_t m[16], uint64_t out[16]) {
  uint64_t w[16];
  for (int i = 0; i < 16; ++i) w[i] = m[i] ^ h[i];

  uint64_t q[32];
  // f0: the bijective transform of M xor H (spec table 2.2).
  q[0] = s0(w[5] - w[7] + w[10] + w[13] + w[14]) + h[1];
  q[1] = s1(w[6] - w[8] + w[11] + w[14] - w[15]) + h[2];
  q[2] = s2(w[0] + w[7] + w[9] - w[12] + w[15]) + h[3];
  q[3] = s3(w[0] - w[1] + w[8] - w[10] + w[13]) + h[4];
  q[4] = s4(w[1] + w[2] + w[9] - w[11] - w[14]) + h[5];
  q[5] = s0(w[3] - w[2] + w[10] - w[12] + w[15]) + h[6];
  q[6] = s1(w[4] - w[0] - w[3] - w[11] + w[13]) + h[7];
  q[7] = s2(w[1] - w[4] - w[5] - w[12] - w[14]) + h[8];
  q[8] = s3(w[2] - w[5] - w[6] + w[13] - w[15]) + h[9];
  q[9] = s4(w[0] - w[3] + w[6] - w[7] + w[14]) + h[10];
  q[10] = s0(w[8] - w[1] - w[4] - w[7] + w[15]) + h[11];
  q[11] = s1(w[8] - w[0] - w[2] - w[5] + w[9]) + h[12];
  q[12] = s2(w[1] + w[3] - w[6] - w[9] + w[10]) + h[13];
  q[13] = s3(w[2] + w[4] + w[7] + w[10] + w[11]) + h[14];
  q[14] = s4(w[3] - w[5] + w[8] - w[11] - w[12]) + h[15];
  q[15] = s0(w[12] - w[4] - w[6] - w[9] + w[13]) + h[0];

  // f1: two expand1 rounds, then fourteen expand2 rounds.
  for (int j = 16; j < 18; ++j) {
    q[j] = s1(q[j - 16]) + s2(q[j - 15]) + s3(q[j - 14]) + s0(q[j - 13]) + s1(q[j - 12]) +
           s2(q[j - 11]) + s3(q[j - 10]) + s0(q[j - 9]) + s1(q[j - 8]) + s2(q[j - 7]) +
           s3(q[j - 6]) + s0(q[j - 5]) + s1(q[j - 4]) + s2(q[j - 3]) + s3(q[j - 2]) +
           s0(q[j - 1]) + add_element(m, h, j);
  }
  for (int j = 18; j < 32; ++j) {
    q[j] = q[j - 16] + rotl64(q[j - 15], 5) + q[j - 14] + rotl64(q[j - 13], 11) + q[j - 12] +
           rotl64(q[j - 11], 27) + q[j - 10] + rotl64(q[j - 9], 32) + q[j - 8] +
           rotl64(q[j - 7], 37) + q[j - 6] + rotl64(q[j - 5], 43) + q[j - 4] +
           rotl64(q[j - 3], 53) + s4(q[j - 2]) + s5(q[j - 1]) + add_element(m, h, j);
  }

  // f2: fold Q and M into the new chaining value.
  const uint64_t xl = q[16] ^ q[17] ^ q[18] ^ q[19] ^ q[20] ^ q[21] ^ q[22] ^ q[23];
  const uint64_t xh = xl ^ q[24] ^ q[25] ^ q[26] ^ q[27] ^ q[28] ^ q[29] ^ q[30] ^ q[31];
  out[0] = ((xh << 5) ^ (q[16] >> 5) ^ m[0]) + (xl ^ q[24] ^ q[0]);
  out[1] = ((xh >> 7) ^ (q[17] << 8) ^ m[1]) + (xl ^ q[25] ^ q[1]);
  out[2] = ((xh >> 5) ^ (q[18] << 5) ^ m[2]) + (xl ^ q[26] ^ q[2]);
  out[3] = ((xh >> 1) ^ (q[19] << 5) ^ m[3]) + (xl ^ q[27] ^ q[3]);
  out[4] = ((xh >> 3) ^ q[20] ^ m[4]) + (xl ^ q[28] ^ q[4]);
  out[5] = ((xh << 6) ^ (q[21] >> 6) ^ m[5]) + (xl ^ q[29] ^ q[5]);
  out[6] = ((xh >> 4) ^ (q[22] << 6) ^ m[6]) + (xl ^ q[30] ^ q[6]);
  out[7] = ((xh >> 11) ^ (q[23] << 2) ^ m[7]) + (xl ^ q[31] ^ q[7]);
  out[8] = rotl64(out[4], 9) + (xh ^ q[24] ^ m[8]) + ((xl << 8) ^ q[23] ^ q[8]);
  out[9] = rotl64(out[5], 10) + (xh ^ q[25] ^ m[9]) + ((xl >> 6) ^ q[16] ^ q[9]);
  out[10] = rotl64(out[6], 11) + (xh ^ q[26] ^ m[10]) + ((xl << 6) ^ q[17] ^ q[10]);
  out[11] = rotl64(out[7], 12) + (xh ^ q[27] ^ m[11]) + ((xl << 4) ^ q[18] ^ q[11]);
  out[12] = rotl64(out[0], 13) + (xh ^ q[28] ^ m[12]) + ((xl >> 3) ^ q[19] ^ q[12]);
  out[13] = rotl64(out[1], 14) + (xh ^ q[29] ^ m[13]) + ((xl >> 4) ^ q[20] ^ q[13]);
  out[14] = rotl64(out[2], 15) + (xh ^ q[30] ^ m[14]) + ((xl >> 7) ^ q[21] ^ q[14]);
  out[15] = rotl64(out[3], 16) + (xh ^ q[31] ^ m[15]) + ((xl >> 2) ^ q[22] ^ q[15]);
}

void compress_bytes(uint64_t h[16], const uint8_t* block) {
  uint64_t m[16];
  for (int i = 0; i < 16; ++i) m[i] = read_le64(block + 8 * i);
  compress(h, m, h);
}

}  // namespace

void bmw512(const uint8_t* data, size_t len, uint8_t out[64]) {
  // Initial value: word i = 0x8081828384858687 + i * 0x0808080808080808 (spec 2.3).
  uint64_t h[16];
  for (int i = 0; i < 16; ++i) h[i] = 0x8081828384858687ull + static_cast<uint64_t>(i) * 0x0808080808080808ull;

  size_t done = 0;
  while (len - done >= 128) {
    compress_bytes(h, data + done);
    done += 128;
  }

  const size_t rem = len - done;
  uint8_t block[128];
  start_final_block(block, data + done, rem);
  if (rem >= 120) {
    compress_bytes(h, block);
    std::memset(block, 0, sizeof block);
  }
  write_le64(block + 120, static_cast<uint64_t>(len) << 3);
  compress_bytes(h, block);

  // Final tweak: the chaining value becomes the message under the constant 0xaaaaaaaaaaaaaaa0 + i.
  uint64_t key[16];
  for (int i = 0; i < 16; ++i) key[i] = 0xaaaaaaaaaaaaaaa0ull + static_cast<uint64_t>(i);
  uint64_t fin[16];
  compress(key, h, fin);
  for (int i = 0; i < 8; ++i) write_le64(out + 8 * i, fin[8 + i]);
}

}  // namespace hashpool::x11
