// LooseBool, LooseInt, LooseString and LiteralOrDefault from values.h.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/values.h"
#include "tests/cfn/parse_util.h"
#include "tests/cfn/query_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;
using testing::ParseTemplate;
using testing::Top;

struct LooseCase {
  std::string value;  // the text of `v`, in YAML unless `json`
  bool json;
  std::optional<bool> as_bool;
  std::optional<int64_t> as_int;
  std::optional<std::string> as_string;
};

constexpr bool kYaml = false;
constexpr bool kJson = true;
constexpr std::nullopt_t kNone = std::nullopt;

const std::vector<LooseCase>& LooseCases() {
  static const auto* cases = new std::vector<LooseCase>{
      // Booleans, as YAML and as strings.
      {"true", kYaml, true, kNone, "true"},
      {"True", kYaml, true, kNone, "True"},
      {"TRUE", kYaml, true, kNone, "TRUE"},
      {"false", kYaml, false, kNone, "false"},
      {"'false'", kYaml, false, kNone, "false"},
      {"\"FALSE\"", kYaml, false, kNone, "FALSE"},
      {"! true", kYaml, true, kNone, "true"},
      {"!!str True", kYaml, true, kNone, "True"},
      {"|-\n  true", kYaml, true, kNone, "true"},
      {"|\n  true", kYaml, kNone, kNone, "true\n"},
      {"tRUE", kYaml, kNone, kNone, "tRUE"},
      {"yes", kYaml, kNone, kNone, "yes"},
      {"on", kYaml, kNone, kNone, "on"},
      {"' true'", kYaml, kNone, kNone, " true"},
      // Integers.
      {"1", kYaml, kNone, 1, "1"},
      {"0", kYaml, kNone, 0, "0"},
      {"'5'", kYaml, kNone, 5, "5"},
      {"\"-3\"", kYaml, kNone, -3, "-3"},
      {"+7", kYaml, kNone, 7, "+7"},
      {"\"010\"", kYaml, kNone, 10, "010"},
      {"010", kYaml, kNone, kNone, "010"},
      {"5.0", kYaml, kNone, kNone, "5.0"},
      {"1e3", kYaml, kNone, kNone, "1e3"},
      {"0x1F", kYaml, kNone, kNone, "0x1F"},
      {"1_000", kYaml, kNone, kNone, "1_000"},
      {"' 5'", kYaml, kNone, kNone, " 5"},
      {"'+-5'", kYaml, kNone, kNone, "+-5"},
      {"'-'", kYaml, kNone, kNone, "-"},
      {"'+'", kYaml, kNone, kNone, "+"},
      {"9223372036854775807", kYaml, kNone, std::numeric_limits<int64_t>::max(),
       "9223372036854775807"},
      {"-9223372036854775808", kYaml, kNone, std::numeric_limits<int64_t>::min(),
       "-9223372036854775808"},
      {"9223372036854775808", kYaml, kNone, kNone, "9223372036854775808"},
      // Null is no string; quoted or tagged it is.
      {"", kYaml, kNone, kNone, kNone},
      {"~", kYaml, kNone, kNone, kNone},
      {"null", kYaml, kNone, kNone, kNone},
      {"Null", kYaml, kNone, kNone, kNone},
      {"NULL", kYaml, kNone, kNone, kNone},
      {"'null'", kYaml, kNone, kNone, "null"},
      {"''", kYaml, kNone, kNone, ""},
      {"!!str", kYaml, kNone, kNone, ""},
      {"!!str null", kYaml, kNone, kNone, "null"},
      // Other tags, intrinsics and collections are unreadable.
      {"!!bool true", kYaml, kNone, kNone, kNone},
      {"!!int 5", kYaml, kNone, kNone, kNone},
      {"!Ref Flag", kYaml, kNone, kNone, kNone},
      {"!Sub 'true'", kYaml, kNone, kNone, kNone},
      {"{Ref: Flag}", kYaml, kNone, kNone, kNone},
      {"[true]", kYaml, kNone, kNone, kNone},
      {"{a: 1}", kYaml, kNone, kNone, kNone},
      // JSON.
      {"true", kJson, true, kNone, "true"},
      {"false", kJson, false, kNone, "false"},
      {"\"True\"", kJson, true, kNone, "True"},
      {"5", kJson, kNone, 5, "5"},
      {"-12", kJson, kNone, -12, "-12"},
      {"\"5\"", kJson, kNone, 5, "5"},
      {"5.5", kJson, kNone, kNone, "5.5"},
      {"null", kJson, kNone, kNone, kNone},
      {"\"null\"", kJson, kNone, kNone, "null"},
      {"\"\"", kJson, kNone, kNone, ""},
      {"{\"Ref\": \"Flag\"}", kJson, kNone, kNone, kNone},
      {"[1]", kJson, kNone, kNone, kNone},
  };
  return *cases;
}

