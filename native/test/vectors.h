// Loads the shared JSON vector files (test/vectors/*.json) for the native tests.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace hashpool_test {

struct Vector {
  std::string name;
  std::string input_hex;
  std::string expected_hex;
  // Scalar members of "params", as their JSON text (strings unquoted).
  std::map<std::string, std::string> params;
};

// Reads HASHPOOL_VECTORS_DIR/<file>; aborts the test binary if it is missing or malformed.
std::vector<Vector> load_vectors(const std::string& file);

// Vectors of one file whose name starts with `prefix`.
std::vector<Vector> vectors_with_prefix(const std::string& file, const std::string& prefix);

}  // namespace hashpool_test
