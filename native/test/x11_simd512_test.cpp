#include <cstring>

#include "cpu_features.h"
#include "harness.h"
#include "x11/simd512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

// Digests of random_bytes(len, 77 + len) computed by @dashevo/x11-hash-js (an
// independent port of sphlib), at the padding boundaries and a few multi-block sizes.
const LengthDigest kSimdLengthKats[] = {
    {1,
     "431e6df216e91088eeae27f86de52a37b920225748874212cb93fd8dcb122e85"
     "3d768d8624bbb3c74993ef3a6152e07099bf925f41984226e9f08f5bb3ab3725"},
    {3,
     "df91b1d11905c6e8f5734999a5e69e715237458861b6d1a2ea1889fc9aea08f8"
     "c1776df69ada5a58280716eb78c1f141a575d91656626081d847e602e2c51c69"},
    {55,
     "6df63465d0c9b14ec5008d930145fbd4f3761952eec3de776dbf548f73325606"
     "7677ff80a023568ed461e1f0653d027bb0df0017914e6d1a344e5f8f5a63001c"},
    {56,
     "07c9b54d47a2698e5da4991ee108116014a91b591904efa4fe183ea88bd0f028"
     "194653825921a85d4f4ffb99255de60ba3b66aea5621104ea87fd183e16267c9"},
    {63,
     "abc93b4b31ad771baded95e87a1a2a7dbea521ced5a9b2fe6d5747fd43dd7c5a"
     "184fd5feffde5fbb8a053d4eee3fcbf4192f0c8fcc3747c5732075c58b59ce0c"},
    {64,
     "66cd21c8701571d13326150007f68db34603a2c774cd550f13b51bd9c91abdf8"
     "b7047fc54a309b0a9106066137c584972c1f515931334af074ee9a5308029940"},
    {65,
     "2bb22b1d10c39b62b32e7d2fd3107960d0ff8953314f4e6254f192b4b4c23322"
     "d0e8a0e62cb348655636f95d690db272737757c091b405a418d9f6c027009ce2"},
    {109,
     "4fcae3c60be7bf2ae9b03e80ed6af9f8c47443ca3966706b242c7b0a367c020a"
     "664133b18c714bf668f396a5264cd3693a093095f86416b42efaa7bdc6a12200"},
    {110,
     "f01db64dbe4177d8c584e51067a4c0cc324cd38b68cd8a360fc5e84b5888b20e"
     "43acb08498f98ff1ab70dc318a30f23c9ecf8c15bfe869dc6c52ca845bb3ce09"},
    {111,
     "829044d37d6b617f13f65b820243a9fce9005b010cca4906a18faceb7913a136"
     "40eb634d9ef19d15cd8849a14004e0ebc1aacf86b33ea5ce1c31b45a8af4eb55"},
    {112,
     "062a29e5fb3bd83173c9fd3c4344f7bfd9b374a50e20f7d95e2b1f7302735b6a"
     "f420e82d3de0c40b8e9ed72b11cdab182670ba252691e8fd7f1d8b1dc9b2ab56"},
    {127,
     "f6d1db76736b02deeb952a38a486a7c516f735e91eaea95d0639dbc603b48ee6"
     "efa7aad1af32c29260f5a0022414a70fc529c882d4680574397fc324b5ee71ed"},
    {128,
     "87aa7e35769151cca7cc6082f93e6eeb4b0adcc01eacfb077cfdd4d8219b7f8e"
     "0fbe802fece9cb28df59725540d78fb32f44adbaecabec147b1b8a0e067208d8"},
    {129,
     "f03b32c758d5f479f362787ce4acb2e463328f373b73658ea9422633ca9e3569"
     "bf1c0d7663300f774cfae9d59ede54840de96f376fb792559c3fbbd7dee634ed"},
    {255,
     "4a985dabf51c73c2662a14409a444d98ac64fdcfce148ec4a312084f29d39811"
     "033b94774fb83200192a64a5a26f9fc3b1a3684b395b119310b6f68a1a42f6f3"},
    {256,
     "456b9f267d759cdf743fb6c60f65f6b59513d6ddb65c7bfd596e5a179a31710d"
     "6c2f4e38c8fb08a4c5bbd2843b9bf8334494926a24457c800fcdd50aaa49580f"},
    {257,
     "40cca553a1703aa02058d7815dde62980f2a0658a6cc782fc75a76a52831330a"
     "b4330cf9ac5e442cf3c6c3867ad488e758b94c0c09602aecaeb23f42b73f121e"},
    {1000,
     "e4faeac1a5a89458de807bc33e3519daefb13c0832f416414261e5a6e4d5a843"
     "73aa474d432437a84a35d51dc27bc5fc54a9a63a7084f6c580b5121b75d4fc6e"},
    {8191,
     "4f15f7a77e6a954e62609eefc5d9b03d1457089be56020774387702c8b3292a1"
     "9f91604348ebccff1b8401d8c2176c5c128b49a51b5097758bce8ce94fd4e9e9"},
};

}  // namespace

TEST(simd512_vectors) { CHECK(check_stage_vectors(x11::simd512, "simd512") >= 2); }

TEST(simd512_oracle_lengths) { check_random_digests(x11::simd512, kSimdLengthKats, 77); }

#ifdef ENABLE_AVX2
TEST(simd512_avx2_matches_portable) {
  if (!cpu_supports(cpu_features().avx2, "AVX2", "simd512_avx2")) return;
  CHECK(check_stage_vectors(x11::simd512_avx2, "simd512") >= 2);
  check_random_digests(x11::simd512_avx2, kSimdLengthKats, 77);
  check_matches_portable(x11::simd512, x11::simd512_avx2, "simd512_avx2", random_input(0x51D));
  // Inputs of all-0xFF bytes push every NTT entry to its largest value.
  for (size_t len : {64, 127, 128, 256, 4096}) {
    const std::vector<uint8_t> in(len, 0xFF);
    uint8_t want[64], got[64];
    x11::simd512(in.data(), in.size(), want);
    x11::simd512_avx2(in.data(), in.size(), got);
    CHECK_MSG(std::memcmp(want, got, 64) == 0, "all-0xFF length " + std::to_string(len));
  }
}
#endif

// The length block's shortcut transform against the definition, including bit counts
// far beyond any input a test can build.
TEST(simd512_count_block_transform) {
  using namespace x11::simd512_detail;
  const uint64_t counts[] = {0, 8, 512, 1024, 0xFFFF, 0x10000, 0x123456789ABCDEF0ULL, ~0ULL};
  for (uint64_t bits : counts) {
    uint16_t fast[256];
    ntt_count_block(bits, fast);
    for (int k = 0; k < 256; ++k) {
      uint32_t sum = 0;
      for (int j = 0; j < 8; ++j) sum += ((bits >> (8 * j)) & 0xFF) * kNtt.alpha_pow[(j * k) & 255];
      CHECK_MSG(fast[k] == sum % 257, "bits " + std::to_string(bits) + " k " + std::to_string(k));
    }
  }
}
