#include "src/engine/log_retention.h"

namespace cfnfix::engine {

Value RetentionInDays(const RuleContext& ctx) {
  if (const cfn::Parameter* p = cfn::LogRetentionParameter(ctx.tree(), ctx.tmpl())) {
    return Value::Ref(p->logical_id);
  }
  return Value::Number(ctx.option("retention-in-days"));
}

}  // namespace cfnfix::engine
