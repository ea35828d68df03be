// Proof-of-work backends: one table per (algorithm, instruction set). The pool's
// share path (hash_headers) and the miner's nonce scan (scan) both go through it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cpu_features.h"

namespace hashpool {

enum class PowAlgo { kSha256d, kScrypt, kX11 };

struct ScanRequest {
  const uint8_t* header = nullptr;  // 80 bytes; bytes 76..79 (the nonce) are ignored
  uint32_t nonce_start = 0;
  uint64_t nonce_count = 0;         // at most 2^32 - nonce_start
  const uint8_t* target = nullptr;  // 32 bytes, little-endian 256-bit integer (hash byte order)
  uint32_t scrypt_n = 1024;         // scrypt only: power of two >= 2
  uint32_t max_found = 1024;        // stop collecting winners past this many (hashing goes on)
  const std::atomic<bool>* cancel = nullptr;  // polled between chunks; null: never cancelled
};

struct ScanResult {
  std::vector<uint32_t> nonces;  // every nonce whose hash <= target, ascending
  uint64_t hashes_done = 0;
  bool cancelled = false;
};

struct PowBackend {
  const char* name;  // e.g. "sha256d/avx2-8way"
  bool (*supported)(const CpuFeatures&);
  // PoW hashes of `count` 80-byte headers laid end to end; 32 bytes out per header.
  void (*hash_headers)(const uint8_t* headers, size_t count, uint32_t scrypt_n, uint8_t* out);
  void (*scan)(const ScanRequest& request, ScanResult& result);
};

struct BackendList {
  const PowBackend* const* items;  // fastest first; the portable backend is always last
  size_t count;
};

// Nonces are scanned in chunks of this many between cancellation checks.
constexpr uint64_t kScanChunk = 4096;

}  // namespace hashpool
