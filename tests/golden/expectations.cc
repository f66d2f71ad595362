#include "tests/golden/expectations.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "src/base/strings.h"

namespace cfnfix::golden {
namespace {

constexpr std::string_view kIndent = "  ";
constexpr std::string_view kNone = "(none)";
constexpr std::array<std::string_view, 3> kHeadings = {
    "findings:", "remaining after fix:", "remaining after fix --unsafe-fixes:"};

std::array<std::vector<std::string>*, 3> Lists(Expectations& e) {
  return {&e.findings, &e.remaining_safe, &e.remaining_unsafe};
}

std::array<const std::vector<std::string>*, 3> Lists(const Expectations& e) {
  return {&e.findings, &e.remaining_safe, &e.remaining_unsafe};
}

std::string_view ApplicabilityText(const engine::Finding& finding) {
  if (!finding.has_fix) return "none";
  switch (finding.fix_applicability) {
    case engine::Applicability::kSafe: return "safe";
    case engine::Applicability::kUnsafe: return "unsafe";
    case engine::Applicability::kDisplayOnly: return "none";
  }
  return "none";
}

}  // namespace

std::string FindingText(const engine::Finding& finding) {
  return absl::StrCat(ToAbsl(finding.rule->code), " ", ToAbsl(ApplicabilityText(finding)), " ",
                      finding.message);
}

std::string FindingLine(const engine::Finding& finding) {
  return absl::StrFormat("%d:%d %s", finding.at.line, finding.at.column, FindingText(finding));
}

std::vector<std::string> FindingLines(const std::vector<engine::Finding>& findings,
                                      bool with_position) {
  std::vector<std::string> lines;
  for (const engine::Finding& f : findings) {
    lines.push_back(with_position ? FindingLine(f) : FindingText(f));
  }
  return lines;
}

std::string FormatExpectations(const Expectations& expectations) {
  std::string text;
  const auto lists = Lists(expectations);
  for (size_t i = 0; i < kHeadings.size(); ++i) {
    absl::StrAppend(&text, ToAbsl(kHeadings[i]), "\n");
    if (lists[i]->empty()) absl::StrAppend(&text, ToAbsl(kIndent), ToAbsl(kNone), "\n");
    for (const std::string& line : *lists[i]) absl::StrAppend(&text, ToAbsl(kIndent), line, "\n");
  }
  return text;
}

absl::StatusOr<Expectations> ParseExpectations(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return absl::InvalidArgumentError("the file must end with a newline");
  }
  const std::vector<absl::string_view> lines =
      absl::StrSplit(ToAbsl(text.substr(0, text.size() - 1)), '\n');
  Expectations result;
  const auto lists = Lists(result);
  // The section being read (its heading's index + 1; 0 before the first) and
  // whether it has an entry yet: an empty list is written "(none)", so a
  // truncated file cannot pass.
  size_t section = 0;
  bool has_entry = false, is_none = false;
  for (size_t i = 0; i <= lines.size(); ++i) {
    const auto error = [&](std::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat("line ", i + 1, ": ", ToAbsl(what)));
    };
    const bool at_end = i == lines.size();
    const std::string_view line = at_end ? std::string_view() : ToStd(lines[i]);
    const bool at_heading = !at_end && section < kHeadings.size() && line == kHeadings[section];
    if (at_end || at_heading) {
      if (section > 0 && !has_entry) return error("the list above is empty; write '  (none)'");
      if (at_end) break;
      ++section;
      has_entry = is_none = false;
      continue;
    }
    if (section == 0) return error(absl::StrCat("expected '", ToAbsl(kHeadings[0]), "'"));
    if (line.substr(0, kIndent.size()) != kIndent || line.size() == kIndent.size()) {
      return error("expected the next heading or a finding indented by two spaces");
    }
    const std::string_view entry = line.substr(kIndent.size());
    if (is_none || (has_entry && entry == kNone)) return error("'(none)' must be alone in its list");
    has_entry = true;
    is_none = entry == kNone;
    if (!is_none) lists[section - 1]->emplace_back(entry);
  }
  if (section != kHeadings.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("missing heading '", ToAbsl(kHeadings[section]), "'"));
  }
  return result;
}

}  // namespace cfnfix::golden
