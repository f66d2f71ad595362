// s3-bucket-key (CF201): placeholder until the rule lands; reports nothing.
#include "transforms/rules.h"

namespace cfnfix::transforms {
namespace {

constexpr std::string_view kDoc = R"md(# s3-bucket-key (CF201)

## What it does
Not implemented yet.

## Why is this bad?
## Example
## Fix safety
## Options
## References
)md";

void Check(engine::RuleContext& ctx) {}

}  // namespace

const engine::RuleInfo kS3BucketKey = {
    .code = "CF201",
    .name = "s3-bucket-key",
    .summary = "KMS-encrypted S3 buckets without Bucket Keys pay one KMS request per object",
    .fix_applicability = engine::Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
