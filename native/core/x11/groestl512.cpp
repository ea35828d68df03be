// Groestl-512 as specified in "Groestl - a SHA-3 candidate" (Gauravaram et al., round-3
// version, 2011): 1024-bit state of 8 rows x 16 columns, P1024/Q1024 with 14 rounds.
//
// Each column is one uint64_t whose byte i (bits 8i..8i+7) is row i, so a message block
// loads with read_le64. SubBytes, ShiftBytes and MixBytes fuse into eight lookup tables:
// T[k][x] is the MixBytes column produced by S(x) sitting in row k.
#include "groestl512.h"

#include <cstring>
#include <utility>

#include "common.h"

namespace hashpool::x11 {
namespace {

struct Tables {
  uint64_t t[8][256];
};

constexpr uint8_t gf_mul2(uint8_t x) { return static_cast<uint8_t>((x << 1) ^ ((x & 0x80) ? 0x1b : 0)); }

constexpr uint8_t gf_mul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  for (int i = 0; i < 8; ++i) {
    if (b & 1) r ^= a;
    a = gf_mul2(a);
    b >>= 1;
  }
  return r;
}

// The AES S-box (FIPS-197 section 5.1.1), derived rather than transcribed: the inverse in
// GF(2^8) mod x^8+x^4+x^3+x+1 followed by the affine map with constant 0x63.
constexpr Tables make_tables() {
  uint8_t exp[256] = {};
  uint8_t log[256] = {};
  uint8_t x = 1;
  for (int i = 0; i < 255; ++i) {
    exp[i] = x;
    log[x] = static_cast<uint8_t>(i);
    x = static_cast<uint8_t>(x ^ gf_mul2(x));  // multiply by the generator 3
  }
  uint8_t sbox[256] = {};
  for (int v = 0; v < 256; ++v) {
    const uint8_t inv = v == 0 ? 0 : exp[(255 - log[v]) % 255];
    uint8_t s = inv;
    for (int r = 1; r <= 4; ++r) s ^= static_cast<uint8_t>((inv << r) | (inv >> (8 - r)));
    sbox[v] = static_cast<uint8_t>(s ^ 0x63);
  }
  // MixBytes row 0 of the circulant matrix B = circ(02,02,03,04,05,03,05,07) (spec 3.4.4):
  // output row i takes input row k with coefficient kCirc[(k - i) mod 8].
  constexpr uint8_t kCirc[8] = {2, 2, 3, 4, 5, 3, 5, 7};
  Tables t{};
  for (int k = 0; k < 8; ++k) {
    for (int v = 0; v < 256; ++v) {
      uint64_t col = 0;
      for (int i = 0; i < 8; ++i)
        col |= static_cast<uint64_t>(gf_mul(sbox[v], kCirc[(k - i + 8) & 7])) << (8 * i);
      t.t[k][v] = col;
    }
  }
  return t;
}

constexpr Tables kTables = make_tables();

// ShiftBytes offsets per row (spec 3.4.3, round-3 values for the 1024-bit permutations).
constexpr int kShiftP[8] = {0, 1, 2, 3, 4, 5, 6, 11};
constexpr int kShiftQ[8] = {1, 3, 5, 11, 0, 2, 4, 6};

template <const int* Shift>
HP_ALWAYS_INLINE uint64_t mix_column(const uint64_t* a, int j) {
  const auto& T = kTables.t;
  return T[0][a[(j + Shift[0]) & 15] & 0xff] ^ T[1][(a[(j + Shift[1]) & 15] >> 8) & 0xff] ^
         T[2][(a[(j + Shift[2]) & 15] >> 16) & 0xff] ^ T[3][(a[(j + Shift[3]) & 15] >> 24) & 0xff] ^
         T[4][(a[(j + Shift[4]) & 15] >> 32) & 0xff] ^ T[5][(a[(j + Shift[5]) & 15] >> 40) & 0xff] ^
         T[6][(a[(j + Shift[6]) & 15] >> 48) & 0xff] ^ T[7][a[(j + Shift[7]) & 15] >> 56];
}

// Expanded per column so every index is a constant: as a loop, GCC vectorizes it into
// emulated gathers that run several times slower.
template <const int* Shift, size_t... J>
HP_ALWAYS_INLINE void sub_shift_mix_cols(const uint64_t* a, uint64_t* b, std::index_sequence<J...>) {
  ((b[J] = mix_column<Shift>(a, static_cast<int>(J))), ...);
}

template <const int* Shift>
HP_ALWAYS_INLINE void sub_shift_mix(const uint64_t* a, uint64_t* b) {
  sub_shift_mix_cols<Shift>(a, b, std::make_index_sequence<16>());
}

// AddRoundConstant for P: row 0 of column j gets (j << 4) ^ r.
void permute_p(uint64_t x[16]) {
  uint64_t y[16];
  for (int r = 0; r < 14; r += 2) {
    for (int j = 0; j < 16; ++j) x[j] ^= static_cast<uint64_t>((j << 4) ^ r);
    sub_shift_mix<kShiftP>(x, y);
    for (int j = 0; j < 16; ++j) y[j] ^= static_cast<uint64_t>((j << 4) ^ (r + 1));
    sub_shift_mix<kShiftP>(y, x);
  }
}

// AddRoundConstant for Q: every byte is complemented and row 7 also gets (j << 4) ^ r.
void permute_q(uint64_t x[16]) {
  uint64_t y[16];
  for (int r = 0; r < 14; r += 2) {
    for (int j = 0; j < 16; ++j) x[j] ^= ~(static_cast<uint64_t>((j << 4) ^ r) << 56);
    sub_shift_mix<kShiftQ>(x, y);
    for (int j = 0; j < 16; ++j) y[j] ^= ~(static_cast<uint64_t>((j << 4) ^ (r + 1)) << 56);
    sub_shift_mix<kShiftQ>(y, x);
  }
}

// f(h, m) = P(h ^ m) ^ Q(m) ^ h (spec 3.2).
void compress(uint64_t h[16], const uint8_t* block) {
  uint64_t p[16], q[16];
  for (int j = 0; j < 16; ++j) {
    q[j] = read_le64(block + 8 * j);
    p[j] = h[j] ^ q[j];
  }
  permute_p(p);
  permute_q(q);
  for (int j = 0; j < 16; ++j) h[j] ^= p[j] ^ q[j];
}

}  // namespace

void groestl512(const uint8_t* data, size_t len, uint8_t out[64]) {
  // IV: the digest size 512 as a big-endian number in the last bytes of the state (spec 3.5).
  uint64_t h[16] = {};
  h[15] = static_cast<uint64_t>(0x02) << 48;

  detail::groestl512_mode(data, len, [&h](const uint8_t* block) { compress(h, block); });

  // Output transform: trunc_512(P(h) ^ h), i.e. the last eight columns.
  uint64_t p[16];
  std::memcpy(p, h, sizeof p);
  permute_p(p);
  for (int j = 0; j < 8; ++j) write_le64(out + 8 * j, p[8 + j] ^ h[8 + j]);
}

}  // namespace hashpool::x11
