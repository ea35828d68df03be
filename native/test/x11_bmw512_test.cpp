#include <string>
#include <vector>

#include "harness.h"
#include "vectors.h"
#include "x11/bmw512.h"

using namespace hashpool;
using namespace hashpool_test;

namespace {
bool is_bmw512_vector(const std::string& name) {
  const std::string suffix = "_bmw512";
  return name == "bmw512_empty" ||
         (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0);
}

// Digests of pattern inputs (byte i = (7 * i + len) mod 256) around every padding edge,
// produced by @dashevo/x11-hash-js 1.0.2.
struct LengthVector {
  size_t len;
  const char* hex;
};
const LengthVector kOracle[] = {
    {1, "dfb2669c53042fd77895d994e8d8c9decb08a7d7a4cae2869e8282c1b6b90c67002a335b9f60f7ae6eb0386da61842ec09ae6aad45efd15662925f9bc99fdef2"},
    {3, "43b3726feaa04f44ccae457caac5d5c6b5f2437309e279ae38a054dc70eb1c5bc15770222d3f4ec219247ec13670eefabcca1737bc2a229636bfa4f9712accde"},
    {55, "a35352b94c3291a85b395d0c6ed6dfd649699361d00fb1d27ccb5d55cdd2532f35f7172707cc5c717e107b86f955aeaee5a7e3fd096151379b0ecea91457bae6"},
    {56, "a9e1bf3f4dbc01b6dbba3fd5d6ab1e827c15cc0ee079c8d267bd3db47935193a697f43482c2c96e0958e68931d73a8553df63cdae0522727ff54e02b2ead75d7"},
    {63, "4bb9d0713737ee00d4ed764e7df2968ee089f4d1b1d2f33cd6e9aa95b02c955915059876e09516d94d7bc0494d037023336f8506b12d9bc809830bded92c8b53"},
    {64, "e09b24b316ebd3e00a1b658bea0903ff39757aec57be14c2357d55008706ed00dab30932b0e9847f9992fba189defcbe92f354fbd978f52fcf3d8edf9846f036"},
    {65, "84eea263c6368cb413ed258dc3fe5fd6881c9fc70ab25c59bfbe3ba512ea57934706e3d98980522c79120ef6b6a71744791b46075737645c9b1d9a6acf0d1e7e"},
    {80, "a3b8b482800c2b96025f8f7c0f6c0739a0062aa3d7a6720745841b82b841a042a74f5ecfdbeeaf1c9e0b3cebe706be66953bc7c66ab78870d5b09d56ca324b20"},
    {111, "68dff1191d17b202b8977680bcaa388a4db6cb5ff0ecfdd2e581b339d8c0295b985549eafb72f254a6d943061f8031650bb42b47000e1bbf0de0c8d565443053"},
    {112, "6d7a536f5b0452458f0fc00fbe17d0ee995c130be705e440b04f52092871caaf152a75d7e81c27f9b8b203a7ff7979d96552da7750326451119b19a5caa577c0"},
    {119, "028618f74b4c98d756d8277164014dbfcbb1246cd787bd2d80a6a86a5aeaa0c26a1ce217dd80672c0b19060b51eac5426225216dbcefde561152d271430cf4d3"},
    {120, "4da1d3a6dca572769548dbd30aad453c791811c6700fafd5860b5a9afb52d558ddd96a57c701b93603710753986ce2a853ed729c8b0143954ec293c6932b871e"},
    {127, "536c7519b9f57918740ddff01c2bbffe74bf7f742889f6e65a0dd7d949a1b5c395e741cb7ec731e37e39888cd62293ab4c444dd8af1256eacdbfc050cf69d203"},
    {128, "6a95cd7498ca948c05ee280bfdb87a1e1e4bd13b92c74f63678bab79402451441d8309a4c77531771255690f5b20c9fe1b027c304f7dcbe7e952a53b57ca979b"},
    {129, "e37b147c4b0f12a8f2fd0bff477a1cf0c3e93cc4b29e7d008a3d8e16d35ff646f6ec65fd102b68f34697b887d6c37e8b38062be2f52e1506383a5ff780eb8cb4"},
    {239, "5b3bd741d03d97b0bfb30bcf35b39aa24ddf7a8d4415cb6302d81672124a0f8892bd0424e105765230d75a032ff66a35349746e83fa14d351bdfdb9bb4eba4a1"},
    {240, "81df14c563a245708126852d4844ff2a82328b9494c7ae1b017f1e41472bc58af0aff2229778b3f48742566ea516770e8692cd8a2e6a808146f0e621e2f246e5"},
    {255, "a117d16859605f891176ce2ae53b5a474002e74b58a3f61943fb1d2a2c8a63d1b40c2fd5878436df9816a84011b8a7f964c87c5bda84e0d0b195f716a3d33e2a"},
    {256, "2fe41f3fc8fb1f0ac77f6477726f706ce264d17041c7016773d109f7c3e4ee224e0beae505e231189c42d525974cec98d0de07265cd6864e9819d79e046417f0"},
    {1000, "e02d54bd0531ff07079d605d09a35dfe21ccb6613e10f46b96b520e60763feea09956a77618f808dbe6688296aa2a65c8d8361bd111fde0ab6b3e79c74cff05f"},
};
}  // namespace

TEST(bmw512_vectors) {
  int seen = 0;
  for (const Vector& v : load_vectors("x11.json")) {
    if (!is_bmw512_vector(v.name)) continue;
    ++seen;
    const auto in = from_hex(v.input_hex);
    uint8_t out[64];
    x11::bmw512(in.empty() ? nullptr : in.data(), in.size(), out);
    CHECK_HEX(v.expected_hex, out, 64);
  }
  CHECK(seen == 2);
}

// Padding edges must not read past the input: ASan catches that on exact-size heap buffers.
TEST(bmw512_any_length_is_deterministic_and_in_bounds) {
  for (size_t len = 0; len <= 300; ++len) {
    const auto data = random_bytes(len, 1000 + len);
    std::vector<uint8_t> copy(data.begin(), data.end());
    uint8_t a[64], b[64];
    x11::bmw512(copy.empty() ? nullptr : copy.data(), copy.size(), a);
    x11::bmw512(data.empty() ? nullptr : data.data(), data.size(), b);
    CHECK(to_hex(a, 64) == to_hex(b, 64));
  }
}

TEST(bmw512_matches_oracle_at_padding_edges) {
  for (const LengthVector& v : kOracle) {
    std::vector<uint8_t> in(v.len);
    for (size_t i = 0; i < v.len; ++i) in[i] = static_cast<uint8_t>(7 * i + v.len);
    uint8_t out[64];
    x11::bmw512(in.data(), in.size(), out);
    CHECK_HEX(std::string(v.hex), out, 64);
  }
}
