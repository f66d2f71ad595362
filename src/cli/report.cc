#include "src/cli/report.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/engine/editing/render_scalar.h"
#include "src/engine/registry.h"
#include "src/io/line_diff.h"

namespace cfnfix::cli {
namespace {

using engine::Applicability;
using engine::Finding;
using engine::JsonQuote;

enum class Which { kFound, kRemaining, kApplied };

const std::vector<Finding>& Pick(const FileResult& r, Which which) {
  switch (which) {
    case Which::kFound: return r.outcome.findings;
    case Which::kRemaining: return r.outcome.remaining;
    case Which::kApplied: return r.outcome.applied;
  }
  return r.outcome.findings;
}

const std::vector<Finding>& FindingsOf(const FileResult& r, bool after_fix) {
  return Pick(r, after_fix ? Which::kRemaining : Which::kFound);
}

bool Fixable(const Finding& f, Applicability level) {
  return f.has_fix && f.fix_applicability >= level;
}

std::string_view ApplicabilityName(const Finding& f) {
  if (!f.has_fix) return "none";
  switch (f.fix_applicability) {
    case Applicability::kSafe: return "safe";
    case Applicability::kUnsafe: return "unsafe";
    case Applicability::kDisplayOnly: return "display-only";
  }
  return "none";
}

void PrintErrors(std::ostream& err, const std::vector<FileResult>& results) {
  for (const FileResult& r : results) {
    if (!r.skip_reason.empty()) {
      err << r.outcome.path << ": skipped: " << r.skip_reason << "\n";
    } else if (!r.outcome.status.ok()) {
      err << FormatError(r.outcome.path, r.outcome.status) << "\n";
    }
  }
}

// Counts per rule, most frequent first, as ruff prints them.
void PrintStatistics(std::ostream& out, const std::vector<FileResult>& results, bool after_fix) {
  struct Count {
    const engine::RuleInfo* rule;
    size_t total = 0, fixable = 0;
  };
  std::vector<Count> counts;
  for (const FileResult& r : results) {
    for (const Finding& f : FindingsOf(r, after_fix)) {
      auto it = std::find_if(counts.begin(), counts.end(),
                             [&](const Count& c) { return c.rule == f.rule; });
      if (it == counts.end()) it = counts.insert(counts.end(), Count{f.rule});
      ++it->total;
      it->fixable += Fixable(f, r.apply_at_least);
    }
  }
  std::stable_sort(counts.begin(), counts.end(), [](const Count& a, const Count& b) {
    return a.total != b.total ? a.total > b.total : a.rule->code < b.rule->code;
  });
  for (const Count& c : counts) {
    out << absl::StrFormat("%5d\t%s\t%s%s\n", c.total, c.rule->code,
                           c.fixable == c.total ? "[*] " : "", c.rule->name);
  }
}

void PrintText(std::ostream& out, const std::vector<FileResult>& results, bool after_fix,
               const ReportOptions& report) {
  size_t total = 0, fixable = 0, unsafe = 0, fixed = 0, unused = 0;
  for (const FileResult& r : results) {
    fixed += r.outcome.applied.size();
    for (const Finding& f : FindingsOf(r, after_fix)) {
      ++total;
      bool can_fix = Fixable(f, r.apply_at_least);
      fixable += can_fix;
      unsafe += !can_fix && f.has_fix && f.fix_applicability == Applicability::kUnsafe;
      if (report.statistics) continue;
      out << r.outcome.path << ":" << f.at.line << ":" << f.at.column << ": " << f.rule->code
          << " [" << f.rule->name << "] " << f.message << (can_fix ? " [*]" : "") << "\n";
      if (report.verbose && !f.no_fix_reason.empty()) {
        out << "  no fix: " << f.no_fix_reason << "\n";
      }
    }
    for (const std::string& message : r.outcome.unused_suppressions) {
      ++unused;
      out << r.outcome.path << ":" << message << "\n";
    }
  }
  if (report.statistics) PrintStatistics(out, results, after_fix);
  if (report.quiet) return;
  if (unused > 0) {
    out << unused << (unused == 1 ? " unused suppression" : " unused suppressions") << ".\n";
  }
  if (after_fix && fixed > 0) out << "Fixed " << fixed << (fixed == 1 ? " finding" : " findings") << ".\n";
  size_t errors = 0;
  for (const FileResult& r : results) errors += !r.outcome.status.ok() || !r.skip_reason.empty();
  if (total == 0) {
    if (errors > 0) {
      out << errors << (errors == 1 ? " file" : " files") << " could not be checked.\n";
    } else if (!after_fix || fixed == 0) {
      out << "All checks passed.\n";
    }
    return;
  }
  out << "Found " << total << (total == 1 ? " finding" : " findings");
  if (after_fix) out << " remaining";
  out << ".\n";
  if (fixable > 0) out << "[*] " << fixable << " fixable with `cfnfix fix`.\n";
  if (unsafe > 0) out << unsafe << " more fixable with `cfnfix fix --unsafe-fixes`.\n";
}

void PrintJsonFindings(std::ostream& out, const std::vector<FileResult>& results,
                       Which which) {
  bool first = true;
  for (const FileResult& r : results) {
    for (const Finding& f : Pick(r, which)) {
      out << (first ? "" : ",") << "\n  {\"path\":" << JsonQuote(r.outcome.path)
          << ",\"line\":" << f.at.line << ",\"column\":" << f.at.column
          << ",\"code\":" << JsonQuote(f.rule->code) << ",\"name\":" << JsonQuote(f.rule->name)
          << ",\"message\":" << JsonQuote(f.message) << ",\"fix\":" << JsonQuote(ApplicabilityName(f));
      if (!f.no_fix_reason.empty()) out << ",\"no_fix_reason\":" << JsonQuote(f.no_fix_reason);
      out << "}";
      first = false;
    }
  }
  out << (first ? "" : "\n") << "]";
}

void PrintJson(std::ostream& out, const std::vector<FileResult>& results, bool after_fix) {
  out << "{\"findings\":[";
  PrintJsonFindings(out, results, after_fix ? Which::kRemaining : Which::kFound);
  if (after_fix) {
    // What `fix` changed; locations are in the text the fix was made in.
    out << ",\"fixed\":[";
    PrintJsonFindings(out, results, Which::kApplied);
  }
  out << ",\"unused_suppressions\":[";
  bool first_unused = true;
  for (const FileResult& r : results) {
    for (const std::string& message : r.outcome.unused_suppressions) {
      out << (first_unused ? "" : ",") << "\n  {\"path\":" << JsonQuote(r.outcome.path)
          << ",\"message\":" << JsonQuote(message) << "}";
      first_unused = false;
    }
  }
  out << (first_unused ? "" : "\n") << "]";
  out << ",\"errors\":[";
  bool first = true;
  for (const FileResult& r : results) {
    if (r.outcome.status.ok() && r.skip_reason.empty()) continue;
    std::string message = r.skip_reason.empty() ? FormatError(r.outcome.path, r.outcome.status)
                                                : r.outcome.path + ": skipped: " + r.skip_reason;
    out << (first ? "" : ",") << "\n  {\"path\":" << JsonQuote(r.outcome.path)
        << ",\"message\":" << JsonQuote(message) << "}";
    first = false;
  }
  out << (first ? "" : "\n") << "]}\n";
}

// One replacement of a SARIF artifactChange: bytes of the original text
// and what takes their place.
struct Replacement {
  size_t offset = 0, length = 0;
  std::string inserted;
};

// The line differences between `original` and `fixed` as replacements, in
// order, each region in the original text (as SARIF reads them).
std::vector<Replacement> Replacements(std::string_view original, std::string_view fixed) {
  std::vector<std::string_view> old_lines = SplitLines(original), new_lines = SplitLines(fixed);
  LineChanges changes = DiffLines(old_lines, new_lines);
  std::vector<Replacement> out;
  size_t i = 0, j = 0, offset = 0;
  while (i < old_lines.size() || j < new_lines.size()) {
    bool old_changed = i < old_lines.size() && changes.old_changed[i];
    bool new_changed = j < new_lines.size() && changes.new_changed[j];
    if (!old_changed && !new_changed) {
      // Unchanged lines pair one to one.
      offset += old_lines[i].size();
      ++i, ++j;
      continue;
    }
    Replacement r{offset, 0, ""};
    for (; i < old_lines.size() && changes.old_changed[i]; ++i) r.length += old_lines[i].size();
    for (; j < new_lines.size() && changes.new_changed[j]; ++j) r.inserted += new_lines[j];
    offset += r.length;
    out.push_back(std::move(r));
  }
  return out;
}

// A SARIF `fixes` array with the file's whole change: cfnfix applies a
// file's fixes together, to a fixpoint, so each fixable result offers that
// change, and applying it gives exactly what `cfnfix fix` writes.
std::string SarifFixes(const FileResult& r) {
  size_t fixable = 0;
  for (const Finding& f : r.outcome.findings) fixable += Fixable(f, r.apply_at_least);
  std::string out = absl::StrFormat(
      "[{\"description\":{\"text\":%s},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":%s},"
      "\"replacements\":[",
      JsonQuote(absl::StrFormat("cfnfix fix: the %d fixable %s in this file, applied together",
                                fixable, fixable == 1 ? "finding" : "findings")),
      JsonQuote(r.outcome.path));
  bool first = true;
  for (const Replacement& rep : Replacements(r.outcome.original, r.outcome.fixed)) {
    absl::StrAppendFormat(&out,
                          "%s{\"deletedRegion\":{\"byteOffset\":%d,\"byteLength\":%d},"
                          "\"insertedContent\":{\"text\":%s}}",
                          first ? "" : ",", rep.offset, rep.length, JsonQuote(rep.inserted));
    first = false;
  }
  out += "]}]}]";
  return out;
}

void PrintSarif(std::ostream& out, const std::vector<FileResult>& results, bool after_fix) {
  out << "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
         "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"cfnfix\",\"version\":"
      << JsonQuote(CFNFIX_VERSION) << ",\"rules\":[";
  bool first = true;
  for (const engine::RuleInfo* rule : engine::AllRules()) {
    out << (first ? "" : ",") << "{\"id\":" << JsonQuote(rule->code)
        << ",\"name\":" << JsonQuote(rule->name)
        << ",\"shortDescription\":{\"text\":" << JsonQuote(rule->summary) << "}"
        << ",\"help\":{\"text\":" << JsonQuote(rule->documentation) << "}}";
    first = false;
  }
  out << "]}},\"results\":[";
  first = true;
  for (const FileResult& r : results) {
    // After `fix` the change is made; in `check`, `fixed` is what fix writes.
    std::string fixes = !after_fix && r.outcome.changed() ? SarifFixes(r) : "";
    for (const Finding& f : FindingsOf(r, after_fix)) {
      out << (first ? "" : ",") << "{\"ruleId\":" << JsonQuote(f.rule->code)
          << ",\"level\":\"warning\",\"message\":{\"text\":" << JsonQuote(f.message) << "}"
          << ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":"
          << JsonQuote(r.outcome.path) << "},\"region\":{\"startLine\":" << f.at.line
          << ",\"startColumn\":" << f.at.column << "}}}]";
      if (!fixes.empty() && Fixable(f, r.apply_at_least)) out << ",\"fixes\":" << fixes;
      out << "}";
      first = false;
    }
  }
  out << "]}]}\n";
}

void PrintGithub(std::ostream& out, const std::vector<FileResult>& results, bool after_fix) {
  for (const FileResult& r : results) {
    for (const Finding& f : FindingsOf(r, after_fix)) {
      out << "::warning file=" << r.outcome.path << ",line=" << f.at.line << ",col=" << f.at.column
          << ",title=" << f.rule->code << " " << f.rule->name << "::" << f.message << "\n";
    }
  }
}

}  // namespace

std::string FormatError(const std::string& path, const absl::Status& status) {
  std::string_view message(status.message().data(), status.message().size());
  // Messages with a position start with "LINE:COL: ".
  size_t i = 0;
  while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i]))) ++i;
  bool positioned = i > 0 && i < message.size() && message[i] == ':';
  if (positioned) return absl::StrCat(path, ":", std::string(message));
  return absl::StrCat(path, ": ", std::string(message));
}

void PrintFindings(std::ostream& out, std::ostream& err, const std::vector<FileResult>& results,
                   OutputFormat format, bool after_fix, const ReportOptions& report) {
  PrintErrors(err, results);
  switch (format) {
    case OutputFormat::kText: PrintText(out, results, after_fix, report); break;
    case OutputFormat::kJson: PrintJson(out, results, after_fix); break;
    case OutputFormat::kSarif: PrintSarif(out, results, after_fix); break;
    case OutputFormat::kGithub: PrintGithub(out, results, after_fix); break;
  }
}

}  // namespace cfnfix::cli
