// SHA256d with SHA-NI. sha256rnds2 has a long latency and every round pair depends on the
// last, so several nonces run interleaved (kStreams independent chains) to keep the SHA
// unit busy. The first block is the scan's midstate; block 2 starts after round 1 (words
// 0..1 are fixed) and the second hash stops after round 61, which fixes digest word 7.
#ifdef ENABLE_SHANI

#include <immintrin.h>

#include <cstring>

#include "common.h"
#include "sha256.h"
#include "sha256d.h"

namespace hashpool {
namespace sha256d {
namespace {

constexpr int kStreams = 3;

// FIPS 180-4 section 4.2.2: SHA-256 round constants.

// FIPS 180-4 section 5.3.3 initial hash value, in the ABEF / CDGH register layout.
const uint32_t kIvAbef[4] = {0x9b05688c, 0x510e527f, 0xbb67ae85, 0x6a09e667};
const uint32_t kIvCdgh[4] = {0x5be0cd19, 0x1f83d9ab, 0xa54ff53a, 0x3c6ef372};
constexpr uint32_t kIv7 = 0x5be0cd19;

HP_ALWAYS_INLINE __m128i load4(const uint32_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
HP_ALWAYS_INLINE __m128i k4(int g) { return _mm_load_si128(reinterpret_cast<const __m128i*>(sha256::kRoundConstants + 4 * g)); }

// Next four schedule words from the previous sixteen (m[g & 3] holds W[4g-16 .. 4g-13]).
HP_ALWAYS_INLINE __m128i expand(__m128i w16, __m128i w12, __m128i w8, __m128i w4) {
  return _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w16, w12), _mm_alignr_epi8(w4, w8, 4)), w4);
}

// Everything nonce-independent, in SHA-NI form.
struct Pre {
  __m128i abef2, cdgh2;  // block 2 state after rounds 0 and 1
  __m128i m0;            // block 2 words 0..3 with word 3 (the nonce) zero
  __m128i kw[6];         // K + W for block 2 round pairs 4-5 .. 14-15 (padding words)
  __m128i mid_abef, mid_cdgh;
  __m128i m1, m2, m3;    // block 2 words 4..15
  __m128i h2_m2, h2_m3;  // second hash words 8..15
  // Schedule steps whose inputs are all padding words, done once: block 2 msg1 of words
  // 4..11 and 8..15 and the W[t-7] operand of words 16..19; likewise for the second hash.
  __m128i b2_s1_12, b2_s1_23, b2_w7_4, h2_s1_23, h2_w7_4;
  uint32_t target_top;
};

void build(const detail::Prepared& p, Pre& q) {
  const uint32_t s[8] = {p.midstate[0], p.midstate[1], p.midstate[2], p.midstate[3],
                         p.midstate[4], p.midstate[5], p.midstate[6], p.midstate[7]};
  q.mid_abef = _mm_set_epi32(static_cast<int>(s[0]), static_cast<int>(s[1]), static_cast<int>(s[4]),
                             static_cast<int>(s[5]));
  q.mid_cdgh = _mm_set_epi32(static_cast<int>(s[2]), static_cast<int>(s[3]), static_cast<int>(s[6]),
                             static_cast<int>(s[7]));
  q.m0 = _mm_set_epi32(0, static_cast<int>(p.header_words[2]), static_cast<int>(p.header_words[1]),
                       static_cast<int>(p.header_words[0]));
  q.m1 = _mm_set_epi32(0, 0, 0, static_cast<int>(0x80000000u));
  q.m2 = _mm_setzero_si128();
  q.m3 = _mm_set_epi32(640, 0, 0, 0);
  q.h2_m2 = q.m1;
  q.h2_m3 = _mm_set_epi32(256, 0, 0, 0);
  const __m128i kw0 = _mm_add_epi32(q.m0, k4(0));
  q.cdgh2 = q.mid_abef;
  q.abef2 = _mm_sha256rnds2_epu32(q.mid_cdgh, q.mid_abef, kw0);
  const __m128i m[4] = {q.m0, q.m1, q.m2, q.m3};
  for (int pair = 2; pair < 8; ++pair) {
    const __m128i kw = _mm_add_epi32(m[pair / 2], k4(pair / 2));
    q.kw[pair - 2] = (pair & 1) ? _mm_shuffle_epi32(kw, 0x0E) : kw;
  }
  q.b2_s1_12 = _mm_sha256msg1_epu32(q.m1, q.m2);
  q.b2_s1_23 = _mm_sha256msg1_epu32(q.m2, q.m3);
  q.b2_w7_4 = _mm_alignr_epi8(q.m3, q.m2, 4);
  q.h2_s1_23 = _mm_sha256msg1_epu32(q.h2_m2, q.h2_m3);
  q.h2_w7_4 = _mm_alignr_epi8(q.h2_m3, q.h2_m2, 4);
  q.target_top = p.target_top;
}

// Runs kStreams nonces; writes each one's digest word 7 (as the state holds it).
HP_ALWAYS_INLINE void kernel(const Pre& q, const uint32_t* nonces, uint32_t* word7) {
  __m128i abef[kStreams], cdgh[kStreams], m[kStreams][4];
  for (int j = 0; j < kStreams; ++j) {
    m[j][0] = _mm_insert_epi32(q.m0, static_cast<int>(__builtin_bswap32(nonces[j])), 3);
    m[j][1] = q.m1;
    m[j][2] = q.m2;
    m[j][3] = q.m3;
    abef[j] = q.abef2;
    cdgh[j] = q.cdgh2;
    const __m128i kw = _mm_shuffle_epi32(_mm_add_epi32(m[j][0], k4(0)), 0x0E);
    cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], kw);
  }
  // cdgh now holds ABEF after round 3: the names swap every round pair.
