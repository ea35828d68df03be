// Bitcoin merkle trees over 32-byte hashes in internal byte order: pairs hashed with
// SHA256d level by level, an odd last node paired with itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hashpool {
namespace merkle {

// Root of `count` leaves laid end to end. Zero leaves give 32 zero bytes.
void root(const uint8_t* leaves, size_t count, uint8_t out[32]);

// The stratum coinbase branch: given every txid except the coinbase's, the siblings
// on the path from leaf 0 to the root, leaf level first (32 bytes each).
std::vector<uint8_t> coinbase_branch(const uint8_t* other_txids, size_t count);

// Folds `leaf` up `branch` (siblings leaf level first) for a leaf at `index` and
// writes the root it implies.
void fold_branch(const uint8_t leaf[32], const uint8_t* branch, size_t branch_len, uint32_t index,
                 uint8_t out[32]);

}  // namespace merkle
}  // namespace hashpool
