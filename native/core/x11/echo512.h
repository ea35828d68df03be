// ECHO-512 (round-2 tweaked SHA-3 submission), the last X11 stage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hashpool::x11 {

// 64-byte ECHO-512 digest of any-length input (data may be null when len == 0).
// Portable: AES rounds through T-tables.
void echo512(const uint8_t* data, size_t len, uint8_t out[64]);

#ifdef ENABLE_AESNI
// Same function with the AES rounds done by AESENC. Caller checks cpu_features().aes.
void echo512_aesni(const uint8_t* data, size_t len, uint8_t out[64]);
#endif

namespace detail {

// Mode of operation shared by the backends. Compress(v, block, key_lo, key_hi) runs the
// ECHO compression on the 128-byte chaining value v (8 little-endian 128-bit words)
// with the 128-bit counter key_hi:key_lo as the first AES round key.
template <class Compress>
inline void echo512_mode(const uint8_t* data, size_t len, uint8_t out[64], Compress compress) {
  uint8_t v[128];
  for (int i = 0; i < 8; ++i) {
    // Every chaining word starts as the digest size in bits, 512 (ECHO spec, initialization).
    std::memset(v + 16 * i, 0, 16);
    v[16 * i + 1] = 0x02;
  }
  uint64_t c_lo = 0, c_hi = 0;
  while (len >= 128) {
    c_lo += 1024;
    c_hi += c_lo < 1024;
    compress(v, data, c_lo, c_hi);
    data += 128;
    len -= 128;
  }
  // Padding: a 1 bit, zeros, the 16-bit digest size and the 128-bit message bit count
  // fill the last 18 bytes; a block with no message bits is keyed with counter 0.
  uint8_t block[128] = {0};
  if (len > 0) std::memcpy(block, data, len);
  const uint64_t tail_bits = static_cast<uint64_t>(len) << 3;
  c_lo += tail_bits;
  c_hi += c_lo < tail_bits;
  uint64_t key_lo = len > 0 ? c_lo : 0, key_hi = len > 0 ? c_hi : 0;
  block[len] = 0x80;
  if (len + 1 > 110) {
    compress(v, block, key_lo, key_hi);
    std::memset(block, 0, sizeof block);
    key_lo = key_hi = 0;
  }
  block[111] = 0x02;  // 512 as 16-bit little-endian in bytes 110..111
  for (int i = 0; i < 8; ++i) {
    block[112 + i] = static_cast<uint8_t>(c_lo >> (8 * i));
    block[120 + i] = static_cast<uint8_t>(c_hi >> (8 * i));
  }
  compress(v, block, key_lo, key_hi);
  std::memcpy(out, v, 64);
}

}  // namespace detail
}  // namespace hashpool::x11
