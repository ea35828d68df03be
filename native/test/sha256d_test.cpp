#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "common.h"
#include "cpu_features.h"
#include "harness.h"
#include "sha256.h"
#include "sha256d.h"
#include "target.h"
#include "vectors.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

// Backends this CPU can run; the rest are named once so a skipped path is visible.
std::vector<const PowBackend*> runnable_backends() {
  std::vector<const PowBackend*> out;
  const BackendList list = sha256d::backends();
  for (size_t i = 0; i < list.count; ++i) {
    if (list.items[i]->supported(cpu_features())) {
      out.push_back(list.items[i]);
    } else {
      static std::vector<std::string> noted;
      bool seen = false;
      for (const auto& n : noted) seen = seen || n == list.items[i]->name;
      if (!seen) {
        noted.push_back(list.items[i]->name);
        std::printf("    note: skipping %s (CPU lacks it)\n", list.items[i]->name);
      }
    }
  }
  return out;
}

std::vector<uint32_t> brute_force(const uint8_t* header, uint32_t start, uint64_t count, const uint8_t* target,
                                  size_t max_found) {
  std::vector<uint32_t> out;
  uint8_t h[80];
  std::memcpy(h, header, 80);
  for (uint64_t i = 0; i < count; ++i) {
    const uint32_t nonce = static_cast<uint32_t>(start + i);
    write_le32(h + 76, nonce);
    uint8_t digest[32];
    sha256::hash_double(h, 80, digest);
    if (hash_meets_target(digest, target) && out.size() < max_found) out.push_back(nonce);
  }
  return out;
}

// Target (little-endian) that a hash meets with probability about 2^-bits.
std::vector<uint8_t> easy_target(int bits) {
  std::vector<uint8_t> t(32, 0xff);
  for (int i = 31; bits >= 8; --i, bits -= 8) t[i] = 0;
  int top = 31;
  while (top >= 0 && t[top] == 0) --top;
  if (bits > 0 && top >= 0) t[top] = static_cast<uint8_t>(0xff >> bits);
  return t;
}

ScanResult run(const PowBackend* b, const uint8_t* header, uint32_t start, uint64_t count, const uint8_t* target,
               uint32_t max_found = 1024, const std::atomic<bool>* cancel = nullptr) {
  ScanRequest req;
  req.header = header;
  req.nonce_start = start;
  req.nonce_count = count;
  req.target = target;
  req.max_found = max_found;
  req.cancel = cancel;
  ScanResult res;
  b->scan(req, res);
  return res;
}

void check_scan(const PowBackend* b, const uint8_t* header, uint32_t start, uint64_t count, const uint8_t* target,
                const std::vector<uint32_t>& expected, const std::string& what) {
  const ScanResult res = run(b, header, start, count, target);
  CHECK_MSG(res.nonces == expected, std::string(b->name) + ": " + what + ": nonces differ (got " +
                                        std::to_string(res.nonces.size()) + ", want " +
                                        std::to_string(expected.size()) + ")");
  CHECK_MSG(res.hashes_done == count, std::string(b->name) + ": " + what + ": hashes_done");
  CHECK(!res.cancelled);
}

}  // namespace

