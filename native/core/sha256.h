// SHA-256 (FIPS 180-4): compression function backends and a streaming hasher.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hashpool {
namespace sha256 {

// Compresses `nblocks` consecutive 64-byte blocks into `state` (H0..H7 as integers).
using TransformFn = void (*)(uint32_t state[8], const uint8_t* blocks, size_t nblocks);

extern const uint32_t kInitialState[8];

void transform_portable(uint32_t state[8], const uint8_t* blocks, size_t nblocks);
#ifdef ENABLE_SHANI
void transform_shani(uint32_t state[8], const uint8_t* blocks, size_t nblocks);
#endif

// The fastest transform this CPU supports that passed its self-test; chosen once.
TransformFn best_transform();
// Name of best_transform() ("portable", "shani").
const char* best_transform_name();

class Hasher {
 public:
  explicit Hasher(TransformFn transform = best_transform());
  Hasher& update(const uint8_t* data, size_t len);
  void finalize(uint8_t out[32]);
  void reset();

 private:
  TransformFn transform_;
  uint32_t state_[8];
  uint8_t buffer_[64];
  uint64_t total_bytes_ = 0;
};

void hash(const uint8_t* data, size_t len, uint8_t out[32]);
// SHA256(SHA256(data)): Bitcoin's block, transaction and merkle hash.
void hash_double(const uint8_t* data, size_t len, uint8_t out[32]);
// State after compressing the first 64 bytes of a block header: every nonce shares it.
void midstate(const uint8_t block[64], uint32_t state[8]);

}  // namespace sha256
}  // namespace hashpool
