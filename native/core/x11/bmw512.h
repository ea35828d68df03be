// BLUE MIDNIGHT WISH-512, round-2 tweaked version: the second stage of X11.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool::x11 {

// Hashes `len` bytes (any length, `data` may be null when len == 0) into a 64-byte digest.
void bmw512(const uint8_t* data, size_t len, uint8_t out[64]);

}  // namespace hashpool::x11
