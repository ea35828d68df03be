// SIMD-512 (round-2 tweaked SHA-3 submission), the tenth X11 stage.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool::x11 {

// 64-byte SIMD-512 digest of any-length input (data may be null when len == 0).
void simd512(const uint8_t* data, size_t len, uint8_t out[64]);

}  // namespace hashpool::x11
