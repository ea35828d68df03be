// Groestl-512, SHA-3 round-3 (final) version: the third stage of X11.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool::x11 {

// Hashes `len` bytes (any length, `data` may be null when len == 0) into a 64-byte digest.
void groestl512(const uint8_t* data, size_t len, uint8_t out[64]);

#ifdef ENABLE_AESNI
// Same function using AES-NI for SubBytes (groestl512_aesni.cpp); needs cpu_features().aes
// (the file is built with -msse4.1 -mssse3 -maes).
void groestl512_aesni(const uint8_t* data, size_t len, uint8_t out[64]);
#endif

}  // namespace hashpool::x11
