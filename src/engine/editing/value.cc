#include "src/engine/editing/value.h"

namespace cfnfix::engine {

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  return v;
}

Value Value::Number(std::string_view text) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.text_ = std::string(text);
  return v;
}

Value Value::Str(std::string_view s) {
  Value v;
  v.kind_ = Kind::kString;
  v.text_ = std::string(s);
  return v;
}

Value Value::Seq(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kSequence;
  v.items_ = std::move(items);
  return v;
}

Value Value::Map(std::vector<Pair> pairs) {
  Value v;
  v.kind_ = Kind::kMapping;
  v.pairs_ = std::move(pairs);
  return v;
}

Value Value::Intrinsic(std::string_view function, Value argument) {
  Value v;
  v.kind_ = Kind::kIntrinsic;
  v.text_ = std::string(function);
  v.items_.push_back(std::move(argument));
  return v;
}

Value Value::Ref(std::string_view name) { return Intrinsic("Ref", Str(name)); }

Value Value::Sub(std::string_view text) { return Intrinsic("Fn::Sub", Str(text)); }

Value Value::GetAtt(std::string_view resource, std::string_view attribute) {
  return Intrinsic("Fn::GetAtt", Seq({Str(resource), Str(attribute)}));
}

Value Value::If(std::string_view condition, Value if_true, Value if_false) {
  return Intrinsic("Fn::If", Seq({Str(condition), std::move(if_true), std::move(if_false)}));
}

Value Value::Join(std::string_view delimiter, std::vector<Value> items) {
  return Intrinsic("Fn::Join", Seq({Str(delimiter), Seq(std::move(items))}));
}

Value Value::Equals(Value a, Value b) {
  return Intrinsic("Fn::Equals", Seq({std::move(a), std::move(b)}));
}

Value Value::Not(Value condition) { return Intrinsic("Fn::Not", Seq({std::move(condition)})); }

Value Value::Condition(std::string_view name) { return Intrinsic("Condition", Str(name)); }

}  // namespace cfnfix::engine
