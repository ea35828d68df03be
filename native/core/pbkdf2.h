// HMAC-SHA256 (RFC 2104) and PBKDF2-HMAC-SHA256 (RFC 8018), the key-stretching layer
// around scrypt's ROMix.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sha256.h"

namespace hashpool {
namespace pbkdf2 {

// A key's inner and outer padded states, hashed once so that every MAC under the same
// key costs only the message blocks plus one outer block.
class HmacSha256Key {
 public:
  HmacSha256Key(const uint8_t* key, size_t key_len,
                sha256::TransformFn transform = sha256::best_transform());
  // HMAC(key, a || b); either part may be empty.
  void mac(const uint8_t* a, size_t a_len, const uint8_t* b, size_t b_len, uint8_t out[32]) const;
  // A copy whose MACs are of prefix || message: PBKDF2 absorbs a long salt once, not per block.
  HmacSha256Key with_prefix(const uint8_t* prefix, size_t prefix_len) const;

 private:
  sha256::Hasher inner_;
  sha256::Hasher outer_;
};

void hmac_sha256(const uint8_t* key, size_t key_len, const uint8_t* msg, size_t msg_len,
                 uint8_t out[32]);

// iterations == 0 is treated as 1 (RFC 8018 requires c >= 1).
void pbkdf2_hmac_sha256(const uint8_t* password, size_t password_len, const uint8_t* salt,
                        size_t salt_len, uint64_t iterations, uint8_t* out, size_t out_len);

// Same, with the key states already prepared (scrypt runs PBKDF2 twice under one key).
void pbkdf2_hmac_sha256(const HmacSha256Key& key, const uint8_t* salt, size_t salt_len,
                        uint64_t iterations, uint8_t* out, size_t out_len);

}  // namespace pbkdf2
}  // namespace hashpool