#ifdef ENABLE_SHANI
TEST(sha256_shani_transform_matches_portable) {
  if (!(cpu_features().sha && cpu_features().sse41)) {
    std::printf("    note: skipping transform_shani (CPU lacks SHA-NI)\n");
    return;
  }
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const size_t nblocks = seed % 9;
    const auto data = random_bytes(nblocks * 64, seed);
    const auto init = random_bytes(32, seed + 1000);
    uint32_t a[8], b[8];
    for (int i = 0; i < 8; ++i) a[i] = b[i] = read_le32(init.data() + 4 * i);
    sha256::transform_portable(a, data.data(), nblocks);
    sha256::transform_shani(b, data.data(), nblocks);
    CHECK(std::memcmp(a, b, sizeof(a)) == 0);
  }
  // Whole messages through the streaming hasher, FIPS 180-4 examples included.
  std::vector<size_t> lengths;
  for (size_t len = 0; len <= 300; ++len) lengths.push_back(len);
  for (size_t len : {1000, 4095, 4096, 4097, 5001}) lengths.push_back(len);
  for (size_t len : lengths) {
    const auto data = random_bytes(len, len + 7);
    uint8_t x[32], y[32];
    sha256::Hasher(sha256::transform_portable).update(data.data(), len).finalize(x);
    sha256::Hasher(sha256::transform_shani).update(data.data(), len).finalize(y);
    CHECK(std::memcmp(x, y, 32) == 0);
  }
  uint8_t out[32];
  sha256::Hasher(sha256::transform_shani).update(reinterpret_cast<const uint8_t*>("abc"), 3).finalize(out);
  CHECK_HEX("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", out, 32);
}
#endif

TEST(sha256d_backends_listed_portable_last) {
  const BackendList list = sha256d::backends();
  CHECK(list.count >= 1);
  CHECK(list.items[list.count - 1] == &sha256d::kPortable);
  CHECK(std::string(sha256d::kPortable.name) == "sha256d/portable");
  CHECK(sha256d::kPortable.supported(no_cpu_features()));
}

TEST(sha256d_hash_headers_matches_hash_double) {
  for (const PowBackend* b : runnable_backends()) {
    for (size_t count = 0; count <= 37; count += (count < 18 ? 1 : 19)) {
      const auto headers = random_bytes(count * 80, 500 + count);
      std::vector<uint8_t> out(count * 32 + 1, 0xa5);
      b->hash_headers(headers.data(), count, 0, out.data());
      for (size_t i = 0; i < count; ++i) {
        uint8_t expected[32];
        sha256::hash_double(headers.data() + 80 * i, 80, expected);
        CHECK_MSG(std::memcmp(expected, out.data() + 32 * i, 32) == 0,
                  std::string(b->name) + ": header " + std::to_string(i) + " of " + std::to_string(count));
      }
      CHECK(out[count * 32] == 0xa5);
    }
    for (const Vector& v : vectors_with_prefix("sha256d.json", "btc_mainnet_genesis_header")) {
      const auto in = from_hex(v.input_hex);
      uint8_t out[32];
      b->hash_headers(in.data(), 1, 0, out);
      CHECK_HEX(v.expected_hex, out, 32);
    }
  }
}

TEST(sha256d_scan_matches_brute_force) {
  const auto backends = runnable_backends();
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    const auto header = random_bytes(80, 900 + seed);
    const auto target = easy_target(14);
    const uint32_t start = read_le32(random_bytes(4, seed).data()) & 0x7fffffff;
    const uint64_t count = 100003;
    const auto expected = brute_force(header.data(), start, count, target.data(), 1 << 20);
    CHECK(expected.size() >= 2);
    for (const PowBackend* b : backends) check_scan(b, header.data(), start, count, target.data(), expected, "200k");
  }
  // Short ranges of every length, so lane counts that do not divide them are covered.
  const auto header = random_bytes(80, 77);
  const auto target = easy_target(2);
  for (uint64_t count = 0; count <= 40; ++count) {
    const uint32_t start = 1000u + static_cast<uint32_t>(count) * 97u;
    const auto expected = brute_force(header.data(), start, count, target.data(), 1 << 20);
    for (const PowBackend* b : backends)
      check_scan(b, header.data(), start, count, target.data(), expected, "count " + std::to_string(count));
  }
  // Chunk boundaries.
  for (uint64_t count : {kScanChunk - 1, kScanChunk, kScanChunk + 1, 3 * kScanChunk + 5}) {
    const auto easy = easy_target(6);
    const auto expected = brute_force(header.data(), 12345, count, easy.data(), 1 << 20);
    for (const PowBackend* b : backends)
      check_scan(b, header.data(), 12345, count, easy.data(), expected, "chunk edge " + std::to_string(count));
  }
}

