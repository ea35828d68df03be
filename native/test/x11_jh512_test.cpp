#include "harness.h"
#include "x11/jh512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

// Digests of pattern inputs around the block and padding edges, produced by the
// @dashevo/x11-hash-js 1.0.2 stage function (our code agrees with it on lengths 0..300).
const LengthDigest kOracle[] = {
    {1, "7e78713763498e3dd921cbd8a5ac1f8d9875c07aac5e51ff5757fa1f6856ebce9bff462ed20438f6f8f42d4a381b141d6298c1d33a0fce909ef053a9dd818e77"},
    {3, "a6b239d6b42a3a4206ee391c902d5b7035accd0e5893c665913818e0514d3131941bbf1bb43f6d903eeea71625aa3a8c1259069d27888f853102514224791dbe"},
    {55, "2cdfb40aaf99cac05f1a61b6681118b0579d3614669935ce9c199df56db229363e1d2e1f75ad4be65c197bafc1aa528a83fc58cd206aa5cbdc076cfd75bb1343"},
    {56, "cd2bbefa7ce1e9766ad59cd0214342a230892d747b4c7d3696f4d8782b188fec01aebd1f0d71370ade05f64cecb356b41926747d11463e9197da69875cca7dc0"},
    {63, "dcb99950aaed5be8f3b9b09fa44eddf44f29ef7afafe494dac878ff09d4204f8974c72da97b72392fe6a416a96395ecf0859215005fdb43f37c71f2a4b433dd6"},
    {65, "26cb2f1e9a8659ddbe17b580832cc854bc7560fa029d205014ed98aa77863eb06338554331ce880ba04b7d762ba4ae2bb3b6084de1fc7f8a1c68bfb762e9f7c9"},
    {71, "c97b25db13802824ec9ec38f98d8f6e86c89f38fb71225ba44b588998b096c4124ba9fcf670e6f0a3953204c2b164d6e5e87f9b1c873f3f04058da2dc2d90a71"},
    {72, "b210888e625e50ce3709cc351a73a847a798fb5aede344c35ad398599e90253381e882ecfd4a45480faaf9fe4b25f08417d5123e3eecb0cacaeec6979d17baf3"},
    {73, "42ef91793886f6b7b63cd6ec333c1af7132aae18f18c803dfd74febe40bce0f19a483c86642602d8f6532387c491d5e1fded7d7d18a678870d31a53f37e57e1c"},
    {127, "5f5cd87e93c870fc1b957471bc789684829c0f9feae0acb15ce01d41ddd68c3d483191b93ccdef115f47f66d54a7cdcf7c2956825e856129c664a2f0871bd340"},
    {128, "40c83acd94b9eeb4103f63cc532bce4eeee46b57fe511bd9e4f7526e278befdf1d2c97f928c449c1886ea25d5e7622eb321c45e77e77c011b8c072d9fc8c9913"},
    {129, "91d147cf338a9c83377a74a987348c936073364246ba430489d219c8c6f52b9a4b4a0c9e97ed776993ef65af43e8cc9cd444d616e72a9b61d225f56483fa3b7e"},
    {144, "f646b11825ad286047ea9700c2b12160cef7fc745d53270ab1050a28f1bac2a0ea67fa4a3deb8726794b4732ce6a417bc4d49a9790ba2efd346e17c7ad7be999"},
    {1000, "e3fb23c276846b16ef4be74e702f4c85a04bc73928659c140b4648809e84e67e8650cb59066329cc1c34cb9b4db9aa97b821b00e52b9144f33da00583bc2d15a"},
};

// jh512(digest(pattern(0)) || ... || digest(pattern(300))), from the same oracle.
const char kAggregate0To300[] =
    "1e3c0c5269e705e0475743525a11f51fbacee943840820b5416f72751babb060fd6db265ac622fa85d067a2c36b139603ab42cb89c8403f08e4439e094370de0";

}  // namespace

// The genesis stage vector and the empty-message digest.
TEST(jh512_vectors) { CHECK(check_stage_vectors(x11::jh512, "jh512") >= 2); }

TEST(jh512_lengths_around_padding_edges) { check_pattern_digests(x11::jh512, kOracle); }

TEST(jh512_every_length_0_to_300) { check_every_length_0_to_300(x11::jh512, kAggregate0To300); }

TEST(jh512_unaligned_input_and_exact_size_buffers) { check_unaligned_input_exact_size_buffers(x11::jh512); }

TEST(jh512_output_may_alias_input) { check_output_may_alias_input(x11::jh512, {64, 100, 200}, 77); }
