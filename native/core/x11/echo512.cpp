// ECHO-512, round-2 tweaked version (Benadjila et al., "SHA-3 Proposal: ECHO",
// second-round package). The state is a 4x4 matrix of 128-bit words, each an AES
// state; a round applies two AES rounds to every word (keyed by a running counter,
// then by the all-zero salt), then ShiftRows and MixColumns at word granularity.
// ECHO-512: 1024-bit chaining value, 128-byte blocks, 10 rounds.
//
// This portable backend does the AES rounds with the classic four 1 KiB T-tables,
// built at compile time from the S-box definition so that no table is hand-copied.
#include "echo512.h"

#include "common.h"

namespace hashpool::x11 {
namespace {

constexpr uint8_t gf_mul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  for (int i = 0; i < 8; ++i) {
    if (b & 1) r ^= a;
    const bool carry = (a & 0x80) != 0;
    a = static_cast<uint8_t>(a << 1);
    if (carry) a ^= 0x1B;  // x^8 = x^4 + x^3 + x + 1 (FIPS 197, 4.2)
    b >>= 1;
  }
  return r;
}

constexpr uint8_t rotl8(uint8_t x, int n) { return static_cast<uint8_t>((x << n) | (x >> (8 - n))); }

// AES S-box per FIPS 197 5.1.1: inverse in GF(2^8), then the affine map with 0x63.
constexpr uint8_t sbox(uint8_t x) {
  uint8_t inv = 1;
  for (int i = 0; i < 254; ++i) inv = gf_mul(inv, x);  // x^254 = x^-1, and 0 -> 0
  if (x == 0) inv = 0;
  return static_cast<uint8_t>(inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63);
}

struct AesTables {
  uint32_t t[4][256];
};

constexpr AesTables make_aes_tables() {
  AesTables tab{};
  for (int x = 0; x < 256; ++x) {
    const uint8_t s = sbox(static_cast<uint8_t>(x));
    // Column (2s, s, s, 3s) of MixColumns for a byte from row 0, little-endian packed.
    const uint32_t t0 = static_cast<uint32_t>(gf_mul(s, 2)) | static_cast<uint32_t>(s) << 8 |
                        static_cast<uint32_t>(s) << 16 | static_cast<uint32_t>(gf_mul(s, 3)) << 24;
    for (int r = 0; r < 4; ++r) tab.t[r][x] = rotl32(t0, 8 * r);
  }
  return tab;
}

constexpr AesTables kAes = make_aes_tables();

// One AES encryption round (SubBytes, ShiftRows, MixColumns, AddRoundKey), the same
// mapping as AESENC. A 128-bit word is four little-endian columns.
HP_ALWAYS_INLINE void aes_round(const uint32_t in[4], uint32_t out[4], uint32_t k0, uint32_t k1,
                                uint32_t k2, uint32_t k3) {
  const uint32_t k[4] = {k0, k1, k2, k3};
  for (int j = 0; j < 4; ++j) {
    out[j] = kAes.t[0][in[j] & 0xFF] ^ kAes.t[1][(in[(j + 1) & 3] >> 8) & 0xFF] ^
             kAes.t[2][(in[(j + 2) & 3] >> 16) & 0xFF] ^ kAes.t[3][in[(j + 3) & 3] >> 24] ^ k[j];
  }
}

// Doubling in GF(2^8) on four packed bytes.
HP_ALWAYS_INLINE uint32_t xtime4(uint32_t x) {
  return ((x & 0x7F7F7F7Fu) << 1) ^ (((x >> 7) & 0x01010101u) * 0x1Bu);
}

void compress(uint8_t v[128], const uint8_t block[128], uint64_t key_lo, uint64_t key_hi) {
  uint32_t w[16][4];
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) {
      w[i][j] = read_le32(v + 16 * i + 4 * j);
      w[8 + i][j] = read_le32(block + 16 * i + 4 * j);
    }
  for (int round = 0; round < 10; ++round) {
    // BIG.SubWords: the counter key advances by one per word, across rounds.
    for (int n = 0; n < 16; ++n) {
      uint32_t t[4];
      aes_round(w[n], t, static_cast<uint32_t>(key_lo), static_cast<uint32_t>(key_lo >> 32),
                static_cast<uint32_t>(key_hi), static_cast<uint32_t>(key_hi >> 32));
      aes_round(t, w[n], 0, 0, 0, 0);
      ++key_lo;
      key_hi += key_lo == 0;
    }
    // BIG.ShiftRows: word (row r, column c) is w[4c + r]; row r rotates left by r.
    uint32_t s[16][4];
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r) std::memcpy(s[4 * c + r], w[4 * ((c + r) & 3) + r], 16);
    // BIG.MixColumns: AES MixColumns applied bytewise down each column of words.
    for (int c = 0; c < 4; ++c) {
      for (int j = 0; j < 4; ++j) {
        const uint32_t a = s[4 * c][j], b = s[4 * c + 1][j], cc = s[4 * c + 2][j], d = s[4 * c + 3][j];
        const uint32_t ab = a ^ b, bc = b ^ cc, cd = cc ^ d, da = d ^ a;
        w[4 * c][j] = xtime4(ab) ^ b ^ cd;
        w[4 * c + 1][j] = xtime4(bc) ^ cc ^ da;
        w[4 * c + 2][j] = xtime4(cd) ^ d ^ ab;
        w[4 * c + 3][j] = xtime4(da) ^ a ^ bc;
      }
    }
  }
  // BIG.Final for the 1024-bit chaining value: v_i ^= m_i ^ w_i ^ w_{i+8}.
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) {
      const uint32_t x = read_le32(v + 16 * i + 4 * j) ^ read_le32(block + 16 * i + 4 * j) ^
                         w[i][j] ^ w[8 + i][j];
      write_le32(v + 16 * i + 4 * j, x);
    }
}

}  // namespace

void echo512(const uint8_t* data, size_t len, uint8_t out[64]) {
  detail::echo512_mode(data, len, out, compress);
}

}  // namespace hashpool::x11
