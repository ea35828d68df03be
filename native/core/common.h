// Byte-order and rotation helpers shared by every algorithm. Hash specifications
// disagree on endianness, so every load and store names its order explicitly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__GNUC__)
#define HP_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define HP_ALWAYS_INLINE inline
#endif

namespace hashpool {

HP_ALWAYS_INLINE uint32_t read_le32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;  // x86-64 and aarch64 builds are little-endian; asserted in cpu_features.cpp
}
HP_ALWAYS_INLINE uint64_t read_le64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
HP_ALWAYS_INLINE uint32_t read_be32(const uint8_t* p) { return __builtin_bswap32(read_le32(p)); }
HP_ALWAYS_INLINE uint64_t read_be64(const uint8_t* p) { return __builtin_bswap64(read_le64(p)); }

HP_ALWAYS_INLINE void write_le32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }
HP_ALWAYS_INLINE void write_le64(uint8_t* p, uint64_t v) { std::memcpy(p, &v, 8); }
HP_ALWAYS_INLINE void write_be32(uint8_t* p, uint32_t v) { write_le32(p, __builtin_bswap32(v)); }
HP_ALWAYS_INLINE void write_be64(uint8_t* p, uint64_t v) { write_le64(p, __builtin_bswap64(v)); }

HP_ALWAYS_INLINE constexpr uint32_t rotl32(uint32_t x, unsigned n) { return (x << (n & 31)) | (x >> ((32 - n) & 31)); }
HP_ALWAYS_INLINE constexpr uint32_t rotr32(uint32_t x, unsigned n) { return (x >> (n & 31)) | (x << ((32 - n) & 31)); }
HP_ALWAYS_INLINE constexpr uint64_t rotl64(uint64_t x, unsigned n) { return (x << (n & 63)) | (x >> ((64 - n) & 63)); }
HP_ALWAYS_INLINE constexpr uint64_t rotr64(uint64_t x, unsigned n) { return (x >> (n & 63)) | (x << ((64 - n) & 63)); }

}  // namespace hashpool
