// ECHO-512 with AES-NI: every 128-bit state word is an AES state, so BIG.SubWords is
// exactly two AESENC per word; ShiftRows is register renaming; MixColumns works
// bytewise across four registers. Built with -msse4.1 -mssse3 -maes.
#ifdef ENABLE_AESNI

#include <immintrin.h>

#include "echo512.h"

namespace hashpool::x11 {
namespace {

// GF(2^8) doubling of all 16 bytes: shift left, and reduce bytes whose top bit was set.
inline __m128i xtime16(__m128i x) {
  const __m128i top = _mm_cmpgt_epi8(_mm_setzero_si128(), x);
  return _mm_xor_si128(_mm_add_epi8(x, x), _mm_and_si128(top, _mm_set1_epi8(0x1B)));
}

inline void mix_column(__m128i& a, __m128i& b, __m128i& c, __m128i& d) {
  const __m128i ab = _mm_xor_si128(a, b), bc = _mm_xor_si128(b, c);
  const __m128i cd = _mm_xor_si128(c, d), da = _mm_xor_si128(d, a);
  const __m128i na = _mm_xor_si128(_mm_xor_si128(xtime16(ab), b), cd);
  const __m128i nb = _mm_xor_si128(_mm_xor_si128(xtime16(bc), c), da);
  const __m128i nc = _mm_xor_si128(_mm_xor_si128(xtime16(cd), d), ab);
  const __m128i nd = _mm_xor_si128(_mm_xor_si128(xtime16(da), a), bc);
  a = na;
  b = nb;
  c = nc;
  d = nd;
}

// The 160 counter keys of one compression rarely cross a 64-bit boundary; when they
// cannot, the key advances with one vector add instead of a rebuild per word.
template <bool kMayCarry>
inline void echo_rounds(__m128i w[16], uint64_t key_lo, uint64_t key_hi) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i one = _mm_set_epi64x(0, 1);
  __m128i key = _mm_set_epi64x(static_cast<long long>(key_hi), static_cast<long long>(key_lo));
  for (int round = 0; round < 10; ++round) {
    for (int n = 0; n < 16; ++n) {
      w[n] = _mm_aesenc_si128(_mm_aesenc_si128(w[n], key), zero);
      if (kMayCarry) {
        ++key_lo;
        key_hi += key_lo == 0;
        key = _mm_set_epi64x(static_cast<long long>(key_hi), static_cast<long long>(key_lo));
      } else {
        key = _mm_add_epi64(key, one);
      }
    }
    // BIG.ShiftRows on w[4c + r]: row r rotates left by r columns.
    __m128i t = w[1];
    w[1] = w[5];
    w[5] = w[9];
    w[9] = w[13];
    w[13] = t;
    t = w[2];
    w[2] = w[10];
    w[10] = t;
    t = w[6];
    w[6] = w[14];
    w[14] = t;
    t = w[15];
    w[15] = w[11];
    w[11] = w[7];
    w[7] = w[3];
    w[3] = t;
    for (int c = 0; c < 16; c += 4) mix_column(w[c], w[c + 1], w[c + 2], w[c + 3]);
  }
}

void compress(uint8_t v[128], const uint8_t block[128], uint64_t key_lo, uint64_t key_hi) {
  __m128i w[16];
  for (int i = 0; i < 8; ++i) {
    w[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + 16 * i));
    w[8 + i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i));
  }
  if (key_lo > UINT64_MAX - 160)
    echo_rounds<true>(w, key_lo, key_hi);
  else
    echo_rounds<false>(w, key_lo, key_hi);
  for (int i = 0; i < 8; ++i) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + 16 * i));
    x = _mm_xor_si128(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i)));
    x = _mm_xor_si128(x, _mm_xor_si128(w[i], w[8 + i]));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(v + 16 * i), x);
  }
}

}  // namespace

void echo512_aesni(const uint8_t* data, size_t len, uint8_t out[64]) {
  detail::echo512_mode(data, len, out, compress);
}

}  // namespace hashpool::x11

#endif  // ENABLE_AESNI
