// A minimal test runner for the native core: tests register themselves with TEST(),
// CHECK* record failures without aborting, and main() in harness.cpp runs them all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hashpool_test {

using TestFn = void (*)();
struct Registrar {
  Registrar(const char* name, TestFn fn);
};

void record_failure(const char* file, int line, const std::string& message);
std::string to_hex(const uint8_t* data, size_t len);
std::vector<uint8_t> from_hex(const std::string& hex);
// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
std::vector<uint8_t> random_bytes(size_t len, uint64_t seed);

}  // namespace hashpool_test

#define HP_CONCAT2(a, b) a##b
#define HP_CONCAT(a, b) HP_CONCAT2(a, b)
#define TEST(name)                                                                          \
  static void name();                                                                       \
  static const ::hashpool_test::Registrar HP_CONCAT(registrar_, name)(#name, &name);        \
  static void name()

#define CHECK(cond)                                                                         \
  do {                                                                                      \
    if (!(cond)) ::hashpool_test::record_failure(__FILE__, __LINE__, "CHECK(" #cond ")");   \
  } while (0)

#define CHECK_HEX(expected_hex, data, len)                                                  \
  do {                                                                                      \
    const std::string hp_actual = ::hashpool_test::to_hex((data), (len));                   \
    if (hp_actual != (expected_hex))                                                        \
      ::hashpool_test::record_failure(__FILE__, __LINE__,                                   \
                                      "expected " + std::string(expected_hex) + " got " +   \
                                          hp_actual);                                       \
  } while (0)

#define CHECK_MSG(cond, msg)                                                                \
  do {                                                                                      \
    if (!(cond)) ::hashpool_test::record_failure(__FILE__, __LINE__, (msg));                \
  } while (0)
