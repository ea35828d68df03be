// SIMD-512 with AVX2. The design maps directly onto vectors: the NTT runs on 16
// residues per register (16-bit lanes, every product < 2^16, see simd512.cpp), and the
// 8 parallel Feistel ladders are the 8 dword lanes of one register per state row.
// Built with -mavx2 -mbmi2.
#ifdef ENABLE_AVX2

#include <immintrin.h>

#include <cstring>

#include "common.h"
#include "simd512.h"

namespace hashpool::x11 {
namespace {

using namespace simd512_detail;

// Residues of values in [0, 514]: subtracting 257 wraps to a large unsigned value
// exactly when the input was already reduced, so an unsigned minimum picks the result.
inline __m256i canon(__m256i x) {
  return _mm256_min_epu16(x, _mm256_sub_epi16(x, _mm256_set1_epi16(257)));
}

// n * w mod 257 for n, w in [0, 256], w != 256: since 2^8 = -1, p = 256 h + l gives l - h.
inline __m256i mulmod(__m256i n, __m256i w) {
  const __m256i p = _mm256_mullo_epi16(n, w);
  const __m256i l = _mm256_and_si256(p, _mm256_set1_epi16(0xFF));
  return canon(_mm256_sub_epi16(_mm256_add_epi16(l, _mm256_set1_epi16(257)), _mm256_srli_epi16(p, 8)));
}

// Lane masks and twiddles for the butterfly levels of half-size 2, 4 and 8, which pair
// lanes inside one register.
struct InLane {
  alignas(32) uint16_t high[3][16];     // lane belongs to the upper half of its butterfly
  alignas(32) uint16_t twiddle[3][16];  // twiddle of the lane's butterfly position
};

constexpr InLane make_in_lane() {
  InLane t{};
  for (int level = 0; level < 3; ++level) {
    const int h = 2 << level;
    for (int lane = 0; lane < 16; ++lane) {
      t.high[level][lane] = (lane & h) ? 0xFFFF : 0;
      t.twiddle[level][lane] = kNtt.twiddle[h + (lane & (h - 1))];
    }
  }
  return t;
}

constexpr InLane kInLane = make_in_lane();

template <int kLevel>
inline __m256i partner(__m256i v) {
  if (kLevel == 0) return _mm256_shuffle_epi32(v, 0xB1);   // swap adjacent dwords
  if (kLevel == 1) return _mm256_shuffle_epi32(v, 0x4E);   // swap dword pairs
  return _mm256_permute4x64_epi64(v, 0x4E);                 // swap 128-bit halves
}

template <int kLevel>
inline __m256i in_lane_level(__m256i v) {
  const __m256i high = _mm256_load_si256(reinterpret_cast<const __m256i*>(kInLane.high[kLevel]));
  const __m256i tw = _mm256_load_si256(reinterpret_cast<const __m256i*>(kInLane.twiddle[kLevel]));
  const __m256i p = partner<kLevel>(v);
  const __m256i m = _mm256_blendv_epi8(v, p, high);  // lower element of each butterfly
  const __m256i n = _mm256_blendv_epi8(p, v, high);  // upper element
  const __m256i t = mulmod(n, tw);
  // lower lanes get m + t, upper lanes m - t = m + 257 - t
  const __m256i neg = _mm256_sub_epi16(_mm256_set1_epi16(257), t);
  return canon(_mm256_add_epi16(m, _mm256_blendv_epi8(t, neg, high)));
}

// Transform of one 128-byte block into 256 residues in natural order (as ntt_block in
// simd512.cpp).
void ntt_block(const uint8_t x[128], __m256i a[16]) {
  alignas(32) uint16_t first[256];
  for (int i = 0; i < 256; i += 2) {
    const uint16_t v = x[kNtt.bitrev[i]];
    first[i] = v;
    first[i + 1] = v;
  }
  for (int k = 0; k < 16; ++k) {
    __m256i v = _mm256_load_si256(reinterpret_cast<const __m256i*>(first + 16 * k));
    v = in_lane_level<0>(v);
    v = in_lane_level<1>(v);
    a[k] = in_lane_level<2>(v);
  }
  for (int half = 1; half < 16; half <<= 1) {  // butterfly half-size 16 * half
    for (int start = 0; start < 16; start += 2 * half) {
      for (int u = 0; u < half; ++u) {
        const __m256i tw = _mm256_loadu_si256(
            reinterpret_cast<const __m256i*>(kNtt.twiddle + 16 * half + 16 * u));
        const __m256i m = a[start + u];
        const __m256i t = mulmod(a[start + u + half], tw);
        a[start + u] = canon(_mm256_add_epi16(m, t));
        a[start + u + half] = canon(_mm256_sub_epi16(_mm256_add_epi16(m, _mm256_set1_epi16(257)), t));
      }
    }
  }
}

// Adds the offset, centres into [-128, 128], and multiplies by the two inner-code
// constants (16-bit truncation is what the spec's lift keeps).
void lift(const __m256i a[16], const uint16_t offset[256], __m256i z185[16], __m256i z233[16]) {
  for (int k = 0; k < 16; ++k) {
    const __m256i off = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(offset + 16 * k));
    const __m256i v = canon(_mm256_add_epi16(a[k], off));
    const __m256i over = _mm256_cmpgt_epi16(v, _mm256_set1_epi16(128));
    const __m256i y = _mm256_sub_epi16(v, _mm256_and_si256(over, _mm256_set1_epi16(257)));
    z185[k] = _mm256_mullo_epi16(y, _mm256_set1_epi16(185));
    z233[k] = _mm256_mullo_epi16(y, _mm256_set1_epi16(233));
  }
}

// The 8 expanded words of group g, as in expanded_word() of simd512.cpp: adjacent
// values for g < 16, else even (g < 24) or odd (g >= 24) values of two 128-apart blocks.
template <int g>
inline __m256i expanded(const __m256i z185[16], const __m256i z233[16]) {
  if (g < 16) return z185[g];
  if (g < 24) return _mm256_blend_epi16(z233[g - 16], _mm256_slli_epi32(z233[g - 8], 16), 0xAA);
  return _mm256_blend_epi16(_mm256_srli_epi32(z233[g - 24], 16), z233[g - 16], 0xAA);
}

template <unsigned kPc>
inline __m256i permute(__m256i x) {
  if (kPc & 4) x = _mm256_permute4x64_epi64(x, 0x4E);
  switch (kPc & 3) {
    case 1: return _mm256_shuffle_epi32(x, 0xB1);
    case 2: return _mm256_shuffle_epi32(x, 0x4E);
    case 3: return _mm256_shuffle_epi32(x, 0x1B);
    default: return x;
  }
}

template <unsigned n>
inline __m256i rotl(__m256i x) {
  return _mm256_or_si256(_mm256_slli_epi32(x, n), _mm256_srli_epi32(x, 32 - n));
}

struct Rows {
  __m256i a, b, c, d;
};

template <bool kMaj, unsigned kR, unsigned kS, unsigned kPc>
inline void step(Rows& st, __m256i w) {
  const __m256i ra = rotl<kR>(st.a);
  __m256i f;
  if (kMaj)
    f = _mm256_or_si256(_mm256_and_si256(st.a, st.b), _mm256_and_si256(_mm256_or_si256(st.a, st.b), st.c));
  else
    f = _mm256_xor_si256(_mm256_and_si256(_mm256_xor_si256(st.b, st.c), st.a), st.c);
  const __m256i u = _mm256_add_epi32(_mm256_add_epi32(st.d, w), f);
  st.d = st.c;
  st.c = st.b;
  st.b = ra;
  st.a = _mm256_add_epi32(rotl<kS>(u), permute<kPc>(ra));
}

template <int t, unsigned kR, unsigned kS>
inline void message_step(Rows& st, const __m256i z185[16], const __m256i z233[16]) {
  step<(t % 8) >= 4, kR, kS, kPerm[t % 7]>(st, expanded<kWordGroup[t]>(z185, z233));
}

template <int r, unsigned p0, unsigned p1, unsigned p2, unsigned p3>
inline void round(Rows& st, const __m256i z185[16], const __m256i z233[16]) {
  message_step<8 * r + 0, p0, p1>(st, z185, z233);
  message_step<8 * r + 1, p1, p2>(st, z185, z233);
  message_step<8 * r + 2, p2, p3>(st, z185, z233);
  message_step<8 * r + 3, p3, p0>(st, z185, z233);
  message_step<8 * r + 4, p0, p1>(st, z185, z233);
  message_step<8 * r + 5, p1, p2>(st, z185, z233);
  message_step<8 * r + 6, p2, p3>(st, z185, z233);
  message_step<8 * r + 7, p3, p0>(st, z185, z233);
}

void compress(Rows& h, const uint8_t block[128], const __m256i a[16], const uint16_t offset[256]) {
  __m256i z185[16], z233[16];
  lift(a, offset, z185, z233);
  Rows st;
  st.a = _mm256_xor_si256(h.a, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block)));
  st.b = _mm256_xor_si256(h.b, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32)));
  st.c = _mm256_xor_si256(h.c, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 64)));
  st.d = _mm256_xor_si256(h.d, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 96)));
  round<0, 3, 23, 17, 27>(st, z185, z233);
  round<1, 28, 19, 22, 7>(st, z185, z233);
  round<2, 29, 9, 15, 5>(st, z185, z233);
  round<3, 4, 13, 10, 25>(st, z185, z233);
  step<false, 4, 13, 5>(st, h.a);
  step<false, 13, 10, 7>(st, h.b);
  step<false, 10, 25, 4>(st, h.c);
  step<false, 25, 4, 1>(st, h.d);
  h = st;
}

void compress_block(Rows& h, const uint8_t block[128]) {
  __m256i a[16];
  ntt_block(block, a);
  compress(h, block, a, kNtt.offset_block);
}

}  // namespace

void simd512_avx2(const uint8_t* data, size_t len, uint8_t out[64]) {
  Rows h;
  h.a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kIV));
  h.b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kIV + 8));
  h.c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kIV + 16));
  h.d = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kIV + 24));
  simd512_mode(
      data, len, [&h](const uint8_t* block) { compress_block(h, block); },
      [&h](const uint8_t* block, const uint16_t* count_ntt) {  // 32-byte aligned
        __m256i a[16];
        for (int k = 0; k < 16; ++k) a[k] = _mm256_load_si256(reinterpret_cast<const __m256i*>(count_ntt + 16 * k));
        compress(h, block, a, kNtt.offset_final);
      });
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), h.a);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 32), h.b);
}

}  // namespace hashpool::x11

#endif  // ENABLE_AVX2
