// AddObjectPrefixEdit: bucket names and ARNs written as object prefixes.
#include "src/engine/s3_object_prefix.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

constexpr std::string_view kTemplate = R"(Parameters:
  Name: {Type: String}
Resources:
  Data:
    Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      Values:
        - !Ref Data
        - !GetAtt Data.Arn
        - arn:aws:s3:::logs
        - !Sub 'arn:${AWS::Partition}:s3:::${Data}'
        - !Ref Name
        - 'arn:aws:s3:::*'
        - arn:aws:s3:::logs/key
)";

// The template with item `index` of Values rewritten, or the failure's message.
std::string Rewritten(size_t index) {
  std::unique_ptr<syntax::Tree> tree = testing::Parse(kTemplate, "t.yaml");
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  EXPECT_TRUE(tmpl.ok());
  const syntax::NodeId values = tree->Find(tmpl->resources()[1].properties, "Values");
  FixBuilder fix(*tree, *tmpl, Applicability::kUnsafe);
  const absl::Status status = AddObjectPrefixEdit(fix, tree->children(values)[index]);
  if (!status.ok()) return std::string(status.message());
  absl::StatusOr<Fix> built = std::move(fix).Build();
  EXPECT_TRUE(built.ok()) << built.status();
  std::string text = testing::Apply(kTemplate, built->edits);
  size_t item = text.find('\n', text.find("Values:")) + 1;
  for (size_t i = 0; i < index; ++i) item = text.find('\n', item) + 1;
  return text.substr(item, text.find('\n', item) - item);
}

TEST(AddObjectPrefixEdit, BucketsOfTheTemplateAndBucketArns) {
  EXPECT_EQ(Rewritten(0), "        - !Sub 'arn:${AWS::Partition}:s3:::${Data}/'");
  EXPECT_EQ(Rewritten(1), "        - !Sub '${Data.Arn}/'");
  EXPECT_EQ(Rewritten(2), "        - arn:aws:s3:::logs/");
  EXPECT_EQ(Rewritten(3), "        - !Sub 'arn:${AWS::Partition}:s3:::${Data}/'");
}

TEST(AddObjectPrefixEdit, RefusesWhatIsNotABucket) {
  const std::string refused = "the value is not a bucket of the template or bucket ARN";
  EXPECT_EQ(Rewritten(4), refused);  // A parameter: a name or an ARN?
  EXPECT_EQ(Rewritten(5), refused);  // Every bucket.
  EXPECT_EQ(Rewritten(6), refused);  // Already a key prefix.
}

}  // namespace
}  // namespace cfnfix::engine
