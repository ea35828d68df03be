#include <cstring>
#include <string>
#include <vector>

#include "harness.h"
#include "vectors.h"
#include "x11/jh512.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {

bool is_jh512_vector(const std::string& name) {
  const std::string suffix = "_jh512";
  return name == "jh512_empty" ||
         (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0);
}

// Pattern input: byte i = (7 * i + len) mod 256.
std::vector<uint8_t> pattern(size_t len) {
  std::vector<uint8_t> out(len);
  for (size_t i = 0; i < len; ++i) out[i] = static_cast<uint8_t>((7 * i + len) & 255);
  return out;
}

// Digests of pattern inputs around the block and padding edges, produced by the
// @dashevo/x11-hash-js 1.0.2 stage function (our code agrees with it on lengths 0..300).
struct LengthVector {
  size_t len;
  const char* hex;
};
const LengthVector kOracle[] = {
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

TEST(jh512_vectors) {
  int seen = 0;
  for (const Vector& v : load_vectors("x11.json")) {
    if (!is_jh512_vector(v.name)) continue;
    ++seen;
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    x11::jh512(in.empty() ? nullptr : in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 64);
  }
  CHECK(seen >= 2);  // the genesis stage vector and the empty-message digest
}

TEST(jh512_lengths_around_padding_edges) {
  for (const LengthVector& v : kOracle) {
    const auto in = pattern(v.len);
    uint8_t out[64];
    x11::jh512(in.data(), in.size(), out);
    CHECK_HEX(std::string(v.hex), out, 64);
  }
}

TEST(jh512_every_length_0_to_300) {
  std::vector<uint8_t> digests(64 * 301);
  for (size_t len = 0; len <= 300; ++len) {
    const auto in = pattern(len);
    x11::jh512(in.data(), len, digests.data() + 64 * len);
  }
  uint8_t out[64];
  x11::jh512(digests.data(), digests.size(), out);
  CHECK_HEX(std::string(kAggregate0To300), out, 64);
}

TEST(jh512_unaligned_input_and_exact_size_buffers) {
  // Each input sits in a buffer of exactly its size (ASan catches over-reads) and at
  // every offset mod 8 (misaligned loads must go through memcpy helpers).
  for (size_t len : {size_t{0}, size_t{1}, size_t{63}, size_t{64}, size_t{65}, size_t{72}, size_t{200}, size_t{1000}, size_t{1100}}) {
    const auto data = random_bytes(len + 8, len);
    uint8_t expected[64];
    {
      std::vector<uint8_t> exact(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(len));
      x11::jh512(exact.data(), len, expected);
    }
    for (size_t offset = 1; offset < 8; ++offset) {
      std::vector<uint8_t> shifted(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(len + offset));
      std::memmove(shifted.data() + offset, shifted.data(), len);
      uint8_t out[64];
      x11::jh512(shifted.data() + offset, len, out);
      CHECK(std::memcmp(out, expected, 64) == 0);
    }
  }
}

TEST(jh512_output_may_alias_input) {
  // The X11 chain may hash a 64-byte buffer in place.
  for (size_t len : {size_t{64}, size_t{100}, size_t{200}}) {
    auto data = random_bytes(len, 77 + len);
    uint8_t expected[64];
    x11::jh512(data.data(), len, expected);
    x11::jh512(data.data(), len, data.data());
    CHECK(std::memcmp(data.data(), expected, 64) == 0);
  }
}
