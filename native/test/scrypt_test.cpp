#include <atomic>
#include <chrono>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cpu_features.h"
#include "harness.h"
#include "pbkdf2.h"
#include "scrypt.h"
#include "target.h"
#include "vectors.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

uint64_t param(const Vector& v, const char* key) { return std::stoull(v.params.at(key)); }

std::vector<uint8_t> pow_hashes(const PowBackend& backend, const std::vector<uint8_t>& headers,
                                uint32_t n) {
  std::vector<uint8_t> out(headers.size() / 80 * 32);
  backend.hash_headers(headers.data(), headers.size() / 80, n, out.data());
  return out;
}

// Backends this CPU can run, other than the portable reference.
std::vector<const PowBackend*> simd_backends() {
  std::vector<const PowBackend*> out;
  const BackendList list = scrypt::backends();
  for (size_t i = 0; i < list.count; ++i) {
    const PowBackend* b = list.items[i];
    if (b == &scrypt::kPortable) continue;
    if (!b->supported(cpu_features())) {
      std::printf("    note: %s skipped, CPU lacks its instruction set\n", b->name);
      continue;
    }
    out.push_back(b);
  }
  return out;
}

}  // namespace

TEST(scrypt_backend_list_ends_with_portable) {
  const BackendList list = scrypt::backends();
  CHECK(list.count >= 1);
  CHECK(list.items[list.count - 1] == &scrypt::kPortable);
  CHECK(std::strcmp(scrypt::kPortable.name, "scrypt/portable") == 0);
}

TEST(pbkdf2_rfc7914_vectors) {
  for (const Vector& v : vectors_with_prefix("scrypt.json", "rfc7914_pbkdf2_hmac_sha256")) {
    const auto password = from_hex(v.input_hex);
    const auto salt = from_hex(v.params.at("salt_hex"));
    std::vector<uint8_t> out(param(v, "dklen"));
    pbkdf2::pbkdf2_hmac_sha256(password.data(), password.size(), salt.data(), salt.size(),
                               param(v, "iterations"), out.data(), out.size());
    CHECK_HEX(v.expected_hex, out.data(), out.size());
  }
}

TEST(hmac_sha256_rfc4231_case2_and_long_key) {
  uint8_t out[32];
  const char* key = "Jefe";
  const char* msg = "what do ya want for nothing?";
  pbkdf2::hmac_sha256(reinterpret_cast<const uint8_t*>(key), 4,
                      reinterpret_cast<const uint8_t*>(msg), std::strlen(msg), out);
  CHECK_HEX("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", out, 32);
  // RFC 4231 case 6: 131-byte key (hashed first).
  std::vector<uint8_t> long_key(131, 0xaa);
  const char* msg6 = "Test Using Larger Than Block-Size Key - Hash Key First";
  pbkdf2::hmac_sha256(long_key.data(), long_key.size(), reinterpret_cast<const uint8_t*>(msg6),
                      std::strlen(msg6), out);
  CHECK_HEX("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", out, 32);
}

TEST(scrypt_rfc7914_derive_vectors) {
  for (const Vector& v : vectors_with_prefix("scrypt.json", "rfc7914_scrypt_")) {
    if (v.params.count("p") == 0) continue;  // blockmix/romix records share the prefix
    if (v.name.find("heavy") != std::string::npos && std::getenv("HASHPOOL_SKIP_HEAVY")) {
      std::printf("    note: %s skipped (HASHPOOL_SKIP_HEAVY)\n", v.name.c_str());
      continue;
    }
    const auto password = from_hex(v.input_hex);
    const auto salt = from_hex(v.params.at("salt_hex"));
    std::vector<uint8_t> out(param(v, "dklen"));
    CHECK_MSG(scrypt::derive(password.data(), password.size(), salt.data(), salt.size(),
                             param(v, "N"), static_cast<uint32_t>(param(v, "r")),
                             static_cast<uint32_t>(param(v, "p")), out.data(), out.size()),
              v.name);
    CHECK_HEX(v.expected_hex, out.data(), out.size());
  }
}

