// A small tree of values for rules to describe text they want to insert,
// independent of the target file's format and style (see render_value.h).
#ifndef CFNFIX_ENGINE_EDITING_VALUE_H_
#define CFNFIX_ENGINE_EDITING_VALUE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cfnfix::engine {

class Value {
 public:
  enum class Kind : uint8_t {
    kNull,
    kBool,
    kNumber,     // kept as the text to write, e.g. "30" or "0.5"
    kString,
    kSequence,
    kMapping,    // ordered pairs
    kIntrinsic,  // an intrinsic function call: name + one argument
  };
  using Pair = std::pair<std::string, Value>;

  // A null value.
  Value() = default;

  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Number(std::string_view text);
  static Value Str(std::string_view s);
  static Value Seq(std::vector<Value> items);
  static Value Map(std::vector<Pair> pairs);
  // `function` is the long-form name: "Ref", "Condition", "Fn::Sub", ...
  static Value Intrinsic(std::string_view function, Value argument);

  // Shorthands for the common calls.
  static Value Ref(std::string_view name);
  static Value Sub(std::string_view text);
  static Value GetAtt(std::string_view resource, std::string_view attribute);
  static Value If(std::string_view condition, Value if_true, Value if_false);
  static Value Join(std::string_view delimiter, std::vector<Value> items);
  static Value Equals(Value a, Value b);
  static Value Not(Value condition);
  static Value Condition(std::string_view name);
  static Value NoValue() { return Ref("AWS::NoValue"); }

  Kind kind() const { return kind_; }
  bool is_scalar() const { return kind_ <= Kind::kString; }
  bool bool_value() const { return bool_; }
  // kNumber/kString: the text; kIntrinsic: the function's long-form name.
  const std::string& text() const { return text_; }
  // kSequence: the items.
  const std::vector<Value>& items() const { return items_; }
  // kMapping: the entries in order.
  const std::vector<Pair>& pairs() const { return pairs_; }
  // kIntrinsic: the argument.
  const Value& argument() const { return items_.front(); }

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::string text_;
  std::vector<Value> items_;  // also holds an intrinsic's single argument
  std::vector<Pair> pairs_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_VALUE_H_
