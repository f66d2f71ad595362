// What the template's Conditions say about each other: whether some
// conditions being true (or false) prove another true, the way cfn-lint
// decides it (W1001). Each `Fn::Equals` is a Boolean atom; two Equals of the
// same `Ref` against different literal strings cannot both hold, a
// parameter with literal `AllowedValues` takes one of them; Equals of
// two literals is a constant; `Fn::And`, `Fn::Or`, `Fn::Not` and
// `{Condition: X}` combine them. Implication is decided by trying every
// assignment of the atoms involved (up to kMaxAtoms).
#ifndef CFNFIX_CFN_CONDITION_LOGIC_H_
#define CFNFIX_CFN_CONDITION_LOGIC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// A condition name assumed true, or false when `negated`.
struct ConditionFact {
  std::string_view name;
  bool negated = false;
};

class ConditionLogic {
 public:
  static constexpr size_t kMaxAtoms = 12;

  explicit ConditionLogic(const Template& tmpl) : tmpl_(tmpl) {}

  // True when every assignment that makes all `given` facts hold makes
  // condition `wanted` true, and when `wanted` is itself a given fact. False
  // when it cannot be proved: some
  // assignment makes it false, a condition is undefined or unreadable
  // (an unreadable part is an atom of its own), or too many atoms.
  bool Implies(const std::vector<ConditionFact>& given, std::string_view wanted) const;

 private:
  struct Formula {
    enum class Kind : uint8_t { kTrue, kFalse, kAtom, kAnd, kOr, kNot };
    Kind kind = Kind::kFalse;
    int atom = -1;              // kAtom
    std::vector<int> operands;  // kAnd, kOr, kNot
  };
  int Build(NodeId node, int depth) const;
  int ConditionFormula(std::string_view name, int depth) const;
  int Atom(NodeId equals) const;
  bool Eval(int formula, const std::vector<bool>& atoms) const;
  void CollectAtoms(int formula, std::vector<int>& atoms) const;
  // The literal AllowedValues of parameter `ref` ("s:" prefixed), if any.
  std::optional<std::vector<std::string>> AllowedValues(std::string_view ref) const;
  bool AllowedValuesPermit(const std::vector<int>& used, const std::vector<bool>& atoms) const;

  const Template& tmpl_;
  // Formulas are built on demand and kept: indexes into formulas_.
  mutable std::vector<Formula> formulas_;
  mutable absl::flat_hash_map<std::string, int> by_condition_;
  mutable absl::flat_hash_map<std::string, int> atom_ids_;
  // Per atom: the Ref it compares and the literal, when of that shape.
  mutable std::vector<std::pair<std::string, std::string>> atom_compare_;
};

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_CONDITION_LOGIC_H_
