// SHA256d proof of work (Bitcoin): backends for the pool's share check and the miner's
// nonce scan. Every scan compresses the first 64 header bytes once (the midstate); per
// nonce it runs only the second block and the second hash, and rejects on the digest's
// most significant word before any full comparison.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pow.h"

namespace hashpool {
namespace sha256d {

extern const PowBackend kPortable;  // "sha256d/portable"
#ifdef ENABLE_SHANI
extern const PowBackend kShani;  // "sha256d/shani-3way"
#endif
#ifdef ENABLE_AVX2
extern const PowBackend kAvx2;  // "sha256d/avx2-8way"
#endif
#ifdef ENABLE_AVX512
extern const PowBackend kAvx512;  // "sha256d/avx512-16way"
#endif

// Every compiled backend, fastest first on a CPU that has all of them; kPortable last.
BackendList backends();

namespace detail {

// Everything about a scan that does not depend on the nonce. Built once per scan by
// prepare(); the per-ISA kernels only read it.
struct Prepared {
  uint32_t midstate[8];
  // Block 2 after its first three rounds (words 0..2 are fixed header bytes) and the
  // nonce-free part of round 3: a4 = W3 + a4_base, e4 = W3 + e4_base (W3 = bswap(nonce)).
  uint32_t a4_base, e4_base;
  uint32_t b4, c4, d4, f4, g4, h4;
  uint32_t header_words[3];  // block 2 words 0..2 (header bytes 64..75, big-endian)
  // Block 2 schedule words that do not involve the nonce, and the nonce-free parts of
  // those that do: W18 = w18_base + s0(W3), W19 = w19_base + W3, W16/W17 fixed.
  uint32_t w16, w17, w18_base, w19_base;
  uint32_t target_top;  // target bytes 28..31 as a little-endian word: the early reject bound
};

void prepare(const uint8_t header[80], const uint8_t target[32], Prepared& p);

// Writes to out[0..] (ascending) every nonce in [first, first + count) whose digest's most
// significant 32 bits do not exceed p.target_top, and returns how many; count <= kScanChunk.
// Candidates are confirmed with a full comparison by run_scan.
using ChunkFn = size_t (*)(const Prepared& p, uint32_t first, uint32_t count, uint32_t* out);

// The shared scan loop: chunking, cancellation, candidate confirmation, max_found.
// Resets `result` first.
void run_scan(const ScanRequest& request, ScanResult& result, ChunkFn chunk);

}  // namespace detail
}  // namespace sha256d
}  // namespace hashpool
