// CPU feature detection, done once per process. The result is immutable; tests and
// benchmarks that want another backend name it explicitly instead of editing this.
#pragma once

namespace hashpool {

struct CpuFeatures {
  bool sse41 = false;
  bool ssse3 = false;
  bool aes = false;       // AES-NI (128-bit)
  bool sha = false;       // SHA-NI
  bool avx2 = false;      // AVX2 with OS support for YMM state
  bool vaes = false;      // VAES on YMM (needs avx2)
  bool avx512 = false;    // AVX-512 F+BW+VL+DQ with OS support for ZMM state
};

// Detected features of the running CPU (cpuid + xgetbv), computed on first call.
const CpuFeatures& cpu_features();

// Features with everything off: what the portable backends need.
inline CpuFeatures no_cpu_features() { return CpuFeatures{}; }

}  // namespace hashpool
