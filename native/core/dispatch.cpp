#include "dispatch.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "common.h"
#include "scrypt.h"
#include "sha256d.h"
#include "target.h"
#include "x11/x11.h"

namespace hashpool {
namespace dispatch {
namespace {

constexpr size_t kTestNonces = 48;  // not a multiple of any lane count

bool less_le(const uint8_t* a, const uint8_t* b) {
  for (int i = 31; i >= 0; --i)
    if (a[i] != b[i]) return a[i] < b[i];
  return false;
}

bool scan_matches(const PowBackend& candidate, const PowBackend& reference, const uint8_t header[80],
                  uint32_t scrypt_n) {
  // Hash nonces 1000.. with the reference, then use the median as the target.
  std::vector<uint8_t> headers(80 * kTestNonces), hashes(32 * kTestNonces);
  for (size_t i = 0; i < kTestNonces; ++i) {
    std::memcpy(&headers[80 * i], header, 80);
    write_le32(&headers[80 * i + 76], static_cast<uint32_t>(1000 + i));
  }
  reference.hash_headers(headers.data(), kTestNonces, scrypt_n, hashes.data());
  std::vector<const uint8_t*> sorted;
  for (size_t i = 0; i < kTestNonces; ++i) sorted.push_back(&hashes[32 * i]);
  std::sort(sorted.begin(), sorted.end(), less_le);
  uint8_t target[32];
  std::memcpy(target, sorted[kTestNonces / 2], 32);

  std::vector<uint32_t> expected;
  for (size_t i = 0; i < kTestNonces; ++i)
    if (hash_meets_target(&hashes[32 * i], target)) expected.push_back(static_cast<uint32_t>(1000 + i));

  ScanRequest request;
  request.header = header;
  request.nonce_start = 1000;
  request.nonce_count = kTestNonces;
  request.target = target;
  request.scrypt_n = scrypt_n;
  ScanResult result;
  candidate.scan(request, result);
  return result.nonces == expected && result.hashes_done == kTestNonces && !result.cancelled;
}

bool hashes_match(const PowBackend& candidate, const PowBackend& reference, uint32_t scrypt_n) {
  constexpr size_t kHeaders = 19;
  std::vector<uint8_t> headers(80 * kHeaders), want(32 * kHeaders), got(32 * kHeaders);
  uint64_t x = 0x2545f4914f6cdd1dULL;
  for (uint8_t& b : headers) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<uint8_t>(x);
  }
  reference.hash_headers(headers.data(), kHeaders, scrypt_n, want.data());
  candidate.hash_headers(headers.data(), kHeaders, scrypt_n, got.data());
  return want == got && scan_matches(candidate, reference, headers.data(), scrypt_n);
}

const PowBackend* choose_best(PowAlgo algo) {
  const BackendList list = backends_of(algo);
  for (size_t i = 0; i < list.count; ++i) {
    const PowBackend& b = *list.items[i];
    if (b.supported(cpu_features()) && self_test(algo, b)) return &b;
  }
  return &portable(algo);
}

}  // namespace

BackendList backends_of(PowAlgo algo) {
  switch (algo) {
    case PowAlgo::kSha256d:
      return sha256d::backends();
    case PowAlgo::kScrypt:
      return scrypt::backends();
    case PowAlgo::kX11:
      return x11::backends();
  }
  return sha256d::backends();
}

const PowBackend& portable(PowAlgo algo) {
  const BackendList list = backends_of(algo);
  return *list.items[list.count - 1];
}

bool self_test(PowAlgo algo, const PowBackend& candidate) {
  const PowBackend& reference = portable(algo);
  if (algo == PowAlgo::kScrypt) return hashes_match(candidate, reference, 1024) && hashes_match(candidate, reference, 16);
  return hashes_match(candidate, reference, 0);
}

const PowBackend& best(PowAlgo algo) {
  // One function-local static per algorithm: each is self-tested only when first used.
  switch (algo) {
    case PowAlgo::kSha256d: {
      static const PowBackend* const chosen = choose_best(PowAlgo::kSha256d);
      return *chosen;
    }
    case PowAlgo::kScrypt: {
      static const PowBackend* const chosen = choose_best(PowAlgo::kScrypt);
      return *chosen;
    }
    case PowAlgo::kX11:
      break;
  }
  static const PowBackend* const chosen = choose_best(PowAlgo::kX11);
  return *chosen;
}

const PowBackend* find(PowAlgo algo, const char* name) {
  const BackendList list = backends_of(algo);
  for (size_t i = 0; i < list.count; ++i) {
    const PowBackend& b = *list.items[i];
    if (std::strcmp(b.name, name) != 0) continue;
    if (&b == &portable(algo)) return &b;
    return b.supported(cpu_features()) && self_test(algo, b) ? &b : nullptr;
  }
  return nullptr;
}

}  // namespace dispatch
}  // namespace hashpool
