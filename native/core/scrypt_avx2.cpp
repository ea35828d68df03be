// scrypt PoW, AVX2: eight hashes per ROMix (see scrypt_x8.h). AVX2 has no vector rotate,
// so each rotate is two shifts and an OR.
#ifdef ENABLE_AVX2

#include "scrypt.h"
#include "scrypt_x8.h"

namespace hashpool {
namespace scrypt {
namespace {

struct Avx2Rotate {
  template <int S>
  static HP_X8_INLINE __m256i rotl(__m256i x) {
    return _mm256_or_si256(_mm256_slli_epi32(x, S), _mm256_srli_epi32(x, 32 - S));
  }
};

bool avx2_mix(uint32_t* x, uint32_t n, uint32_t* scratch, const detail::StopCheck* stop) {
  return ro_mix_x8<Avx2Rotate>(x, n, scratch, stop);
}

bool avx2_mix16(uint32_t* x, uint32_t n, uint32_t* scratch, const detail::StopCheck* stop) {
  return ro_mix_x16<Avx2Rotate>(x, n, scratch, stop);
}

bool avx2_supported(const CpuFeatures& f) { return f.avx2; }

void avx2_hash_headers(const uint8_t* headers, size_t count, uint32_t n, uint8_t* out) {
  detail::hash_headers_with(detail::kAvx2Kernel, headers, count, n, out);
}

void avx2_scan(const ScanRequest& request, ScanResult& result) {
  detail::scan_with(detail::kAvx2Kernel, request, result);
}

void avx2_hash_headers16(const uint8_t* headers, size_t count, uint32_t n, uint8_t* out) {
  detail::hash_headers_with(detail::kAvx2Kernel16, headers, count, n, out);
}

void avx2_scan16(const ScanRequest& request, ScanResult& result) {
  detail::scan_with(detail::kAvx2Kernel16, request, result);
}

}  // namespace

namespace detail {
const LaneKernel kAvx2Kernel = {kLanesX8, avx2_mix, nullptr};
const LaneKernel kAvx2Kernel16 = {2 * kLanesX8, avx2_mix16, &kAvx2Kernel};
}  // namespace detail

const PowBackend kAvx2 = {"scrypt/avx2-8way", avx2_supported, avx2_hash_headers, avx2_scan};
const PowBackend kAvx2x16 = {"scrypt/avx2-16way", avx2_supported, avx2_hash_headers16, avx2_scan16};

}  // namespace scrypt
}  // namespace hashpool

#endif  // ENABLE_AVX2
