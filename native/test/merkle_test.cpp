#include <cstring>

#include "harness.h"
#include "merkle.h"
#include "sha256.h"
#include "vectors.h"

using namespace hashpool;
using namespace hashpool_test;

TEST(merkle_root_vectors) {
  for (const char* name : {"btc_block_100000_merkle_root", "merkle_odd_count_rule_3_leaves"}) {
    for (const Vector& v : vectors_with_prefix("merkle.json", name)) {
      const auto leaves = from_hex(v.input_hex);
      uint8_t root[32];
      merkle::root(leaves.data(), leaves.size() / 32, root);
      CHECK_HEX(v.expected_hex, root, 32);
    }
  }
}

TEST(merkle_coinbase_branch_vector_and_fold) {
  for (const Vector& v : vectors_with_prefix("merkle.json", "btc_block_100000_coinbase_merkle_branch")) {
    const auto others = from_hex(v.input_hex);
    const auto branch = merkle::coinbase_branch(others.data(), others.size() / 32);
    CHECK_HEX(v.expected_hex, branch.data(), branch.size());
    const auto coinbase = from_hex(vectors_with_prefix("merkle.json", "btc_block_100000_coinbase_txid")[0].expected_hex);
    const auto block_root = vectors_with_prefix("merkle.json", "btc_block_100000_merkle_root")[0].expected_hex;
    uint8_t root[32];
    merkle::fold_branch(coinbase.data(), branch.data(), branch.size() / 32, 0, root);
    CHECK_HEX(block_root, root, 32);
  }
}

TEST(merkle_branch_folds_to_root_for_every_tree_size) {
  for (size_t count = 1; count <= 33; ++count) {
    const auto leaves = random_bytes(32 * count, count);
    uint8_t root[32], folded[32];
    merkle::root(leaves.data(), count, root);
    const auto branch = merkle::coinbase_branch(leaves.data() + 32, count - 1);
    merkle::fold_branch(leaves.data(), branch.data(), branch.size() / 32, 0, folded);
    CHECK(std::memcmp(root, folded, 32) == 0);
  }
}
