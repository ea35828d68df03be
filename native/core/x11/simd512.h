// SIMD-512 (round-2 tweaked SHA-3 submission), the tenth X11 stage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "common.h"

namespace hashpool::x11 {

// 64-byte SIMD-512 digest of any-length input (data may be null when len == 0).
void simd512(const uint8_t* data, size_t len, uint8_t out[64]);

#ifdef ENABLE_AVX2
// Same function with the NTT in 16-bit AVX2 lanes and the 8 Feistel ladders in one
// YMM register per state row. Caller checks cpu_features().avx2.
void simd512_avx2(const uint8_t* data, size_t len, uint8_t out[64]);
#endif

// Constants shared by the backends, all from the specification.
namespace simd512_detail {

constexpr uint32_t kP = 257;
constexpr uint32_t kAlpha = 41;  // the NTT root: a 256th root of unity mod 257

struct NttTables {
  uint16_t alpha_pow[256];     // 41^i mod 257
  uint16_t offset_block[256];  // NTT offset for message blocks: alpha^(255 i)
  uint16_t offset_final[256];  // for the length block: alpha^(255 i) + alpha^(253 i)
  uint16_t twiddle[256];       // level with half-size h uses twiddle[h + u], u < h
  uint8_t bitrev[256];
};

constexpr NttTables make_ntt_tables() {
  NttTables t{};
  uint32_t p = 1;
  for (int i = 0; i < 256; ++i) {
    t.alpha_pow[i] = static_cast<uint16_t>(p);
    p = (p * kAlpha) % kP;
  }
  for (int i = 0; i < 256; ++i) {
    const uint32_t a = t.alpha_pow[(255 * i) & 255];
    const uint32_t b = t.alpha_pow[(253 * i) & 255];
    t.offset_block[i] = static_cast<uint16_t>(a);
    t.offset_final[i] = static_cast<uint16_t>((a + b) % kP);
    unsigned r = 0;
    for (int bit = 0; bit < 8; ++bit) r |= ((static_cast<unsigned>(i) >> bit) & 1u) << (7 - bit);
    t.bitrev[i] = static_cast<uint8_t>(r);
  }
  for (int half = 1; half < 256; half <<= 1)
    for (int u = 0; u < half; ++u) t.twiddle[half + u] = t.alpha_pow[u * (128 / half)];
  return t;
}

inline constexpr NttTables kNtt = make_ntt_tables();

// SIMD-512 initial chaining value (submission IV for 512-bit output, as carried in sphlib).
inline constexpr uint32_t kIV[32] = {
    0x0BA16B95, 0x72F999AD, 0x9FECC2AE, 0xBA3264FC, 0x5E894929, 0x8E9F30E5, 0x2F1DAA37, 0xF0F2C558,
    0xAC506643, 0xA90635A5, 0xE25B878B, 0xAAB7878F, 0x88817F7A, 0x0A02892B, 0x559A7550, 0x598F657E,
    0x7EEF60A1, 0x6B70E3E8, 0x9C1714D1, 0xB958E2A8, 0xAB02675E, 0xED1C014F, 0xCD8D65BB, 0xFDB7A257,
    0x09254899, 0xD699C7BC, 0x9019B6DC, 0x2B9022E4, 0x8FA14956, 0x21BF9BD3, 0xB94D0943, 0x6FFDDC22,
};

// Which expanded-message word group each of the 32 steps uses (spec, message expansion
// permutation, tweaked version).
inline constexpr uint8_t kWordGroup[32] = {
    4,  6,  0,  2,  7,  5,  3,  1,  15, 11, 12, 8,  9,  13, 10, 14,
    17, 18, 23, 20, 22, 21, 16, 19, 30, 24, 25, 31, 27, 29, 28, 26,
};

// Lane permutation constant of step t is kPerm[t % 7]: ladder j reads ladder j ^ kPerm.
inline constexpr unsigned kPerm[7] = {1, 6, 2, 3, 5, 7, 4};

// x in [0, 514) to its residue in [0, 256], branch-free (the NTT would mispredict).
inline uint32_t canon257(uint32_t x) {
  const uint32_t t = x - kP;
  return t + (kP & (0u - (t >> 31)));
}

// The length block holds only the 64-bit bit count in bytes 0..7, so its transform is
// the polynomial sum_j c_j X^j evaluated at each alpha^k: Horner's rule over the
// nonzero bytes (usually two) is far cheaper than the full NTT. Writes residues in
// [0, 256].
struct CountTransform {
  uint16_t a[256];
};

constexpr CountTransform make_count_transform(uint64_t bits) {
  CountTransform t{};
  for (int k = 0; k < 256; ++k) {
    uint32_t sum = 0;
    for (int j = 0; j < 8; ++j) sum += static_cast<uint32_t>((bits >> (8 * j)) & 0xFF) * kNtt.alpha_pow[(j * k) & 255];
    t.a[k] = static_cast<uint16_t>(sum % kP);
  }
  return t;
}

// X11 hashes 64-byte inputs, whose length block is always 512 bits.
inline constexpr CountTransform kCount512 = make_count_transform(512);

inline void ntt_count_block(uint64_t bits, uint16_t a[256]) {
  if (bits == 512) {
    for (int k = 0; k < 256; ++k) a[k] = kCount512.a[k];
    return;
  }
  int top = 7;
  while (top > 0 && ((bits >> (8 * top)) & 0xFF) == 0) --top;
  const uint16_t lead = static_cast<uint16_t>((bits >> (8 * top)) & 0xFF);
  for (int k = 0; k < 256; ++k) a[k] = lead;
  for (int j = top - 1; j >= 0; --j) {
    const uint32_t c = static_cast<uint32_t>(bits >> (8 * j)) & 0xFF;
    for (int k = 0; k < 256; ++k) {  // k innermost so the loop vectorizes
      const uint32_t p = static_cast<uint32_t>(a[k]) * kNtt.alpha_pow[k];  // < 2^17
      // 2^8 = -1 (mod 257); the sum lies in [3, 771), two conditional subtractions.
      const uint32_t r = canon257(canon257((p & 0xFF) + 2 * kP - (p >> 8)));
      a[k] = static_cast<uint16_t>(canon257(r + c));
    }
  }
}

// Mode of operation shared by the backends: compress_block(block) runs the NTT with the
// message-block offset and the compression on each 128-byte block (the last partial one
// zero-padded, no 1 bit); compress_final(block, count_ntt) compresses the length block
// (the bit count modulo 2^64, little-endian in bytes 0..7, zeros after) given its NTT
// (residues in [0, 256], before the final offset). The caller sets the IV before and
// reads the digest after.
template <class CompressBlock, class CompressFinal>
inline void simd512_mode(const uint8_t* data, size_t len, CompressBlock compress_block,
                         CompressFinal compress_final) {
  uint64_t blocks = 0;
  while (len >= 128) {
    compress_block(data);
    data += 128;
    len -= 128;
    ++blocks;
  }
  uint8_t block[128] = {0};
  if (len > 0) {
    std::memcpy(block, data, len);
    compress_block(block);
    std::memset(block, 0, len);
  }
  // Bit count modulo 2^64, as the spec's length encoding.
  const uint64_t bits = (blocks << 10) + (static_cast<uint64_t>(len) << 3);
  write_le64(block, bits);
  alignas(32) uint16_t count_ntt[256];
  ntt_count_block(bits, count_ntt);
  compress_final(block, count_ntt);
}

}  // namespace simd512_detail
}  // namespace hashpool::x11
