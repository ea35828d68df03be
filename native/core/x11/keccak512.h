// Keccak-512 as submitted to SHA-3 round 3 (pad byte 0x01, not FIPS 202 SHA3-512): X11 stage 6.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool::x11 {

// Hashes `len` bytes (any length, `data` may be null when len is 0) into a 64-byte digest.
void keccak512(const uint8_t* data, size_t len, uint8_t out[64]);

}  // namespace hashpool::x11
