#include <string>
#include <vector>

#include "harness.h"
#include "vectors.h"
#include "x11/blake512.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {
bool is_blake512_vector(const std::string& name) {
  const std::string suffix = "_blake512";
  return name == "blake512_empty" ||
         (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0);
}

// Digests of pattern inputs (byte i = (7 * i + len) mod 256) around every padding edge,
// produced by @noble/hashes 2.4.0 blake1 (x11-hash-js throws on lengths = 112..127 mod 128).
struct LengthVector {
  size_t len;
  const char* hex;
};
const LengthVector kOracle[] = {
    {1, "df390c157b7a2146b863aba0320d64b5efe0387883f3536b176ad0871a63ade2300614a0ce07aa5ef2a5b7095fad88e02584aaf92c6ad3a7ff84945af89c8f4f"},
    {3, "14d462927b420f994526b43d5b77b6d907d926878168ca0475896a12dfdeebad2bf4b761259f8c1fa976d65da4aaa5c341682529ac0240eb9232f502a0a7dc6a"},
    {55, "fb4f5c4d3b7f90e3d41423a1985daeb760339c937a112a8b40517ac5cfca1fd37294ba6783fde442402626bdf6830494a6c6824a9cfaff2277797c55b730d0fe"},
    {56, "cc0279d7bf774774f21dad40155c1ee22076f092c398069bbe18bf11fcae6f8655fa90ad7f0dec50090687be84910ca1e173f319b8968b46621570f3ee500bda"},
    {63, "5c201a715a9c22211dfbc984b9bde5c974f0a48bf5454bb3230215db4ac8f711716d5864be42b0c0b896a5fdb2e5debf017969923f3b74f1453a78481f076705"},
    {64, "e42ba01f9141d125901e88424708c704ff115fa33068a3e9ee50144bbd1e14ac71ff84df8f884b711048453858766046be8d653f24a63952a862aff4e483d3e1"},
    {65, "9e5b0738e47b7528962d8d9877c1f78be840cc1407748c668f0a6e4d9d3669e1a476d801e0f5575cb94902973b09b00ba7411575738010a9eb43a7757ccc003a"},
    {80, "aaf31da29003bcb5fe6078c44bb25a46704c0a0fd470e8f871c888a0f7f6c7a5e08c90f8d2d6c63f6429b37fedfc668167631dce85539ce0519dcc20e08ad7c2"},
    {111, "aaa94f977014d066f1634e98767d411bad7d2057418712578fcbee4317384664bbc1a3a143879d80a50d42af623690aac782f145ef9df460c9f9333f725e1c40"},
    {112, "6fe868f41e8ebe62bcda7d8778306e15a47fe59aae55e3224965fe75851d72f91925e86f2d1cd3ea2c9f76a248fe5feab57469a9158ea02f0c33627ae9468def"},
    {119, "6afd6c632651285bbc11050cb6dcd4d7ca603f2b8c4e66c330d1466c9a368e1c6a57c363cfe7d616bcb078e89aac4d71ed42825cc0476bcef07b7f4ed843fe00"},
    {120, "12b20c3890154b080d27d6f762d5676493ee63fa2665fdfb9f8ba8da06263545b70a045f781d1a849a135dc893cb6869ccc7a6169ca98418fcad77e3fae42423"},
    {127, "9b266d2336aab4f80b4c39cc71c5769a267a63791e98b07121801a10af8f16ac363aacaf6790dfd9734d3584f2cd68a456973971ae85bdff7d48a0d317df1687"},
    {128, "489ae2a448f38afd132d8aa15782cea63ada8771185cc5726814cdc46da236e119a7553414493d131b603bc095ca11f8064851cabdd52fc875d2e1ffd58fd65d"},
    {129, "47d688b97dfc770d5e24ee8e219ff8eabced4f7762f0435da228994bca8c56ac5bfee397704badcd2b3ce364644715f3321a94ef85453ac3a9fd89f2330b52e4"},
    {239, "1445b206c31ba358fd7ce8f32f374c46c8236e880b71879ea4500264ea15b31ec4ab3be94d0c20565e938f35d67ac6a80f7a9a9409a1bea4da0a581f6bca7977"},
    {240, "b901bdf739dba6209491f3e44b1b4e2fa9e9222682da07bc54bce9079db8b99812a6666634861901b43679af3e2fcf2042a9f5c2a7022c4b38a20cad26420a72"},
    {255, "addd59733b84f810027c9f6dc8e740456dc57345531e8f256ccdd13b066b455eaac8284de98e1beb9973f2c363291708a7b5ef11d1dd0fd78d4524b7d271366e"},
    {256, "bbc5461f905f0415fba682cf62b4d3053ac9c512834368609bb5c862daee40dc675834ebfa07014b070adde82a2ba9e69409361ee6ba2821a20e7c37225da29d"},
    {1000, "371421140c1b648f35b74fb3257cfb12305bd25cf68200dd30c26aa159c37696fa6fe363c4f56ea20fa9cde515ef0b2fc0cad5d61807cc6fd55204749f24f036"},
};
}  // namespace

TEST(blake512_vectors) {
  int seen = 0;
  for (const Vector& v : load_vectors("x11.json")) {
    if (!is_blake512_vector(v.name)) continue;
    ++seen;
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    x11::blake512(in.empty() ? nullptr : in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 64);
  }
  CHECK(seen == 2);
}

// Padding edges must not read past the input: ASan catches that on exact-size heap buffers.
TEST(blake512_any_length_is_deterministic_and_in_bounds) {
  for (size_t len = 0; len <= 300; ++len) {
    const auto data = random_bytes(len, 1000 + len);
    std::vector<uint8_t> copy(data.begin(), data.end());
    uint8_t a[64], b[64];
    x11::blake512(copy.empty() ? nullptr : copy.data(), copy.size(), a);
    x11::blake512(data.empty() ? nullptr : data.data(), data.size(), b);
    CHECK(to_hex(a, 64) == to_hex(b, 64));
  }
}

TEST(blake512_matches_oracle_at_padding_edges) {
  for (const LengthVector& v : kOracle) {
    std::vector<uint8_t> in(v.len);
    for (size_t i = 0; i < v.len; ++i) in[i] = static_cast<uint8_t>(7 * i + v.len);
    uint8_t out[64];
    x11::blake512(in.data(), in.size(), out);
    CHECK_HEX(std::string(v.hex), out, 64);
  }
}
