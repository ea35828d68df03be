#include "scrypt.h"

#include <atomic>
#include <cstring>
#include <memory>
#include <new>
#include <optional>

#include "common.h"
#include "pbkdf2.h"
#include "target.h"

namespace hashpool {
namespace scrypt {
namespace {

// RFC 7914 caps nothing itself; 2 GiB per scratchpad keeps a bad parameter from taking the
// machine's memory, and still admits the RFC's 1 GiB test vector.
constexpr uint64_t kMaxScratchBytes = uint64_t{1} << 31;

// Hashing a chunk should take well under the 50 ms cancellation budget: about
// 2^15 / N hashes costs 2^16 BlockMix calls (~10 ms portable at N = 1024). At large N a
// chunk shrinks to one batch and the kernels poll the flag themselves.
constexpr uint64_t kScanWorkPerChunk = uint64_t{1} << 15;

constexpr size_t kMaxLanes = 16;  // widest kernel the drivers' stack buffers allow

bool is_pow2_at_least_2(uint64_t n) { return n >= 2 && (n & (n - 1)) == 0; }

// Salsa20/8 core (RFC 7914 section 3) on b ^= x, in place: b = Salsa(b ^ x).
HP_ALWAYS_INLINE void salsa8_xor(uint32_t b[16], const uint32_t x[16]) {
  uint32_t x0 = (b[0] ^= x[0]), x1 = (b[1] ^= x[1]), x2 = (b[2] ^= x[2]), x3 = (b[3] ^= x[3]);
  uint32_t x4 = (b[4] ^= x[4]), x5 = (b[5] ^= x[5]), x6 = (b[6] ^= x[6]), x7 = (b[7] ^= x[7]);
  uint32_t x8 = (b[8] ^= x[8]), x9 = (b[9] ^= x[9]), x10 = (b[10] ^= x[10]), x11 = (b[11] ^= x[11]);
  uint32_t x12 = (b[12] ^= x[12]), x13 = (b[13] ^= x[13]), x14 = (b[14] ^= x[14]),
           x15 = (b[15] ^= x[15]);
  for (int i = 0; i < 8; i += 2) {
    x4 ^= rotl32(x0 + x12, 7);    x8 ^= rotl32(x4 + x0, 9);
    x12 ^= rotl32(x8 + x4, 13);   x0 ^= rotl32(x12 + x8, 18);
    x9 ^= rotl32(x5 + x1, 7);     x13 ^= rotl32(x9 + x5, 9);
    x1 ^= rotl32(x13 + x9, 13);   x5 ^= rotl32(x1 + x13, 18);
    x14 ^= rotl32(x10 + x6, 7);   x2 ^= rotl32(x14 + x10, 9);
    x6 ^= rotl32(x2 + x14, 13);   x10 ^= rotl32(x6 + x2, 18);
    x3 ^= rotl32(x15 + x11, 7);   x7 ^= rotl32(x3 + x15, 9);
    x11 ^= rotl32(x7 + x3, 13);   x15 ^= rotl32(x11 + x7, 18);
    x1 ^= rotl32(x0 + x3, 7);     x2 ^= rotl32(x1 + x0, 9);
    x3 ^= rotl32(x2 + x1, 13);    x0 ^= rotl32(x3 + x2, 18);
    x6 ^= rotl32(x5 + x4, 7);     x7 ^= rotl32(x6 + x5, 9);
    x4 ^= rotl32(x7 + x6, 13);    x5 ^= rotl32(x4 + x7, 18);
    x11 ^= rotl32(x10 + x9, 7);   x8 ^= rotl32(x11 + x10, 9);
    x9 ^= rotl32(x8 + x11, 13);   x10 ^= rotl32(x9 + x8, 18);
    x12 ^= rotl32(x15 + x14, 7);  x13 ^= rotl32(x12 + x15, 9);
    x14 ^= rotl32(x13 + x12, 13); x15 ^= rotl32(x14 + x13, 18);
  }
  b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3;
  b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
  b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11;
  b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
}

// scryptBlockMix on words; `in` and `out` must not overlap.
void block_mix_words(const uint32_t* in, uint32_t* out, uint32_t r) {
  uint32_t x[16];
  std::memcpy(x, in + (2 * size_t{r} - 1) * 16, 64);
  for (size_t i = 0; i < 2 * size_t{r}; ++i) {
    salsa8_xor(x, in + i * 16);
    // Even-indexed outputs fill the first half, odd-indexed the second.
    std::memcpy(out + ((i & 1) * r + i / 2) * 16, x, 64);
  }
}

// With r = 1 BlockMix needs no second buffer: Y0 = Salsa(X0 ^ X1), Y1 = Salsa(X1 ^ Y0).
HP_ALWAYS_INLINE void block_mix_r1(uint32_t x[32]) {
  salsa8_xor(x, x + 16);
  salsa8_xor(x + 16, x);
}

// false if `stop` asked to abandon the hash (x is garbage then).
bool ro_mix_r1(uint32_t x[32], uint32_t* v, uint64_t n, const detail::StopCheck* stop = nullptr) {
  const uint64_t poll = detail::kStopPollInterval - 1;
  for (uint64_t i = 0; i < n; ++i) {
    std::memcpy(v + i * 32, x, 128);
    block_mix_r1(x);
    if ((i & poll) == poll && stop != nullptr && stop->requested(stop->context)) return false;
  }
  for (uint64_t i = 0; i < n; ++i) {
    const uint32_t* vj = v + (x[16] & (n - 1)) * 32;
    for (int k = 0; k < 32; ++k) x[k] ^= vj[k];
    block_mix_r1(x);
    if ((i & poll) == poll && stop != nullptr && stop->requested(stop->context)) return false;
  }
  return true;
}

// ROMix on words. x and y are 32*r words each; the result ends in x. v is 32*r*n words.
void ro_mix_words(uint32_t* x, uint32_t* y, uint32_t* v, uint64_t n, uint32_t r) {
  if (r == 1) {
    ro_mix_r1(x, v, n);
    return;
  }
  const size_t words = 32 * size_t{r};
  for (uint64_t i = 0; i < n; ++i) {
    std::memcpy(v + i * words, x, words * 4);
    block_mix_words(x, y, r);
    std::memcpy(x, y, words * 4);
  }
  const size_t last = words - 16;
  for (uint64_t i = 0; i < n; ++i) {
    // Integerify: the last 64-byte block's first 64 bits, little-endian, mod n.
    const uint64_t j = (x[last] | (uint64_t{x[last + 1]} << 32)) & (n - 1);
    const uint32_t* vj = v + j * words;
    for (size_t k = 0; k < words; ++k) x[k] ^= vj[k];
    block_mix_words(x, y, r);
    std::memcpy(x, y, words * 4);
  }
}

void load_words(const uint8_t* bytes, uint32_t* words, size_t count) {
  for (size_t i = 0; i < count; ++i) words[i] = read_le32(bytes + 4 * i);
}
void store_words(const uint32_t* words, uint8_t* bytes, size_t count) {
  for (size_t i = 0; i < count; ++i) write_le32(bytes + 4 * i, words[i]);
}

bool valid_params(uint64_t n, uint32_t r, uint32_t p) {
  if (!is_pow2_at_least_2(n) || r == 0 || p == 0) return false;
  if (uint64_t{r} * p >= (uint64_t{1} << 30)) return false;
  const uint64_t block_bytes = 128 * uint64_t{r};
  return n <= kMaxScratchBytes / block_bytes;
}

bool valid_pow_n(uint64_t n) { return valid_params(n, 1, 1); }

template <typename T>
std::unique_ptr<T[]> try_alloc(uint64_t count) {
  if (count > SIZE_MAX / sizeof(T)) return nullptr;
  return std::unique_ptr<T[]>(new (std::nothrow) T[static_cast<size_t>(count)]);
}

// The PoW hash with a caller-owned scratchpad of 32*n words.
void pow_hash_with(const uint8_t* data, size_t len, uint32_t n, uint32_t* v, uint8_t out[32]) {
  const pbkdf2::HmacSha256Key key(data, len);
  uint8_t b[128];
  pbkdf2::pbkdf2_hmac_sha256(key, data, len, 1, b, 128);
  uint32_t x[32];
  load_words(b, x, 32);
  ro_mix_r1(x, v, n);
  store_words(x, b, 32);
  pbkdf2::pbkdf2_hmac_sha256(key, b, 128, 1, out, 32);
}

bool portable_mix(uint32_t* x, uint32_t n, uint32_t* scratch, const detail::StopCheck* stop) {
  return ro_mix_r1(x, scratch, n, stop);
}

const detail::LaneKernel kPortableKernel = {1, portable_mix, nullptr};

bool supported_everywhere(const CpuFeatures&) { return true; }

void portable_hash_headers(const uint8_t* headers, size_t count, uint32_t n, uint8_t* out) {
  detail::hash_headers_with(kPortableKernel, headers, count, n, out);
}

void portable_scan(const ScanRequest& request, ScanResult& result) {
  detail::scan_with(kPortableKernel, request, result);
}

// Kernel scratch, 64-byte aligned so SIMD kernels can use aligned loads.
struct Scratch {
  std::unique_ptr<uint32_t[]> storage;
  uint32_t* words = nullptr;

