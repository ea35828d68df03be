// scrypt PoW, AVX-512VL: the AVX2 kernel of scrypt_x8.h unchanged except that each rotate
// is one VPROLD instead of three instructions (5 -> 3 per Salsa20/8 step) and the compiler
// gets 32 registers.
// Still 8 lanes of YMM: 16 lanes would need a 2 MiB scratchpad at N = 1024 (past a 1 MiB
// L2), and Zen 4 runs ZMM at half rate anyway. Untestable on the dev VM (no AVX-512), so
// the dispatcher must self-test it against the portable backend before use.
#ifdef ENABLE_AVX512

#include "scrypt.h"
#include "scrypt_x8.h"

namespace hashpool {
namespace scrypt {
namespace {

struct Avx512Rotate {
  template <int S>
  static HP_X8_INLINE __m256i rotl(__m256i x) {
    return _mm256_rol_epi32(x, S);
  }
};

bool avx512_mix(uint32_t* x, uint32_t n, uint32_t* scratch, const detail::StopCheck* stop) {
  return ro_mix_x8<Avx512Rotate>(x, n, scratch, stop);
}

bool avx512_mix16(uint32_t* x, uint32_t n, uint32_t* scratch, const detail::StopCheck* stop) {
  return ro_mix_x16<Avx512Rotate>(x, n, scratch, stop);
}

bool avx512_supported(const CpuFeatures& f) { return f.avx512; }

void avx512_hash_headers(const uint8_t* headers, size_t count, uint32_t n, uint8_t* out) {
  detail::hash_headers_with(detail::kAvx512Kernel, headers, count, n, out);
}

void avx512_scan(const ScanRequest& request, ScanResult& result) {
  detail::scan_with(detail::kAvx512Kernel, request, result);
}

void avx512_hash_headers16(const uint8_t* headers, size_t count, uint32_t n, uint8_t* out) {
  detail::hash_headers_with(detail::kAvx512Kernel16, headers, count, n, out);
}

void avx512_scan16(const ScanRequest& request, ScanResult& result) {
  detail::scan_with(detail::kAvx512Kernel16, request, result);
}

}  // namespace

namespace detail {
const LaneKernel kAvx512Kernel = {kLanesX8, avx512_mix, nullptr};
const LaneKernel kAvx512Kernel16 = {2 * kLanesX8, avx512_mix16, &kAvx512Kernel};
}  // namespace detail

const PowBackend kAvx512 = {"scrypt/avx512vl-8way", avx512_supported, avx512_hash_headers,
                            avx512_scan};
const PowBackend kAvx512x16 = {"scrypt/avx512vl-16way", avx512_supported, avx512_hash_headers16,
                               avx512_scan16};

}  // namespace scrypt
}  // namespace hashpool

#endif  // ENABLE_AVX512