TEST(sha256d_scan_top_of_nonce_space) {
  const auto header = random_bytes(80, 4242);
  const auto target = easy_target(5);
  for (uint64_t count : {uint64_t{1}, uint64_t{3}, uint64_t{9}, uint64_t{5001}, kScanChunk + 3}) {
    const uint32_t start = static_cast<uint32_t>((uint64_t{1} << 32) - count);
    const auto expected = brute_force(header.data(), start, count, target.data(), 1 << 20);
    for (const PowBackend* b : runnable_backends())
      check_scan(b, header.data(), start, count, target.data(), expected, "ends at 0xffffffff, count " + std::to_string(count));
  }
}

TEST(sha256d_scan_target_equal_to_hash) {
  // A target equal to one nonce's hash must accept it and one below must not: this takes
  // the path where the top word ties and only the full comparison decides.
  const auto header = random_bytes(80, 31337);
  uint8_t h[80];
  std::memcpy(h, header.data(), 80);
  const uint32_t nonce = 0x12345678;
  write_le32(h + 76, nonce);
  uint8_t digest[32];
  sha256::hash_double(h, 80, digest);
  uint8_t minus_one[32];
  std::memcpy(minus_one, digest, 32);
  for (int i = 0; i < 32; ++i)
    if (minus_one[i]-- != 0) break;
  for (const PowBackend* b : runnable_backends()) {
    for (const uint8_t* t : {static_cast<const uint8_t*>(digest), static_cast<const uint8_t*>(minus_one)}) {
      const auto expected = brute_force(header.data(), nonce - 20, 41, t, 1 << 20);
      check_scan(b, header.data(), nonce - 20, 41, t, expected, "target == hash");
    }
    CHECK(run(b, header.data(), nonce, 1, digest).nonces.size() == 1);
    CHECK(run(b, header.data(), nonce, 1, minus_one).nonces.empty());
  }
}

TEST(sha256d_scan_max_found_and_cancel) {
  const auto header = random_bytes(80, 5);
  const std::vector<uint8_t> everything(32, 0xff);
  for (const PowBackend* b : runnable_backends()) {
    const ScanResult capped = run(b, header.data(), 100, 10000, everything.data(), 7);
    CHECK((capped.nonces == std::vector<uint32_t>{100, 101, 102, 103, 104, 105, 106}));
    CHECK(capped.hashes_done == 10000);
    CHECK(run(b, header.data(), 0, 50, everything.data(), 0).nonces.empty());

    std::atomic<bool> flag{true};
    const ScanResult stopped = run(b, header.data(), 0, 1u << 30, everything.data(), 1024, &flag);
    CHECK(stopped.cancelled);
    CHECK(stopped.hashes_done <= kScanChunk);
    flag = false;
    const ScanResult not_stopped = run(b, header.data(), 0, 3 * kScanChunk + 1, everything.data(), 2, &flag);
    CHECK(!not_stopped.cancelled);
    CHECK(not_stopped.hashes_done == 3 * kScanChunk + 1);

    CHECK(run(b, header.data(), 77, 0, everything.data()).hashes_done == 0);
  }
}

TEST(sha256d_scan_finds_genesis_nonce) {
  for (const Vector& v : vectors_with_prefix("sha256d.json", "btc_mainnet_genesis_header")) {
    const auto header = from_hex(v.input_hex);
    uint8_t target[32] = {0};
    // nBits 0x1d00ffff: 0xffff * 256^(0x1d - 3), little-endian.
    target[0x1d - 3] = 0xff;
    target[0x1d - 2] = 0xff;
    const uint32_t genesis = 2083236893u;
    for (const PowBackend* b : runnable_backends()) {
      const ScanResult res = run(b, header.data(), genesis - 1000, 2000, target);
      CHECK_MSG((res.nonces == std::vector<uint32_t>{genesis}), std::string(b->name) + ": genesis nonce");
      CHECK(res.hashes_done == 2000);
    }
  }
}
