#include "src/cfn/condition_logic.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {

namespace {

constexpr int kMaxDepth = 16;

// A comparable spelling of one side of an Fn::Equals.
std::string Canonical(const syntax::Tree& tree, NodeId node, bool* literal) {
  *literal = false;
  const std::optional<Intrinsic> fn = AsIntrinsic(tree, node);
  if (fn && fn->kind == IntrinsicKind::kRef) {
    if (std::optional<std::string_view> target = RefTarget(tree, *fn)) {
      return "ref:" + std::string(*target);
    }
  }
  if (std::optional<std::string_view> text = LooseString(tree, node)) {
    *literal = true;
    return "s:" + std::string(*text);
  }
  std::string raw;
  for (char c : tree.RawText(tree.Resolve(node))) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') raw.push_back(c);
  }
  return "raw:" + raw;
}

}  // namespace

int ConditionLogic::Atom(NodeId equals) const {
  const syntax::Tree& tree = tmpl_.tree();
  const std::optional<Intrinsic> fn =
      equals == kNoNode ? std::nullopt : AsIntrinsic(tree, equals);
  const NodeId list = fn ? tree.Resolve(fn->argument) : kNoNode;
  Formula f;
  if (list == kNoNode || tree.node(list).kind != syntax::NodeKind::kSequence ||
      tree.children(list).size() != 2) {
    // Unreadable: an atom of its own, known to nothing else.
    f.kind = Formula::Kind::kAtom;
    f.atom = static_cast<int>(atom_compare_.size());
    atom_compare_.push_back({});
    formulas_.push_back(f);
    return static_cast<int>(formulas_.size()) - 1;
  }
  bool literal_a = false, literal_b = false;
  std::string a = Canonical(tree, tree.children(list)[0], &literal_a);
  std::string b = Canonical(tree, tree.children(list)[1], &literal_b);
  if (literal_a && literal_b) {
    f.kind = a == b ? Formula::Kind::kTrue : Formula::Kind::kFalse;
    formulas_.push_back(f);
    return static_cast<int>(formulas_.size()) - 1;
  }
  if (b < a) {
    std::swap(a, b);
    std::swap(literal_a, literal_b);
  }
  const std::string key = a + "\n" + b;
  auto [it, added] = atom_ids_.try_emplace(key, static_cast<int>(atom_compare_.size()));
  if (added) {
    // `ref:X` against a literal: exclusive with the same Ref against another.
    const bool compare = (literal_a != literal_b) && (a.rfind("ref:", 0) == 0 ||
                                                      b.rfind("ref:", 0) == 0);
    atom_compare_.push_back(compare ? (literal_a ? std::make_pair(b, a) : std::make_pair(a, b))
                                    : std::make_pair(std::string(), std::string()));
  }
  f.kind = Formula::Kind::kAtom;
  f.atom = it->second;
  formulas_.push_back(f);
  return static_cast<int>(formulas_.size()) - 1;
}

int ConditionLogic::ConditionFormula(std::string_view name, int depth) const {
  const std::string key(name);
  if (auto it = by_condition_.find(key); it != by_condition_.end()) return it->second;
  const NodeId definition = Get(tmpl_.tree(), tmpl_.conditions_section(), name);
  if (definition == kNoNode || depth > kMaxDepth) return -1;
  const int built = Build(definition, depth + 1);
  if (built >= 0) by_condition_[key] = built;
  return built;
}

int ConditionLogic::Build(NodeId node, int depth) const {
  const syntax::Tree& tree = tmpl_.tree();
  const std::optional<Intrinsic> fn = AsIntrinsic(tree, node);
  if (!fn || depth > kMaxDepth) return Atom(kNoNode);
  if (fn->kind == IntrinsicKind::kEquals) return Atom(node);
  if (fn->kind == IntrinsicKind::kCondition) {
    const std::optional<std::string_view> name = ArgumentString(tree, *fn);
    return name ? ConditionFormula(*name, depth) : -1;
  }
  Formula f;
  if (fn->kind == IntrinsicKind::kAnd) f.kind = Formula::Kind::kAnd;
  else if (fn->kind == IntrinsicKind::kOr) f.kind = Formula::Kind::kOr;
  else if (fn->kind == IntrinsicKind::kNot) f.kind = Formula::Kind::kNot;
  else return Atom(kNoNode);
  const NodeId list = tree.Resolve(fn->argument);
  if (tree.node(list).kind != syntax::NodeKind::kSequence) return Atom(kNoNode);
  for (NodeId item : tree.children(list)) {
    const int operand = Build(item, depth + 1);
    if (operand < 0) return -1;
    f.operands.push_back(operand);
  }
  if (f.operands.empty() || (f.kind == Formula::Kind::kNot && f.operands.size() != 1)) {
    return Atom(kNoNode);
  }
  formulas_.push_back(std::move(f));
  return static_cast<int>(formulas_.size()) - 1;
}

