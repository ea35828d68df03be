// Luffa-512 (SHA-3 round-2 version, with the permutation tweak): stage 7 of X11.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool::x11 {

// Hashes `len` bytes (any length, `data` may be null when len == 0) into a 64-byte digest.
void luffa512(const uint8_t* data, size_t len, uint8_t out[64]);

}  // namespace hashpool::x11
