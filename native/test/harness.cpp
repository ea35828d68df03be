#include "harness.h"

#include <cstdio>
#include <cstring>

namespace hashpool_test {
namespace {

struct Test {
  const char* name;
  TestFn fn;
};

std::vector<Test>& registry() {
  static std::vector<Test> tests;
  return tests;
}

int failures_in_current_test = 0;

}  // namespace

Registrar::Registrar(const char* name, TestFn fn) { registry().push_back({name, fn}); }

void record_failure(const char* file, int line, const std::string& message) {
  ++failures_in_current_test;
  std::fprintf(stderr, "    %s:%d: %s\n", file, line, message.c_str());
}

std::string to_hex(const uint8_t* data, size_t len) {
  static const char digits[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (size_t i = 0; i < len; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 15];
  }
  return out;
}

std::vector<uint8_t> from_hex(const std::string& hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::vector<uint8_t> out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  return out;
}

std::vector<uint8_t> random_bytes(size_t len, uint64_t seed) {
  uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
  std::vector<uint8_t> out(len);
  for (auto& b : out) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<uint8_t>(x >> 24);
  }
  return out;
}

}  // namespace hashpool_test

int main(int argc, char** argv) {
  using namespace hashpool_test;
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0, failed = 0;
  for (const Test& t : registry()) {
    if (filter && !std::strstr(t.name, filter)) continue;
    failures_in_current_test = 0;
    t.fn();
    if (failures_in_current_test == 0) {
      ++passed;
      std::printf("  ok   %s\n", t.name);
    } else {
      ++failed;
      std::printf("  FAIL %s\n", t.name);
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