TEST(LooseScalarsTest, ReadsScalarsAsCloudFormationDoes) {
  for (const LooseCase& c : LooseCases()) {
    const std::string text = c.json ? "{\"v\": " + c.value + "}" : "v: " + c.value + "\n";
    auto tree = Parse(text, c.json ? "t.json" : "t.yaml");
    ASSERT_NE(tree, nullptr) << text;
    const NodeId v = Top(*tree, "v");
    ASSERT_NE(v, kNoNode) << text;
    EXPECT_EQ(LooseBool(*tree, v), c.as_bool) << text;
    EXPECT_EQ(LooseInt(*tree, v), c.as_int) << text;
    std::optional<std::string_view> as_string = LooseString(*tree, v);
    EXPECT_EQ(as_string.has_value(), c.as_string.has_value()) << text;
    if (as_string && c.as_string) {
      EXPECT_EQ(*as_string, *c.as_string) << text;
    }
  }
}

TEST(LooseScalarsTest, FollowsAliasesAndAcceptsNoNode) {
  auto tree = Parse("a: &flag 'TRUE'\nb: &n \"42\"\nv: *flag\nw: *n\n");
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(LooseBool(*tree, Top(*tree, "v")), true);
  EXPECT_EQ(LooseInt(*tree, Top(*tree, "w")), 42);
  EXPECT_EQ(LooseString(*tree, Top(*tree, "w")), "42");
  EXPECT_EQ(LooseBool(*tree, kNoNode), std::nullopt);
  EXPECT_EQ(LooseInt(*tree, kNoNode), std::nullopt);
  EXPECT_EQ(LooseString(*tree, kNoNode), std::nullopt);
}

constexpr char kParametersYaml[] = R"(Parameters:
  Size:
    Type: String
    Default: t3.micro
  Count:
    Type: Number
    Default: 5
  Required:
    Type: String
  Computed:
    Type: String
    Default: !Ref Size
Resources:
  Bucket:
    Type: AWS::S3::Bucket
Values:
  literal: m5.large
  short: !Ref Size
  long: {Ref: Size}
  number: !Ref Count
  no_default: !Ref Required
  computed: !Ref Computed
  resource: !Ref Bucket
  pseudo: !Ref AWS::Region
  sub: !Sub '${Size}'
  null:
)";

constexpr char kParametersJson[] = R"({
  "Parameters": {
    "Size": {"Type": "String", "Default": "t3.micro"},
    "Count": {"Type": "Number", "Default": 5},
    "Required": {"Type": "String"},
    "Computed": {"Type": "String", "Default": {"Ref": "Size"}}
  },
  "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}},
  "Values": {
    "literal": "m5.large",
    "short": {"Ref": "Size"},
    "long": {"Ref": "Size"},
    "number": {"Ref": "Count"},
    "no_default": {"Ref": "Required"},
    "computed": {"Ref": "Computed"},
    "resource": {"Ref": "Bucket"},
    "pseudo": {"Ref": "AWS::Region"},
    "sub": {"Fn::Sub": "${Size}"},
    "null": null
  }
})";

TEST(LiteralOrDefaultTest, LiteralsAndParameterDefaults) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> expected = {
      {"literal", "m5.large"}, {"short", "t3.micro"}, {"long", "t3.micro"},
      {"number", "5"},         {"no_default", kNone}, {"computed", kNone},
      {"resource", kNone},     {"pseudo", kNone},     {"sub", kNone},
      {"null", kNone},
  };
  for (const auto& [text, file] : {std::pair{kParametersYaml, "t.yaml"},
                                   std::pair{kParametersJson, "t.json"}}) {
    auto [tree, tmpl] = ParseTemplate(text, file);
    ASSERT_TRUE(tmpl.has_value()) << file;
    const NodeId values = Top(*tree, "Values");
    for (const auto& [key, value] : expected) {
      const NodeId node = tree->Find(values, key);
      ASSERT_NE(node, kNoNode) << key;
      std::optional<std::string_view> got = LiteralOrDefault(*tree, *tmpl, node);
      EXPECT_EQ(got.has_value(), value.has_value()) << file << " " << key;
      if (got && value) {
        EXPECT_EQ(*got, *value) << file << " " << key;
      }
    }
    EXPECT_EQ(LiteralOrDefault(*tree, *tmpl, kNoNode), std::nullopt);
  }
}

}  // namespace
}  // namespace cfnfix::cfn