#pragma GCC unroll 6
  for (int pair = 2; pair < 8; ++pair) {
    for (int j = 0; j < kStreams; ++j) {
      if (pair & 1)
        cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], q.kw[pair - 2]);
      else
        abef[j] = _mm_sha256rnds2_epu32(abef[j], cdgh[j], q.kw[pair - 2]);
    }
  }
  // After an odd number of pairs ABEF sits in cdgh; each full group below keeps it there.
#pragma GCC unroll 12
  for (int g = 4; g < 16; ++g) {
    for (int j = 0; j < kStreams; ++j) {
      if (g == 4)
        m[j][0] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(m[j][0], q.m1), q.b2_w7_4), q.m3);
      else if (g == 5)
        m[j][1] = _mm_sha256msg2_epu32(_mm_add_epi32(q.b2_s1_12, _mm_alignr_epi8(m[j][0], q.m3, 4)), m[j][0]);
      else if (g == 6)
        m[j][2] = _mm_sha256msg2_epu32(_mm_add_epi32(q.b2_s1_23, _mm_alignr_epi8(m[j][1], m[j][0], 4)), m[j][1]);
      else
        m[j][g & 3] = expand(m[j][g & 3], m[j][(g + 1) & 3], m[j][(g + 2) & 3], m[j][(g + 3) & 3]);
      const __m128i kw = _mm_add_epi32(m[j][g & 3], k4(g));
      abef[j] = _mm_sha256rnds2_epu32(abef[j], cdgh[j], kw);
      cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], _mm_shuffle_epi32(kw, 0x0E));
    }
  }
  for (int j = 0; j < kStreams; ++j) {
    // After 64 rounds ABEF is in cdgh and CDGH in abef.
    const __m128i a = _mm_add_epi32(cdgh[j], q.mid_abef);
    const __m128i c = _mm_add_epi32(abef[j], q.mid_cdgh);
    m[j][0] = _mm_shuffle_epi32(_mm_unpackhi_epi64(c, a), 0x1B);
    m[j][1] = _mm_shuffle_epi32(_mm_unpacklo_epi64(c, a), 0x1B);
    m[j][2] = q.h2_m2;
    m[j][3] = q.h2_m3;
    abef[j] = load4(kIvAbef);
    cdgh[j] = load4(kIvCdgh);
  }