TEST(scrypt_rfc7914_building_blocks) {
  for (const Vector& v : vectors_with_prefix("scrypt.json", "rfc7914_salsa20_8_core")) {
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    scrypt::salsa20_8_core(in.data(), out);
    CHECK_HEX(v.expected_hex, out, 64);
  }
  for (const Vector& v : vectors_with_prefix("scrypt.json", "rfc7914_scrypt_blockmix")) {
    const auto in = from_hex(v.input_hex);
    std::vector<uint8_t> out(in.size());
    scrypt::block_mix(in.data(), out.data(), static_cast<uint32_t>(in.size() / 128));
    CHECK_HEX(v.expected_hex, out.data(), out.size());
  }
  for (const Vector& v : vectors_with_prefix("scrypt.json", "rfc7914_scrypt_romix")) {
    auto block = from_hex(v.input_hex);
    CHECK(scrypt::ro_mix(block.data(), param(v, "N"), static_cast<uint32_t>(param(v, "r"))));
    CHECK_HEX(v.expected_hex, block.data(), block.size());
  }
}

TEST(scrypt_pow_vectors_every_backend) {
  std::vector<Vector> pow = vectors_with_prefix("scrypt.json", "ltc_mainnet_genesis_scrypt_pow");
  for (const Vector& v : vectors_with_prefix("scrypt_n.json", "scryptN_")) pow.push_back(v);
  CHECK(pow.size() >= 4);
  std::vector<const PowBackend*> all = simd_backends();
  all.push_back(&scrypt::kPortable);
  for (const Vector& v : pow) {
    const auto header = from_hex(v.input_hex);
    const uint32_t n = v.params.count("N") ? static_cast<uint32_t>(param(v, "N")) : 1024;
    uint8_t out[32];
    scrypt::pow_hash(header.data(), header.size(), n, out);
    CHECK_HEX(v.expected_hex, out, 32);
    if (v.params.count("vertcoin_nfactor")) {
      CHECK(scrypt::n_from_vertcoin_nfactor(param(v, "vertcoin_nfactor")) == n);
      CHECK(scrypt::n_from_pool_nfactor(param(v, "pool_nfactor")) == n);
    }
    // Several copies so every SIMD lane sees the vector, plus a short tail batch.
    std::vector<uint8_t> headers;
    for (int i = 0; i < 11; ++i) headers.insert(headers.end(), header.begin(), header.end());
    for (const PowBackend* b : all) {
      const auto out_all = pow_hashes(*b, headers, n);
      for (int i = 0; i < 11; ++i) CHECK_HEX(v.expected_hex, out_all.data() + 32 * i, 32);
    }
  }
}

TEST(scrypt_vertcoin_nfactor_schedule) {
  for (const Vector& v : vectors_with_prefix("scrypt_n.json", "vtc_nfactor_")) {
    const int64_t t = static_cast<int64_t>(param(v, "timestamp"));
    const unsigned f = scrypt::vertcoin_nfactor_at(t);
    const uint8_t byte = static_cast<uint8_t>(f);
    CHECK_HEX(v.expected_hex, &byte, 1);
    CHECK(scrypt::n_from_vertcoin_nfactor(f) == param(v, "N"));
  }
  CHECK(scrypt::vertcoin_nfactor_at(0) == 10);
  CHECK(scrypt::vertcoin_nfactor_at(INT64_MAX) == 30);
  // Published transitions (node-stratum-pool's scrypt-n time table) and monotonicity.
  CHECK(scrypt::vertcoin_nfactor_at(1657741673) == 14);
  CHECK(scrypt::vertcoin_nfactor_at(1657741672) == 13);
  CHECK(scrypt::vertcoin_nfactor_at(2060394857) == 16);
  unsigned prev = 10;
  for (int64_t t = 1389306217; t < 4000000000LL; t += 999983) {
    const unsigned f = scrypt::vertcoin_nfactor_at(t);
    CHECK(f >= prev);
    prev = f;
  }
  CHECK(scrypt::n_from_pool_nfactor(10) == 1024);
  CHECK(scrypt::n_from_vertcoin_nfactor(63) == 0);
}

