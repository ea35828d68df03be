// SHA256d with sixteen nonces per AVX-512 register: the AVX2 file widened to 512-bit
// vectors (same shared kernel). It cannot run on the development VM, so the dispatcher
// self-tests it before use.
#ifdef ENABLE_AVX512

#include <immintrin.h>

#include "sha256d.h"
#include "sha256d_lanes.h"

namespace hashpool {
namespace sha256d {
namespace {

typedef uint32_t V16 __attribute__((vector_size(64)));

size_t chunk_avx512(const detail::Prepared& p, uint32_t first, uint32_t count, uint32_t* out) {
  const V16 lane_index = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  const V16 bound = splat<V16>(p.target_top);
  size_t found = 0;
  for (uint32_t i = 0; i < count; i += 16) {
    const V16 nonces = splat<V16>(first + i) + lane_index;  // wraps past 2^32 only in unused lanes
    const V16 word7 = final_word7<V16>(p, bswap_lanes(nonces));
    unsigned mask = _mm512_cmple_epu32_mask(reinterpret_cast<__m512i>(bswap_lanes(word7)), reinterpret_cast<__m512i>(bound));
    while (mask != 0) {
      const unsigned lane = static_cast<unsigned>(__builtin_ctz(mask));
      mask &= mask - 1;
      if (i + lane < count) out[found++] = first + i + lane;
    }
  }
  return found;
}

void hash_headers_avx512(const uint8_t* headers, size_t count, uint32_t, uint8_t* out) {
  hash_headers_lanes<V16, 16>(headers, count, out);
}

void scan_avx512(const ScanRequest& request, ScanResult& result) { detail::run_scan(request, result, chunk_avx512); }

bool supported_avx512(const CpuFeatures& f) { return f.avx512; }

}  // namespace

const PowBackend kAvx512 = {"sha256d/avx512-16way", supported_avx512, hash_headers_avx512, scan_avx512};

}  // namespace sha256d
}  // namespace hashpool

#endif  // ENABLE_AVX512
