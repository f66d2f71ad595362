#include "src/cfn/arns.h"

#include <optional>

#include "absl/strings/ascii.h"

namespace cfnfix::cfn {
namespace {

bool NameChar(char c) { return absl::ascii_isalnum(c) || c == '_' || c == '-' || c == '.'; }

bool FieldChar(char c) { return absl::ascii_isalnum(c) || c == '-' || c == '*'; }

// The field starting at `at`, up to (not including) its closing `:`;
// nullopt when a character no field holds comes first.
std::optional<ArnField> ReadField(std::string_view text, size_t at) {
  size_t i = at;
  while (i < text.size() && text[i] != ':') {
    if (text.compare(i, 2, "${") == 0) {
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) return std::nullopt;
      i = close + 1;
      continue;
    }
    if (!FieldChar(text[i])) return std::nullopt;
    ++i;
  }
  if (i >= text.size()) return std::nullopt;
  return ArnField{static_cast<uint32_t>(at), text.substr(at, i - at)};
}

std::optional<ArnFields> ReadArn(std::string_view text, size_t begin) {
  ArnFields arn;
  arn.begin = static_cast<uint32_t>(begin);
  size_t at = begin + 4;  // past "arn:"
  for (ArnField* field : {&arn.partition, &arn.service, &arn.region, &arn.account}) {
    std::optional<ArnField> read = ReadField(text, at);
    if (!read) return std::nullopt;
    *field = *read;
    at = read->end() + 1;
  }
  return arn;
}

}  // namespace

std::vector<ArnFields> FindArns(std::string_view text) {
  std::vector<ArnFields> arns;
  size_t at = 0;
  while ((at = text.find("arn:", at)) != std::string_view::npos) {
    // `learn:` or `my-arn:` is not the start of an ARN.
    const bool starts = at == 0 || !NameChar(text[at - 1]);
    std::optional<ArnFields> arn = starts ? ReadArn(text, at) : std::nullopt;
    if (!arn) {
      at += 4;
      continue;
    }
    arns.push_back(*arn);
    at = arn->account.end() + 1;
  }
  return arns;
}

bool IsLiteralPartition(std::string_view field) {
  if (field.substr(0, 3) != "aws") return false;
  for (char c : field) {
    if (!absl::ascii_islower(c) && c != '-') return false;
  }
  return field.size() == 3 || (field[3] == '-' && field.size() > 4 && field.back() != '-');
}

bool IsLiteralRegion(std::string_view field) {
  // Two letters, one or more words, a number: `us-east-1`, `us-gov-west-1`.
  size_t dash = field.rfind('-');
  if (field.size() < 6 || field[2] != '-' || dash == std::string_view::npos || dash <= 3) {
    return false;
  }
  for (size_t i = 0; i < dash; ++i) {
    if (!absl::ascii_islower(field[i]) && field[i] != '-') return false;
  }
  if (dash + 1 == field.size()) return false;
  for (size_t i = dash + 1; i < field.size(); ++i) {
    if (!absl::ascii_isdigit(field[i])) return false;
  }
  return absl::ascii_islower(field[0]) && absl::ascii_islower(field[1]);
}

bool IsLiteralAccount(std::string_view field) {
  if (field.size() != 12) return false;
  for (char c : field) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

}  // namespace cfnfix::cfn
