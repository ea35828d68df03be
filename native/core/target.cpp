#include "target.h"

#include <cmath>
#include <cstring>

namespace hashpool {
namespace target {
namespace {

// A little-endian integer of 64-bit limbs, wide enough for diff1 * factor * 2^k.
constexpr int kLimbs = 7;  // 448 bits
using Wide = uint64_t[kLimbs];

void shift_left(Wide v, int bits) {
  const int limbs = bits / 64, rest = bits % 64;
  for (int i = kLimbs - 1; i >= 0; --i) {
    const int src = i - limbs;
    uint64_t hi = src >= 0 ? v[src] : 0;
    uint64_t lo = src - 1 >= 0 ? v[src - 1] : 0;
    v[i] = rest ? (hi << rest) | (lo >> (64 - rest)) : hi;
  }
}

void shift_right(Wide v, int bits) {
  const int limbs = bits / 64, rest = bits % 64;
  for (int i = 0; i < kLimbs; ++i) {
    const int src = i + limbs;
    uint64_t lo = src < kLimbs ? v[src] : 0;
    uint64_t hi = src + 1 < kLimbs ? v[src + 1] : 0;
    v[i] = rest ? (lo >> rest) | (hi << (64 - rest)) : lo;
  }
}

void multiply_small(Wide v, uint64_t m) {
  unsigned __int128 carry = 0;
  for (int i = 0; i < kLimbs; ++i) {
    carry += static_cast<unsigned __int128>(v[i]) * m;
    v[i] = static_cast<uint64_t>(carry);
    carry >>= 64;
  }
}

void divide_small(Wide v, uint64_t d) {
  unsigned __int128 rem = 0;
  for (int i = kLimbs - 1; i >= 0; --i) {
    rem = (rem << 64) | v[i];
    v[i] = static_cast<uint64_t>(rem / d);
    rem %= d;
  }
}

// 0xffff * 2^208: the difficulty-1 target of Bitcoin (nBits 0x1d00ffff).
void load_diff1(Wide v) {
  std::memset(v, 0, sizeof(Wide));
  v[3] = 0xffffULL << 16;  // 2^208 = limb 3, bit 16
}

void store_saturated(const Wide v, uint8_t target[32]) {
  bool overflow = false;
  for (int i = 4; i < kLimbs; ++i) overflow |= v[i] != 0;
  for (int i = 0; i < 4; ++i) {
    const uint64_t limb = overflow ? ~0ULL : v[i];
    for (int b = 0; b < 8; ++b) target[8 * i + b] = static_cast<uint8_t>(limb >> (8 * b));
  }
}

long double to_long_double(const uint8_t target[32]) {
  long double v = 0;
  for (int i = 31; i >= 0; --i) v = v * 256.0L + target[i];
  return v;
}

}  // namespace

CompactStatus bits_to_target(uint32_t bits, uint8_t target[32]) {
  std::memset(target, 0, 32);
  const int size = static_cast<int>(bits >> 24);
  uint32_t mantissa = bits & 0x007fffff;
  if (size <= 3) {
    mantissa >>= 8 * (3 - size);
    for (int i = 0; i < 3; ++i) target[i] = static_cast<uint8_t>(mantissa >> (8 * i));
  } else {
    for (int i = 0; i < 3; ++i) {
      const int pos = size - 3 + i;
      if (pos < 32) target[pos] = static_cast<uint8_t>(mantissa >> (8 * i));
    }
  }
  if (mantissa != 0 && (bits & 0x00800000)) return CompactStatus::kNegative;
  const bool overflow = mantissa != 0 && (size > 34 || (mantissa > 0xff && size > 33) ||
                                          (mantissa > 0xffff && size > 32));
  return overflow ? CompactStatus::kOverflow : CompactStatus::kOk;
}

uint32_t target_to_bits(const uint8_t target[32]) {
  int size = 32;
  while (size > 0 && target[size - 1] == 0) --size;
  uint32_t mantissa = 0;
  for (int i = 0; i < 3; ++i) {
    const int pos = size - 1 - i;
    mantissa = (mantissa << 8) | (pos >= 0 ? target[pos] : 0);
  }
  // The top bit of the mantissa is a sign bit: move one byte into the exponent instead.
  if (mantissa & 0x00800000) {
    mantissa >>= 8;
    ++size;
  }
  return static_cast<uint32_t>(size) << 24 | mantissa;
}

bool difficulty_to_target(double difficulty, uint64_t factor, uint8_t target[32]) {
  if (!(difficulty > 0) || std::isinf(difficulty) || factor == 0) return false;
  // difficulty = mantissa * 2^exponent exactly, with a 53-bit integer mantissa.
  int exponent = 0;
  const double fraction = std::frexp(difficulty, &exponent);
  const uint64_t mantissa = static_cast<uint64_t>(std::ldexp(fraction, 53));
  exponent -= 53;
  Wide v;
  load_diff1(v);
  multiply_small(v, factor);
  if (exponent < 0) {
    // A tiny difficulty gives a target past 2^256: saturate rather than overflow the limbs.
    if (-exponent > 64 * kLimbs - 256 - 64) {
      std::memset(target, 0xff, 32);
      return true;
    }
    shift_left(v, -exponent);
  } else {
    shift_right(v, exponent > 64 * kLimbs ? 64 * kLimbs - 1 : exponent);
  }
  divide_small(v, mantissa);
  store_saturated(v, target);
  return true;
}

double target_to_difficulty(const uint8_t target[32], uint64_t factor) {
  const long double t = to_long_double(target);
  if (t == 0) return INFINITY;
  const long double diff1 = 65535.0L * std::ldexp(1.0L, 208);
  return static_cast<double>(diff1 * static_cast<long double>(factor) / t);
}

}  // namespace target
}  // namespace hashpool
