// The 8-lane ROMix shared by scrypt_avx2.cpp and scrypt_avx512.cpp; include it only from
// those ISA files. Each YMM register holds one 32-bit word of eight independent hashes, so
// Salsa20/8 needs no shuffles. The scratchpad keeps each lane's 128-byte blocks contiguous
// (V[i][lane][32 words]) so the data-dependent reads of the second loop touch two cache
// lines per lane; 8x8 transposes convert between that and the word-major state.
// Everything is in an unnamed namespace: each ISA file gets its own copy compiled with its
// own flags, and the linker can never hand one ISA's code to another's caller.
#pragma once

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

#include "scrypt.h"

#define HP_X8_INLINE inline __attribute__((always_inline))

namespace hashpool {
namespace scrypt {
namespace {

constexpr size_t kLanesX8 = 8;

#define HP_QR(a, b, c, s) a = _mm256_xor_si256(a, Rot::template rotl<s>(_mm256_add_epi32(b, c)))

// b = Salsa20/8(b ^ x) for eight lanes (RFC 7914 section 3). Rot supplies rotl<S>.
template <class Rot>
HP_X8_INLINE void salsa8_xor_x8(__m256i* b, const __m256i* x) {
  __m256i x0 = b[0] = _mm256_xor_si256(b[0], x[0]), x1 = b[1] = _mm256_xor_si256(b[1], x[1]);
  __m256i x2 = b[2] = _mm256_xor_si256(b[2], x[2]), x3 = b[3] = _mm256_xor_si256(b[3], x[3]);
  __m256i x4 = b[4] = _mm256_xor_si256(b[4], x[4]), x5 = b[5] = _mm256_xor_si256(b[5], x[5]);
  __m256i x6 = b[6] = _mm256_xor_si256(b[6], x[6]), x7 = b[7] = _mm256_xor_si256(b[7], x[7]);
  __m256i x8 = b[8] = _mm256_xor_si256(b[8], x[8]), x9 = b[9] = _mm256_xor_si256(b[9], x[9]);
  __m256i x10 = b[10] = _mm256_xor_si256(b[10], x[10]);
  __m256i x11 = b[11] = _mm256_xor_si256(b[11], x[11]);
  __m256i x12 = b[12] = _mm256_xor_si256(b[12], x[12]);
  __m256i x13 = b[13] = _mm256_xor_si256(b[13], x[13]);
  __m256i x14 = b[14] = _mm256_xor_si256(b[14], x[14]);
  __m256i x15 = b[15] = _mm256_xor_si256(b[15], x[15]);
  for (int i = 0; i < 8; i += 2) {
    HP_QR(x4, x0, x12, 7);    HP_QR(x9, x5, x1, 7);     HP_QR(x14, x10, x6, 7);   HP_QR(x3, x15, x11, 7);
    HP_QR(x8, x4, x0, 9);     HP_QR(x13, x9, x5, 9);    HP_QR(x2, x14, x10, 9);   HP_QR(x7, x3, x15, 9);
    HP_QR(x12, x8, x4, 13);   HP_QR(x1, x13, x9, 13);   HP_QR(x6, x2, x14, 13);   HP_QR(x11, x7, x3, 13);
    HP_QR(x0, x12, x8, 18);   HP_QR(x5, x1, x13, 18);   HP_QR(x10, x6, x2, 18);   HP_QR(x15, x11, x7, 18);
    HP_QR(x1, x0, x3, 7);     HP_QR(x6, x5, x4, 7);     HP_QR(x11, x10, x9, 7);   HP_QR(x12, x15, x14, 7);
    HP_QR(x2, x1, x0, 9);     HP_QR(x7, x6, x5, 9);     HP_QR(x8, x11, x10, 9);   HP_QR(x13, x12, x15, 9);
    HP_QR(x3, x2, x1, 13);    HP_QR(x4, x7, x6, 13);    HP_QR(x9, x8, x11, 13);   HP_QR(x14, x13, x12, 13);
    HP_QR(x0, x3, x2, 18);    HP_QR(x5, x4, x7, 18);    HP_QR(x10, x9, x8, 18);   HP_QR(x15, x14, x13, 18);
  }
  b[0] = _mm256_add_epi32(b[0], x0);   b[1] = _mm256_add_epi32(b[1], x1);
  b[2] = _mm256_add_epi32(b[2], x2);   b[3] = _mm256_add_epi32(b[3], x3);
  b[4] = _mm256_add_epi32(b[4], x4);   b[5] = _mm256_add_epi32(b[5], x5);
  b[6] = _mm256_add_epi32(b[6], x6);   b[7] = _mm256_add_epi32(b[7], x7);
  b[8] = _mm256_add_epi32(b[8], x8);   b[9] = _mm256_add_epi32(b[9], x9);
  b[10] = _mm256_add_epi32(b[10], x10); b[11] = _mm256_add_epi32(b[11], x11);
  b[12] = _mm256_add_epi32(b[12], x12); b[13] = _mm256_add_epi32(b[13], x13);
  b[14] = _mm256_add_epi32(b[14], x14); b[15] = _mm256_add_epi32(b[15], x15);
}

#undef HP_QR

// 8x8 transpose of 32-bit elements (its own inverse): word-major <-> lane-major.
HP_X8_INLINE void transpose8(const __m256i in[8], __m256i out[8]) {
  const __m256i t0 = _mm256_unpacklo_epi32(in[0], in[1]), t1 = _mm256_unpackhi_epi32(in[0], in[1]);
  const __m256i t2 = _mm256_unpacklo_epi32(in[2], in[3]), t3 = _mm256_unpackhi_epi32(in[2], in[3]);
  const __m256i t4 = _mm256_unpacklo_epi32(in[4], in[5]), t5 = _mm256_unpackhi_epi32(in[4], in[5]);
  const __m256i t6 = _mm256_unpacklo_epi32(in[6], in[7]), t7 = _mm256_unpackhi_epi32(in[6], in[7]);
  const __m256i u0 = _mm256_unpacklo_epi64(t0, t2), u1 = _mm256_unpackhi_epi64(t0, t2);
  const __m256i u2 = _mm256_unpacklo_epi64(t1, t3), u3 = _mm256_unpackhi_epi64(t1, t3);
  const __m256i u4 = _mm256_unpacklo_epi64(t4, t6), u5 = _mm256_unpackhi_epi64(t4, t6);
  const __m256i u6 = _mm256_unpacklo_epi64(t5, t7), u7 = _mm256_unpackhi_epi64(t5, t7);
  out[0] = _mm256_permute2x128_si256(u0, u4, 0x20);
  out[1] = _mm256_permute2x128_si256(u1, u5, 0x20);
  out[2] = _mm256_permute2x128_si256(u2, u6, 0x20);
  out[3] = _mm256_permute2x128_si256(u3, u7, 0x20);
  out[4] = _mm256_permute2x128_si256(u0, u4, 0x31);
  out[5] = _mm256_permute2x128_si256(u1, u5, 0x31);
  out[6] = _mm256_permute2x128_si256(u2, u6, 0x31);
  out[7] = _mm256_permute2x128_si256(u3, u7, 0x31);
}

// Lane-major blocks (8 lanes x 32 words at `src`, 64-byte aligned) <-> word-major state.
HP_X8_INLINE void lanes_to_words(const uint32_t* src, __m256i x[32]) {
  for (int g = 0; g < 4; ++g) {
    __m256i t[8];
    for (size_t l = 0; l < kLanesX8; ++l)
      t[l] = _mm256_load_si256(reinterpret_cast<const __m256i*>(src + l * 32 + 8 * g));
    transpose8(t, x + 8 * g);
  }
}
HP_X8_INLINE void words_to_lanes(const __m256i x[32], uint32_t* dst) {
  for (int g = 0; g < 4; ++g) {
    __m256i t[8];
    transpose8(x + 8 * g, t);
    for (size_t l = 0; l < kLanesX8; ++l)
      _mm256_store_si256(reinterpret_cast<__m256i*>(dst + l * 32 + 8 * g), t[l]);
  }
}

// XORs one scratchpad block per lane (lane-major in v) into the word-major state.
HP_X8_INLINE void xor_blocks(__m256i x[32], const uint32_t* const block[kLanesX8]) {
  for (int g = 0; g < 4; ++g) {
    __m256i t[8], u[8];
    for (size_t l = 0; l < kLanesX8; ++l)
      t[l] = _mm256_load_si256(reinterpret_cast<const __m256i*>(block[l] + 8 * g));
    transpose8(t, u);
    for (int k = 0; k < 8; ++k) x[8 * g + k] = _mm256_xor_si256(x[8 * g + k], u[k]);
  }
}

// ROMix (r = 1) of eight lane-major blocks in x, in place; v: 8 * 32 * n words, 64-byte
// aligned. false once `stop` asks (see detail::LaneKernel).
template <class Rot>
bool ro_mix_x8(uint32_t* lanes, uint32_t n, uint32_t* v, const detail::StopCheck* stop) {
  constexpr uint32_t poll = detail::kStopPollInterval - 1;
  __m256i x[32];
  lanes_to_words(lanes, x);
  for (uint32_t i = 0; i < n; ++i) {
    words_to_lanes(x, v + size_t{i} * (kLanesX8 * 32));
    salsa8_xor_x8<Rot>(x, x + 16);
    salsa8_xor_x8<Rot>(x + 16, x);
    if ((i & poll) == poll && stop != nullptr && stop->requested(stop->context)) return false;
  }
  const __m256i mask = _mm256_set1_epi32(static_cast<int>(n - 1));
  for (uint32_t i = 0; i < n; ++i) {
    alignas(32) uint32_t j[kLanesX8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(j), _mm256_and_si256(x[16], mask));
    const uint32_t* block[kLanesX8];
    for (size_t l = 0; l < kLanesX8; ++l) block[l] = v + (size_t{j[l]} * kLanesX8 + l) * 32;
    xor_blocks(x, block);
    salsa8_xor_x8<Rot>(x, x + 16);
    salsa8_xor_x8<Rot>(x + 16, x);
    if ((i & poll) == poll && stop != nullptr && stop->requested(stop->context)) return false;
  }
  words_to_lanes(x, lanes);
  return true;
}


// Two independent groups of eight lanes (16 hashes). In the second loop each group's
// scratchpad blocks are prefetched one BlockMix ahead, while the other group computes, so
// the data-dependent reads stop stalling the pipeline once V outgrows L2 (8 lanes at
// N >= 1024). v: 16 * 32 * n words (group A's scratchpad, then group B's).
HP_X8_INLINE void prefetch_blocks(const __m256i& x16, __m256i mask, const uint32_t* v,
                                  const uint32_t* block[kLanesX8]) {
  alignas(32) uint32_t j[kLanesX8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(j), _mm256_and_si256(x16, mask));
  for (size_t l = 0; l < kLanesX8; ++l) {
    block[l] = v + (size_t{j[l]} * kLanesX8 + l) * 32;
    _mm_prefetch(reinterpret_cast<const char*>(block[l]), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(block[l] + 16), _MM_HINT_T0);
  }
}


template <class Rot>
bool ro_mix_x16(uint32_t* lanes, uint32_t n, uint32_t* v, const detail::StopCheck* stop) {
  constexpr uint32_t poll = detail::kStopPollInterval - 1;
  const size_t group_words = size_t{n} * kLanesX8 * 32;
  uint32_t* va = v;
  uint32_t* vb = v + group_words;
  __m256i a[32], b[32];
  lanes_to_words(lanes, a);
  lanes_to_words(lanes + kLanesX8 * 32, b);
  for (uint32_t i = 0; i < n; ++i) {
    words_to_lanes(a, va + size_t{i} * (kLanesX8 * 32));
    salsa8_xor_x8<Rot>(a, a + 16);
    salsa8_xor_x8<Rot>(a + 16, a);
    words_to_lanes(b, vb + size_t{i} * (kLanesX8 * 32));
    salsa8_xor_x8<Rot>(b, b + 16);
    salsa8_xor_x8<Rot>(b + 16, b);
    if ((i & poll) == poll && stop != nullptr && stop->requested(stop->context)) return false;
  }
  const __m256i mask = _mm256_set1_epi32(static_cast<int>(n - 1));
  const uint32_t* block_a[kLanesX8];
  const uint32_t* block_b[kLanesX8];
  prefetch_blocks(a[16], mask, va, block_a);
  prefetch_blocks(b[16], mask, vb, block_b);
  for (uint32_t i = 0; i < n; ++i) {
    xor_blocks(a, block_a);
    salsa8_xor_x8<Rot>(a, a + 16);
    salsa8_xor_x8<Rot>(a + 16, a);
    prefetch_blocks(a[16], mask, va, block_a);
    xor_blocks(b, block_b);
    salsa8_xor_x8<Rot>(b, b + 16);
    salsa8_xor_x8<Rot>(b + 16, b);
    prefetch_blocks(b[16], mask, vb, block_b);
    if ((i & poll) == poll && stop != nullptr && stop->requested(stop->context)) return false;
  }
  words_to_lanes(a, lanes);
  words_to_lanes(b, lanes + kLanesX8 * 32);
  return true;
}

}  // namespace
}  // namespace scrypt
}  // namespace hashpool
