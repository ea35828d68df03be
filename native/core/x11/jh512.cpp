// JH-512 (round-3 version, 42 rounds of E8) in the designer's bitsliced form: the
// 1024-bit state is sixteen 64-bit words, word 2i+j holding half j of row i, and each
// round is an S-box layer, the linear layer L and a swap whose width depends on r mod 7.
#include "x11/jh512.h"

#include <cstring>

#include "common.h"

namespace hashpool::x11 {
namespace {

// H(0) for a 512-bit digest (JH round-3 submission, JH512_H0): F8 of a zero block applied to
// H(-1) = 0x02 0x00 0..0 (the digest size, big-endian); re-derived with this file's f8 once.
constexpr uint64_t kH0[16] = {
    0x17aa003e964bd16fULL, 0x43d5157a052e6a63ULL, 0x0bef970c8d5e228aULL, 0x61c3b3f2591234e9ULL,
    0x1e806f53c1a01d89ULL, 0x806d2bea6b05a92aULL, 0xa6ba7520dbcc8e58ULL, 0xf73bf8ba763a0fa9ULL,
    0x694ae34105e66901ULL, 0x5ae66f2e8e8ab546ULL, 0x243c84c1d0a74710ULL, 0x99c15a2db1716e3bULL,
    0x56f8b19decf657cfULL, 0x56b116577c8806a7ULL, 0xfb1785e6dffcc2e3ULL, 0x4bdd8ccc78465a54ULL
};

// The 42 round constants of E8 in bitslice layout (JH round-3 submission,
// E8_bitslice_roundconstant), as 64-bit little-endian words: 4 per round.
constexpr uint64_t kRoundConstants[42 * 4] = {
    0x67f815dfa2ded572ULL, 0x571523b70a15847bULL, 0xf6875a4d90d6ab81ULL, 0x402bd1c3c54f9f4eULL,
    0x9cfa455ce03a98eaULL, 0x9a99b26699d2c503ULL, 0x8a53bbf2b4960266ULL, 0x31a2db881a1456b5ULL,
    0xdb0e199a5c5aa303ULL, 0x1044c1870ab23f40ULL, 0x1d959e848019051cULL, 0xdccde75eadeb336fULL,
    0x416bbf029213ba10ULL, 0xd027bbf7156578dcULL, 0x5078aa3739812c0aULL, 0xd3910041d2bf1a3fULL,
    0x907eccf60d5a2d42ULL, 0xce97c0929c9f62ddULL, 0xac442bc70ba75c18ULL, 0x23fcc663d665dfd1ULL,
    0x1ab8e09e036c6e97ULL, 0xa8ec6c447e450521ULL, 0xfa618e5dbb03f1eeULL, 0x97818394b29796fdULL,
    0x2f3003db37858e4aULL, 0x956a9ffb2d8d672aULL, 0x6c69b8f88173fe8aULL, 0x14427fc04672c78aULL,
    0xc45ec7bd8f15f4c5ULL, 0x80bb118fa76f4475ULL, 0xbc88e4aeb775de52ULL, 0xf4a3a6981e00b882ULL,
    0x1563a3a9338ff48eULL, 0x89f9b7d524565faaULL, 0xfde05a7c20edf1b6ULL, 0x362c42065ae9ca36ULL,
    0x3d98fe4e433529ceULL, 0xa74b9a7374f93a53ULL, 0x86814e6f591ff5d0ULL, 0x9f5ad8af81ad9d0eULL,
    0x6a6234ee670605a7ULL, 0x2717b96ebe280b8bULL, 0x3f1080c626077447ULL, 0x7b487ec66f7ea0e0ULL,
    0xc0a4f84aa50a550dULL, 0x9ef18e979fe7e391ULL, 0xd48d605081727686ULL, 0x62b0e5f3415a9e7eULL,
    0x7a205440ec1f9ffcULL, 0x84c9f4ce001ae4e3ULL, 0xd895fa9df594d74fULL, 0xa554c324117e2e55ULL,
    0x286efebd2872df5bULL, 0xb2c4a50fe27ff578ULL, 0x2ed349eeef7c8905ULL, 0x7f5928eb85937e44ULL,
    0x4a3124b337695f70ULL, 0x65e4d61df128865eULL, 0xe720b95104771bc7ULL, 0x8a87d423e843fe74ULL,
    0xf2947692a3e8297dULL, 0xc1d9309b097acbddULL, 0xe01bdc5bfb301b1dULL, 0xbf829cf24f4924daULL,
    0xffbf70b431bae7a4ULL, 0x48bcf8de0544320dULL, 0x39d3bb5332fcae3bULL, 0xa08b29e0c1c39f45ULL,
    0x0f09aef7fd05c9e5ULL, 0x34f1904212347094ULL, 0x95ed44e301b771a2ULL, 0x4a982f4f368e3be9ULL,
    0x15f66ca0631d4088ULL, 0xffaf52874b44c147ULL, 0x30c60ae2f14abb7eULL, 0xe68c6eccc5b67046ULL,
    0x00ca4fbd56a4d5a4ULL, 0xae183ec84b849ddaULL, 0xadd1643045ce5773ULL, 0x67255c1468cea6e8ULL,
    0x16e10ecbf28cdaa3ULL, 0x9a99949a5806e933ULL, 0x7b846fc220b2601fULL, 0x1885d1a07facced1ULL,
    0xd319dd8da15b5932ULL, 0x46b4a5aac01c9a50ULL, 0xba6b04e467633d9fULL, 0x7eee560bab19caf6ULL,
    0x742128a9ea79b11fULL, 0xee51363b35f7bde9ULL, 0x76d350755aac571dULL, 0x01707da3fec2463aULL,
    0x42d8a498afc135f7ULL, 0x79676b9e20eced78ULL, 0xa8db3aea15638341ULL, 0x832c83324d3bc3faULL,
    0xf347271c1f3b40a7ULL, 0x9a762db734f04059ULL, 0xfd4f21d26c4e3ee7ULL, 0xef5957dc398dfdb8ULL,
    0xdaeb492b490c9b8dULL, 0x0d70f36849d7a25bULL, 0x84558d7ad0ae3b7dULL, 0x658ef8e4f0e9a5f5ULL,
    0x533b1036f4a2b8a0ULL, 0x5aec3e759e07a80cULL, 0x4f88e85692946891ULL, 0x4cbcbaf8555cb05bULL,
    0x7b9487f3993bbbe3ULL, 0x5d1c6b72d6f4da75ULL, 0x6db334dc28acae64ULL, 0x71db28b850a5346cULL,
    0x2a518d10f2e261f8ULL, 0xfc75dd593364dbe3ULL, 0xa23fce43f1bcac1cULL, 0xb043e8023cd1bb67ULL,
    0x75a12988ca5b0a33ULL, 0x5c5316b44d19347fULL, 0x1e4d790ec3943b92ULL, 0x3fafeeb6d7757479ULL,
    0x21391abef7d4a8eaULL, 0x5127234c097ef45cULL, 0xd23c32ba5324a326ULL, 0xadd5a66d4a17a344ULL,
    0x08c9f2afa63e1db5ULL, 0x563c6b91983d5983ULL, 0x4d608672a17cf84cULL, 0xf6c76e08cc3ee246ULL,
    0x5e76bcb1b333982fULL, 0x2ae6c4efa566d62bULL, 0x36d4c1bee8b6f406ULL, 0x6321efbc1582ee74ULL,
    0x69c953f40d4ec1fdULL, 0x26585806c45a7da7ULL, 0x16fae0061614c17eULL, 0x3f9d63283daf907eULL,
    0x0cd29b00e3f2c9d2ULL, 0x300cd4b730ceaa5fULL, 0x9832e0f216512a74ULL, 0x9af8cee3d830eb0dULL,
    0x9279f1b57b9ec54bULL, 0xd36886046ee651ffULL, 0x316796e6574d239bULL, 0x05750a17f3a6e6ccULL,
    0xce6c3213d98176b1ULL, 0x62a205f88452173cULL, 0x47154778b3cb2bf4ULL, 0x486a9323825446ffULL,
    0x65655e4e0758df38ULL, 0x8e5086fc897cfcf2ULL, 0x86ca0bd0442e7031ULL, 0x4e477830a20940f0ULL,
    0x8338f7d139eea065ULL, 0xbd3a2ce437e95ef7ULL, 0x6ff8130126b29721ULL, 0xe7de9fefd1ed44a3ULL,
    0xd992257615dfa08bULL, 0xbe42dc12f6f7853cULL, 0x7eb027ab7ceca7d8ULL, 0xdea83eaada7d8d53ULL,
    0xd86902bd93ce25aaULL, 0xf908731afd43f65aULL, 0xa5194a17daef5fc0ULL, 0x6a21fd4c33664d97ULL,
    0x701541db3198b435ULL, 0x9b54cdedbb0f1eeaULL, 0x72409751a163d09aULL, 0xe26f4791bf9d75f6ULL
};

// The two 4-bit S-boxes S0/S1 evaluated bitsliced; the round-constant bit in `c` selects
// which one applies at each position (JH specification, section 4.2, bitslice form).
HP_ALWAYS_INLINE void sbox(uint64_t& m0, uint64_t& m1, uint64_t& m2, uint64_t& m3, uint64_t c) {
  m3 = ~m3;
  m0 ^= ~m2 & c;
  const uint64_t t = c ^ (m0 & m1);
  m0 ^= m2 & m3;
  m3 ^= ~m1 & m2;
  m1 ^= m0 & m2;
  m2 ^= m0 & ~m3;
  m0 ^= m1 | m3;
  m3 ^= m1 & m2;
  m1 ^= t & m0;
  m2 ^= t;
}

// The MDS code over GF(2^4) applied to the two nibble halves (a = even rows, b = odd rows).
HP_ALWAYS_INLINE void linear(uint64_t& a0, uint64_t& a1, uint64_t& a2, uint64_t& a3,
                             uint64_t& b0, uint64_t& b1, uint64_t& b2, uint64_t& b3) {
  b0 ^= a1;
  b1 ^= a2;
  b2 ^= a0 ^ a3;
  b3 ^= a0;
  a0 ^= b1;
  a1 ^= b2;
  a2 ^= b0 ^ b3;
  a3 ^= b0;
}

// Swaps of adjacent 2^n-bit groups: the permutation layer, applied to the odd rows only.
template <unsigned N>
HP_ALWAYS_INLINE uint64_t swap_groups(uint64_t x) {
  constexpr uint64_t kMask = N == 1    ? 0x5555555555555555ULL
                             : N == 2  ? 0x3333333333333333ULL
                             : N == 4  ? 0x0f0f0f0f0f0f0f0fULL
                             : N == 8  ? 0x00ff00ff00ff00ffULL
                                       : 0x0000ffff0000ffffULL;
  if constexpr (N == 32) {
    return rotl64(x, 32);
  } else {
    return ((x & kMask) << N) | ((x >> N) & kMask);
  }
}

struct State {
  uint64_t w[16];
};

// Round r of E8. N is the swap width 2^(r mod 7); N == 64 exchanges the two halves of a row.
template <unsigned N>
HP_ALWAYS_INLINE void e8_round(uint64_t* x, const uint64_t* c) {
  for (int j = 0; j < 2; ++j) {
    sbox(x[0 + j], x[4 + j], x[8 + j], x[12 + j], c[j]);
    sbox(x[2 + j], x[6 + j], x[10 + j], x[14 + j], c[j + 2]);
    linear(x[0 + j], x[4 + j], x[8 + j], x[12 + j], x[2 + j], x[6 + j], x[10 + j], x[14 + j]);
  }
  for (int row = 1; row < 8; row += 2) {
    if constexpr (N == 64) {
      const uint64_t t = x[2 * row];
      x[2 * row] = x[2 * row + 1];
      x[2 * row + 1] = t;
    } else {
      x[2 * row] = swap_groups<N>(x[2 * row]);
      x[2 * row + 1] = swap_groups<N>(x[2 * row + 1]);
    }
  }
}

void e8(State& s) {
  // A local copy lets the compiler keep the state in registers across the unrolled rounds.
  uint64_t x[16];
  std::memcpy(x, s.w, sizeof x);
  for (int r = 0; r < 42; r += 7) {
    const uint64_t* c = kRoundConstants + 4 * r;
    e8_round<1>(x, c);
    e8_round<2>(x, c + 4);
    e8_round<4>(x, c + 8);
    e8_round<8>(x, c + 12);
    e8_round<16>(x, c + 16);
    e8_round<32>(x, c + 20);
    e8_round<64>(x, c + 24);
  }
  std::memcpy(s.w, x, sizeof x);
}

// Compression F8: the block enters the first half of the state before E8 and the
// second half after it.
void f8(State& s, const uint8_t* block) {
  uint64_t m[8];
  for (int i = 0; i < 8; ++i) m[i] = read_le64(block + 8 * i);
  for (int i = 0; i < 8; ++i) s.w[i] ^= m[i];
  e8(s);
  for (int i = 0; i < 8; ++i) s.w[8 + i] ^= m[i];
}

// Final block(s). Padding is a 1 bit, zeros, and the 128-bit big-endian bit length, and
// always spans at least 512 bits: a whole extra block when the message fills its last
// block, otherwise the tail block plus a separate length block.
void finish(State& s, const uint8_t* tail, size_t tail_len, uint64_t total_len, uint8_t out[64]) {
  uint8_t block[64] = {};
  if (tail_len != 0) {
    std::memcpy(block, tail, tail_len);
    block[tail_len] = 0x80;
    f8(s, block);
    std::memset(block, 0, sizeof block);
  } else {
    block[0] = 0x80;
  }
  write_be64(block + 48, total_len >> 61);
  write_be64(block + 56, total_len << 3);
  f8(s, block);
  for (int i = 0; i < 8; ++i) write_le64(out + 8 * i, s.w[8 + i]);
}

}  // namespace

void jh512(const uint8_t* data, size_t len, uint8_t out[64]) {
  State s;
  std::memcpy(s.w, kH0, sizeof s.w);
  const uint64_t total = len;
  while (len >= 64) {
    f8(s, data);
    data += 64;
    len -= 64;
  }
  finish(s, data, len, total, out);
}

}  // namespace hashpool::x11
