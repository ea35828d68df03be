#include "pbkdf2.h"

#include <cstring>

#include "common.h"

namespace hashpool {
namespace pbkdf2 {

HmacSha256Key::HmacSha256Key(const uint8_t* key, size_t key_len, sha256::TransformFn transform)
    : inner_(transform), outer_(transform) {
  uint8_t block[64] = {0};
  if (key_len > 64) {
    sha256::Hasher(transform).update(key, key_len).finalize(block);
  } else if (key_len > 0) {
    std::memcpy(block, key, key_len);
  }
  uint8_t pad[64];
  for (int i = 0; i < 64; ++i) pad[i] = block[i] ^ 0x36;
  inner_.update(pad, 64);
  for (int i = 0; i < 64; ++i) pad[i] = block[i] ^ 0x5c;
  outer_.update(pad, 64);
}

void HmacSha256Key::mac(const uint8_t* a, size_t a_len, const uint8_t* b, size_t b_len,
                        uint8_t out[32]) const {
  // Copies keep the prepared states reusable; a Hasher is a plain value.
  sha256::Hasher inner = inner_;
  uint8_t digest[32];
  if (a_len > 0) inner.update(a, a_len);
  if (b_len > 0) inner.update(b, b_len);
  inner.finalize(digest);
  sha256::Hasher outer = outer_;
  outer.update(digest, 32).finalize(out);
}

HmacSha256Key HmacSha256Key::with_prefix(const uint8_t* prefix, size_t prefix_len) const {
  HmacSha256Key copy = *this;
  if (prefix_len > 0) copy.inner_.update(prefix, prefix_len);
  return copy;
}

void hmac_sha256(const uint8_t* key, size_t key_len, const uint8_t* msg, size_t msg_len,
                 uint8_t out[32]) {
  HmacSha256Key(key, key_len).mac(msg, msg_len, nullptr, 0, out);
}

void pbkdf2_hmac_sha256(const HmacSha256Key& key, const uint8_t* salt, size_t salt_len,
                        uint64_t iterations, uint8_t* out, size_t out_len) {
  const HmacSha256Key salted = key.with_prefix(salt, salt_len);
  uint32_t block_index = 1;
  while (out_len > 0) {
    uint8_t counter[4];
    write_be32(counter, block_index++);
    uint8_t u[32], t[32];
    salted.mac(counter, 4, nullptr, 0, u);
    std::memcpy(t, u, 32);
    for (uint64_t i = 1; i < iterations; ++i) {
      key.mac(u, 32, nullptr, 0, u);
      for (int k = 0; k < 32; ++k) t[k] ^= u[k];
    }
    const size_t take = out_len < 32 ? out_len : 32;
    std::memcpy(out, t, take);
    out += take;
    out_len -= take;
  }
}

void pbkdf2_hmac_sha256(const uint8_t* password, size_t password_len, const uint8_t* salt,
                        size_t salt_len, uint64_t iterations, uint8_t* out, size_t out_len) {
  pbkdf2_hmac_sha256(HmacSha256Key(password, password_len), salt, salt_len, iterations, out,
                     out_len);
}

}  // namespace pbkdf2
}  // namespace hashpool
