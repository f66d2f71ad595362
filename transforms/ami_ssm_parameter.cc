// ami-ssm-parameter (CF401): placeholder until the rule lands; reports nothing.
#include "transforms/rules.h"

namespace cfnfix::transforms {
namespace {

constexpr std::string_view kDoc = R"md(# ami-ssm-parameter (CF401)

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

const engine::RuleInfo kAmiSsmParameter = {
    .code = "CF401",
    .name = "ami-ssm-parameter",
    .summary = "Hardcoded AMI ids go stale; resolve the latest image from SSM",
    .fix_applicability = engine::Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
