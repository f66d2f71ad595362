#include "src/datamodel/scalar_resolver.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"

namespace cfnfix::datamodel {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsDigitOrUnderscore(char c) { return IsDigit(c) || c == '_'; }

// Strips one leading '+' or '-'; returns true when it was '-'.
bool StripSign(std::string_view& s) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return false;
  bool negative = s[0] == '-';
  s.remove_prefix(1);
  return negative;
}

// Consumes `[0-9_]*` from the front of `s`.
void SkipDigitsOrUnderscores(std::string_view& s) {
  size_t i = 0;
  while (i < s.size() && IsDigitOrUnderscore(s[i])) ++i;
  s.remove_prefix(i);
}

// Consumes `(?::[0-5]?[0-9])+`. The regex can only stop a group before ':',
// '.' or the end, so a group is one digit, or two with the first below '6'.
bool ConsumeSexagesimalGroups(std::string_view& s) {
  bool any = false;
  while (!s.empty() && s[0] == ':') {
    size_t n = 1;
    while (n < s.size() && IsDigit(s[n])) ++n;
    size_t digits = n - 1;
    if (digits == 0 || digits > 2 || (digits == 2 && s[1] > '5')) return false;
    s.remove_prefix(n);
    any = true;
  }
  return any;
}

// `[eE][-+][0-9]+` up to the end, or nothing at all.
bool IsOptionalExponentToEnd(std::string_view s) {
  if (s.empty()) return true;
  if (s.size() < 3 || (s[0] != 'e' && s[0] != 'E') || (s[1] != '+' && s[1] != '-')) {
    return false;
  }
  for (char c : s.substr(2)) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool MatchBool(std::string_view s) {
  for (std::string_view word : {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
                                "false", "False", "FALSE", "on", "On", "ON", "off", "Off",
                                "OFF"}) {
    if (s == word) return true;
  }
  return false;
}

bool MatchNull(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// PyYAML's float regex, alternative by alternative.
bool MatchFloat(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  // `\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?` (no sign allowed).
  if (s.size() >= 2 && s[0] == '.' && IsDigit(s[1])) {
    std::string_view rest = s.substr(2);
    SkipDigitsOrUnderscores(rest);
    return IsOptionalExponentToEnd(rest);
  }
  StripSign(s);
  if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
  if (s.empty() || !IsDigit(s[0])) return false;
  s.remove_prefix(1);
  SkipDigitsOrUnderscores(s);
  if (!s.empty() && s[0] == '.') {
    // `[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?`
    s.remove_prefix(1);
    SkipDigitsOrUnderscores(s);
    return IsOptionalExponentToEnd(s);
  }
  // `[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*`
  if (!ConsumeSexagesimalGroups(s)) return false;
  if (s.empty() || s[0] != '.') return false;
  s.remove_prefix(1);
  SkipDigitsOrUnderscores(s);
  return s.empty();
}

bool AllOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// PyYAML's int regex.
bool MatchInt(std::string_view s) {
  StripSign(s);
  if (s.empty()) return false;
  if (s.size() > 2 && s.substr(0, 2) == "0b") {
    return AllOf(s.substr(2), [](char c) { return c == '0' || c == '1' || c == '_'; });
  }
  if (s.size() > 2 && s.substr(0, 2) == "0x") {
    return AllOf(s.substr(2), [](char c) {
      return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
    });
  }
  if (s[0] == '0') {
    return AllOf(s.substr(1), [](char c) { return (c >= '0' && c <= '7') || c == '_'; });
  }
  if (!IsDigit(s[0])) return false;
  s.remove_prefix(1);
  SkipDigitsOrUnderscores(s);
  if (s.empty()) return true;
  return ConsumeSexagesimalGroups(s) && s.empty();
}

// An arbitrary-size non-negative integer, enough for int() of any base.
class BigInt {
 public:
  void MulAdd(uint32_t mul, uint32_t add) {
    uint64_t carry = add;
    for (uint32_t& limb : limbs_) {
      uint64_t v = static_cast<uint64_t>(limb) * mul + carry;
      limb = static_cast<uint32_t>(v % kBase);
      carry = v / kBase;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<uint32_t>(carry % kBase));
      carry /= kBase;
    }
  }
  void Add(const BigInt& other) {
    uint64_t carry = 0;
    for (size_t i = 0; i < other.limbs_.size() || carry != 0; ++i) {
      if (i == limbs_.size()) limbs_.push_back(0);
      uint64_t v = limbs_[i] + carry + (i < other.limbs_.size() ? other.limbs_[i] : 0);
      limbs_[i] = static_cast<uint32_t>(v % kBase);
      carry = v / kBase;
    }
  }
  bool IsZero() const {
    for (uint32_t limb : limbs_) {
      if (limb != 0) return false;
    }
    return true;
  }
  std::string ToString() const {
    size_t top = limbs_.size();
    while (top > 0 && limbs_[top - 1] == 0) --top;
    if (top == 0) return "0";
    std::string out = absl::StrCat(limbs_[top - 1]);
    for (size_t i = top - 1; i-- > 0;) {
      std::string part = absl::StrCat(limbs_[i]);
      out.append(9 - part.size(), '0');
      out += part;
    }
    return out;
  }

 private:
  static constexpr uint64_t kBase = 1000000000;
  std::vector<uint32_t> limbs_;  // Little-endian, base 10^9.
};

int DigitValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Python's int(digits, base) for plain digit strings.
bool ParseDigits(std::string_view digits, int base, BigInt* out) {
  if (digits.empty()) return false;
  for (char c : digits) {
    int d = DigitValue(c);
    if (d >= base) return false;
    out->MulAdd(base, d);
  }
  return true;
}

std::string WithoutUnderscores(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  for (char c : text) {
    if (c != '_') s.push_back(c);
  }
  return s;
}

// Python's float() for one number without underscores.
bool ParsePythonFloat(std::string_view s, double* out) {
  if (s.empty()) return false;
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ptr != s.data() + s.size()) return false;
  if (ec == std::errc::result_out_of_range) {
    // Overflow gives inf and underflow 0 or a subnormal, as in Python.
    std::string copy(s);
    value = std::strtod(copy.c_str(), nullptr);
  } else if (ec != std::errc()) {
    return false;
  }
  *out = value;
  return true;
}

}  // namespace

