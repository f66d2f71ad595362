#include "src/io/git_patch.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/io/line_diff.h"

namespace cfnfix {
namespace {

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// RFC 2047 "Q" encoded words, split between UTF-8 characters so each word
// decodes on its own, and folded onto continuation lines.
std::string EncodeHeaderWords(std::string_view text) {
  std::string out;
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    if (!out.empty()) out += "\n ";
    absl::StrAppend(&out, "=?UTF-8?q?", word, "?=");
    word.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    // One UTF-8 character: a lead byte and its continuation bytes.
    size_t end = i + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    std::string encoded;
    for (size_t k = i; k < end; ++k) {
      unsigned char c = static_cast<unsigned char>(text[k]);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        encoded += static_cast<char>(c);
      } else {
        encoded += absl::StrFormat("=%02X", c);
      }
    }
    if (word.size() + encoded.size() > 60) flush();
    word += encoded;
    i = end;
  }
  flush();
  return out;
}

std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  size_t b = out.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return out.substr(b, out.find_last_not_of(' ') - b + 1);
}

std::string FromHeader(const PatchInfo& info) {
  std::string name = OneLine(info.author_name);
  if (!IsAscii(name)) {
    name = EncodeHeaderWords(name);
  } else if (name.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    name = quoted + "\"";
  }
  return absl::StrCat(name, " <", OneLine(info.author_email), ">");
}

// A body line that git's mailinfo would read as the start of the patch.
bool LooksLikePatchStart(std::string_view line) {
  if (line.substr(0, 6) == "diff -" || line.substr(0, 7) == "Index: ") return true;
  if (line.substr(0, 3) != "---") return false;
  std::string_view rest = line.substr(3);
  return rest.empty() || rest[0] == ' ' || rest[0] == '\t';
}

struct Stat {
  std::string path;
  size_t added = 0;
  size_t removed = 0;
};

// Counts body lines of each hunk, using the hunk header's counts so that a
// removed line reading "--- x" is not taken for a header.
Stat CountChanges(const FileDiff& file) {
  Stat stat{file.path};
  size_t old_left = 0, new_left = 0;
  for (std::string_view line : SplitLines(file.diff)) {
    if (old_left == 0 && new_left == 0) {
      if (line.substr(0, 4) != "@@ -") continue;
      size_t old_count = 1, new_count = 1;
      unsigned long a = 0, b = 0, c = 0, d = 0;
      std::string header(line);
      if (sscanf(header.c_str(), "@@ -%lu,%lu +%lu,%lu", &a, &b, &c, &d) == 4) {
        old_count = b, new_count = d;
      } else if (sscanf(header.c_str(), "@@ -%lu,%lu +%lu", &a, &b, &c) == 3) {
        old_count = b;
      } else if (sscanf(header.c_str(), "@@ -%lu +%lu,%lu", &a, &c, &d) == 3) {
        new_count = d;
      }
      old_left = old_count;
      new_left = new_count;
      continue;
    }
    switch (line.empty() ? '\0' : line[0]) {
      case '-':
        ++stat.removed;
        --old_left;
        break;
      case '+':
        ++stat.added;
        --new_left;
        break;
      case ' ':
        if (old_left > 0) --old_left;
        if (new_left > 0) --new_left;
        break;
      default:
        break;  // "\ No newline at end of file".
    }
  }
  return stat;
}

std::string DiffStat(const std::vector<Stat>& stats) {
  size_t name_width = 0, max_changes = 0, added = 0, removed = 0;
  for (const Stat& s : stats) {
    name_width = std::max(name_width, s.path.size());
    max_changes = std::max(max_changes, s.added + s.removed);
    added += s.added;
    removed += s.removed;
  }
  const size_t count_width = std::to_string(max_changes).size();
  constexpr size_t kGraphWidth = 50;
  std::string out;
  for (const Stat& s : stats) {
    size_t plus = s.added, minus = s.removed;
    if (max_changes > kGraphWidth) {
      // Scale, but keep at least one mark for any non-zero count.
      plus = plus == 0 ? 0 : std::max<size_t>(1, plus * kGraphWidth / max_changes);
      minus = minus == 0 ? 0 : std::max<size_t>(1, minus * kGraphWidth / max_changes);
    }
    absl::StrAppend(&out, " ", s.path, std::string(name_width - s.path.size(), ' '), " | ",
                    std::string(count_width - std::to_string(s.added + s.removed).size(), ' '),
                    s.added + s.removed, " ", std::string(plus, '+'), std::string(minus, '-'),
                    "\n");
  }
  absl::StrAppend(&out, " ", stats.size(), stats.size() == 1 ? " file changed" : " files changed");
  if (added > 0) absl::StrAppend(&out, ", ", added, added == 1 ? " insertion(+)" : " insertions(+)");
  if (removed > 0) {
    absl::StrAppend(&out, ", ", removed, removed == 1 ? " deletion(-)" : " deletions(-)");
  }
  out += "\n";
  return out;
}

// Quoted-printable for the message body: '=', CR, bytes outside ASCII and
// whitespace before a line end are escaped; lines are not re-wrapped.
std::string QuotedPrintable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool before_newline = i + 1 == text.size() || text[i + 1] == '\n' ||
                                (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n');
    if (c == '=' || c == '\r' || c >= 0x80 || ((c == ' ' || c == '\t') && before_newline)) {
      out += absl::StrFormat("=%02X", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string Rfc2822Date(std::time_t time) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&time, &tm);
  return absl::StrFormat("%s, %d %s %d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                         kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                         tm.tm_sec);
}

std::string FormatMailPatch(const PatchInfo& info, const std::vector<FileDiff>& diffs) {
  std::vector<Stat> stats;
  std::string diff_text;
  for (const FileDiff& file : diffs) {
    if (file.diff.empty()) continue;
    stats.push_back(CountChanges(file));
    diff_text += file.diff;
  }

  std::string message;
  for (std::string_view line : SplitLines(info.body)) {
    if (LooksLikePatchStart(line)) message += ' ';
    message += line;
  }
  if (!message.empty() && message.back() != '\n') message += '\n';

  std::string content = message;
  absl::StrAppend(&content, "---\n");
  if (!stats.empty()) absl::StrAppend(&content, DiffStat(stats), "\n");
  absl::StrAppend(&content, diff_text, "-- \n", OneLine(info.signature), "\n\n");

  const bool has_cr = content.find('\r') != std::string::npos;
  std::string subject = OneLine(info.subject);
  subject = IsAscii(subject) ? absl::StrCat("[PATCH] ", subject)
                             : absl::StrCat("[PATCH] ", EncodeHeaderWords(subject));

  std::string out = "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n";
  absl::StrAppend(&out, "From: ", FromHeader(info), "\n");
  absl::StrAppend(&out, "Date: ", info.date.empty() ? Rfc2822Date(std::time(nullptr)) : OneLine(info.date), "\n");
  absl::StrAppend(&out, "Subject: ", subject, "\n");
  absl::StrAppend(&out, "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n");
  absl::StrAppend(&out, "Content-Transfer-Encoding: ", has_cr ? "quoted-printable" : "8bit", "\n");
  absl::StrAppend(&out, "\n", has_cr ? QuotedPrintable(content) : content);
  return out;
}

}  // namespace cfnfix
