// scrypt (RFC 7914) and the scrypt proof of work (Litecoin: N=1024, r=1, p=1; scrypt-N
// coins: larger N), with SIMD backends that hash several headers side by side.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pow.h"

namespace hashpool {
namespace scrypt {

// RFC 7914 scrypt. false for invalid parameters (n not a power of two >= 2, r == 0, p == 0,
// r*p >= 2^30, 128*r*n overflow or more than 2 GiB, out_len > (2^32-1)*32) or allocation
// failure; `out` is untouched then.
bool derive(const uint8_t* password, size_t password_len, const uint8_t* salt, size_t salt_len,
            uint64_t n, uint32_t r, uint32_t p, uint8_t* out, size_t out_len);
void salsa20_8_core(const uint8_t in[64], uint8_t out[64]);  // RFC 7914 section 3, bytes in/out
void block_mix(const uint8_t* in, uint8_t* out, uint32_t r);  // scryptBlockMix, 128*r bytes
// scryptROMix in place, 128*r bytes. false (block untouched) for the parameters derive()
// rejects or on allocation failure.
bool ro_mix(uint8_t* block, uint64_t n, uint32_t r);
// The PoW hash: scrypt(P = S = data, N = n, r = 1, p = 1, dkLen = 32). For an n that derive()
// would reject, or if the scratchpad cannot be allocated, writes 32 bytes of 0xff (a hash
// that meets no target).
void pow_hash(const uint8_t* data, size_t len, uint32_t n, uint8_t out[32]);
// scrypt-N naming: Vertcoin's Nfactor f means N = 2^(f+1); pool software's nFactor means N = 2^f.
// Both return 0 when N would not fit in 64 bits.
uint64_t n_from_vertcoin_nfactor(unsigned f);
uint64_t n_from_pool_nfactor(unsigned f);
// Vertcoin's scrypt-N schedule (yacoin-derived GetNfactor, chain start 1389306217,
// Nfactor clamped to 10..30).
unsigned vertcoin_nfactor_at(int64_t block_time);

// Backends. For an invalid scrypt_n (not a power of two >= 2, or above 2^24, the 2 GiB
// scratchpad cap) or when even one lane's scratchpad cannot be allocated, hash_headers
// writes 0xff bytes and scan hashes nothing. SIMD backends that cannot get lanes x 128*N
// bytes run one portable lane instead.
extern const PowBackend kPortable;  // "scrypt/portable"
// "16way" runs two 8-lane groups and prefetches each group's scratchpad reads while the
// other computes (the gain grows with N); batches of at most 8 go through the 8-lane kernel.
#ifdef ENABLE_AVX512
// AVX2's kernels with AVX-512VL rotates and 32 registers; not runnable on the dev VM, so the
// dispatcher must self-test them against kPortable before use.
extern const PowBackend kAvx512x16;  // "scrypt/avx512vl-16way"
extern const PowBackend kAvx512;     // "scrypt/avx512vl-8way"
#endif
#ifdef ENABLE_AVX2
extern const PowBackend kAvx2x16;  // "scrypt/avx2-16way"
extern const PowBackend kAvx2;     // "scrypt/avx2-8way"
#endif
BackendList backends();  // fastest first, kPortable last

namespace detail {

// A kernel runs ROMix (r = 1) on `lanes` independent blocks at once. x holds the blocks
// lane after lane (lane l's 32 words at x + 32*l, as integers), 64-byte aligned; scratch
// is scratch_words(lanes, n) words, 64-byte aligned. The PBKDF2 steps stay in scrypt.cpp,
// so ISA files contain nothing but their own intrinsics code (no shared inline functions
// compiled with ISA flags that the linker could pick for portable callers).
// A kernel polls `stop` (when not null) every kStopPollInterval iterations of each ROMix
// loop and returns false, its output garbage, once stop says so: at N = 2^20 a single batch
// takes far longer than a scan's 50 ms cancellation budget.
struct StopCheck {
  bool (*requested)(const void* context);
  const void* context;
};
constexpr uint32_t kStopPollInterval = 4096;
struct LaneKernel {
  size_t lanes;
  bool (*mix)(uint32_t* x, uint32_t n, uint32_t* scratch, const StopCheck* stop);
  // Optional: a kernel with fewer lanes for batches it can hold (short tails, share checks).
  const LaneKernel* narrower;
};

// Scratch a kernel needs: one 128*n-byte scratchpad per lane (0 if that overflows size_t).
size_t scratch_words(size_t lanes, uint32_t n);
void hash_headers_with(const LaneKernel& kernel, const uint8_t* headers, size_t count, uint32_t n,
                       uint8_t* out);
void scan_with(const LaneKernel& kernel, const ScanRequest& request, ScanResult& result);

#ifdef ENABLE_AVX2
extern const LaneKernel kAvx2Kernel;
extern const LaneKernel kAvx2Kernel16;
#endif
#ifdef ENABLE_AVX512
extern const LaneKernel kAvx512Kernel;
extern const LaneKernel kAvx512Kernel16;
#endif

}  // namespace detail

}  // namespace scrypt
}  // namespace hashpool
