#include "harness.h"
#include "x11/shavite512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {
// Digests from @dashevo/x11-hash-js (an independent implementation) of random_bytes(len,
// 500 + len), at the padding edges; the full 0..300 sweep is in test/hash/x11-shavite512.test.ts.
const LengthDigest kIndependent[] = {
    {1, "c928cf08571ecfdbb25c578756c332de4cae45ac11c5152080c1ebc596fdc54a90c2f0359ac5be88e8025174ff2a9d741b20e513779c1ac5aae3e8a6bb9947b1"},
    {33, "456e2451290e97335ae6479a532393b831ceace998dd0de5f9d0f3531a9c179770b76b9f3946d980f169c57bc1b590f04fa8b4f9058e2436de77eafeb65f9764"},
    {80, "c09d5147ed149fbfe93676d83d47d96e8a1e4c4f7fe4e7fd3889b3bad335ce4a44ab32a4e2afa9e941cf91b7b9d093e796d8f4773294e4f65426a66548dd2b8f"},
    {109, "700a77782ddec953575c80973a53698a6cbb2b64551d91852312de75d5485b58d410595c7710832ae4721ff3abad9aa7cd8244b94771fda8b62eca43004dc0a2"},
    {110, "ed7d0f101d389ce99efa9a9fd2fc14575d076d330fead48f184a375bf5aede00dbb44571bf4838eb96ebf073de27914034faa4764d18849e97a46ac4edf4c26c"},
    {111, "13b754ae6d69b1b25210b82aa0011ca16b4ce35f0c06cda711a508da116433759a8cae203d0ade75c5dccab2538aae2d0f2089c4a4533c8fc5937a79f178b1f4"},
    {128, "0c07c10e6914384d569a0897faa1f43e0676791927c3c165e046eb080147c264898a46079278e6ea8d7ff7b1e9150abf9714614bc7ff28e6d5eb37bdf019f055"},
    {129, "fedaabaf4acf278861966298245822130e9e64b13e82da697fba5a0e45d5afb913b0997691d0d1112ae25e570f778ef318d6cc8c8051acb561311b494f377bbf"},
    {1000, "3617a432f416eb59e8b760335527bd28d7d549d1988ae478d6c0a4822cf5765927e7e5eb2032b4194743e8473adc34a8848aa6193d3063bfebfeb64da8647482"},
};
}  // namespace

TEST(shavite512_vectors) { CHECK(check_stage_vectors(x11::shavite512, "shavite512") == 2); }

TEST(shavite512_matches_independent_implementation_at_padding_edges) { check_random_digests(x11::shavite512, kIndependent, 500); }

// The X11 chain hashes a 64-byte buffer into itself.
TEST(shavite512_in_place) { check_output_may_alias_input(x11::shavite512, {0, 1, 64, 200}, 21); }

// The output must not depend on bytes outside [data, data + len) nor on alignment.
TEST(shavite512_reads_only_its_input) { check_reads_only_its_input(x11::shavite512); }

#ifdef ENABLE_AESNI
#include "cpu_features.h"

TEST(shavite512_aesni_matches_portable) {
  if (!cpu_supports(cpu_features().aes, "AES-NI", "shavite512_aesni")) return;
  check_stage_vectors(x11::shavite512_aesni, "shavite512");
  // Prefixes of random_bytes(1100, 11).
  check_matches_portable(x11::shavite512, x11::shavite512_aesni, "shavite512_aesni",
                         [](size_t len) { return random_bytes(len, 11); });
}
#endif
