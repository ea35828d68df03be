// CubeHash16/32-512 as specified in the round-2 submission (D. J. Bernstein, "CubeHash
// specification (2.B.1)"): r = 16 rounds per 32-byte block, h = 512, 10r = 160 rounds at
// initialisation and at finalisation. Words are little-endian.
#include "cubehash512.h"

#include <cstring>

#include "common.h"

namespace hashpool::x11 {
namespace {

// The state as eight 4-word vectors: a[k] = x[4k..4k+3], b[k] = x[16+4k..16+4k+3]. GCC and
// Clang lower these generic vectors to SSE2/NEON, or to scalar code where there is none.
typedef uint32_t V4 __attribute__((vector_size(16)));

#if defined(__clang__) || __GNUC__ >= 12
#define HP_CUBE_SHUFFLE(v, i0, i1, i2, i3) __builtin_shufflevector((v), (v), i0, i1, i2, i3)
#else
#define HP_CUBE_SHUFFLE(v, i0, i1, i2, i3) __builtin_shuffle((v), V4{i0, i1, i2, i3})
#endif

HP_ALWAYS_INLINE V4 rotl(V4 v, unsigned n) { return (v << n) | (v >> (32 - n)); }

// One round. The spec's swap steps are folded into where each value is read from: swapping
// x[i] with x[i^8] (resp. x[i^4]) picks vector k^2 (resp. k^1); swapping within b by i^2 or
// i^1 is a lane shuffle.
HP_ALWAYS_INLINE void round(V4 a[4], V4 b[4]) {
  V4 t[4];
  for (int k = 0; k < 4; ++k) b[k] += a[k];
  for (int k = 0; k < 4; ++k) t[k] = rotl(a[k ^ 2], 7) ^ b[k];
  for (int k = 0; k < 4; ++k) b[k] = HP_CUBE_SHUFFLE(b[k], 2, 3, 0, 1) + t[k];
  for (int k = 0; k < 4; ++k) a[k] = rotl(t[k ^ 1], 11) ^ b[k];
  for (int k = 0; k < 4; ++k) b[k] = HP_CUBE_SHUFFLE(b[k], 1, 0, 3, 2);
}

HP_ALWAYS_INLINE void sixteen_rounds(V4 a[4], V4 b[4]) {
  for (int r = 0; r < 16; ++r) round(a, b);
}

// Initialisation: (h/8, b, r, 0, ...) = (64, 32, 16, 0, ...) then 10r = 160 rounds. Kept out
// of the hot path: computed once (thread-safe static) and copied by every hash.
struct IV {
  V4 a[4], b[4];
  IV() : a{{64, 32, 16, 0}, {}, {}, {}}, b{} {
    for (int i = 0; i < 10; ++i) sixteen_rounds(a, b);
  }
};

HP_ALWAYS_INLINE void absorb(V4 a[4], V4 b[4], const uint8_t* block) {
  a[0] ^= V4{read_le32(block), read_le32(block + 4), read_le32(block + 8), read_le32(block + 12)};
  a[1] ^= V4{read_le32(block + 16), read_le32(block + 20), read_le32(block + 24), read_le32(block + 28)};
  sixteen_rounds(a, b);
}

}  // namespace

void cubehash512(const uint8_t* data, size_t len, uint8_t out[64]) {
  static const IV iv;
  V4 a[4] = {iv.a[0], iv.a[1], iv.a[2], iv.a[3]};
  V4 b[4] = {iv.b[0], iv.b[1], iv.b[2], iv.b[3]};
  while (len >= 32) {
    absorb(a, b, data);
    data += 32;
    len -= 32;
  }
  // Padding: a single 1 bit (0x80 in byte order), then zeros to the block end.
  uint8_t last[32] = {0};
  if (len) std::memcpy(last, data, len);
  last[len] = 0x80;
  absorb(a, b, last);
  b[3][3] ^= 1;  // x[31] ^= 1 marks finalisation
  for (int i = 0; i < 10; ++i) sixteen_rounds(a, b);
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < 4; ++i) write_le32(out + 16 * k + 4 * i, a[k][i]);
}

}  // namespace hashpool::x11