  bool allocate(size_t lanes, uint32_t n) {
    const size_t need = detail::scratch_words(lanes, n);
    if (need == 0 || need > SIZE_MAX - 16) return false;
    storage = try_alloc<uint32_t>(need + 16);
    if (!storage) return false;
    const uintptr_t address = reinterpret_cast<uintptr_t>(storage.get());
    words = storage.get() + ((64 - (address & 63)) & 63) / 4;
    return true;
  }
};

// The kernel to use: `wanted` if its scratch can be allocated, else the one-lane portable
// kernel (a SIMD backend needs lanes x 128*N bytes, which can fail at large N where one
// lane still fits). Null if even that fails or the parameters are invalid.
const detail::LaneKernel* prepare(const detail::LaneKernel& wanted, uint32_t n, Scratch& scratch) {
  if (wanted.lanes == 0 || wanted.lanes > kMaxLanes || !valid_pow_n(n)) return nullptr;
  if (scratch.allocate(wanted.lanes, n)) return &wanted;
  if (wanted.lanes > 1 && scratch.allocate(1, n)) return &kPortableKernel;
  return nullptr;
}


// PoW hashes of the first `live` of in[] (80-byte headers): PBKDF2 per lane, one SIMD
// ROMix over all lanes, PBKDF2 per lane. Spare lanes mix zeros and are never finished.
// false (outs untouched) if `stop` cut the batch short.
bool hash_batch(const detail::LaneKernel& kernel, const uint8_t* const* in, uint8_t* const* outs,
                size_t live, uint32_t n, uint32_t* scratch, const detail::StopCheck* stop) {
  // A single live header is cheaper alone than in a full SIMD batch (the share-check path).
  const detail::LaneKernel* narrowest = &kernel;
  while (narrowest->narrower != nullptr && live <= narrowest->narrower->lanes)
    narrowest = narrowest->narrower;
  const detail::LaneKernel& k = live == 1 ? kPortableKernel : *narrowest;
  std::optional<pbkdf2::HmacSha256Key> keys[kMaxLanes];
  alignas(64) uint32_t x[kMaxLanes * 32];
  uint8_t b[128];
  for (size_t l = 0; l < k.lanes; ++l) {
    if (l < live) {
      keys[l].emplace(in[l], 80);
      pbkdf2::pbkdf2_hmac_sha256(*keys[l], in[l], 80, 1, b, 128);
      load_words(b, x + 32 * l, 32);
    } else {
      std::memset(x + 32 * l, 0, 128);
    }
  }
  if (!k.mix(x, n, scratch, stop)) return false;
  for (size_t l = 0; l < live; ++l) {
    store_words(x + 32 * l, b, 32);
    pbkdf2::pbkdf2_hmac_sha256(*keys[l], b, 128, 1, outs[l], 32);
  }
  return true;
}

bool cancel_requested(const void* context) {
  return static_cast<const std::atomic<bool>*>(context)->load(std::memory_order_relaxed);
}

}  // namespace

namespace detail {

size_t scratch_words(size_t lanes, uint32_t n) {
  const uint64_t words = uint64_t{lanes} * 32 * n;
  if (lanes != 0 && words / lanes / 32 != n) return 0;
  return words > SIZE_MAX ? 0 : static_cast<size_t>(words);
}

void hash_headers_with(const LaneKernel& wanted, const uint8_t* headers, size_t count, uint32_t n,
                       uint8_t* out) {
  if (count == 0) return;
  Scratch scratch;
  const LaneKernel* chosen = prepare(wanted, n, scratch);
  if (chosen == nullptr) {
    std::memset(out, 0xff, count * 32);
    return;
  }
  const LaneKernel& kernel = *chosen;
  const uint8_t* in[kMaxLanes];
  uint8_t* outs[kMaxLanes];
  for (size_t i = 0; i < count; i += kernel.lanes) {
    const size_t live = count - i < kernel.lanes ? count - i : kernel.lanes;
    for (size_t l = 0; l < live; ++l) {
      in[l] = headers + 80 * (i + l);
      outs[l] = out + 32 * (i + l);
    }
    hash_batch(kernel, in, outs, live, n, scratch.words, nullptr);
  }
}

void scan_with(const LaneKernel& wanted, const ScanRequest& request, ScanResult& result) {
  const uint32_t n = request.scrypt_n;
  if (request.nonce_count == 0) return;
  Scratch scratch;
  const LaneKernel* chosen = prepare(wanted, n, scratch);
  if (chosen == nullptr) return;
  const LaneKernel& kernel = *chosen;
  const size_t lanes = kernel.lanes;
  uint8_t headers[kMaxLanes][80];
  uint8_t hashes[kMaxLanes][32];
  const uint8_t* in[kMaxLanes];
  uint8_t* outs[kMaxLanes];
  for (size_t l = 0; l < lanes; ++l) {
    std::memcpy(headers[l], request.header, 76);
    in[l] = headers[l];
    outs[l] = hashes[l];
  }
  const detail::StopCheck stop_check = {cancel_requested, request.cancel};
  const detail::StopCheck* stop = request.cancel != nullptr ? &stop_check : nullptr;
  uint64_t chunk = kScanWorkPerChunk / n / lanes * lanes;
  if (chunk < lanes) chunk = lanes;

  uint64_t done = 0;
  while (done < request.nonce_count) {
    if (request.cancel != nullptr && request.cancel->load(std::memory_order_relaxed)) {
      result.cancelled = true;
      return;
    }
    const uint64_t remaining = request.nonce_count - done;
    const uint64_t this_chunk = remaining < chunk ? remaining : chunk;
    for (uint64_t b = 0; b < this_chunk; b += lanes) {
      const uint64_t live = this_chunk - b < lanes ? this_chunk - b : lanes;
      for (size_t l = 0; l < live; ++l)
        write_le32(headers[l] + 76, static_cast<uint32_t>(request.nonce_start + done + b + l));
      if (!hash_batch(kernel, in, outs, static_cast<size_t>(live), n, scratch.words, stop)) {
        // Only reachable for large N, where one batch outlasts the cancellation budget.
        result.cancelled = true;
        result.hashes_done += b;
        return;
      }
      for (size_t l = 0; l < live; ++l) {
        if (hash_meets_target(hashes[l], request.target) &&
            result.nonces.size() < request.max_found)
          result.nonces.push_back(static_cast<uint32_t>(request.nonce_start + done + b + l));
      }
    }
    done += this_chunk;
    result.hashes_done += this_chunk;
  }
}

}  // namespace detail

void salsa20_8_core(const uint8_t in[64], uint8_t out[64]) {
  uint32_t b[16];
  const uint32_t zero[16] = {0};
  load_words(in, b, 16);
  salsa8_xor(b, zero);
  store_words(b, out, 16);
}

void block_mix(const uint8_t* in, uint8_t* out, uint32_t r) {
  if (r == 0) return;
  const size_t words = 32 * size_t{r};
  std::unique_ptr<uint32_t[]> buffers = try_alloc<uint32_t>(2 * uint64_t{words});
  if (!buffers) return;
  load_words(in, buffers.get(), words);
  block_mix_words(buffers.get(), buffers.get() + words, r);
  store_words(buffers.get() + words, out, words);
}

bool ro_mix(uint8_t* block, uint64_t n, uint32_t r) {
  if (!valid_params(n, r, 1)) return false;
  const size_t words = 32 * size_t{r};
  std::unique_ptr<uint32_t[]> xy = try_alloc<uint32_t>(2 * uint64_t{words});
  std::unique_ptr<uint32_t[]> v = try_alloc<uint32_t>(uint64_t{words} * n);
  if (!xy || !v) return false;
  load_words(block, xy.get(), words);
  ro_mix_words(xy.get(), xy.get() + words, v.get(), n, r);
  store_words(xy.get(), block, words);
  return true;
}

bool derive(const uint8_t* password, size_t password_len, const uint8_t* salt, size_t salt_len,
            uint64_t n, uint32_t r, uint32_t p, uint8_t* out, size_t out_len) {
  if (!valid_params(n, r, p)) return false;
  if (uint64_t{out_len} > uint64_t{0xffffffff} * 32) return false;
  const size_t words = 32 * size_t{r};
  std::unique_ptr<uint8_t[]> b = try_alloc<uint8_t>(128 * uint64_t{r} * p);
  std::unique_ptr<uint32_t[]> xy = try_alloc<uint32_t>(2 * uint64_t{words});
  std::unique_ptr<uint32_t[]> v = try_alloc<uint32_t>(uint64_t{words} * n);
  if (!b || !xy || !v) return false;
  const pbkdf2::HmacSha256Key key(password, password_len);
  const size_t b_len = 128 * size_t{r} * p;
  pbkdf2::pbkdf2_hmac_sha256(key, salt, salt_len, 1, b.get(), b_len);
  for (uint32_t i = 0; i < p; ++i) {
    uint8_t* block = b.get() + 128 * size_t{r} * i;
    load_words(block, xy.get(), words);
    ro_mix_words(xy.get(), xy.get() + words, v.get(), n, r);
    store_words(xy.get(), block, words);
  }
  pbkdf2::pbkdf2_hmac_sha256(key, b.get(), b_len, 1, out, out_len);
  return true;
}

void pow_hash(const uint8_t* data, size_t len, uint32_t n, uint8_t out[32]) {
  std::unique_ptr<uint32_t[]> v;
  if (valid_pow_n(n)) v = try_alloc<uint32_t>(uint64_t{32} * n);
  if (!v) {
    std::memset(out, 0xff, 32);
    return;
  }
  pow_hash_with(data, len, n, v.get(), out);
}

uint64_t n_from_vertcoin_nfactor(unsigned f) { return f >= 63 ? 0 : uint64_t{1} << (f + 1); }
uint64_t n_from_pool_nfactor(unsigned f) { return f >= 64 ? 0 : uint64_t{1} << f; }

unsigned vertcoin_nfactor_at(int64_t block_time) {
  // Constants of Vertcoin's GetNfactor (yacoin-derived), see test/vectors/scrypt_n.json.
  constexpr int64_t kChainStart = 1389306217;
  constexpr int kMinNfactor = 10, kMaxNfactor = 30;
  if (block_time <= kChainStart) return kMinNfactor;
  int64_t s = block_time - kChainStart;
  int l = 0;
  while ((s >> 1) > 3) {
    ++l;
    s >>= 1;
  }
  s &= 3;
  int nfactor = static_cast<int>((l * 158 + s * 28 - 2670) / 100);  // C truncating division
  if (nfactor < kMinNfactor) nfactor = kMinNfactor;
  if (nfactor > kMaxNfactor) nfactor = kMaxNfactor;
  return static_cast<unsigned>(nfactor);
}

const PowBackend kPortable = {"scrypt/portable", supported_everywhere, portable_hash_headers,
                              portable_scan};

BackendList backends() {
  static const PowBackend* const kItems[] = {
#ifdef ENABLE_AVX512
      &kAvx512x16,
      &kAvx512,
#endif
#ifdef ENABLE_AVX2
      &kAvx2x16,
      &kAvx2,
#endif
      &kPortable};
  return {kItems, sizeof(kItems) / sizeof(kItems[0])};
}

}  // namespace scrypt
}  // namespace hashpool
