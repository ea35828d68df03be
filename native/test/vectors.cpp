#include "vectors.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#ifndef HASHPOOL_VECTORS_DIR
#error "HASHPOOL_VECTORS_DIR must name test/vectors"
#endif

namespace hashpool_test {
namespace {

// Just enough JSON for the vector files: objects, arrays, strings, numbers, literals.
class Parser {
 public:
  explicit Parser(std::string text) : s_(std::move(text)) {}

  std::vector<Vector> parse_file() {
    std::vector<Vector> out;
    expect('[');
    if (peek() == ']') return ++pos_, out;
    do {
      out.push_back(parse_vector());
    } while (consume(','));
    expect(']');
    return out;
  }

 private:
  Vector parse_vector() {
    Vector v;
    expect('{');
    if (consume('}')) return v;
    do {
      const std::string key = parse_string();
      expect(':');
      if (key == "params" && peek() == '{') {
        parse_object_scalars(v.params);
      } else {
        const std::string value = parse_value();
        if (key == "name") v.name = value;
        if (key == "input_hex") v.input_hex = value;
        if (key == "expected_hex") v.expected_hex = value;
      }
    } while (consume(','));
    expect('}');
    return v;
  }

  void parse_object_scalars(std::map<std::string, std::string>& into) {
    expect('{');
    if (consume('}')) return;
    do {
      const std::string key = parse_string();
      expect(':');
      into[key] = parse_value();
    } while (consume(','));
    expect('}');
  }

  // Returns a scalar's text; nested containers are skipped and return "".
  std::string parse_value() {
    const char c = peek();
    if (c == '"') return parse_string();
    if (c == '{' || c == '[') {
      skip_container();
      return "";
    }
    const size_t start = pos_;
    while (pos_ < s_.size() && std::string(",}] \n\r\t").find(s_[pos_]) == std::string::npos) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  void skip_container() {
    int depth = 0;
    do {
      const char c = peek();
      if (c == '"') {
        parse_string();
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      ++pos_;
    } while (depth > 0);
  }

  std::string parse_string() {
    expect('"');
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      if (s_[pos_] == '\\') ++pos_;  // vector files only escape quotes and backslashes
      out += s_[pos_++];
    }
    expect('"');
    return out;
  }

  char peek() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    if (pos_ >= s_.size()) fail("unexpected end of input");
    return s_[pos_];
  }
  bool consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  void expect(char c) {
    if (!consume(c)) fail(std::string("expected '") + c + "'");
  }
  [[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "vector file parse error at %zu: %s\n", pos_, what.c_str());
    std::exit(2);
  }

  std::string s_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Vector> load_vectors(const std::string& file) {
  const std::string path = std::string(HASHPOOL_VECTORS_DIR) + "/" + file;
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return Parser(buffer.str()).parse_file();
}

std::vector<Vector> vectors_with_prefix(const std::string& file, const std::string& prefix) {
  std::vector<Vector> out;
  for (Vector& v : load_vectors(file))
    if (v.name.compare(0, prefix.size(), prefix) == 0) out.push_back(std::move(v));
  return out;
}

}  // namespace hashpool_test
