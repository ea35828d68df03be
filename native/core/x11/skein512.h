// Skein-512-512 v1.3 (SHA-3 round-3 final): X11 stage 4.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool::x11 {

// Hashes `len` bytes (any length, `data` may be null when len is 0) into a 64-byte digest.
void skein512(const uint8_t* data, size_t len, uint8_t out[64]);

}  // namespace hashpool::x11
