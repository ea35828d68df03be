#include "harness.h"
#include "x11/groestl512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {
// Digests of pattern inputs (byte i = (7 * i + len) mod 256) around every padding edge,
// produced by @dashevo/x11-hash-js 1.0.2.
const LengthDigest kOracle[] = {
    {1, "4fceeeaa4400cabe6ae5c346c4682e2a8b2ee2f58dff5135e2b37775679e0a8941ad46959738dcf0c6b3c4f970c648c2069e9b7ae51a65e00739a5e64a6db33c"},
    {3, "cae26b3de790a4978d6b403e5d0f4a70902173b8e02dd11d898136fa43f3fcf27c85d85d579e36cf5ac2e74f596403c502bd4e321a8546ef4096ddb252f3a133"},
    {55, "892b66b7f5405ef8a9b0fd48965e939bcbc180ed610def0cc66a602f32b9242949ee4733704d7be45705e4c231956917229a18586e85125caafbda8fb5f589d3"},
    {56, "7f7a00d60d38b436d7185a7e07791eec3200d373e566482c3967e33b34b28b838e28041c069c3edc6292bfe0a680107422455c773ec583f8ed8a67b3246749b6"},
    {63, "7131c6ea45dc7e62156c6cdd64f3f55eb921d6928a14497fadf79b3e0cf8244953e9504a95cf90770751d5328a4bfe6cd76bcbc68875fe92285367c86d67d9ed"},
    {64, "d9db48221b13df5e3ed76e905b0d138abed3cc26c80cdc1ce5ee2264eca95f7ce97a4b51e6d621105cbe74199693b0e1c2b83f16f0eaaa755cb82990643622cf"},
    {65, "3624ee767de4be26a3699e1d41550db4a843c97c86f3a54da08762a548e676639150f52ef55e3f109bd32b500b300e500e2290127dece6dfab84dcd883398201"},
    {80, "9d3aa7bc460432207b6e8abae452d3a2d65a7d94b2ad8234ffc9d0a041509089752305a970e429ffb1397d7af79edf36efbcd18aad58e88bde50badd3b03ea69"},
    {111, "54ba1c64ef33bfe2c2e198d8fb7c94f33f56b759dc9502caf11dd33e45a036ef7653a04b9d80ce690ea8c621d4f90c61f1fcdff631d3fba8a5ae515b7807e6bf"},
    {112, "907612a7594a1d4a65709f90b208227c62cb29ef32b861c107ff782932030d0ec9bfd80b94d7824b8eda9b73cb8726cd1df298301a7b230953c3157d350aa947"},
    {119, "161090d1ff30f11e27ee6d2e1a34f72cb24328e331314b38a74d9b2c53b55f4b865e91f73668a7a23061d540115c0aeb7909c40024da95078a4904fa81b4db2c"},
    {120, "6879652df607eb55b5631a92e2e95c8eb658bc94a76ae0a205ed9e003fcebe1566ee8eebe29d1e777775536e2780a57a01b2ff1d32fbb9e2fdc75083bf8fc96a"},
    {127, "addabe271dd1314d9a5c7e34a1d65892217781e54eeaa5e894637e857bb88817409d1c30f36b7d4995240ff7135344969568d93a7dcfc2ac6bb004344e65aa23"},
    {128, "d73410731c1054cea17e3ce35c7fa8df3ccae60a10cd62d6334b63e125427ca8b101dc9968e3584c40ca334f42cc29eb4546d21056bd0d2f566b32a379f154d0"},
    {129, "125aeb1d520590ab1774fa0369909ac20850347dd4d65c69dc928c57d3949f367439d05698d67de212d4d51aa9b8b8ab107c1052363523f76d58dbf8a7e532d8"},
    {239, "5bb4468b5f5e8aecd554bbf1bbcf4bc8407f070cf1f4f2f31659de0d705974eb4672aa7aa00adfdc0cfed016cc8c96457094a7b47ff8fd05a5e839f8b6fc53ae"},
    {240, "745ccfc6d9d3d5010185f1367f2f5ffb32aabdf0343e9c45f00efbd6620b88e578c1ea48a4ac8d61002e253dd2cd0cc9abdb5b43a6874d84b59021477e37c1ae"},
    {255, "43f3622ef5b8482f7500b0db41a81470e279a059cced3c3c104bcef86b30338daf71c21e2c7e6c38249cd956887a16c191065096551787ac5ea90db67eef0533"},
    {256, "2d708f07305c98e4d076e2254dc55da6af8cf1769ffa972a1dd9e7eeecf594841e05c4ad05ba4a51c74b74ff835d2da9af28836fbadb023bbfc60741d79c9e58"},
    {1000, "ea570789454e01eff7f12c09ebe2c2431d75d9b059384d382606e9a6148658e154d527f8a7fd440be083213218d728048415aa7abe6bd8dbba5f5d543f84ff62"},
};
}  // namespace

TEST(groestl512_vectors) { CHECK(check_stage_vectors(x11::groestl512, "groestl512") == 2); }

// Padding edges must not read past the input: ASan catches that on exact-size heap buffers.
TEST(groestl512_any_length_is_deterministic_and_in_bounds) { check_any_length_deterministic_in_bounds(x11::groestl512); }

TEST(groestl512_matches_oracle_at_padding_edges) { check_pattern_digests(x11::groestl512, kOracle); }

#ifdef ENABLE_AESNI
#include "cpu_features.h"

TEST(groestl512_aesni_matches_portable) {
  if (!cpu_supports(cpu_features().aes, "AES-NI", "groestl512_aesni")) return;
  check_stage_vectors(x11::groestl512_aesni, "groestl512");
  check_pattern_digests(x11::groestl512_aesni, kOracle);
  check_matches_portable(x11::groestl512, x11::groestl512_aesni, "groestl512_aesni", random_input(3000));
}
#endif
