// Targets and difficulty. A raw PoW digest is read as a little-endian 256-bit integer;
// targets here use that same byte order (least significant byte first).
#pragma once

#include <cstdint>

namespace hashpool {

// hash <= target, both 32 bytes little-endian. Called once per nonce in every scan.
inline bool hash_meets_target(const uint8_t hash[32], const uint8_t target[32]) {
  for (int i = 31; i >= 0; --i)
    if (hash[i] != target[i]) return hash[i] < target[i];
  return true;
}

namespace target {

enum class CompactStatus { kOk, kNegative, kOverflow };

// nBits ("compact") to target, with Bitcoin Core's SetCompact rules: a set sign bit
// with a non-zero mantissa is negative, a value past 2^256 overflows. On either error
// the target is still written (as SetCompact would) and the status says why it is invalid.
CompactStatus bits_to_target(uint32_t bits, uint8_t target[32]);
// Target to nBits (GetCompact): the shortest encoding, never with the sign bit set.
uint32_t target_to_bits(const uint8_t target[32]);

// The share target for a stratum difficulty: floor(0xffff * 2^208 * factor / difficulty),
// computed exactly from the double's binary value (so native and JS agree to the bit),
// saturating at 2^256 - 1. factor: sha256d 1, scrypt 65536, x11 1 (per-coin setting).
// Returns false for difficulty <= 0, NaN or infinite, or factor 0.
bool difficulty_to_target(double difficulty, uint64_t factor, uint8_t target[32]);
// 0xffff * 2^208 * factor / target as a double; +infinity for a zero target.
double target_to_difficulty(const uint8_t target[32], uint64_t factor);

}  // namespace target
}  // namespace hashpool
