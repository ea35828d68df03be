#include "harness.h"
#include "x11/luffa512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {
// Digests from @dashevo/x11-hash-js (an independent implementation) of random_bytes(len,
// 500 + len), at the padding edges; the full 0..300 sweep is in test/hash/x11-luffa512.test.ts.
const LengthDigest kIndependent[] = {
    {1, "a4f2632850193ed3be95e0c5a4aa6089cc5b6f6c3508bc2a82d6ede8b0eed58787b6f1eb5623c44235b6d925996ef3cf7ecbfea586664ed9513392f63f7f423f"},
    {33, "dc63f2d32676895db01f0a30a7017a367351dd0665510507dd9a099a1e75a689283d0c4a22bf22381693a6355584fb2321a7aefbb1be17091b84686c70407824"},
    {80, "29d0ec67cc1b1f40170af31dfff44519f22e8f8f4617612b5eab2ab155600eeafe28573f287c81adb9199ea935d3243cf21123c71a4ec687116513d5e23f6517"},
    {109, "650e9e1c8eeb7622b8101e4591c4de088384bb29fc69cd0480391d3130bf9eb51fde2d154cebebe21f451b7f1ef80b66928b631b7c21f6b00fa4ced8c98440c2"},
    {110, "9c5fea7082aac60522db431dbebe45ca3d0dc4c0fffb78cb5bd7ce55002a6164b8089c7bc13dd9bc5ef68280d5e8dd8a22f629f1ed20c7ee2f2d6b258e5fd51f"},
    {111, "cb6e8f39bbec93c31f7560d7d19df634b09bdb067072bfa6a3d32ddb4586b191cfd991db3d2fe9522d9263d87bb6c56ffca8de8068e157ee2fa429eca373a900"},
    {128, "49e39de1d6ebc286ecb28f2ca8c22238b9a891984f3970c4b1d2728e1a6850d59d4aeaf2a26b1d38eea306f64425e0d3685efbcb24da4b14e619035273d8e19b"},
    {129, "d15f4f3f4176d98b7c078942ca5da7d11b78c63c8b9a8f3b24bb4b46bbe9042a66f5be554f34ae35716d292c9a5660a90bc8ade6472ea32c44b88ea8204568db"},
    {1000, "27c26243755a600f5c69aaa90cae532183aef7d71c3fc344b7c18a90f6ad32d04bd0cf8b701bd27b070b76a2b3f9078c1f64533524ac8712b602902e3a7d0bb9"},
};
}  // namespace

TEST(luffa512_vectors) { CHECK(check_stage_vectors(x11::luffa512, "luffa512") == 2); }

TEST(luffa512_matches_independent_implementation_at_padding_edges) { check_random_digests(x11::luffa512, kIndependent, 500); }

// The X11 chain hashes a 64-byte buffer into itself.
TEST(luffa512_in_place) { check_output_may_alias_input(x11::luffa512, {0, 1, 64, 200}, 21); }

// The output must not depend on bytes outside [data, data + len) nor on alignment.
TEST(luffa512_reads_only_its_input) { check_reads_only_its_input(x11::luffa512); }
