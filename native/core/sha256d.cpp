#include "sha256d.h"

#include <cstring>

#include "common.h"
#include "sha256.h"
#include "sha256d_lanes.h"
#include "target.h"

namespace hashpool {
namespace sha256d {
namespace detail {

void prepare(const uint8_t header[80], const uint8_t target[32], Prepared& p) {
  std::memcpy(p.midstate, sha256::kInitialState, sizeof(p.midstate));
  sha256::transform_portable(p.midstate, header, 1);
  for (int j = 0; j < 3; ++j) p.header_words[j] = read_be32(header + 64 + 4 * j);
  const uint32_t w0 = p.header_words[0], w1 = p.header_words[1], w2 = p.header_words[2];

  uint32_t s[8];
  std::memcpy(s, p.midstate, sizeof(s));
  round<0>(s, w0 + sha256::kRoundConstants[0]);
  round<1>(s, w1 + sha256::kRoundConstants[1]);
  round<2>(s, w2 + sha256::kRoundConstants[2]);
  // Round 3 with W3 left out: both new a and new e are (constant + W3).
  const uint32_t a = s[(0 - 3) & 7], b = s[(1 - 3) & 7], c = s[(2 - 3) & 7], d = s[(3 - 3) & 7];
  const uint32_t e = s[(4 - 3) & 7], f = s[(5 - 3) & 7], g = s[(6 - 3) & 7], h = s[(7 - 3) & 7];
  const uint32_t t1 = h + bsig1(e) + (((f ^ g) & e) ^ g) + sha256::kRoundConstants[3];
  const uint32_t t2 = bsig0(a) + ((a & b) | (c & (a | b)));
  p.a4_base = t1 + t2;
  p.e4_base = d + t1;
  p.b4 = a;
  p.c4 = b;
  p.d4 = c;
  p.f4 = e;
  p.g4 = f;
  p.h4 = g;

  p.w16 = ssig0(w1) + w0;
  p.w17 = ssig1(kBlock2Bits) + ssig0(w2) + w1;
  p.w18_base = ssig1(p.w16) + w2;
  p.w19_base = ssig1(p.w17) + ssig0(kPadWord);
  p.target_top = read_le32(target + 28);
}

void run_scan(const ScanRequest& request, ScanResult& result, ChunkFn chunk) {
  result.nonces.clear();
  result.hashes_done = 0;
  result.cancelled = false;
  const uint64_t space = (uint64_t{1} << 32) - request.nonce_start;
  const uint64_t total = request.nonce_count < space ? request.nonce_count : space;
  if (total == 0 || request.header == nullptr || request.target == nullptr) return;

  Prepared p;
  prepare(request.header, request.target, p);
  uint8_t header[80];
  std::memcpy(header, request.header, sizeof(header));
  uint32_t candidates[kScanChunk];

  uint64_t done = 0;
  while (done < total) {
    if (request.cancel != nullptr && request.cancel->load(std::memory_order_relaxed)) {
      result.cancelled = true;
      break;
    }
    const uint64_t left = total - done;
    const uint32_t count = static_cast<uint32_t>(left < kScanChunk ? left : kScanChunk);
    const uint32_t first = static_cast<uint32_t>(request.nonce_start + done);
    const size_t found = chunk(p, first, count, candidates);
    for (size_t i = 0; i < found && result.nonces.size() < request.max_found; ++i) {
      write_le32(header + 76, candidates[i]);
      uint8_t digest[32];
      sha256::hash_double(header, sizeof(header), digest);
      if (hash_meets_target(digest, request.target)) result.nonces.push_back(candidates[i]);
    }
    done += count;
    result.hashes_done = done;
  }
}

}  // namespace detail

namespace {

size_t chunk_portable(const detail::Prepared& p, uint32_t first, uint32_t count, uint32_t* out) {
  size_t found = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t nonce = first + i;
    const uint32_t word7 = final_word7<uint32_t>(p, __builtin_bswap32(nonce));
    if (__builtin_bswap32(word7) <= p.target_top) out[found++] = nonce;
  }
  return found;
}

void hash_headers_portable(const uint8_t* headers, size_t count, uint32_t, uint8_t* out) {
  hash_headers_lanes<uint32_t, 1>(headers, count, out);
}

void scan_portable(const ScanRequest& request, ScanResult& result) {
  detail::run_scan(request, result, chunk_portable);
}

bool always(const CpuFeatures&) { return true; }

}  // namespace

const PowBackend kPortable = {"sha256d/portable", always, hash_headers_portable, scan_portable};

BackendList backends() {
  // SHA-NI first: on the Zen 4 VM it does ~2x the AVX2 rate, and AVX-512 (double-pumped
  // there) is estimated from its instruction count to land between the two.
  static const PowBackend* const kAll[] = {
#ifdef ENABLE_SHANI
      &kShani,
#endif
#ifdef ENABLE_AVX512
      &kAvx512,
#endif
#ifdef ENABLE_AVX2
      &kAvx2,
#endif
      &kPortable,
  };
  return BackendList{kAll, sizeof(kAll) / sizeof(kAll[0])};
}

}  // namespace sha256d
}  // namespace hashpool