ScalarType ResolvePlain(std::string_view text) {
  // PyYAML keys its resolvers by first character; all of its regexes are
  // anchored, and no text matches two of them, so trying each is the same.
  if (text.empty()) return ScalarType::kNull;
  char first = text[0];
  if (first == '<') return text == "<<" ? ScalarType::kMerge : ScalarType::kStr;
  if (first == '=') return text == "=" ? ScalarType::kValue : ScalarType::kStr;
  if (MatchBool(text)) return ScalarType::kBool;
  if (MatchNull(text)) return ScalarType::kNull;
  if (IsDigit(first) || first == '-' || first == '+' || first == '.') {
    if (MatchFloat(text)) return ScalarType::kFloat;
    if (MatchInt(text)) return ScalarType::kInt;
  }
  return ScalarType::kStr;
}

absl::StatusOr<bool> ConstructBool(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "yes" || lower == "true" || lower == "on") return true;
  if (lower == "no" || lower == "false" || lower == "off") return false;
  return absl::InvalidArgumentError(absl::StrCat("invalid boolean \"", ToAbsl(text), "\""));
}

absl::StatusOr<std::string> ConstructInt(std::string_view text) {
  const std::string cleaned = WithoutUnderscores(text);
  std::string_view s = cleaned;
  const bool negative = StripSign(s);
  BigInt value;
  bool ok = false;
  if (s == "0") {
    ok = true;
  } else if (s.substr(0, 2) == "0b") {
    ok = ParseDigits(s.substr(2), 2, &value);
  } else if (s.substr(0, 2) == "0x") {
    ok = ParseDigits(s.substr(2), 16, &value);
  } else if (!s.empty() && s[0] == '0') {
    ok = ParseDigits(s, 8, &value);
  } else if (s.find(':') != std::string_view::npos) {
    // Base 60, most significant part first (Python sums digit * 60**i).
    ok = true;
    size_t start = 0;
    while (ok) {
      size_t colon = s.find(':', start);
      std::string_view part = s.substr(start, colon == std::string_view::npos ? colon
                                                                              : colon - start);
      BigInt part_value;
      ok = ParseDigits(part, 10, &part_value);
      value.MulAdd(60, 0);
      value.Add(part_value);
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
  } else {
    ok = ParseDigits(s, 10, &value);
  }
  if (!ok) return absl::InvalidArgumentError(absl::StrCat("invalid integer \"", ToAbsl(text), "\""));
  if (negative && !value.IsZero()) return absl::StrCat("-", value.ToString());
  return value.ToString();
}

absl::StatusOr<std::string> ConstructFloat(std::string_view text) {
  std::string cleaned = WithoutUnderscores(text);
  for (char& c : cleaned) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  }
  std::string_view s = cleaned;
  const bool negative = StripSign(s);
  if (s == ".inf" || s == ".nan") return std::string();
  double value = 0;
  bool ok = true;
  if (s.find(':') != std::string_view::npos) {
    // Least significant part first, as construct_yaml_float adds them up.
    // 60**k stays exact in a double for the handful of parts used.
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t colon; (colon = s.find(':', start)) != std::string_view::npos;
         start = colon + 1) {
      parts.push_back(s.substr(start, colon - start));
    }
    parts.push_back(s.substr(start));
    double base = 1;
    for (size_t i = parts.size(); ok && i-- > 0;) {
      double part = 0;
      ok = ParsePythonFloat(parts[i], &part);
      value += part * base;
      base *= 60;
    }
  } else {
    ok = ParsePythonFloat(s, &value);
  }
  if (!ok) return absl::InvalidArgumentError(absl::StrCat("invalid float \"", ToAbsl(text), "\""));
  if (negative) value = -value;
  if (!std::isfinite(value)) return std::string();
  return PythonFloatRepr(value);
}

std::string PythonFloatRepr(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value,
                                 std::chars_format::scientific);
  std::string_view sci(buffer, end - buffer);  // "-1.5e+03"
  std::string out;
  if (!sci.empty() && sci[0] == '-') {
    out.push_back('-');
    sci.remove_prefix(1);
  }
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::string_view exp_text = sci.substr(e + 1);
  if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  const int n = static_cast<int>(digits.size());
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      if (n <= exponent + 1) {
        out += digits;
        out.append(exponent + 1 - n, '0');
        out += ".0";
      } else {
        out += digits.substr(0, exponent + 1);
        out += '.';
        out += digits.substr(exponent + 1);
      }
    } else {
      out += "0.";
      out.append(-exponent - 1, '0');
      out += digits;
    }
    return out;
  }
  out += digits[0];
  if (n > 1) {
    out += '.';
    out += digits.substr(1);
  }
  out += exponent < 0 ? "e-" : "e+";
  int magnitude = exponent < 0 ? -exponent : exponent;
  if (magnitude < 10) out += '0';
  out += absl::StrCat(magnitude);
  return out;
}

}  // namespace cfnfix::datamodel
