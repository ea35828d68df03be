// Groestl-512 with AES-NI: the state is kept row-major, one 16-byte register per row, so
// SubBytes is AESENCLAST with a zero key (its ShiftRows is undone by a PSHUFB that also
// applies Groestl's ShiftBytes rotation) and MixBytes is XORs and GF(2^8) doublings across
// the eight row registers. Same specification and result as groestl512.cpp.
#ifdef ENABLE_AESNI

#include <immintrin.h>

#include <cstring>

#include "common.h"
#include "groestl512.h"

namespace hashpool::x11 {
namespace {

struct Masks {
  uint8_t m[8][16];
};

// Byte shuffle for row i: after AESENCLAST's ShiftRows (AES byte 4c+r moves from column
// c+r), byte j must hold S(row[(j + shift_i) mod 16]) (Groestl spec 3.4.3, round-3 shifts).
constexpr Masks make_masks(const int (&shift)[8]) {
  Masks out{};
  for (int i = 0; i < 8; ++i) {
    for (int cp = 0; cp < 4; ++cp) {
      for (int r = 0; r < 4; ++r) {
        const int c = (cp - r + 4) & 3;  // AES column whose byte lands in column cp
        out.m[i][4 * cp + r] = static_cast<uint8_t>((4 * c + r + shift[i]) & 15);
      }
    }
  }
  return out;
}

constexpr int kShiftP[8] = {0, 1, 2, 3, 4, 5, 6, 11};
constexpr int kShiftQ[8] = {1, 3, 5, 11, 0, 2, 4, 6};
constexpr Masks kMaskP = make_masks(kShiftP);
constexpr Masks kMaskQ = make_masks(kShiftQ);

// Column index j << 4 in every byte j: the variable part of both round constants.
alignas(16) constexpr uint8_t kColumnIds[16] = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70,
                                                0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0};

HP_ALWAYS_INLINE __m128i xtime(__m128i x) {
  const __m128i high = _mm_cmpgt_epi8(_mm_setzero_si128(), x);
  return _mm_xor_si128(_mm_add_epi8(x, x), _mm_and_si128(high, _mm_set1_epi8(0x1b)));
}

// SubBytes + ShiftBytes + MixBytes on rows a[0..7]. With coefficients c = (2,2,3,4,5,3,5,7),
// row i = X ^ 2 (Y ^ 2 Z) where X, Y, Z xor the rows a[i+d] whose c[d] has bit 0, 1, 2 set.
HP_ALWAYS_INLINE void sub_shift_mix(__m128i a[8], const Masks& masks) {
  const __m128i zero = _mm_setzero_si128();
  for (int i = 0; i < 8; ++i) {
    const __m128i mask = _mm_load_si128(reinterpret_cast<const __m128i*>(masks.m[i]));
    a[i] = _mm_aesenclast_si128(_mm_shuffle_epi8(a[i], mask), zero);
  }
  __m128i s[8];
  for (int i = 0; i < 8; ++i) s[i] = _mm_xor_si128(a[i], a[(i + 1) & 7]);
  __m128i b[8];
  for (int i = 0; i < 8; ++i) {
    const __m128i x = _mm_xor_si128(a[(i + 2) & 7], _mm_xor_si128(s[(i + 4) & 7], s[(i + 6) & 7]));
    const __m128i y = _mm_xor_si128(_mm_xor_si128(s[i], a[(i + 2) & 7]), _mm_xor_si128(a[(i + 5) & 7], a[(i + 7) & 7]));
    const __m128i z = _mm_xor_si128(s[(i + 3) & 7], s[(i + 6) & 7]);
    b[i] = _mm_xor_si128(x, xtime(_mm_xor_si128(y, xtime(z))));
  }
  for (int i = 0; i < 8; ++i) a[i] = b[i];
}

void permute_p(__m128i a[8]) {
  const __m128i ids = _mm_load_si128(reinterpret_cast<const __m128i*>(kColumnIds));
  for (int r = 0; r < 14; ++r) {
    a[0] = _mm_xor_si128(a[0], _mm_xor_si128(ids, _mm_set1_epi8(static_cast<char>(r))));
    sub_shift_mix(a, kMaskP);
  }
}

void permute_q(__m128i a[8]) {
  const __m128i ones = _mm_set1_epi8(-1);
  const __m128i ids = _mm_load_si128(reinterpret_cast<const __m128i*>(kColumnIds));
  for (int r = 0; r < 14; ++r) {
    for (int i = 0; i < 7; ++i) a[i] = _mm_xor_si128(a[i], ones);
    a[7] = _mm_xor_si128(a[7], _mm_xor_si128(_mm_xor_si128(ids, ones), _mm_set1_epi8(static_cast<char>(r))));
    sub_shift_mix(a, kMaskQ);
  }
}

// Column-major block bytes (byte 8j + i is row i of column j) to row registers.
void load_rows(const uint8_t* block, __m128i rows[8]) {
  alignas(16) uint8_t t[8][16];
  for (int j = 0; j < 16; ++j)
    for (int i = 0; i < 8; ++i) t[i][j] = block[8 * j + i];
  for (int i = 0; i < 8; ++i) rows[i] = _mm_load_si128(reinterpret_cast<const __m128i*>(t[i]));
}

void compress(__m128i h[8], const uint8_t* block) {
  __m128i q[8], p[8];
  load_rows(block, q);
  for (int i = 0; i < 8; ++i) p[i] = _mm_xor_si128(h[i], q[i]);
  permute_p(p);
  permute_q(q);
  for (int i = 0; i < 8; ++i) h[i] = _mm_xor_si128(h[i], _mm_xor_si128(p[i], q[i]));
}

}  // namespace

void groestl512_aesni(const uint8_t* data, size_t len, uint8_t out[64]) {
  // IV: 512 big-endian in the last state bytes, i.e. 0x02 in row 6 of column 15.
  __m128i h[8];
  for (int i = 0; i < 8; ++i) h[i] = _mm_setzero_si128();
  h[6] = _mm_insert_epi8(h[6], 0x02, 15);

  detail::groestl512_mode(data, len, [&h](const uint8_t* block) { compress(h, block); });

  __m128i p[8];
  for (int i = 0; i < 8; ++i) p[i] = h[i];
  permute_p(p);
  alignas(16) uint8_t t[8][16];
  for (int i = 0; i < 8; ++i) _mm_store_si128(reinterpret_cast<__m128i*>(t[i]), _mm_xor_si128(p[i], h[i]));
  for (int j = 8; j < 16; ++j)
    for (int i = 0; i < 8; ++i) out[8 * (j - 8) + i] = t[i][j];
}

}  // namespace hashpool::x11

#endif  // ENABLE_AESNI