#pragma GCC unroll 15
  for (int g = 0; g < 15; ++g) {
    for (int j = 0; j < kStreams; ++j) {
      if (g == 4)
        m[j][0] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(m[j][0], m[j][1]), q.h2_w7_4), q.h2_m3);
      else if (g == 6)
        m[j][2] = _mm_sha256msg2_epu32(_mm_add_epi32(q.h2_s1_23, _mm_alignr_epi8(m[j][1], m[j][0], 4)), m[j][1]);
      else if (g > 4)
        m[j][g & 3] = expand(m[j][g & 3], m[j][(g + 1) & 3], m[j][(g + 2) & 3], m[j][(g + 3) & 3]);
      const __m128i kw = _mm_add_epi32(m[j][g & 3], k4(g));
      cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], kw);
      abef[j] = _mm_sha256rnds2_epu32(abef[j], cdgh[j], _mm_shuffle_epi32(kw, 0x0E));
    }
  }
  // Rounds 60 and 61 only: F of the resulting ABEF is e61 = h64.
  for (int j = 0; j < kStreams; ++j) {
    m[j][3] = expand(m[j][3], m[j][0], m[j][1], m[j][2]);
    const __m128i kw = _mm_add_epi32(m[j][3], k4(15));
    const __m128i last = _mm_sha256rnds2_epu32(cdgh[j], abef[j], kw);
    word7[j] = static_cast<uint32_t>(_mm_cvtsi128_si32(last)) + kIv7;
  }
}

size_t chunk_shani(const detail::Prepared& p, uint32_t first, uint32_t count, uint32_t* out) {
  Pre q;
  build(p, q);
  size_t found = 0;
  for (uint32_t i = 0; i < count; i += kStreams) {
    uint32_t nonces[kStreams], word7[kStreams];
    for (int j = 0; j < kStreams; ++j) nonces[j] = first + i + static_cast<uint32_t>(j);
    kernel(q, nonces, word7);
    for (int j = 0; j < kStreams; ++j)
      if (__builtin_bswap32(word7[j]) <= q.target_top && i + static_cast<uint32_t>(j) < count)
        out[found++] = nonces[j];
  }
  return found;
}

void hash_headers_shani(const uint8_t* headers, size_t count, uint32_t, uint8_t* out) {
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* h = headers + 80 * i;
    uint8_t block[64] = {0};
    std::memcpy(block, h + 64, 16);
    block[16] = 0x80;
    write_be64(block + 56, 640);
    uint32_t state[8];
    std::memcpy(state, sha256::kInitialState, sizeof(state));
    sha256::transform_shani(state, h, 1);
    sha256::transform_shani(state, block, 1);
    std::memset(block, 0, sizeof(block));
    for (int j = 0; j < 8; ++j) write_be32(block + 4 * j, state[j]);
    block[32] = 0x80;
    write_be64(block + 56, 256);
    std::memcpy(state, sha256::kInitialState, sizeof(state));
    sha256::transform_shani(state, block, 1);
    for (int j = 0; j < 8; ++j) write_be32(out + 32 * i + 4 * j, state[j]);
  }
}

void scan_shani(const ScanRequest& request, ScanResult& result) { detail::run_scan(request, result, chunk_shani); }

bool supported_shani(const CpuFeatures& f) { return f.sha && f.sse41; }

}  // namespace

const PowBackend kShani = {"sha256d/shani-3way", supported_shani, hash_headers_shani, scan_shani};

}  // namespace sha256d
}  // namespace hashpool

#endif  // ENABLE_SHANI
