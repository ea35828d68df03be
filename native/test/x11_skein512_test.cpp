#include "harness.h"
#include "x11/skein512.h"
#include "x11_stage_checks.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

// Digests of pattern inputs around the block and padding edges, produced by the
// @dashevo/x11-hash-js 1.0.2 stage function (our code agrees with it on lengths 0..300).
const LengthDigest kOracle[] = {
    {1, "7e01bc700d6f85ff28d97fe23fd45fb257e0a4e6fcb8a1d77dc530485a746edd37b7095e5730539ca67eebdf3a8364d748ed4c642fb0a6ae80417c407e5f2085"},
    {3, "3a6a7df2b970dd2a904792c2789b9cc2705223a3afb4da8a9ebba57b7f28cca33191411b16065a472167b8e52dfd0dee884996509df32f19d28bc88c816c9bee"},
    {55, "71ced6fef93a6cde25cef199064579141d513d06cbd98e696c19153794372f8269fa883cea2a8493339fc905b6ccccfc0276f659de74035f78ebec1331516baa"},
    {56, "b49742867ee305dbd30d0eb2f483b3c97b57195bca14e2ce3b39f04a608f2fdd01241d4e2e17b71b0dcecd5e503f62a9585ec0d3caba8fc9185de8a85a482627"},
    {63, "0f61143b0fa50d6af0eee3dd7edf034480a9c7ea369bb991408b855a94398fdfa4160dfc4817681fa9283c90cd5e99ee636c295c122e2c07aee0b917e2ad11b5"},
    {65, "b731fdf2763c73598d0bc40bab4c0f1c421fee467ece779472bcaa3f00e3abc795108e80bf97e8282999ea06eed25c0f00223c692961ac195acca9778915db51"},
    {71, "5c339f76a4219d1138881cce01013b1059e4b5c30d1acf1b201a9c33ab3ec2ccaab9891fd4dd0fb5b8d1835bd2e0412c619dab82254ed332c18d7519c3f96f1c"},
    {72, "075178d3125287c95b1555dba716d97c01802c7817e73f4692033c2db539e454d8212712933e17afd2fb7da0cb3896a6adbfde1be75aa78e30ace853caf0ac3d"},
    {73, "c66680c237a9ba574c1803fa1a0a520ad507fa7f842c62409ca97dd5ca10c4b9ce6727813ae70efc8d874eed00b39292f05f555c490e6159301499aae3479376"},
    {127, "1ea197fde9d48485a2ab9770798fb9f6ba866680d2097587033e8cef97fa3c1760cda269a631d99f4b390dfe0d95ac5420fb581fc803f1d06dfb77c9b476a5d3"},
    {128, "a94a4a23b4f7539e4e30257318160bf264ac3e7f31e2213fef4ba181eeb7cf3615b0606e64c7871b7fe22e156ac9a901ad9f7b4d63c64c5c8777ee00f6caa680"},
    {129, "c635222d74e5a9e15e80f280e337249b3fdc500ae5f10ed33d71063d2c7c9fae8174ca5ddc2c6484775efccbf36144f36db781982874d103e9d5906b91054699"},
    {144, "394c1cfd191680f54d4b5383f471ea648b1805e350f1483ddbd6edacafaf64abbd64664955db4d05a4af4368b8191fed860a30a2526ab404917bd56a8dd93efe"},
    {1000, "f330b8640ec7fcbb383ebd9aee301f4258d86c52b0aef7e7208349d0a3be38015a49987361e0751a3f667e95f42564227f9d74b57e89b3fc685486da8833a2a1"},
};

// skein512(digest(pattern(0)) || ... || digest(pattern(300))), from the same oracle.
const char kAggregate0To300[] =
    "58a3bcbdbf4135e4d4189ac92b7ba2e10ee601be82c9f053c2e4b5473947634929bc517c90c583bb58b867bf7bcfd5ddfb67c509bc75bfd96954d7e1a4145db3";

}  // namespace

// The genesis stage vector and the empty-message digest.
TEST(skein512_vectors) { CHECK(check_stage_vectors(x11::skein512, "skein512") >= 2); }

TEST(skein512_lengths_around_padding_edges) { check_pattern_digests(x11::skein512, kOracle); }

TEST(skein512_every_length_0_to_300) { check_every_length_0_to_300(x11::skein512, kAggregate0To300); }

TEST(skein512_unaligned_input_and_exact_size_buffers) { check_unaligned_input_exact_size_buffers(x11::skein512); }

TEST(skein512_output_may_alias_input) { check_output_may_alias_input(x11::skein512, {64, 100, 200}, 77); }
