// Checks shared by the X11 stage tests (native/test/x11_<stage>_test.cpp). Each takes the
// stage function and the data that differs between stages (oracle tables, seeds, names);
// the test files keep their TEST()s, their tables and the assertions on counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "harness.h"
#include "vectors.h"

namespace hashpool_test {

// Every X11 stage: 64-byte digest of `len` bytes (data may be null when len == 0).
using StageFn = void (*)(const uint8_t*, size_t, uint8_t[64]);

// A digest of one input length, from an independent implementation.
struct LengthDigest {
  size_t len;
  const char* hex;
};

// Pattern input: byte i = (7 * i + len) mod 256.
inline std::vector<uint8_t> pattern_input(size_t len) {
  std::vector<uint8_t> out(len);
  for (size_t i = 0; i < len; ++i) out[i] = static_cast<uint8_t>((7 * i + len) & 255);
  return out;
}

// Runs fn on the x11.json vectors of one stage ("<stage>_empty" and the genesis
// "..._<stage>" stage vector), checking each digest; returns how many it ran.
inline size_t check_stage_vectors(StageFn fn, const std::string& stage) {
  const std::string suffix = "_" + stage;
  size_t seen = 0;
  for (const Vector& v : load_vectors("x11.json")) {
    const std::string& name = v.name;
    const bool ends_with_stage = name.size() > suffix.size() &&
                                 name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    if (name != stage + "_empty" && !ends_with_stage) continue;
    ++seen;
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    fn(in.empty() ? nullptr : in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 64);
  }
  return seen;
}

// Input of length len: random_bytes(len, seed_base + len).
inline auto random_input(uint64_t seed_base) {
  return [seed_base](size_t len) { return random_bytes(len, seed_base + len); };
}

// fn(input(len)) against each table digest; input is callable as std::vector<uint8_t>(size_t).
template <class Input>
void check_length_digests(StageFn fn, const LengthDigest* table, size_t count, Input input) {
  for (size_t i = 0; i < count; ++i) {
    const auto in = input(table[i].len);
    uint8_t out[64];
    fn(in.data(), in.size(), out);
    CHECK_HEX(std::string(table[i].hex), out, 64);
  }
}

// Table digests of pattern_input(len).
template <size_t N>
void check_pattern_digests(StageFn fn, const LengthDigest (&table)[N]) {
  check_length_digests(fn, table, N, pattern_input);
}

// Table digests of random_bytes(len, seed_base + len).
template <size_t N>
void check_random_digests(StageFn fn, const LengthDigest (&table)[N], uint64_t seed_base) {
  check_length_digests(fn, table, N, random_input(seed_base));
}

// fn(fn(pattern_input(0)) || ... || fn(pattern_input(300))) against aggregate_hex.
inline void check_every_length_0_to_300(StageFn fn, const char* aggregate_hex) {
  std::vector<uint8_t> digests(64 * 301);
  for (size_t len = 0; len <= 300; ++len) {
    const auto in = pattern_input(len);
    fn(in.data(), len, digests.data() + 64 * len);
  }
  uint8_t out[64];
  fn(digests.data(), digests.size(), out);
  CHECK_HEX(std::string(aggregate_hex), out, 64);
}

// Padding edges must not read past the input: ASan catches that on exact-size heap
// buffers. Every length 0..300, two equal buffers must give equal digests.
inline void check_any_length_deterministic_in_bounds(StageFn fn) {
  for (size_t len = 0; len <= 300; ++len) {
    const auto data = random_bytes(len, 1000 + len);
    std::vector<uint8_t> copy(data.begin(), data.end());
    uint8_t a[64], b[64];
    fn(copy.empty() ? nullptr : copy.data(), copy.size(), a);
    fn(data.empty() ? nullptr : data.data(), data.size(), b);
    CHECK(to_hex(a, 64) == to_hex(b, 64));
  }
}

// Each input sits in a buffer of exactly its size (ASan catches over-reads) and at
// every offset mod 8 (misaligned loads must go through memcpy helpers).
inline void check_unaligned_input_exact_size_buffers(StageFn fn) {
  for (size_t len : {size_t{0}, size_t{1}, size_t{63}, size_t{64}, size_t{65}, size_t{72}, size_t{200}, size_t{1000}, size_t{1100}}) {
    const auto data = random_bytes(len + 8, len);
    uint8_t expected[64];
    {
      std::vector<uint8_t> exact(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(len));
      fn(exact.data(), len, expected);
    }
    for (size_t offset = 1; offset < 8; ++offset) {
      std::vector<uint8_t> shifted(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(len + offset));
      std::memmove(shifted.data() + offset, shifted.data(), len);
      uint8_t out[64];
      fn(shifted.data() + offset, len, out);
      CHECK(std::memcmp(out, expected, 64) == 0);
    }
  }
}

// The X11 chain hashes a 64-byte buffer into itself: for each length, a buffer of
// random_bytes(max(len, 64), seed_base + len) hashed in place gives the out-of-place digest.
inline void check_output_may_alias_input(StageFn fn, std::initializer_list<size_t> lens, uint64_t seed_base) {
  for (size_t len : lens) {
    auto buf = random_bytes(len < 64 ? 64 : len, seed_base + len);
    uint8_t expected[64];
    fn(buf.data(), len, expected);
    fn(buf.data(), len, buf.data());
    CHECK(std::memcmp(buf.data(), expected, 64) == 0);
  }
}

// The output must not depend on bytes outside [data, data + len) nor on alignment.
inline void check_reads_only_its_input(StageFn fn) {
  const auto buf = random_bytes(1200, 7);
  for (size_t len : {0, 1, 31, 32, 33, 63, 64, 65, 109, 110, 127, 128, 129, 1000}) {
    uint8_t a[64], b[64];
    fn(buf.data() + 1, len, a);
    std::vector<uint8_t> copy(buf.begin() + 1, buf.begin() + 1 + len);
    copy.push_back(0xFF);
    fn(copy.data(), len, b);
    CHECK(std::memcmp(a, b, 64) == 0);
  }
}

// False (with a note) when the CPU lacks what an ISA backend needs.
inline bool cpu_supports(bool supported, const char* feature, const char* backend) {
  if (!supported) std::printf("    note: CPU lacks %s, %s not tested\n", feature, backend);
  return supported;
}

// An ISA backend against the portable one on every length 0..300 and 1000..1100 (the
// padding cases and multi-block inputs); input is callable as std::vector<uint8_t>(size_t).
template <class Input>
void check_matches_portable(StageFn portable, StageFn isa, const char* isa_name, Input input) {
  for (size_t len = 0; len <= 1100; len = (len == 300 ? 1000 : len + 1)) {
    const auto in = input(len);
    uint8_t want[64], got[64];
    portable(in.data(), in.size(), want);
    isa(in.data(), in.size(), got);
    CHECK_MSG(std::memcmp(want, got, 64) == 0, std::string(isa_name) + " differs at length " + std::to_string(len));
  }
}

}  // namespace hashpool_test
