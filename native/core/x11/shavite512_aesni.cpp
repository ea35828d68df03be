// SHAvite-3-512 compression on AES-NI: each keyless AES round of the spec is one
// AESENC, and "AES(x) ^ k" fuses into AESENC(x, k). Padding and counter handling are
// shared with the portable version through shavite512_detail::hash_with.
#ifdef ENABLE_AESNI

#include <immintrin.h>

#include "common.h"
#include "shavite512.h"

namespace hashpool::x11 {
namespace {

// F keyed by k[0..3]: x ^ k0, then four AES rounds whose round keys are k1, k2, k3, 0.
HP_ALWAYS_INLINE __m128i feistel(__m128i x, const __m128i* k) {
  x = _mm_xor_si128(x, k[0]);
  x = _mm_aesenc_si128(x, k[1]);
  x = _mm_aesenc_si128(x, k[2]);
  x = _mm_aesenc_si128(x, k[3]);
  return _mm_aesenc_si128(x, _mm_setzero_si128());
}

// Counter words for the four injection groups, one complemented (same groups as the
// portable expand(): words 32, 164, 316, 440).
HP_ALWAYS_INLINE __m128i counter_group(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return _mm_set_epi32(int(~d), int(c), int(b), int(a));
}

void compress_aesni(uint32_t h[16], const uint8_t block[128], const uint32_t cnt[4]) {
  // rk[i] holds expanded words 4i..4i+3.
  __m128i rk[112];
  for (int i = 0; i < 8; ++i) rk[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i));
  const __m128i zero = _mm_setzero_si128();
  int u = 8;
  for (;;) {
    for (int s = 0; s < 8; ++s, ++u) {
      // Words (w1, w2, w3, w0) of the group 32 words back, through one keyless round.
      const __m128i x = _mm_aesenc_si128(_mm_shuffle_epi32(rk[u - 8], 0x39), zero);
      rk[u] = _mm_xor_si128(x, rk[u - 1]);
      if (u == 8) rk[u] = _mm_xor_si128(rk[u], counter_group(cnt[0], cnt[1], cnt[2], cnt[3]));
      else if (u == 41) rk[u] = _mm_xor_si128(rk[u], counter_group(cnt[3], cnt[2], cnt[1], cnt[0]));
      else if (u == 79) rk[u] = _mm_xor_si128(rk[u], counter_group(cnt[2], cnt[3], cnt[0], cnt[1]));
      else if (u == 110) rk[u] = _mm_xor_si128(rk[u], counter_group(cnt[1], cnt[0], cnt[3], cnt[2]));
    }
    if (u == 112) break;
    // Words w - 7 .. w - 4 straddle two groups.
    for (int s = 0; s < 8; ++s, ++u) rk[u] = _mm_xor_si128(rk[u - 8], _mm_alignr_epi8(rk[u - 1], rk[u - 2], 4));
  }

  const __m128i h0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h));
  const __m128i h1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + 4));
  const __m128i h2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + 8));
  const __m128i h3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + 12));
  __m128i a = h0, b = h1, c = h2, d = h3;
  // Same line naming as the portable version: the pattern repeats every 4 rounds.
  const __m128i* k = rk;
  for (int r = 0; r < 14; r += 4, k += 32) {
    a = _mm_xor_si128(a, feistel(b, k));
    c = _mm_xor_si128(c, feistel(d, k + 4));
    d = _mm_xor_si128(d, feistel(a, k + 8));
    b = _mm_xor_si128(b, feistel(c, k + 12));
    if (r == 12) break;
    c = _mm_xor_si128(c, feistel(d, k + 16));
    a = _mm_xor_si128(a, feistel(b, k + 20));
    b = _mm_xor_si128(b, feistel(c, k + 24));
    d = _mm_xor_si128(d, feistel(a, k + 28));
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h), _mm_xor_si128(h0, c));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h + 4), _mm_xor_si128(h1, d));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h + 8), _mm_xor_si128(h2, a));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h + 12), _mm_xor_si128(h3, b));
}

}  // namespace

void shavite512_aesni(const uint8_t* data, size_t len, uint8_t out[64]) {
  shavite512_detail::hash_with(compress_aesni, data, len, out);
}

}  // namespace hashpool::x11

#endif  // ENABLE_AESNI