TEST(scrypt_general_r_p_matches_ro_mix_composition) {
  // derive() with p > 1 and r > 1 against its definition built from the public pieces.
  const auto password = random_bytes(19, 3), salt = random_bytes(70, 4);
  for (uint32_t r : {1u, 2u, 3u}) {
    for (uint32_t p : {1u, 2u, 3u}) {
      const uint64_t n = 8;
      std::vector<uint8_t> b(128 * r * p);
      pbkdf2::pbkdf2_hmac_sha256(password.data(), password.size(), salt.data(), salt.size(), 1,
                                 b.data(), b.size());
      for (uint32_t i = 0; i < p; ++i) CHECK(scrypt::ro_mix(b.data() + 128 * r * i, n, r));
      uint8_t expected[45], got[45];
      pbkdf2::pbkdf2_hmac_sha256(password.data(), password.size(), b.data(), b.size(), 1,
                                 expected, sizeof(expected));
      CHECK(scrypt::derive(password.data(), password.size(), salt.data(), salt.size(), n, r, p,
                           got, sizeof(got)));
      CHECK(std::memcmp(expected, got, sizeof(got)) == 0);
    }
  }
}

TEST(scrypt_invalid_parameters_rejected) {
  uint8_t out[32];
  std::memset(out, 0x11, sizeof(out));
  const uint8_t pw[1] = {1};
  CHECK(!scrypt::derive(pw, 1, pw, 1, 0, 1, 1, out, 32));
  CHECK(!scrypt::derive(pw, 1, pw, 1, 1, 1, 1, out, 32));
  CHECK(!scrypt::derive(pw, 1, pw, 1, 1000, 1, 1, out, 32));
  CHECK(!scrypt::derive(pw, 1, pw, 1, 16, 0, 1, out, 32));
  CHECK(!scrypt::derive(pw, 1, pw, 1, 16, 1, 0, out, 32));
  CHECK(!scrypt::derive(pw, 1, pw, 1, 16, 1 << 15, 1 << 15, out, 32));  // r*p = 2^30
  CHECK(!scrypt::derive(pw, 1, pw, 1, uint64_t{1} << 63, 1, 1, out, 32));  // 128*r*n overflows
  CHECK(!scrypt::derive(pw, 1, pw, 1, uint64_t{1} << 25, 1, 1, out, 32));  // 4 GiB
  CHECK(!scrypt::derive(pw, 1, pw, 1, 2, 0xffffffffu, 1, out, 32));
  for (uint8_t b : out) CHECK(b == 0x11);
  uint8_t block[128] = {0};
  CHECK(!scrypt::ro_mix(block, 3, 1));
  CHECK(scrypt::derive(pw, 1, pw, 1, 2, 1, 1, out, 32));
  // The PoW paths answer an impossible N with a hash that meets no target.
  uint8_t header[80] = {0};
  for (uint32_t n : {0u, 1u, 3u, 1000u, 0x80000000u}) {
    scrypt::pow_hash(header, 80, n, out);
    for (uint8_t b : out) CHECK(b == 0xff);
    std::vector<const PowBackend*> all = simd_backends();
    all.push_back(&scrypt::kPortable);
    for (const PowBackend* backend : all) {
      std::memset(out, 0, 32);
      backend->hash_headers(header, 1, n, out);
      for (uint8_t b : out) CHECK(b == 0xff);
      uint8_t target[32];
      std::memset(target, 0xff, 32);
      ScanRequest req;
      req.header = header;
      req.nonce_count = 5;
      req.target = target;
      req.scrypt_n = n;
      ScanResult res;
      backend->scan(req, res);
      CHECK(res.hashes_done == 0 && res.nonces.empty());
    }
  }
}

TEST(scrypt_backends_match_portable_on_random_headers) {
  const auto backends = simd_backends();
  for (uint32_t n : {2u, 16u, 1024u, 2048u}) {
    // Counts around both lane widths (8, 16) and their tails.
    for (size_t count : {size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{17}, size_t{21},
                         size_t{32}}) {
      const auto headers = random_bytes(80 * count, n * 131 + count);
      const auto expected = pow_hashes(scrypt::kPortable, headers, n);
      for (size_t i = 0; i < count; ++i) {
        uint8_t one[32];
        scrypt::pow_hash(headers.data() + 80 * i, 80, n, one);
        CHECK(std::memcmp(one, expected.data() + 32 * i, 32) == 0);
      }
      for (const PowBackend* b : backends)
        CHECK_MSG(pow_hashes(*b, headers, n) == expected,
                  std::string(b->name) + " N=" + std::to_string(n));
    }
  }
}

