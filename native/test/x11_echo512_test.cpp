#include <cstring>

#include "cpu_features.h"
#include "harness.h"
#include "x11/echo512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

// Digests of random_bytes(len, 77 + len) computed by @dashevo/x11-hash-js (an
// independent port of sphlib), at the padding boundaries and a few multi-block sizes.
const LengthDigest kEchoLengthKats[] = {
    {1,
     "e84aea55c9b1a917d48a631c6f10a9b24974426042e29a77b646f0a4b42dba98"
     "9cca60390d86d7180098de9cd8cce5ec5b801fa2b0daac4617054728e2513240"},
    {3,
     "c773eebd4024555d76d4ae9be873a14b52c5e06e98b5ef851fd47ca915a594d6"
     "1e27ddab81a840392a6bbd06ce2eb298cff6310872c4bbb65147ec6ffcf6f5b8"},
    {55,
     "24d3a43b59939acd56cc9154c92112240fb186601d13eb73f253f9dcf2c7c7b4"
     "fe301e44817b01057448c6d9e3f2f833d6a830b08090fa054014b344f64072a1"},
    {56,
     "3947f3da66a1c36946d059cbc21ff7f6337a4000b05c139503f3758927273be7"
     "02560a14fe25be829ea4a3d8befc045322b6daab18598e027e9901d0963cac09"},
    {63,
     "8f1cd4793fa526ab5a77bfa0ed752154fc61c940f763bd9e2f48c497b59481ea"
     "da86da1879407447d2377455a8db1e0506cacce6cd6ea0610ec56d91fe202bfd"},
    {64,
     "2543434db13ca291cc7b0d9a3a8929967d00a3359941b54ae9f53052c5b105ac"
     "fcbe3e242abe49a27764aeb05ffbbe1d62bc585450fa3f6da6706f257964ae6c"},
    {65,
     "68a37539695ae75bde136c2ce439bde2b830ccefcfeecf08cc88ff0973cafcb3"
     "6b91596bd59b032a2ed3daa753167dcf8a25e7101d5298c73fa0c8515c36a7bd"},
    {109,
     "389c31b022d8c819075c5ff396920ad863982b425ad0476cae754be3083ad35e"
     "920e1eb3a5a998dc2cd83809669858458f7cda0e04ae00a2c26e916119f3f4c5"},
    {110,
     "d6f0da029911bfda70c711c70bac6774c9709e5c89c1baa34d13d9f42bb6b2d8"
     "1f8596d12223fedd59ae5b6426664d2b5f39aa33261f284cc1f18341076f02c3"},
    {111,
     "ba85b69491aeb2e4363d13d7c387bb935e882e6eab7fd836e2c0c48cb9760f23"
     "a9838bd4abcb6fd56437af8e352944dfbe7f2d1e9f72ff31cdaee3640d68bb4f"},
    {112,
     "4ee76635aa4d81206332f1a184fc3a7210e478e9f32c7fadeacb8c492bb48cb1"
     "ea90fe1dc2d6d41e6872097acaf78cce7cd5322e98efbcf8b4ea39490c2a05c9"},
    {127,
     "13730214bea6e363e6686f3f942a62e7b7edbbed38cc665a32b856e48539a9db"
     "71020bb218b5e4d70999936e3f46311424a12b733fbe9fda3e5660d8f4c95796"},
    {128,
     "84bbd7fe28b5502d7dce2ce3202d9bfaf1948627c0558480cbbe51f22ede729e"
     "7ebb3f351a7248389c940afcb98a99350517b3d701b913bddd5c72c0671e41ff"},
    {129,
     "ffa5e79b06e3f3ac3a063b2b64d502999f3aefff190bf59cb7622c1ddc74868f"
     "95dc51db0b8e13022a1882a3c59356b12a64b06a0da0a9e2ce4ec01b80d10fb4"},
    {255,
     "ae64e68a1035d102ffe2decfb2fa6f0b4f5eef8af934a9c60634db91a4f8a839"
     "7f288c13215009e384546ce918be9d9e1840eec52a79d094ad54595d3f027dd0"},
    {256,
     "49b454db3d8236a835d73ba5c70b3198a571ba5f8f71f25181fbdd01f7af6ec6"
     "6afe616499ec6c260e7e14da9b5a068063cd13e4a204328f2e593096afd7beeb"},
    {257,
     "e737d87accf1c3085aaebbfa97159a1c9e3e1b726ea63509752d2c0d98dcaa29"
     "5a957b552f05d835382ecf01b63772f049247dd46817ad9950e740bd707cbaed"},
    {1000,
     "c9fdd38aae19f0e00ce7ec4998a86b4e8815bf4ba9c45104ae70630099467194"
     "e13bd37eb4d48898f8c9c6872d19cc7cfba58518ca91d2ee5ca7d849cd14b7a7"},
    {8191,
     "99a57f3ca45e187c6caecbf2088266b375ccb0fc43e2bae44ebebeb0d6bdbc8b"
     "a7627ec70c2af3f9a584e1d4dfdacc3009fe5592ca5ef389677c225eaf30cb48"},
};

}  // namespace

TEST(echo512_vectors) { CHECK(check_stage_vectors(x11::echo512, "echo512") >= 2); }

TEST(echo512_oracle_lengths) { check_random_digests(x11::echo512, kEchoLengthKats, 77); }

TEST(echo512_null_empty_input) {
  uint8_t a[64], b[64];
  x11::echo512(nullptr, 0, a);
  const uint8_t dummy = 0;
  x11::echo512(&dummy, 0, b);
  CHECK(std::memcmp(a, b, 64) == 0);
}

#ifdef ENABLE_AESNI
// Every length in both ranges covers the one- and two-block padding cases (the
// length field needs 18 bytes) and multi-block inputs.
TEST(echo512_aesni_vectors_and_random) {
  if (!cpu_supports(cpu_features().aes, "AES-NI", "echo512_aesni")) return;
  CHECK(check_stage_vectors(x11::echo512_aesni, "echo512") >= 2);
  check_matches_portable(x11::echo512, x11::echo512_aesni, "echo512_aesni", random_input(0xEC40));
}
#endif
