// Differential check of cfnfix's JSON reading against simdjson's DOM parser,
// shared by fuzz/json_differential_fuzzer.cc and the regression and
// conformance tests. The two must agree on accept or reject, and when both
// accept, cfnfix's canonical JSON (datamodel::ToCanonicalJson) must equal the
// same canonical form written from simdjson's DOM.
//
// Where the two differ on purpose (cfnfix's documented policy):
// - A UTF-8 byte order mark at the very start is accepted by cfnfix; simdjson
//   leaves it to the caller, so it is removed before simdjson reads the text.
// - Numbers are kept as source text, so a number simdjson cannot represent
//   (an integer outside int64/uint64, a float that overflows to infinity) is
//   not an error for cfnfix. simdjson then stops with NUMBER_ERROR at the
//   first such number; to still compare the whole text, every number of
//   cfnfix's tree simdjson cannot represent is overwritten with "0" (and
//   spaces, so nothing moves) and simdjson reads that text. Both sides then
//   read those numbers as 0.
// - Numbers are compared by value: integers exactly, other numbers as the
//   double they read as ("1.0", "1e0" and "10e-1" agree, -0 equals 0).
// Both parsers get the same depth limit (ParseOptions' default).
#ifndef CFNFIX_FUZZ_JSON_DIFFERENTIAL_H_
#define CFNFIX_FUZZ_JSON_DIFFERENTIAL_H_

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"
#include "src/datamodel/canonical_json.h"
#include "src/datamodel/json_string.h"
#include "src/syntax/json/json_parser.h"