TEST(scrypt_scan_matches_brute_force) {
  std::vector<const PowBackend*> all = simd_backends();
  all.push_back(&scrypt::kPortable);
  auto header = random_bytes(80, 99);
  uint8_t target[32];
  std::memset(target, 0xff, 32);
  target[31] = 0x1f;  // about one hash in eight qualifies
  // 53 leaves a short SIMD tail, 57 a single-nonce tail; both end at the top of the nonce space.
  for (uint32_t n : {2u, 1024u}) for (uint64_t count : {uint64_t{53}, uint64_t{57}}) {
    const uint32_t start = static_cast<uint32_t>(0x100000000ull - count);
    std::vector<uint32_t> expected;
    for (uint64_t i = 0; i < count; ++i) {
      auto h = header;
      const uint32_t nonce = static_cast<uint32_t>(start + i);
      std::memcpy(h.data() + 76, &nonce, 4);
      uint8_t out[32];
      scrypt::pow_hash(h.data(), 80, n, out);
      if (hash_meets_target(out, target)) expected.push_back(nonce);
    }
    CHECK(expected.size() >= 2);
    for (const PowBackend* b : all) {
      ScanRequest req;
      req.header = header.data();
      req.nonce_start = start;
      req.nonce_count = count;
      req.target = target;
      req.scrypt_n = n;
      ScanResult res;
      b->scan(req, res);
      CHECK_MSG(res.nonces == expected, std::string(b->name));
      CHECK(res.hashes_done == count && !res.cancelled);
      req.max_found = 1;
      ScanResult capped;
      b->scan(req, capped);
      CHECK(capped.nonces.size() == 1 && capped.nonces[0] == expected[0]);
      CHECK(capped.hashes_done == count);
    }
  }
}

TEST(scrypt_scan_cancellation) {
  std::vector<const PowBackend*> all = simd_backends();
  all.push_back(&scrypt::kPortable);
  const auto header = random_bytes(80, 5);
  uint8_t target[32] = {0};
  for (const PowBackend* b : all) {
    std::atomic<bool> cancel{true};
    ScanRequest req;
    req.header = header.data();
    req.nonce_count = uint64_t{1} << 32;
    req.target = target;
    req.scrypt_n = 1024;
    req.cancel = &cancel;
    ScanResult res;
    b->scan(req, res);
    CHECK(res.cancelled);
    CHECK(res.hashes_done < 4096);
  }
}

TEST(scrypt_scan_cancellation_mid_scan_is_prompt) {
  std::vector<const PowBackend*> all = simd_backends();
  all.push_back(&scrypt::kPortable);
  const auto header = random_bytes(80, 6);
  uint8_t target[32] = {0};
  // N = 2^19: one 8-lane batch takes ~0.3 s, so only the kernels' own polling can pass.
  for (uint32_t n : {1024u, 1u << 19})
  for (const PowBackend* b : all) {
    std::atomic<bool> cancel{false};
    ScanRequest req;
    req.header = header.data();
    req.nonce_count = uint64_t{1} << 32;
    req.target = target;
    req.scrypt_n = n;
    req.cancel = &cancel;
    ScanResult res;
    std::thread worker([&] { b->scan(req, res); });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    const auto t0 = std::chrono::steady_clock::now();
    cancel.store(true);
    worker.join();
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(res.cancelled);
    CHECK(res.hashes_done < (uint64_t{1} << 32));
    if (n == 1024) CHECK(res.hashes_done > 0);
    // 50 ms is the budget on an idle core; the slack covers a loaded shared machine. ASan
    // poisons the freed scratchpad (512 MiB here) in time proportional to its size.
#ifdef __SANITIZE_ADDRESS__
    constexpr double kLimitMs = 1000;
#else
    constexpr double kLimitMs = 250;
#endif
    CHECK_MSG(ms < kLimitMs, std::string(b->name) + " took " + std::to_string(ms) + " ms to stop");
    std::printf("    note: %s N=%u stopped %.1f ms after cancel (%llu hashes)\n", b->name, n, ms,
                static_cast<unsigned long long>(res.hashes_done));
  }
}
