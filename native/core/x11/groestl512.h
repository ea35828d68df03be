// Groestl-512, SHA-3 round-3 (final) version: the third stage of X11.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "common.h"
#include "final_block.h"

namespace hashpool::x11 {

// Hashes `len` bytes (any length, `data` may be null when len == 0) into a 64-byte digest.
void groestl512(const uint8_t* data, size_t len, uint8_t out[64]);

#ifdef ENABLE_AESNI
// Same function using AES-NI for SubBytes (groestl512_aesni.cpp); needs cpu_features().aes
// (the file is built with -msse4.1 -mssse3 -maes).
void groestl512_aesni(const uint8_t* data, size_t len, uint8_t out[64]);
#endif

namespace detail {

// Mode of operation shared by the backends: compress(block) runs the compression
// function f on the backend's chaining value for each 128-byte block of the padded
// message. The caller sets the IV before and applies the output transform after.
template <class Compress>
inline void groestl512_mode(const uint8_t* data, size_t len, Compress compress) {
  size_t done = 0;
  while (len - done >= 128) {
    compress(data + done);
    done += 128;
  }

  // Padding: 0x80, zeros, then the total block count (including padding) as big-endian 64-bit.
  const size_t rem = len - done;
  const uint64_t blocks = len / 128 + (rem <= 119 ? 1 : 2);
  uint8_t block[128];
  start_final_block(block, data + done, rem);
  if (rem > 119) {
    compress(block);
    std::memset(block, 0, sizeof block);
  }
  write_be64(block + 120, blocks);
  compress(block);
}

}  // namespace detail

}  // namespace hashpool::x11
