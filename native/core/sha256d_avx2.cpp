// SHA256d with eight nonces per AVX2 register: the shared lane kernel on 256-bit vectors.
#ifdef ENABLE_AVX2

#include <immintrin.h>

#include "sha256d.h"
#include "sha256d_lanes.h"

namespace hashpool {
namespace sha256d {
namespace {

typedef uint32_t V8 __attribute__((vector_size(32)));

size_t chunk_avx2(const detail::Prepared& p, uint32_t first, uint32_t count, uint32_t* out) {
  const V8 lane_index = {0, 1, 2, 3, 4, 5, 6, 7};
  const V8 bound = splat<V8>(p.target_top);
  size_t found = 0;
  for (uint32_t i = 0; i < count; i += 8) {
    const V8 nonces = splat<V8>(first + i) + lane_index;  // wraps past 2^32 only in unused lanes
    const V8 word7 = final_word7<V8>(p, bswap_lanes(nonces));
    const V8 pass = bswap_lanes(word7) <= bound;
    unsigned mask = static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(reinterpret_cast<__m256i>(pass))));
    while (mask != 0) {
      const unsigned lane = static_cast<unsigned>(__builtin_ctz(mask));
      mask &= mask - 1;
      if (i + lane < count) out[found++] = first + i + lane;
    }
  }
  return found;
}

void hash_headers_avx2(const uint8_t* headers, size_t count, uint32_t, uint8_t* out) {
  hash_headers_lanes<V8, 8>(headers, count, out);
}

void scan_avx2(const ScanRequest& request, ScanResult& result) { detail::run_scan(request, result, chunk_avx2); }

bool supported_avx2(const CpuFeatures& f) { return f.avx2; }

}  // namespace

const PowBackend kAvx2 = {"sha256d/avx2-8way", supported_avx2, hash_headers_avx2, scan_avx2};

}  // namespace sha256d
}  // namespace hashpool

#endif  // ENABLE_AVX2
