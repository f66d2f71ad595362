#include "tests/json/json_test_util.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "simdjson.h"
#include "src/base/strings.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/load/load.h"

namespace cfnfix::syntax::json_test {
namespace {

std::string Compare(const Tree& tree, NodeId id, simdjson::dom::element element,
                    const std::string& path) {
  const Node& node = tree.node(id);
  auto mismatch = [&](std::string_view what) {
    return absl::StrCat(path, ": ", ToAbsl(what), " (ours: ", ToAbsl(tree.RawText(id)), ")");
  };
  switch (element.type()) {
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object object = element.get_object().value_unsafe();
      if (node.kind != NodeKind::kMapping || node.collection_style != CollectionStyle::kFlow) {
        return mismatch("expected a flow mapping");
      }
      if (tree.pair_count(id) != object.size()) return mismatch("member count differs");
      size_t pair = 0;
      for (simdjson::dom::key_value_pair member : object) {
        const Node& key = tree.node(tree.key(id, pair));
        if (key.scalar_style != ScalarStyle::kDoubleQuoted || key.value != member.key) {
          return mismatch(absl::StrCat("key ", pair, " differs"));
        }
        std::string result = Compare(tree, tree.value(id, pair), member.value,
                                     absl::StrCat(path, "/", ToAbsl(member.key)));
        if (!result.empty()) return result;
        ++pair;
      }
      return "";
    }
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array array = element.get_array().value_unsafe();
      if (node.kind != NodeKind::kSequence || node.collection_style != CollectionStyle::kFlow) {
        return mismatch("expected a flow sequence");
      }
      if (tree.children(id).size() != array.size()) return mismatch("item count differs");
      size_t index = 0;
      for (simdjson::dom::element item : array) {
        std::string result =
            Compare(tree, tree.children(id)[index], item, absl::StrCat(path, "/", index));
        if (!result.empty()) return result;
        ++index;
      }
      return "";
    }
    case simdjson::dom::element_type::STRING:
      if (node.kind != NodeKind::kScalar || node.scalar_style != ScalarStyle::kDoubleQuoted) {
        return mismatch("expected a double-quoted scalar");
      }
      if (node.value != element.get_string().value_unsafe()) return mismatch("string differs");
      return "";
    case simdjson::dom::element_type::BOOL:
    case simdjson::dom::element_type::NULL_VALUE: {
      std::string expected = element.is_null()                    ? "null"
                             : element.get_bool().value_unsafe() ? "true"
                                                                  : "false";
      if (node.scalar_style != ScalarStyle::kPlain || node.value != expected) {
        return mismatch("literal differs");
      }
      return "";
    }
    default: {  // Numbers.
      if (node.kind != NodeKind::kScalar || node.scalar_style != ScalarStyle::kPlain ||
          node.value != tree.RawText(id)) {
        return mismatch("expected a plain scalar holding its source text");
      }
      double ours = std::strtod(std::string(node.value).c_str(), nullptr);
      if (ours != element.get_double().value_unsafe()) return mismatch("number differs");
      return "";
    }
  }
}

}  // namespace

std::string ReadFileOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  for (absl::string_view line : absl::StrSplit(ReadFileOrFail(path), '\n', absl::SkipEmpty())) {
    std::vector<std::string> row = absl::StrSplit(line, '\t');
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<Tree> CheckEncodingThenParseJson(std::shared_ptr<const SourceText> source) {
  absl::Status encoding = CheckEncoding(*source, ParseOptions{});
  if (!encoding.ok()) return encoding;
  return ParseJson(std::move(source));
}

std::string CompareWithSimdjson(const Tree& tree) {
  std::string_view text = tree.text();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::error_code error = parser.parse(simdjson::padded_string(text)).get(root);
  if (error) return absl::StrCat("simdjson rejects it: ", simdjson::error_message(error));
  if (tree.documents().size() != 1 || tree.root() == kNoNode) return "not one document";
  return Compare(tree, tree.root(), root, "");
}

}  // namespace cfnfix::syntax::json_test
