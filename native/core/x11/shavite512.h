// SHAvite-3-512 (SHA-3 round-2 tweaked version): stage 9 of X11.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool::x11 {

// Hashes `len` bytes (any length, `data` may be null when len == 0) into a 64-byte digest.
// Portable: the AES rounds use T-tables.
void shavite512(const uint8_t* data, size_t len, uint8_t out[64]);

#ifdef ENABLE_AESNI
// Same function with the AES rounds on AES-NI; the caller checks cpu_features().aes.
void shavite512_aesni(const uint8_t* data, size_t len, uint8_t out[64]);
#endif

namespace shavite512_detail {

// C_512 compression: `h` (16 words) absorbs one 128-byte block under a 128-bit bit counter
// given as four little-endian 32-bit words.
using Compress = void (*)(uint32_t h[16], const uint8_t block[128], const uint32_t counter[4]);

// Padding and counter handling shared by every backend; `compress` does the block work.
void hash_with(Compress compress, const uint8_t* data, size_t len, uint8_t out[64]);

}  // namespace shavite512_detail

}  // namespace hashpool::x11