bool ConditionLogic::Eval(int formula, const std::vector<bool>& atoms) const {
  const Formula& f = formulas_[formula];
  switch (f.kind) {
    case Formula::Kind::kTrue: return true;
    case Formula::Kind::kFalse: return false;
    case Formula::Kind::kAtom: return atoms[f.atom];
    case Formula::Kind::kNot: return !Eval(f.operands[0], atoms);
    case Formula::Kind::kAnd:
      return std::all_of(f.operands.begin(), f.operands.end(),
                         [&](int o) { return Eval(o, atoms); });
    case Formula::Kind::kOr:
      return std::any_of(f.operands.begin(), f.operands.end(),
                         [&](int o) { return Eval(o, atoms); });
  }
  return false;
}

void ConditionLogic::CollectAtoms(int formula, std::vector<int>& atoms) const {
  const Formula& f = formulas_[formula];
  if (f.kind == Formula::Kind::kAtom &&
      std::find(atoms.begin(), atoms.end(), f.atom) == atoms.end()) {
    atoms.push_back(f.atom);
  }
  for (int o : f.operands) CollectAtoms(o, atoms);
}

std::optional<std::vector<std::string>> ConditionLogic::AllowedValues(
    std::string_view ref) const {
  const syntax::Tree& tree = tmpl_.tree();
  const Parameter* parameter = tmpl_.FindParameter(ref);
  if (parameter == nullptr) return std::nullopt;
  const NodeId list = Get(tree, parameter->body, "AllowedValues");
  if (!IsLiteral(tree, list, syntax::NodeKind::kSequence)) return std::nullopt;
  std::vector<std::string> values;
  for (NodeId item : tree.children(tree.Resolve(list))) {
    const std::optional<std::string_view> value = LooseString(tree, item);
    if (!value) return std::nullopt;
    values.push_back("s:" + std::string(*value));
  }
  return values;
}

bool ConditionLogic::AllowedValuesPermit(const std::vector<int>& used,
                                         const std::vector<bool>& atoms) const {
  // A parameter with AllowedValues takes one of them: an Equals against
  // another value is false, and when the Equals in play cover every allowed
  // value, one of them is true.
  absl::flat_hash_map<std::string, std::vector<int>> by_ref;
  for (int atom : used) {
    if (!atom_compare_[atom].first.empty()) by_ref[atom_compare_[atom].first].push_back(atom);
  }
  for (const auto& [ref, group] : by_ref) {
    const std::optional<std::vector<std::string>> allowed = AllowedValues(ref.substr(4));
    if (!allowed) continue;
    bool any_true = false;
    std::vector<std::string> uncovered = *allowed;
    for (int atom : group) {
      const std::string& literal = atom_compare_[atom].second;
      const bool listed = std::find(allowed->begin(), allowed->end(), literal) != allowed->end();
      if (atoms[atom] && !listed) return false;
      any_true = any_true || atoms[atom];
      uncovered.erase(std::remove(uncovered.begin(), uncovered.end(), literal), uncovered.end());
    }
    if (!any_true && uncovered.empty()) return false;
  }
  return true;
}

bool ConditionLogic::Implies(const std::vector<ConditionFact>& given,
                             std::string_view wanted) const {
  // A condition implies itself, even one that cannot be read (it names an
  // undefined condition): a place guarded by `wanted` is guarded.
  for (const ConditionFact& fact : given) {
    if (fact.name == wanted && !fact.negated) return true;
  }
  const int goal = ConditionFormula(wanted, 0);
  if (goal < 0) return false;
  std::vector<std::pair<int, bool>> facts;
  std::vector<int> used;
  CollectAtoms(goal, used);
  for (const ConditionFact& fact : given) {
    const int f = ConditionFormula(fact.name, 0);
    if (f < 0) return false;
    facts.push_back({f, fact.negated});
    CollectAtoms(f, used);
  }
  if (used.size() > kMaxAtoms) return false;
  std::vector<bool> atoms(atom_compare_.size(), false);
  for (uint32_t bits = 0; bits < (1u << used.size()); ++bits) {
    for (size_t i = 0; i < used.size(); ++i) atoms[used[i]] = (bits >> i) & 1;
    // Two Equals of one Ref against different literals cannot both hold.
    bool possible = true;
    for (size_t i = 0; i < used.size() && possible; ++i) {
      for (size_t j = i + 1; j < used.size() && possible; ++j) {
        const auto& a = atom_compare_[used[i]];
        const auto& b = atom_compare_[used[j]];
        if (atoms[used[i]] && atoms[used[j]] && !a.first.empty() && a.first == b.first &&
            a.second != b.second) {
          possible = false;
        }
      }
    }
    possible = possible && AllowedValuesPermit(used, atoms);
    for (const auto& [f, negated] : facts) possible = possible && Eval(f, atoms) != negated;
    if (possible && !Eval(goal, atoms)) return false;
  }
  return true;
}

}  // namespace cfnfix::cfn
