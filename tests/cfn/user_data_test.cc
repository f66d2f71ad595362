#include "src/cfn/user_data.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/cfn/values.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;

// UserDataText of the value under `u` in `text`.
std::string TextIn(std::string_view text, std::string name = "t.yaml") {
  std::unique_ptr<syntax::Tree> tree = Parse(text, std::move(name));
  if (tree == nullptr) return "<parse error>";
  return UserDataText(*tree, Get(*tree, tree->root(), "u"));
}

struct Case {
  std::string text;
  std::string file;
  std::string expected;
};

TEST(UserDataTextTest, UnwrapsBase64SubJoinAndIf) {
  const std::vector<Case> cases = {
      // Plain strings, also block scalars.
      {"u: echo hi\n", "t.yaml", "echo hi"},
      {"u: |\n  #!/bin/bash\n  yum update -y\n", "t.yaml", "#!/bin/bash\nyum update -y\n"},
      // Base64 around a string or a Sub, in every form.
      {"u: !Base64 'dnf install -y git'\n", "t.yaml", "dnf install -y git"},
      {"u:\n  Fn::Base64: !Sub |\n    echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config\n",
       "t.yaml", "echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config\n"},
      {R"({"u": {"Fn::Base64": {"Fn::Sub": ["apt-get install -y ${P}", {"P": "nginx"}]}}})",
       "t.json", "apt-get install -y ${P}"},
      // Join: literal items with the delimiter; unreadable items are empty.
      {R"({"u": {"Fn::Base64": {"Fn::Join": ["", ["#!/bin/bash\n", "echo ECS_CLUSTER=",
         {"Ref": "Cluster"}, " >> /etc/ecs/ecs.config\n"]]}}})",
       "t.json", "#!/bin/bash\necho ECS_CLUSTER= >> /etc/ecs/ecs.config\n"},
      {"u: !Base64 {'Fn::Join': [\"\\n\", [a, !Sub 'b ${X}', c]]}\n", "t.yaml", "a\nb ${X}\nc"},
      // If: both branches.
      {"u: !Base64 {'Fn::If': [Win, '<powershell>x</powershell>', 'yum -y update']}\n",
       "t.yaml", "<powershell>x</powershell>\nyum -y update"},
      // A base64 literal that decodes to text is decoded.
      {"u: IyEvYmluL2Jhc2gKZG5mIGluc3RhbGwgLXkgbmdpbngK\n", "t.yaml",
       "#!/bin/bash\ndnf install -y nginx\n"},
      // Aliases are followed.
      {"a: &s 'yum -y install httpd'\nu: {'Fn::Base64': *s}\n", "t.yaml", "yum -y install httpd"},
  };
  for (const Case& c : cases) EXPECT_EQ(TextIn(c.text, c.file), c.expected) << c.text;
}

TEST(UserDataTextTest, GivesNothingForWhatItCannotRead) {
  const std::vector<Case> cases = {
      {"u: !Ref Script\n", "t.yaml", ""},
      {"u: {'Fn::Base64': !GetAtt A.B}\n", "t.yaml", ""},
      {"u: !Base64 {'Fn::Join': ['', !Ref Lines]}\n", "t.yaml", ""},
      {"u: !Base64 {'Fn::If': [C, a]}\n", "t.yaml", ""},
      {"other: 1\n", "t.yaml", ""},
      {"u: [a, b]\n", "t.yaml", ""},
      // Looks like base64 but is a word, or decodes to binary: kept as is.
      {"u: abcd\n", "t.yaml", "abcd"},
      {"u: AAAAAAAA\n", "t.yaml", "AAAAAAAA"},
  };
  for (const Case& c : cases) EXPECT_EQ(TextIn(c.text, c.file), c.expected) << c.text;
}

}  // namespace
}  // namespace cfnfix::cfn
