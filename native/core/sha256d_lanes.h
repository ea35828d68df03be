// The SHA256d nonce kernel written once for any lane type V: uint32_t (portable) or a
// GCC/Clang vector of uint32_t (the AVX2 and AVX-512 files), so the wide paths are the
// tested scalar code widened, not separate transcriptions.
// Everything here has internal linkage on purpose: each ISA file compiles these
// templates with its own -m flags, and a shared (COMDAT) instantiation could hand
// AVX2 code to the portable path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "common.h"
#include "sha256.h"

#include "sha256d.h"

namespace hashpool {
namespace sha256d {
namespace {

// FIPS 180-4 section 4.2.2: SHA-256 round constants.

// FIPS 180-4 section 5.3.3: SHA-256 initial hash value.
constexpr uint32_t kIV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                             0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Padding words: block 2 carries 16 header bytes then 0x80..., length 640 bits; the
// second hash carries the 32-byte digest then 0x80..., length 256 bits.
constexpr uint32_t kPadWord = 0x80000000u;
constexpr uint32_t kBlock2Bits = 640;
constexpr uint32_t kDigestBits = 256;

template <class V>
HP_ALWAYS_INLINE V splat(uint32_t x) {
  return V{} + x;
}
template <int N, class V>
HP_ALWAYS_INLINE V ror(V x) {
  return (x >> N) | (x << (32 - N));
}
template <class V>
HP_ALWAYS_INLINE V bsig0(V x) { return ror<2>(x) ^ ror<13>(x) ^ ror<22>(x); }
template <class V>
HP_ALWAYS_INLINE V bsig1(V x) { return ror<6>(x) ^ ror<11>(x) ^ ror<25>(x); }
template <class V>
HP_ALWAYS_INLINE V ssig0(V x) { return ror<7>(x) ^ ror<18>(x) ^ (x >> 3); }
template <class V>
HP_ALWAYS_INLINE V ssig1(V x) { return ror<17>(x) ^ ror<19>(x) ^ (x >> 10); }
template <class V>
HP_ALWAYS_INLINE V bswap_lanes(V x) {
  return (x << 24) | ((x << 8) & 0x00ff0000u) | ((x >> 8) & 0x0000ff00u) | (x >> 24);
}

// Round I on a state kept in s[8] without moving it: role j (a=0..h=7) of round I lives
// in s[(j - I) & 7], so after inlining every index is a constant and s stays in registers.
template <int I, class V>
HP_ALWAYS_INLINE void round(V* s, V kw) {
  V& a = s[(0 - I) & 7];
  V& b = s[(1 - I) & 7];
  V& c = s[(2 - I) & 7];
  V& d = s[(3 - I) & 7];
  V& e = s[(4 - I) & 7];
  V& f = s[(5 - I) & 7];
  V& g = s[(6 - I) & 7];
  V& h = s[(7 - I) & 7];
  const V t1 = h + bsig1(e) + (((f ^ g) & e) ^ g) + kw;
  d = d + t1;
  h = t1 + bsig0(a) + ((a & b) | (c & (a | b)));
}

// Round I when only its new e is needed (the last rounds before the early reject).
template <int I, class V>
HP_ALWAYS_INLINE void round_e_only(V* s, V kw) {
  V& d = s[(3 - I) & 7];
  const V e = s[(4 - I) & 7], f = s[(5 - I) & 7], g = s[(6 - I) & 7], h = s[(7 - I) & 7];
  d = d + h + bsig1(e) + (((f ^ g) & e) ^ g) + kw;
}

// Rounds I..End-1 with message words already in the 16-word window w (w[t & 15] = W_t).
template <int I, int End, class V>
HP_ALWAYS_INLINE void rounds_window(V* s, const V* w) {
  if constexpr (I < End) {
    round<I>(s, w[I & 15] + splat<V>(sha256::kRoundConstants[I]));
    rounds_window<I + 1, End>(s, w);
  }
}

// Rounds I..End-1 expanding the schedule as they go (I >= 16).
template <int I, int End, class V>
HP_ALWAYS_INLINE void rounds_expand(V* s, V* w) {
  if constexpr (I < End) {
    w[I & 15] = ssig1(w[(I - 2) & 15]) + w[(I - 7) & 15] + ssig0(w[(I - 15) & 15]) + w[I & 15];
    round<I>(s, w[I & 15] + splat<V>(sha256::kRoundConstants[I]));
    rounds_expand<I + 1, End>(s, w);
  }
}

// A plain compression of one block per lane: for hash_headers, where lanes hold
// unrelated headers. state and w are in lane form; w is clobbered.
template <class V>
HP_ALWAYS_INLINE void compress(V* state, V* w) {
  V s[8];
  for (int j = 0; j < 8; ++j) s[j] = state[j];
  rounds_window<0, 16>(s, w);
  rounds_expand<16, 64>(s, w);
  for (int j = 0; j < 8; ++j) state[j] = state[j] + s[j];
}

// The nonce kernel. w3 = bswap(nonce) per lane. Returns word 7 of the final SHA-256
// state (digest bytes 28..31 big-endian); the caller byte-swaps it into the digest's most
// significant little-endian word and compares with p.target_top.
template <class V>
HP_ALWAYS_INLINE V final_word7(const detail::Prepared& p, V w3) {
  // Block 2: rounds 0..3 came from prepare(); role j at round 4 sits in s[(j - 4) & 7].
  V s[8];
  s[4] = w3 + splat<V>(p.a4_base);
  s[5] = splat<V>(p.b4);
  s[6] = splat<V>(p.c4);
  s[7] = splat<V>(p.d4);
  s[0] = w3 + splat<V>(p.e4_base);
  s[1] = splat<V>(p.f4);
  s[2] = splat<V>(p.g4);
  s[3] = splat<V>(p.h4);
  // Words 4..15 are padding constants.
  round<4>(s, splat<V>(sha256::kRoundConstants[4] + kPadWord));
  round<5>(s, splat<V>(sha256::kRoundConstants[5]));
  round<6>(s, splat<V>(sha256::kRoundConstants[6]));
  round<7>(s, splat<V>(sha256::kRoundConstants[7]));
  round<8>(s, splat<V>(sha256::kRoundConstants[8]));
  round<9>(s, splat<V>(sha256::kRoundConstants[9]));
  round<10>(s, splat<V>(sha256::kRoundConstants[10]));
  round<11>(s, splat<V>(sha256::kRoundConstants[11]));
  round<12>(s, splat<V>(sha256::kRoundConstants[12]));
  round<13>(s, splat<V>(sha256::kRoundConstants[13]));
  round<14>(s, splat<V>(sha256::kRoundConstants[14]));
  round<15>(s, splat<V>(sha256::kRoundConstants[15] + kBlock2Bits));
  // W16..W31 with the zero padding words dropped from the recurrence.
  V w[16];
  w[0] = splat<V>(p.w16);
  w[1] = splat<V>(p.w17);
  w[2] = splat<V>(p.w18_base) + ssig0(w3);
  w[3] = splat<V>(p.w19_base) + w3;
  w[4] = ssig1(w[2]) + splat<V>(kPadWord);
  w[5] = ssig1(w[3]);
  w[6] = ssig1(w[4]) + splat<V>(kBlock2Bits);
  w[7] = ssig1(w[5]) + w[0];
  w[8] = ssig1(w[6]) + w[1];
  w[9] = ssig1(w[7]) + w[2];
  w[10] = ssig1(w[8]) + w[3];
  w[11] = ssig1(w[9]) + w[4];
  w[12] = ssig1(w[10]) + w[5];
  w[13] = ssig1(w[11]) + w[6];
  w[14] = ssig1(w[12]) + w[7] + splat<V>(ssig0(kBlock2Bits));
  w[15] = ssig1(w[13]) + w[8] + ssig0(w[0]) + splat<V>(kBlock2Bits);
  rounds_window<16, 32>(s, w);
  rounds_expand<32, 64>(s, w);

  // Second hash: its message is the first digest, state words = midstate + block 2.
  V m[16];
  for (int j = 0; j < 8; ++j) m[j] = s[j] + splat<V>(p.midstate[j]);
  V t[8];
  for (int j = 0; j < 8; ++j) t[j] = splat<V>(kIV[j]);
  rounds_window<0, 8>(t, m);
  round<8>(t, splat<V>(sha256::kRoundConstants[8] + kPadWord));
  round<9>(t, splat<V>(sha256::kRoundConstants[9]));
  round<10>(t, splat<V>(sha256::kRoundConstants[10]));
  round<11>(t, splat<V>(sha256::kRoundConstants[11]));
  round<12>(t, splat<V>(sha256::kRoundConstants[12]));
  round<13>(t, splat<V>(sha256::kRoundConstants[13]));
  round<14>(t, splat<V>(sha256::kRoundConstants[14]));
  round<15>(t, splat<V>(sha256::kRoundConstants[15] + kDigestBits));
  // W16..W31 of the second hash; m[j] holds W_j (j < 8) until overwritten by W_{16+j}.
  V x[16];
  x[0] = ssig0(m[1]) + m[0];
  x[1] = splat<V>(ssig1(kDigestBits)) + ssig0(m[2]) + m[1];
  x[2] = ssig1(x[0]) + ssig0(m[3]) + m[2];
  x[3] = ssig1(x[1]) + ssig0(m[4]) + m[3];
  x[4] = ssig1(x[2]) + ssig0(m[5]) + m[4];
  x[5] = ssig1(x[3]) + ssig0(m[6]) + m[5];
  x[6] = ssig1(x[4]) + splat<V>(kDigestBits) + ssig0(m[7]) + m[6];
  x[7] = ssig1(x[5]) + x[0] + splat<V>(ssig0(kPadWord)) + m[7];
  x[8] = ssig1(x[6]) + x[1] + splat<V>(kPadWord);
  x[9] = ssig1(x[7]) + x[2];
  x[10] = ssig1(x[8]) + x[3];
  x[11] = ssig1(x[9]) + x[4];
  x[12] = ssig1(x[10]) + x[5];
  x[13] = ssig1(x[11]) + x[6];
  x[14] = ssig1(x[12]) + x[7] + splat<V>(ssig0(kDigestBits));
  x[15] = ssig1(x[13]) + x[8] + ssig0(x[0]) + splat<V>(kDigestBits);
  rounds_window<16, 32>(t, x);
  rounds_expand<32, 57>(t, x);
  // Word 7 of the result is e after round 60 (h64 = g63 = f62 = e61), so the last
  // four rounds need only their e and the final three are skipped.
  x[57 & 15] = ssig1(x[55 & 15]) + x[50 & 15] + ssig0(x[42 & 15]) + x[41 & 15];
  round_e_only<57>(t, x[57 & 15] + splat<V>(sha256::kRoundConstants[57]));
  x[58 & 15] = ssig1(x[56 & 15]) + x[51 & 15] + ssig0(x[43 & 15]) + x[42 & 15];
  round_e_only<58>(t, x[58 & 15] + splat<V>(sha256::kRoundConstants[58]));
  x[59 & 15] = ssig1(x[57 & 15]) + x[52 & 15] + ssig0(x[44 & 15]) + x[43 & 15];
  round_e_only<59>(t, x[59 & 15] + splat<V>(sha256::kRoundConstants[59]));
  x[60 & 15] = ssig1(x[58 & 15]) + x[53 & 15] + ssig0(x[45 & 15]) + x[44 & 15];
  round_e_only<60>(t, x[60 & 15] + splat<V>(sha256::kRoundConstants[60]));
  return t[(4 - 61) & 7] + splat<V>(kIV[7]);
}

template <class V>
HP_ALWAYS_INLINE void set_lane(V& v, int lane, uint32_t x) {
  if constexpr (std::is_same_v<V, uint32_t>) {
    (void)lane;
    v = x;
  } else {
    v[lane] = x;
  }
}
template <class V>
HP_ALWAYS_INLINE uint32_t get_lane(const V& v, int lane) {
  if constexpr (std::is_same_v<V, uint32_t>) {
    (void)lane;
    return v;
  } else {
    return v[lane];
  }
}

// sha256d of `count` unrelated 80-byte headers, kLanes at a time (the share check path,
// so the transposition in and out is plain scalar code).
template <class V, int kLanes>
void hash_headers_lanes(const uint8_t* headers, size_t count, uint8_t* out) {
  for (size_t base = 0; base < count; base += kLanes) {
    const int n = count - base < kLanes ? static_cast<int>(count - base) : kLanes;
    V state[8], w[16];
    for (int j = 0; j < 8; ++j) state[j] = splat<V>(kIV[j]);
    for (int j = 0; j < 16; ++j) {
      w[j] = V{};
      for (int lane = 0; lane < n; ++lane) set_lane(w[j], lane, read_be32(headers + (base + lane) * 80 + 4 * j));
    }
    compress(state, w);
    for (int j = 0; j < 16; ++j) {
      w[j] = V{};
      if (j < 4)
        for (int lane = 0; lane < n; ++lane) set_lane(w[j], lane, read_be32(headers + (base + lane) * 80 + 64 + 4 * j));
    }
    w[4] = splat<V>(kPadWord);
    w[15] = splat<V>(kBlock2Bits);
    compress(state, w);
    for (int j = 0; j < 8; ++j) w[j] = state[j];
    for (int j = 8; j < 16; ++j) w[j] = V{};
    w[8] = splat<V>(kPadWord);
    w[15] = splat<V>(kDigestBits);
    for (int j = 0; j < 8; ++j) state[j] = splat<V>(kIV[j]);
    compress(state, w);
    for (int lane = 0; lane < n; ++lane)
      for (int j = 0; j < 8; ++j) write_be32(out + (base + lane) * 32 + 4 * j, get_lane(state[j], lane));
  }
}

}  // namespace
}  // namespace sha256d
}  // namespace hashpool
