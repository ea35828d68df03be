// X11: eleven 512-bit hashes chained, the proof of work of Dash and its forks. This is
// the only file that knows the order (skein before jh; see test/vectors/README.md).
#pragma once

#include <cstddef>
#include <cstdint>

#include "pow.h"

namespace hashpool {
namespace x11 {

constexpr size_t kStageCount = 11;
using StageFn = void (*)(const uint8_t* data, size_t len, uint8_t out[64]);

extern const char* const kStageNames[kStageCount];

// One implementation of each stage; backends differ only in which ones they use.
struct StageSet {
  StageFn stages[kStageCount];
};

// Runs the chain and writes the first 32 bytes of the last stage's output.
void chain(const StageSet& set, const uint8_t* data, size_t len, uint8_t out[32]);

extern const PowBackend kPortable;  // "x11/portable"
#ifdef ENABLE_AESNI
extern const PowBackend kAesni;     // "x11/aesni": Groestl, SHAvite-3 and ECHO on AES-NI
#endif
#if defined(ENABLE_AESNI) && defined(ENABLE_AVX2)
extern const PowBackend kAvx2;      // "x11/avx2-aesni": kAesni plus SIMD-512 on AVX2
#endif
BackendList backends();

// The stage functions a backend runs, for calling stages one at a time.
const StageSet& stages_of(const PowBackend& backend);

}  // namespace x11
}  // namespace hashpool
