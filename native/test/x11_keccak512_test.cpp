#include "harness.h"
#include "x11/keccak512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

// Digests of pattern inputs around the block and padding edges, produced by the
// @dashevo/x11-hash-js 1.0.2 stage function (our code agrees with it on lengths 0..300).
const LengthDigest kOracle[] = {
    {1, "9e8ca28141be27be1bbc11e5d4304514c548d3ea99a058a9a6802ea4e2357b91c4df65bd97353aa37369d3d74b47ca0902fd197b4171a3297d8c5cee41bba240"},
    {3, "fe4bd1caac2711dd7bae58dc02c74bca8d71c838ae122fc782464be323f83edb2c02f251ef812ebd17272f43693dae491d6eae98c8c729619b90d4cca304e459"},
    {55, "f1d2b3fae94aabf037b79c7d709b758fe39407f15526e138316d06fa2a3d00d15038dec1fac41b7d188f9a2dd54350953cd066a1dc62dbe9935b335adb1d8eee"},
    {56, "84b284d76170b941e1b9b9131300442e09e6d6e9860c80b70b95f0c4801b507bd85fca69b1498ceb0c526c1bd9729aedc18d74174c9e69f2b741bea725106892"},
    {63, "8780365ce80401ba3b5b0694b98c320fa6042c4ff190c4d64076a2a8350c58cf34f6c9cdb363d6b510cc470766a2c9c282a21d4d9f40662fc44feb8a8c72e6a1"},
    {65, "681e7746b8ad6880480bc0f61ff5943bd12f820966fc772ab6a9d7cbc32e2d9a060cc059b9aaa7c8ea2a69d28c4513622c309a7ddfc01502d534344bf1e66e6c"},
    {71, "10c177885e2dc5c2b48cdabb39d5dc81b8d52ba86111eb5bda7b137c638f8c3991e33f68f3e1110dce294f6fb3554a94aa64a3dbb36c48f1d1c6c67f19a85f49"},
    {72, "acb18d5884b06995e177f8e7d8f949274ce96452886847a267d2c81ec95328ee7140023e6914e249a0ac1cdc1808a5710683710fd748c5f297e5264544e81624"},
    {73, "6649f38edb46bd36e36aa2e41fee94353ea1dfcb0f629ad3bea3f66e2996c6dd0b182cccc3fa3fbb52e1b5e734c17b9e8d46a5648c95499b8bc0c496a52cfcba"},
    {127, "2cacab5a748acffaf702d41ddefc69fc3d2a22399e7a95796e01945971bf9ef3b49f46ff0e4c25306a01217781a224401700d1037004c92a5f5104bc5c4ee2bb"},
    {128, "a70627e375c2fb4f29627021fb5e105070b7c01b898f378ba580927277b3c2910d2bee08d95589d2201236994a05b81b5de1980d3bb9c13b043ebd5c008021e2"},
    {129, "4391c3b6ecb986a5a585bacbfd94330fec171a2c317a1f20b02d6df6d596c0311929225481884b18211a119392dd9458b314cc0d1194f670a67ebf761b971857"},
    {144, "c2edc6e8cd672b91e8128d4aeab61e862f524154730949922bf62ed0a38ec25b530a7af413b0629d068de585b116da2db8c95e5eac73c404740b0aa0bfba6464"},
    {1000, "ab8380e7848f1210aa14d0fd88dcd7763a4985f059b15198463f0a102cb6b7bb398cac2d93bd7fdc6c50274773c52c5a1827817b1ad58e5b8b58f4410ec04b3c"},
};

// keccak512(digest(pattern(0)) || ... || digest(pattern(300))), from the same oracle.
const char kAggregate0To300[] =
    "aa9c84aa3db093c9d3b6b23661c553f50f91a790038e00159a39fd6dffa3c33493adb1dd6af61ce4c374ea83979f65ac6db941f32f1610d2fd69d67f75ada6ce";

}  // namespace

// The genesis stage vector and the empty-message digest.
TEST(keccak512_vectors) { CHECK(check_stage_vectors(x11::keccak512, "keccak512") >= 2); }

TEST(keccak512_lengths_around_padding_edges) { check_pattern_digests(x11::keccak512, kOracle); }

TEST(keccak512_every_length_0_to_300) { check_every_length_0_to_300(x11::keccak512, kAggregate0To300); }

TEST(keccak512_unaligned_input_and_exact_size_buffers) { check_unaligned_input_exact_size_buffers(x11::keccak512); }

TEST(keccak512_output_may_alias_input) { check_output_may_alias_input(x11::keccak512, {64, 100, 200}, 77); }
