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

}  // namespace hashpool
