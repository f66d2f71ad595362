#include "src/syntax/load/load.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/ascii.h"
#include "simdjson.h"
#include "src/base/status_macros.h"
#include "src/base/strings.h"
#include "src/syntax/load/lenient_json.h"
#include "src/syntax/load/mapping_keys.h"
#include "src/syntax/yaml/yaml_parser.h"

namespace cfnfix::syntax {
namespace {

absl::Status ErrorAt(const SourceText& source, uint32_t offset, std::string_view message) {
  LineCol at = source.Locate(offset);
  return absl::InvalidArgumentError(absl::StrCat(at.line, ":", at.column, ": ", ToAbsl(message)));
}

// Offset of the first byte that breaks UTF-8, or size() when valid. Only run
// after the fast simdjson check failed, to find where.
uint32_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return static_cast<uint32_t>(i);
    if (!simdjson::validate_utf8(text.data() + i, len)) return static_cast<uint32_t>(i);
    i += len;
  }
  return static_cast<uint32_t>(text.size());
}

// Offset of the first carriage return not followed by a line feed, or
// size() when there is none.
uint32_t FirstLoneCarriageReturn(std::string_view text) {
  for (size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1)) {
    if (i + 1 == text.size() || text[i + 1] != '\n') return static_cast<uint32_t>(i);
  }
  return static_cast<uint32_t>(text.size());
}

}  // namespace

Format DetectFormat(std::string_view name, std::string_view text) {
  std::string lower = absl::AsciiStrToLower(ToAbsl(name));
  if (absl::EndsWith(lower, ".json")) return Format::kJson;
  if (absl::EndsWith(lower, ".yaml") || absl::EndsWith(lower, ".yml")) return Format::kYaml;
  text.remove_prefix(Utf8BomLength(text));
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' ? Format::kJson : Format::kYaml;
  }
  return Format::kYaml;
}

absl::Status CheckEncoding(const SourceText& source, const ParseOptions& options) {
  std::string_view text = source.text();
  if (text.size() > options.max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "1:1: file is ", text.size(), " bytes, over the limit of ", options.max_bytes,
        " bytes"));
  }
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                           (text[0] == '\xFE' && text[1] == '\xFF'))) {
    return ErrorAt(source, 0, "UTF-16/UTF-32 encoded input is not supported; save the file as UTF-8");
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    uint32_t offset = static_cast<uint32_t>(static_cast<const char*>(nul) - text.data());
    return ErrorAt(source, offset, "NUL byte: this looks like a binary file, not a template");
  }
  if (!simdjson::validate_utf8(text.data(), text.size())) {
    return ErrorAt(source, FirstInvalidUtf8(text), "invalid UTF-8 byte sequence");
  }
  return absl::OkStatus();
}

absl::StatusOr<Tree> ParseSource(std::shared_ptr<const SourceText> source,
                                 const ParseOptions& options, std::optional<Format> format) {
  CFNFIX_RETURN_IF_ERROR(CheckEncoding(*source, options));
  Format chosen = format.value_or(DetectFormat(source->name(), source->text()));
  // YAML reads a lone CR as a line break, but line numbers and every edit
  // helper count LF only; refuse rather than fix such a file wrongly.
  if (chosen == Format::kYaml) {
    uint32_t cr = FirstLoneCarriageReturn(source->text());
    if (cr < source->text().size()) {
      return ErrorAt(*source, cr,
                     "line break is a lone carriage return (CR); save the file with LF or "
                     "CRLF line endings");
    }
  }
  absl::StatusOr<Tree> tree = chosen == Format::kJson
                                  ? ParseJsonOrLenient(std::move(source), options)
                                  : ParseYaml(std::move(source), options);
  if (tree.ok()) CFNFIX_RETURN_IF_ERROR(CheckMappingKeys(*tree));
  return tree;
}

absl::StatusOr<std::shared_ptr<const SourceText>> ReadSource(const std::string& path,
                                                             const ParseOptions& options) {
  std::string bytes;
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    bytes = std::move(buffer).str();
    return SourceText::Create(bytes, "-");
  }
  // An ifstream opens a directory and then reports an absurd size.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return absl::InvalidArgumentError("is a directory, not a template file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open: ", std::strerror(errno)));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return absl::InvalidArgumentError("cannot read: not a regular file");
  if (static_cast<size_t>(size) > options.max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("1:1: file is ", size,
                                                   " bytes, over the limit of ",
                                                   options.max_bytes, " bytes"));
  }
  in.seekg(0, std::ios::beg);
  bytes.resize(static_cast<size_t>(size));
  if (!in.read(bytes.data(), size)) return absl::DataLossError("short read");
  return SourceText::Create(bytes, path);
}

}  // namespace cfnfix::syntax
