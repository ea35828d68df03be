#include "harness.h"
#include "x11/cubehash512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {
// Digests from @dashevo/x11-hash-js (an independent implementation) of random_bytes(len,
// 500 + len), at the padding edges; the full 0..300 sweep is in test/hash/x11-cubehash512.test.ts.
const LengthDigest kIndependent[] = {
    {1, "68c464313001bad10f4640c8c020615b9812efb63137fd098aaebf94f9831cd4c422f76d82d0bae31a4e85b36f4dbb92522ec004fa79a8b7137fdb4b75e6e64a"},
    {33, "dc67f667d31b41255da6f86f4a9ad418f69d7007ebde034c3fa73ee6f99ab53f04e87c08c953b3999d05793a614a4571cbe30ccde76cea117960e8bb12ca3ee5"},
    {80, "d660cbe97a9e63743a11bf827484893f3385544e06de68864bde74e46f9e3e0420d7d470dc4fc9510caf18c067efa1f91cbebf19175f94158379d6d6b10e949e"},
    {109, "d110d5a5d7911a7c4495aed5fe348a5b936178ea13bea023ecb51244922814bd8e3bb15af3cd96c0d933f436ef88f6769a6679421ce880673c1448c39ad4e6e3"},
    {110, "75a5f82700f01642b404650c43d4e1ded11a666b82ce2ec6c4689bd99138f75608000b31ec8467946016aaaa0359033da2d91992b3345e0706a32e0f4a65d3a3"},
    {111, "7b8fbc102d4ed328f11f9a9c418a4b76aa8ce0c85318531661760d61a095f70c741bdf88ad54361a38c9f54e548187eecb469b7a70d0de99a53a17ffc1c7ffe4"},
    {128, "7d483fd0e9e95a12200144252bf3abda70fa7a467acfdbfacc522dafeb0f3ff92e0699967159cde0b03b8325a534b5c35706364be5b3808e39118b98bd77e398"},
    {129, "4a415d00c184b71d9fbf6dddbb81f178db36dfafd1e543e97392d009eae1c890df4df5d7b17981b913f988008c70619a303b0ea9a2d9aef2abe776e2b2516ce3"},
    {1000, "85e48e6d443c741bafd598e0430e4d96998bb3d21e9b8fa16af5443251bbe22d242b4e4e8f8cfcbe8f90e070982268a149931eb2425708e860e03f282a29a789"},
};
}  // namespace

TEST(cubehash512_vectors) { CHECK(check_stage_vectors(x11::cubehash512, "cubehash512") == 2); }

TEST(cubehash512_matches_independent_implementation_at_padding_edges) { check_random_digests(x11::cubehash512, kIndependent, 500); }

// The X11 chain hashes a 64-byte buffer into itself.
TEST(cubehash512_in_place) { check_output_may_alias_input(x11::cubehash512, {0, 1, 64, 200}, 21); }

// The output must not depend on bytes outside [data, data + len) nor on alignment.
TEST(cubehash512_reads_only_its_input) { check_reads_only_its_input(x11::cubehash512); }
