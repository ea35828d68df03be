// The start of the last-block padding shared by the 128-byte-block Merkle-Damgard stages
// (BLAKE-512, BMW-512, Groestl-512): the message tail, the 0x80 end marker, zeros.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hashpool::x11 {

// Fills block with the rem (< 128) bytes at tail (tail may be null when rem == 0), then
// 0x80, then zeros. The caller writes its length field and compresses.
inline void start_final_block(uint8_t block[128], const uint8_t* tail, size_t rem) {
  std::memset(block, 0, 128);
  if (rem > 0) std::memcpy(block, tail, rem);
  block[rem] = 0x80;
}

}  // namespace hashpool::x11
