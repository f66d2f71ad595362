// split-log-buckets (CF301): placeholder until the rule lands; reports nothing.
#include "transforms/rules.h"

namespace cfnfix::transforms {
namespace {

constexpr std::string_view kDoc = R"md(# split-log-buckets (CF301)

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

const engine::RuleInfo kSplitLogBuckets = {
    .code = "CF301",
    .name = "split-log-buckets",
    .summary = "Logs delivered into a data bucket or a bucket logging to itself",
    .fix_applicability = engine::Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
