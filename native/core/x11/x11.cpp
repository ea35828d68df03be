#include "x11.h"

#include <cstring>

#include "common.h"
#include "target.h"
#include "x11/blake512.h"
#include "x11/bmw512.h"
#include "x11/cubehash512.h"
#include "x11/echo512.h"
#include "x11/groestl512.h"
#include "x11/jh512.h"
#include "x11/keccak512.h"
#include "x11/luffa512.h"
#include "x11/shavite512.h"
#include "x11/simd512.h"
#include "x11/skein512.h"

namespace hashpool {
namespace x11 {

const char* const kStageNames[kStageCount] = {
    "blake512", "bmw512",   "groestl512",  "skein512",   "jh512",  "keccak512",
    "luffa512", "cubehash512", "shavite512", "simd512", "echo512"};

namespace {

const StageSet kPortableStages = {{blake512, bmw512, groestl512, skein512, jh512, keccak512,
                                   luffa512, cubehash512, shavite512, simd512, echo512}};

template <const StageSet& kSet>
void hash_headers(const uint8_t* headers, size_t count, uint32_t /*scrypt_n*/, uint8_t* out) {
  for (size_t i = 0; i < count; ++i) chain(kSet, headers + 80 * i, 80, out + 32 * i);
}

template <const StageSet& kSet>
void scan(const ScanRequest& req, ScanResult& result) {
  uint8_t header[80];
  std::memcpy(header, req.header, 80);
  uint8_t hash[32];
  uint64_t done = 0;
  while (done < req.nonce_count) {
    if (req.cancel && req.cancel->load(std::memory_order_relaxed)) {
      result.cancelled = true;
      break;
    }
    const uint64_t chunk_end = done + kScanChunk < req.nonce_count ? done + kScanChunk : req.nonce_count;
    for (; done < chunk_end; ++done) {
      const uint32_t nonce = static_cast<uint32_t>(req.nonce_start + done);
      write_le32(header + 76, nonce);
      chain(kSet, header, 80, hash);
      if (hash_meets_target(hash, req.target) && result.nonces.size() < req.max_found)
        result.nonces.push_back(nonce);
    }
  }
  result.hashes_done += done;
}

bool always(const CpuFeatures&) { return true; }

}  // namespace

void chain(const StageSet& set, const uint8_t* data, size_t len, uint8_t out[32]) {
  uint8_t a[64], b[64];
  set.stages[0](data, len, a);
  for (size_t i = 1; i < kStageCount; ++i) {
    set.stages[i](a, 64, b);
    std::memcpy(a, b, 64);
  }
  std::memcpy(out, a, 32);
}

const PowBackend kPortable = {"x11/portable", always, hash_headers<kPortableStages>,
                              scan<kPortableStages>};

#ifdef ENABLE_AESNI
namespace {
const StageSet kAesniStages = {{blake512, bmw512, groestl512_aesni, skein512, jh512, keccak512,
                                luffa512, cubehash512, shavite512_aesni, simd512, echo512_aesni}};
bool has_aesni(const CpuFeatures& f) { return f.aes && f.sse41 && f.ssse3; }
}  // namespace
const PowBackend kAesni = {"x11/aesni", has_aesni, hash_headers<kAesniStages>, scan<kAesniStages>};
#endif

#if defined(ENABLE_AESNI) && defined(ENABLE_AVX2)
namespace {
const StageSet kAvx2Stages = {{blake512, bmw512, groestl512_aesni, skein512, jh512, keccak512, luffa512,
                               cubehash512, shavite512_aesni, simd512_avx2, echo512_aesni}};
bool has_avx2_aesni(const CpuFeatures& f) { return has_aesni(f) && f.avx2; }
}  // namespace
const PowBackend kAvx2 = {"x11/avx2-aesni", has_avx2_aesni, hash_headers<kAvx2Stages>, scan<kAvx2Stages>};
#endif

BackendList backends() {
  static const PowBackend* const list[] = {
#if defined(ENABLE_AESNI) && defined(ENABLE_AVX2)
      &kAvx2,
#endif
#ifdef ENABLE_AESNI
      &kAesni,
#endif
      &kPortable};
  return {list, sizeof(list) / sizeof(list[0])};
}

const StageSet& stages_of(const PowBackend& backend) {
#if defined(ENABLE_AESNI) && defined(ENABLE_AVX2)
  if (&backend == &kAvx2) return kAvx2Stages;
#endif
#ifdef ENABLE_AESNI
  if (&backend == &kAesni) return kAesniStages;
#endif
  (void)backend;
  return kPortableStages;
}

}  // namespace x11
}  // namespace hashpool
