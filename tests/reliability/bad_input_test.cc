// Bad input through the real binary: every row is a file no template can
// be. `check` and `fix` must exit 2, name the file with a position and a
// message a person understands, leave the file byte for byte as it was, and
// still process (and fix) the good template named after it.
//
// Errors about the file's contents carry "PATH:LINE:COL: "; errors where
// there is no content to point into (the path does not exist) are
// "PATH: message" — a made-up 1:1 would only mislead an editor.
#include <filesystem>
#include <functional>
#include <ostream>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/reliability/cli_runner.h"

namespace cfnfix::reliability {
namespace {

namespace fs = std::filesystem;

struct Row {
  std::string name;
  std::string file;  // Created in the temp dir under this name.
  std::function<std::string()> content;
  // What the message must say for the user to know what to do.
  std::string says;
  bool positioned = true;
  bool create = true;  // False: the path must not exist.
};

// GoogleTest prints the row by name instead of as raw bytes.
void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

std::string JsonSuiteCase(const std::string& name) {
  fs::path path = fs::path(CFNFIX_SHARED_DIR) / "conformance/JSONTestSuite/test_parsing" / name;
  std::string text = ReadFile(path);
  // An empty string would make the row test nothing; fail loudly instead.
  EXPECT_FALSE(text.empty()) << "missing conformance case " << path;
  return text;
}

std::function<std::string()> Text(std::string text) {
  return [text] { return text; };
}

std::function<std::string()> Suite(std::string name) {
  return [name] { return JsonSuiteCase(name); };
}

// A valid template, then comment lines up to `size` bytes.
std::string PaddedTemplate(size_t size) {
  std::string text = kGoodTemplate;
  const std::string line = "# " + std::string(76, 'x') + "\n";
  text.reserve(size + line.size());
  while (text.size() + line.size() <= size) text += line;
  return text;
}

std::vector<Row> Rows() {
  const std::string bucket = "  A:\n    Type: AWS::S3::Bucket\n";
  return {
      // Invalid YAML.
      {"YamlBadIndentation", "bad.yaml",
       Text("Resources:\n  A:\n    Type: AWS::S3::Bucket\n   Properties: {}\n"), "indentation"},
      {"YamlUnterminatedSingleQuote", "bad.yaml",
       Text("Description: 'abc\nResources:\n" + bucket), "single-quoted"},
      {"YamlUnterminatedDoubleQuote", "bad.yaml",
       Text("Description: \"abc\nResources:\n" + bucket), "double-quoted"},
      {"YamlUnterminatedQuoteAtEnd", "bad.yaml", Text("Resources:\n" + bucket + "Description: \"abc"),
       "double-quoted"},
      {"YamlUnterminatedFlowSequence", "bad.yaml",
       Text("Resources:\n" + bucket + "    Properties:\n      Tags: [a, b\n"),
       "unclosed flow sequence"},
      {"YamlUnterminatedFlowMapping", "bad.yaml", Text("Resources:\n  A: {Type: AWS::S3::Bucket\n"),
       "unclosed flow mapping"},
      {"YamlTabIndentation", "bad.yaml", Text("Resources:\n\tA:\n\t\tType: AWS::S3::Bucket\n"),
       "tab"},
      {"YamlCollectionAsKey", "bad.yaml",
       Text("Resources:\n" + bucket + "  ? [B, C]\n  : {Type: AWS::SQS::Queue}\n"),
       "4:5: mapping key is not a scalar"},
      {"YamlExplicitMappingKey", "bad.yaml", Text("?\n  Stack: 1\nResources:\n" + bucket),
       "2:3: mapping key is not a scalar"},
      {"YamlDuplicateKey", "bad.yaml", Text("Resources:\n" + bucket + "  A:\n    Type: AWS::SQS::Queue\n"),
       "duplicate key \"A\""},
      {"YamlUndefinedAlias", "bad.yaml", Text("Resources:\n" + bucket + "    Properties: *nope\n"),
       "undefined anchor"},
      {"YamlBadBlockScalarHeader", "bad.yaml", Text("Description: |x\n  text\nResources:\n" + bucket),
       "block scalar"},
      // Found by fix_pipeline_fuzzer: YAML reads a lone CR as a line break,
      // the line-based edit helpers do not, and the fix broke the file.
      {"YamlLoneCarriageReturn", "bad.yaml",
       Text("Resources:\r\n  A:\r\n    Type: AWS::S3::Bucket\rStatus: Enabled\r\n"),
       "lone carriage return"},
      // Valid YAML that is no single, finite template (the template loader's
      // checks, shared with parse --json).
      {"YamlSecondDocument", "bad.yaml",
       Text("Resources:\n" + bucket + "---\nResources:\n  B:\n    Type: AWS::SQS::Queue\n"),
       "4:1: a second document starts here"},
      {"YamlSecondDocumentAfterEndMarker", "bad.yaml",
       Text("---\nResources:\n" + bucket + "...\n---\nOutputs: {}\n"),
       "6:1: a second document starts here"},
      {"YamlEmptySecondDocument", "bad.yaml", Text("Resources:\n" + bucket + "---\n"),
       "4:1: a second (empty) document starts here"},
      {"YamlCommentOnlySecondDocument", "bad.yaml",
       Text("Resources:\n" + bucket + "--- # end\n# nothing here\n"),
       "4:1: a second (empty) document starts here"},
      {"YamlAliasBombUnderMetadata", "bad.yaml",
       [bucket] {
         std::string text = "Metadata:\n  l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
         for (int i = 1; i < 10; ++i) {
           text += "  l" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
           for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
           text += "]\n";
         }
         return text + "Resources:\n" + bucket;
       },
       "6:47: alias expansion exceeds 100000 nodes (billion laughs?)"},
      {"YamlMergeKeyBomb", "bad.yaml",
       [bucket] {
         std::string text = "Metadata:\n  m0: &m0 {";
         for (int k = 0; k < 10; ++k) text += (k ? ", k" : "k") + std::to_string(k) + ": v";
         text += "}\n";
         for (int i = 1; i < 8; ++i) {
           text += "  m" + std::to_string(i) + ": &m" + std::to_string(i) + " {";
           for (int j = 0; j < 10; ++j) {
             text += (j ? ", x" : "x") + std::to_string(j) + ": {<<: *m" + std::to_string(i - 1) + "}";
           }
           text += "}\n";
         }
         return text + "Resources:\n" + bucket;
       },
       "alias expansion exceeds 100000 nodes (billion laughs?)"},
      {"YamlRecursiveAlias", "bad.yaml",
       Text("Resources:\n  A: &a\n    Type: AWS::S3::Bucket\n    Metadata:\n      Self: *a\n"),
       "5:13: recursive alias"},
      {"YamlStrayClosingBracket", "bad.yaml", Text("Resources:\n" + bucket + "]\n"), "']'"},
      // Invalid JSON.
      {"JsonDuplicateKey", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}, \"A\": {\"Type\": \"AWS::SQS::Queue\"}}}\n"),
       "duplicate key \"A\""},
      // Trailing commas alone are read leniently (json-syntax fixes them);
      // with any other fault the file is refused at that fault, and the
      // message says why the commas did not save it.
      {"JsonTrailingCommaAndLineComment", "bad.json",
       Text("{\n  \"Resources\": {\n    // the bucket\n"
            "    \"A\": {\"Type\": \"AWS::S3::Bucket\"},\n  },\n}\n"),
       "3:5: comments are not allowed in JSON (trailing commas are read leniently, but this is "
       "not)"},
      {"JsonTrailingCommaAndBlockComment", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\",}}, /* end */}\n"),
       "1:52: comments are not allowed in JSON (trailing commas are read leniently"},
      {"JsonTrailingCommaAndHashComment", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"},}, # end\n}\n"),
       "1:52: expected a double-quoted object key, found '#' (trailing commas are read "
       "leniently"},
      {"JsonTrailingCommaAndSingleQuotes", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": 'AWS::S3::Bucket',},},}\n"),
       "1:30: strings must use double quotes (trailing commas are read leniently"},
      {"JsonTrailingCommaAndUnquotedKey", "bad.json",
       Text("{\"Resources\": {A: {\"Type\": \"AWS::S3::Bucket\",},},}\n"),
       "1:16: expected a double-quoted object key, found 'A' (trailing commas are read "
       "leniently"},
      {"JsonTrailingCommaAndSecondValue", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\",},},}\n---\n{}\n"),
       "2:1: unexpected '-' after the JSON value (trailing commas are read leniently"},
      {"JsonTrailingCommaAndYamlTag", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": "
            "{\"BucketName\": !Ref Name,},},},}\n"),
       "1:78: expected a JSON value, found '!' (trailing commas are read leniently"},
      {"JsonFileInYamlBlockStyle", "bad.json",
       Text("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {Tags: [],}\n"),
       "1:1: invalid value 'Resources': expected a string, number, object, array, true, false or "
       "null (trailing commas are read leniently"},
      {"JsonDoubleComma", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\",,},},}\n"),
       "1:48: expected a double-quoted object key, found ',' (trailing commas are read "
       "leniently"},
      {"JsonComment", "bad.json",
       Text("{\n  // the bucket\n  \"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}}\n}\n"),
       "comments"},
      {"JsonSingleQuotes", "bad.json", Text("{'Resources': {'A': {'Type': 'AWS::S3::Bucket'}}}\n"),
       "double quotes"},
      {"JsonTruncated", "bad.json", Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bu"),
       "string"},
      // A closer that does not match the collection it closes, and brackets
      // left over after the root: each at the exact position Python's json
      // reports.
      {"JsonArrayClosedByBraceAfterNestedClose", "bad.json",
       Text("{\n  \"Resources\": {\n    \"A\": {\n      \"Type\": \"AWS::S3::Bucket\",\n"
            "      \"Properties\": {\"BucketName\": {\"Fn::Join\": [\"\", [\"a\", \"b\"]] ]}\n"
            "    }\n  }\n}\n"),
       "5:66: expected ',' or '}' after object member, found ']'"},
      {"JsonArrayClosedByBrace", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"Tags\": "
            "[{\"Key\": \"k\", \"Value\": \"v\"}}}}}}\n"),
       "1:99: expected ',' or ']' after array element, found '}'"},
      {"JsonEmptyObjectClosedByBracket", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {}]}}\n"),
       "1:65: expected ',' or '}' after object member, found ']'"},
      {"JsonRootClosedByBracket", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}}]\n"),
       "1:49: expected ',' or '}' after object member, found ']'"},
      {"JsonExtraCloserAfterRoot", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}}}}\n"),
       "1:50: unexpected '}' after the JSON value"},
      {"JsonSecondValueAfterRoot", "bad.json",
       Text("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}}}\n{\"Resources\": {}}\n"),
       "2:1: unexpected '{' after the JSON value"},
      {"JsonSuiteArrayUnclosed", "n_array_unclosed.json", Suite("n_array_unclosed.json"),
       "end of input"},
      {"JsonSuiteObjectMissingColon", "n_object_missing_colon.json",
       Suite("n_object_missing_colon.json"), "':'"},
      {"JsonSuiteNumberLeadingZero", "n_number_-01.json", Suite("n_number_-01.json"),
       "leading zeros"},
      {"JsonSuiteUnescapedNewline", "n_string_unescaped_newline.json",
       Suite("n_string_unescaped_newline.json"), "line break inside a string"},
      {"JsonSuiteUnclosedObject", "n_structure_unclosed_object.json",
       Suite("n_structure_unclosed_object.json"), "end of input"},
      {"JsonSuiteUnquotedKey", "n_object_unquoted_key.json", Suite("n_object_unquoted_key.json"),
       "double-quoted object key"},
      // Parses, but is no template (the user named it, so it is an error).
      {"YamlNotATemplate", "ci.yaml", Text("name: build\non: [push]\njobs: {}\n"),
       "not a CloudFormation template"},
      {"EmptyFile", "empty.yaml", Text(""), "not a CloudFormation template"},
      // Not text a template can be.
      {"BinaryWithNul", "bad.yaml", Text(std::string("Resources:\n  A:\0\1\2\n", 18)), "binary"},
      {"InvalidUtf8", "bad.yaml", Text("Description: caf\xe9\nResources:\n" + bucket), "UTF-8"},
      {"Utf16LittleEndianBom", "bad.yaml", Text(std::string("\xff\xfeR\0e\0s\0", 8)), "UTF-16"},
      {"Utf16BigEndianBom", "bad.yaml", Text(std::string("\xfe\xff\0R\0e\0s", 8)), "UTF-16"},
      {"Utf8BomInsideDocument", "bad.yaml",
       Text("AWSTemplateFormatVersion: '2010-09-09'\n\xEF\xBB\xBFResources:\n" + bucket),
       "2:1: byte order mark inside a document"},
      {"Utf8BomInsideJson", "bad.json",
       Text("{\"Resources\": \xEF\xBB\xBF{\"A\": {\"Type\": \"AWS::S3::Bucket\"}}}"), "1:15:"},
      {"OverSizeLimit100MB", "big.yaml", [] { return PaddedTemplate(100u << 20); },
       "over the limit of 67108864 bytes"},
      // Nesting far beyond any template: an error, not a stack overflow.
      {"DeepYamlFlow", "deep.yaml",
       [] { return "Resources: " + std::string(100000, '[') + std::string(100000, ']') + "\n"; },
       "nesting is deeper than the limit"},
      {"DeepYamlBlock", "deep.yaml",
       [] {
         std::string text = "Resources:\n  ";
         for (int i = 0; i < 100000; ++i) text += "- ";
         return text + "x\n";
       },
       "nesting is deeper than the limit"},
      {"DeepJson", "deep.json",
       [] {
         return "{\"Resources\": " + std::string(100000, '[') + std::string(100000, ']') + "}\n";
       },
       "nesting is deeper than the limit"},
      // Valid YAML with the wrong template structure.
      {"ResourcesIsAList", "bad.yaml",
       Text("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  - Type: AWS::S3::Bucket\n"),
       "Resources must be a mapping"},
      {"TypeNotAString", "bad.yaml", Text("Resources:\n  A:\n    Type: [AWS::S3::Bucket]\n"),
       "Type of resource A must be a string"},
      {"ResourceNotAMapping", "bad.yaml",
       Text("Resources:\n  A: AWS::S3::Bucket\n  B:\n    Type: AWS::SQS::Queue\n"),
       "resource A must be a mapping"},
      // The path itself is wrong.
      {"PathDoesNotExist", "missing.yaml", nullptr, "no such file or directory",
       /*positioned=*/false, /*create=*/false},
  };
}

