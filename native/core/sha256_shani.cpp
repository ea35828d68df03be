// SHA-256 compression with the x86 SHA extensions (SHA-NI). The instructions keep the
// state as two registers, ABEF and CDGH, so the state is reshuffled on entry and exit
// of a run of blocks, not per block.
#ifdef ENABLE_SHANI

#include <immintrin.h>

#include "sha256.h"

namespace hashpool {
namespace sha256 {
namespace {

// FIPS 180-4 section 4.2.2: SHA-256 round constants.

}  // namespace

void transform_shani(uint32_t state[8], const uint8_t* blocks, size_t nblocks) {
  if (nblocks == 0) return;
  // Byte order within each 32-bit word: message words are big-endian.
  const __m128i be_words = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  abcd = _mm_shuffle_epi32(abcd, 0xB1);                    // b a d c
  efgh = _mm_shuffle_epi32(efgh, 0x1B);                    // h g f e
  __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);           // f e b a
  __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);        // h g d c

  for (; nblocks > 0; --nblocks, blocks += 64) {
    const __m128i saved_abef = abef;
    const __m128i saved_cdgh = cdgh;
    __m128i m[4];
    for (int g = 0; g < 4; ++g)
      m[g] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * g)), be_words);
#pragma GCC unroll 16
    for (int g = 0; g < 16; ++g) {
      if (g >= 4) {
        const __m128i w7 = _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4);
        m[g & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]), w7),
                                        m[(g + 3) & 3]);
      }
      const __m128i kw = _mm_add_epi32(m[g & 3], _mm_load_si128(reinterpret_cast<const __m128i*>(sha256::kRoundConstants + 4 * g)));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, kw);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(kw, 0x0E));
    }
    abef = _mm_add_epi32(abef, saved_abef);
    cdgh = _mm_add_epi32(cdgh, saved_cdgh);
  }

  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);      // a b e f
  const __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xB1);      // g h c d
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(feba, ghcd, 0xF0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(ghcd, feba, 8));
}

}  // namespace sha256
}  // namespace hashpool

#endif  // ENABLE_SHANI
