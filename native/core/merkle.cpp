#include "merkle.h"

#include <cstring>

#include "sha256.h"

namespace hashpool {
namespace merkle {
namespace {

void hash_pair(const uint8_t* left, const uint8_t* right, uint8_t out[32]) {
  uint8_t joined[64];
  std::memcpy(joined, left, 32);
  std::memcpy(joined + 32, right, 32);
  sha256::hash_double(joined, 64, out);
}

// Replaces the level in place by its parent level; returns the parent's size.
size_t reduce_level(std::vector<uint8_t>& level, size_t count) {
  const size_t parents = (count + 1) / 2;
  for (size_t i = 0; i < parents; ++i) {
    const uint8_t* left = &level[64 * i];
    const uint8_t* right = 2 * i + 1 < count ? left + 32 : left;
    hash_pair(left, right, &level[32 * i]);
  }
  return parents;
}

}  // namespace

void root(const uint8_t* leaves, size_t count, uint8_t out[32]) {
  if (count == 0) {
    std::memset(out, 0, 32);
    return;
  }
  std::vector<uint8_t> level(leaves, leaves + 32 * count);
  while (count > 1) count = reduce_level(level, count);
  std::memcpy(out, level.data(), 32);
}

std::vector<uint8_t> coinbase_branch(const uint8_t* other_txids, size_t count) {
  // Slot 0 stands for the (unknown) coinbase path; only its siblings are needed.
  std::vector<uint8_t> level(32);
  level.insert(level.end(), other_txids, other_txids + 32 * count);
  size_t nodes = count + 1;
  std::vector<uint8_t> branch;
  while (nodes > 1) {
    branch.insert(branch.end(), level.begin() + 32, level.begin() + 64);
    // Hash every pair except the first; slot 0 keeps standing for the coinbase path.
    const size_t parents = (nodes + 1) / 2;
    for (size_t i = 1; i < parents; ++i) {
      const uint8_t* left = &level[64 * i];
      const uint8_t* right = 2 * i + 1 < nodes ? left + 32 : left;
      hash_pair(left, right, &level[32 * i]);
    }
    nodes = parents;
  }
  return branch;
}

void fold_branch(const uint8_t leaf[32], const uint8_t* branch, size_t branch_len, uint32_t index,
                 uint8_t out[32]) {
  uint8_t h[32];
  std::memcpy(h, leaf, 32);
  for (size_t i = 0; i < branch_len; ++i, index >>= 1) {
    const uint8_t* sibling = branch + 32 * i;
    if (index & 1)
      hash_pair(sibling, h, h);
    else
      hash_pair(h, sibling, h);
  }
  std::memcpy(out, h, 32);
}

}  // namespace merkle
}  // namespace hashpool