// True when some line of `err` is "FILE:LINE:COL: message" (or "FILE:
// message" when not positioned) and contains `says`.
bool HasErrorLine(const std::string& err, const Row& row) {
  const std::regex position(R"(^\d+:\d+: .+)");
  size_t start = 0;
  while (start < err.size()) {
    size_t end = err.find('\n', start);
    if (end == std::string::npos) end = err.size();
    std::string line = err.substr(start, end - start);
    start = end + 1;
    if (line.rfind(row.file + ":", 0) != 0 || line.find(row.says) == std::string::npos) continue;
    std::string rest = line.substr(row.file.size() + 1);
    if (row.positioned ? std::regex_match(rest, position) : rest.rfind(" ", 0) == 0) return true;
  }
  return false;
}

class BadInputTest : public testing::TestWithParam<Row> {};

TEST_P(BadInputTest, ReportedUnchangedAndTheRunGoesOn) {
  const Row& row = GetParam();
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  std::string original;
  if (row.create) {
    original = row.content();
    WriteFile(dir.path() / row.file, original);
  }

  for (const std::string command : {"check", "fix"}) {
    SCOPED_TRACE(command);
    WriteFile(dir.path() / "good.yaml", kGoodTemplate);
    CliResult result =
        RunCfnfix({command, "--select", "retain-stateful-resources", row.file, "good.yaml"},
                  dir.path());
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_TRUE(HasErrorLine(result.err, row))
        << "no line \"" << row.file << (row.positioned ? ":LINE:COL: " : ": ") << "...\" saying \""
        << row.says << "\" in:\n" << result.err;
    if (row.create) {
      EXPECT_TRUE(ReadFile(dir.path() / row.file) == original) << "the bad file was modified";
    } else {
      EXPECT_FALSE(fs::exists(dir.path() / row.file));
    }
    if (command == std::string("check")) {
      EXPECT_NE(result.out.find("good.yaml:3:3: CF101"), std::string::npos) << result.out;
      EXPECT_EQ(ReadFile(dir.path() / "good.yaml"), kGoodTemplate);
    } else {
      EXPECT_NE(result.out.find("good.yaml: fixed CF101"), std::string::npos) << result.out;
      EXPECT_EQ(ReadFile(dir.path() / "good.yaml"), kGoodTemplateFixed);
    }
    // Nothing else appeared: no temporary or backup files.
    size_t entries = std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator());
    EXPECT_EQ(entries, row.create ? 2u : 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, BadInputTest, testing::ValuesIn(Rows()),
                         [](const testing::TestParamInfo<Row>& info) { return info.param.name; });

TEST(BadInputTableTest, HasAtLeastThirtyRows) { EXPECT_GE(Rows().size(), 30u); }

}  // namespace
}  // namespace cfnfix::reliability