namespace cfnfix::fuzz {
namespace json_differential_internal {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsIntegerSyntax(std::string_view number) {
  return number.find_first_of(".eE") == std::string_view::npos;
}

// The canonical text of a double: 17 significant digits, and one zero.
std::string DoubleText(double value) {
  if (value == 0) return "0";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// The canonical text of a JSON number's value as simdjson would read it, or
// "" when simdjson cannot represent it (it stops with NUMBER_ERROR there).
std::string NumberValueText(std::string_view number) {
  const char* end = number.data() + number.size();
  if (IsIntegerSyntax(number)) {
    int64_t signed_value;
    if (auto [p, ec] = std::from_chars(number.data(), end, signed_value);
        ec == std::errc() && p == end) {
      return std::to_string(signed_value);
    }
    uint64_t unsigned_value;
    if (auto [p, ec] = std::from_chars(number.data(), end, unsigned_value);
        ec == std::errc() && p == end) {
      return std::to_string(unsigned_value);
    }
    return "";
  }
  const double value = std::strtod(std::string(number).c_str(), nullptr);
  if (std::isinf(value)) return "";
  return DoubleText(value);
}

// `canonical` (compact JSON from ToCanonicalJson) with every number written
// as its value's canonical text; numbers simdjson cannot represent become 0.
std::string NormalizeNumbers(std::string_view canonical) {
  std::string out;
  out.reserve(canonical.size());
  size_t i = 0;
  while (i < canonical.size()) {
    const char c = canonical[i];
    if (c == '"') {  // Copy the string, escapes and all.
      const size_t start = i++;
      while (i < canonical.size() && canonical[i] != '"') i += canonical[i] == '\\' ? 2 : 1;
      ++i;
      out.append(canonical.substr(start, i - start));
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      out.push_back(c);
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < canonical.size() &&
           std::string_view("0123456789+-.eE").find(canonical[i]) != std::string_view::npos) {
      ++i;
    }
    const std::string value = NumberValueText(canonical.substr(start, i - start));
    out.append(value.empty() ? "0" : value);
  }
  return out;
}

// simdjson's DOM in the canonical form ToCanonicalJson writes for JSON,
// numbers as NormalizeNumbers writes them.
void AppendCanonical(simdjson::dom::element element, std::string& out) {
  switch (element.type()) {
    case simdjson::dom::element_type::OBJECT: {
      // A copy: value_unsafe() of a temporary result is a reference into it.
      const simdjson::dom::object object = element.get_object().value_unsafe();
      out.push_back('{');
      bool first = true;
      for (simdjson::dom::key_value_pair member : object) {
        if (!first) out.push_back(',');
        first = false;
        datamodel::AppendJsonString(member.key, &out);
        out.push_back(':');
        AppendCanonical(member.value, out);
      }
      out.push_back('}');
      return;
    }
    case simdjson::dom::element_type::ARRAY: {
      const simdjson::dom::array array = element.get_array().value_unsafe();
      out.push_back('[');
      bool first = true;
      for (simdjson::dom::element item : array) {
        if (!first) out.push_back(',');
        first = false;
        AppendCanonical(item, out);
      }
      out.push_back(']');
      return;
    }
    case simdjson::dom::element_type::STRING:
      datamodel::AppendJsonString(element.get_string().value_unsafe(), &out);
      return;
    case simdjson::dom::element_type::INT64:
      out.append(std::to_string(element.get_int64().value_unsafe()));
      return;
    case simdjson::dom::element_type::UINT64:
      out.append(std::to_string(element.get_uint64().value_unsafe()));
      return;
    case simdjson::dom::element_type::DOUBLE:
      out.append(DoubleText(element.get_double().value_unsafe()));
      return;
    case simdjson::dom::element_type::BOOL:
      out.append(element.get_bool().value_unsafe() ? "true" : "false");
      return;
    case simdjson::dom::element_type::NULL_VALUE:
      out.append("null");
      return;
  }
}

// What simdjson reads from `text`: its canonical form, or its error.
absl::StatusOr<std::string> SimdjsonCanonical(std::string_view text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::error_code error =
      parser.allocate(std::max<size_t>(text.size(), 64), syntax::ParseOptions{}.max_depth);
  if (!error) error = parser.parse(simdjson::padded_string(text)).get(root);
  if (error) {
    return absl::InvalidArgumentError(simdjson::error_message(error));
  }
  std::string out;
  AppendCanonical(root, out);
  out.push_back('\n');
  return out;
}

// `text` with each number of `tree` that simdjson cannot represent
// overwritten by "0" and spaces.
std::string WithUnrepresentableNumbersZeroed(std::string_view text, const syntax::Tree& tree) {
  std::string patched(text);
  for (size_t id = 0; id < tree.node_count(); ++id) {
    const syntax::Node& node = tree.node(static_cast<syntax::NodeId>(id));
    if (node.kind != syntax::NodeKind::kScalar ||
        node.scalar_style != syntax::ScalarStyle::kPlain || node.value == "true" ||
        node.value == "false" || node.value == "null" || !NumberValueText(node.value).empty()) {
      continue;
    }
    patched.replace(node.span.begin, node.span.size(), node.span.size(), ' ');
    patched[node.span.begin] = '0';
  }
  return patched;
}

}  // namespace json_differential_internal

// OK when cfnfix's JSON parser and simdjson agree on `bytes`; otherwise says
// how they differ.
inline absl::Status CheckJsonAgreesWithSimdjson(std::string_view bytes) {
  namespace internal = json_differential_internal;
  absl::StatusOr<syntax::Tree> tree = syntax::ParseJson(SourceText::Create(bytes, "fuzz.json"));
  absl::StatusOr<std::string> theirs = internal::SimdjsonCanonical(bytes);
  if (!tree.ok()) {
    if (theirs.ok()) {
      return absl::InternalError(absl::StrCat("cfnfix rejects what simdjson accepts: ",
                                              tree.status().ToString()));
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> ours = datamodel::ToCanonicalJson(*tree);
  if (!ours.ok()) {
    return absl::InternalError(absl::StrCat("no canonical JSON: ", ours.status().ToString()));
  }
  if (!theirs.ok() && theirs.status().message() != simdjson::error_message(simdjson::NUMBER_ERROR)) {
    return absl::InternalError(absl::StrCat("cfnfix accepts what simdjson rejects (",
                                            theirs.status().message(), ") and reads ", *ours));
  }
  // simdjson stopped at a number, or read everything: either way it reads
  // the text with those numbers zeroed to the end.
  theirs = internal::SimdjsonCanonical(internal::WithUnrepresentableNumbersZeroed(bytes, *tree));
  if (!theirs.ok()) {
    return absl::InternalError(absl::StrCat("cfnfix accepts what simdjson rejects (",
                                            theirs.status().message(), ", numbers aside) and reads ",
                                            *ours));
  }
  const std::string normalized = internal::NormalizeNumbers(*ours);
  if (normalized != *theirs) {
    return absl::InternalError(
        absl::StrCat("values differ: cfnfix reads ", normalized, "simdjson reads ", *theirs));
  }
  return absl::OkStatus();
}

}  // namespace cfnfix::fuzz

#endif  // CFNFIX_FUZZ_JSON_DIFFERENTIAL_H_
