#include "src/cfn/log_groups.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

constexpr int64_t kRetentionDays[] = {1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                      365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

// The parameter `value` is a `Ref` to, or nullptr.
const Parameter* RefParameter(const syntax::Tree& tree, const Template& tmpl, NodeId value) {
  std::optional<Intrinsic> fn = AsIntrinsic(tree, value);
  if (!fn || fn->kind != IntrinsicKind::kRef) return nullptr;
  std::optional<std::string_view> target = RefTarget(tree, *fn);
  return target ? tmpl.FindParameter(*target) : nullptr;
}

// A Number parameter named for retention whose default and allowed values
// CloudWatch all accepts.
bool LooksLikeRetention(const syntax::Tree& tree, const Parameter& parameter) {
  if (parameter.type != "Number") return false;
  if (absl::AsciiStrToLower(std::string(parameter.logical_id)).find("retention") ==
      std::string::npos) {
    return false;
  }
  auto accepted = [&](NodeId value) {
    std::optional<int64_t> days = LooseInt(tree, value);
    return days.has_value() && IsCloudWatchRetention(*days);
  };
  if (parameter.default_value != kNoNode && !accepted(parameter.default_value)) return false;
  for (NodeId allowed : Items(tree, Get(tree, parameter.body, "AllowedValues"))) {
    if (!accepted(allowed)) return false;
  }
  return true;
}

// The Sub text of an `Fn::Join` call: literal delimiter, literal item list.
std::optional<std::string> JoinText(const syntax::Tree& tree, const Intrinsic& join) {
  const NodeId args = tree.Resolve(join.argument);
  if (tree.node(args).kind != syntax::NodeKind::kSequence) return std::nullopt;
  absl::Span<const NodeId> parts = tree.children(args);
  if (parts.size() != 2) return std::nullopt;
  std::optional<std::string> delimiter = AsSubText(tree, parts[0]);
  if (!delimiter || !IsLiteral(tree, parts[1], syntax::NodeKind::kSequence)) return std::nullopt;
  std::string text;
  bool first = true;
  for (NodeId item : Items(tree, parts[1])) {
    std::optional<std::string> piece = AsSubText(tree, item);
    if (!piece) return std::nullopt;
    if (!first) text += *delimiter;
    text += *piece;
    first = false;
  }
  return text;
}

}  // namespace

absl::Span<const int64_t> CloudWatchRetentionDays() { return kRetentionDays; }

bool IsCloudWatchRetention(int64_t days) {
  return std::binary_search(std::begin(kRetentionDays), std::end(kRetentionDays), days);
}

const Parameter* LogRetentionParameter(const syntax::Tree& tree, const Template& tmpl) {
  const Parameter* used = nullptr;
  for (const Resource& resource : tmpl.resources()) {
    if (resource.type != "AWS::Logs::LogGroup") continue;
    const Parameter* p = RefParameter(tree, tmpl, PropertyAt(tree, resource, {"RetentionInDays"}));
    if (p == nullptr) continue;
    // Log groups that disagree leave the choice open.
    if (used != nullptr && used != p) return nullptr;
    used = p;
  }
  if (used != nullptr) return used;
  const Parameter* named = nullptr;
  for (const Parameter& parameter : tmpl.parameters()) {
    if (!LooksLikeRetention(tree, parameter)) continue;
    if (named != nullptr) return nullptr;
    named = &parameter;
  }
  return named;
}

std::optional<std::string> AsSubText(const syntax::Tree& tree, NodeId value) {
  if (value == kNoNode) return std::nullopt;
  std::optional<Intrinsic> fn = AsIntrinsic(tree, value);
  if (!fn) {
    std::optional<std::string_view> literal = LooseString(tree, value);
    // `${` in a literal would read as a reference once written into a Sub.
    if (!literal || literal->find("${") != std::string_view::npos) return std::nullopt;
    return std::string(*literal);
  }
  switch (fn->kind) {
    case IntrinsicKind::kRef: {
      std::optional<std::string_view> target = RefTarget(tree, *fn);
      if (!target) return std::nullopt;
      return "${" + std::string(*target) + "}";
    }
    case IntrinsicKind::kGetAtt: {
      std::optional<GetAttTarget> target = GetAttTargetOf(tree, *fn);
      if (!target || target->attribute.empty()) return std::nullopt;
      return "${" + std::string(target->resource) + "." + std::string(target->attribute) + "}";
    }
    case IntrinsicKind::kSub: {
      std::optional<SubString> sub = SubParts(tree, *fn);
      if (!sub || sub->variables != kNoNode) return std::nullopt;
      return std::string(sub->text);
    }
    case IntrinsicKind::kJoin:
      return JoinText(tree, *fn);
    default:
      return std::nullopt;
  }
}

DeployedNames DeployedNamesOf(const syntax::Tree& tree, const Resource& resource,
                              std::string_view name_property) {
  DeployedNames out;
  out.texts.push_back("${" + std::string(resource.logical_id) + "}");
  const NodeId name = Get(tree, resource.properties, name_property);
  if (name == kNoNode) return out;
  if (std::optional<std::string_view> literal = LooseString(tree, name)) {
    out.literal = std::string(*literal);
  }
  for (NodeId branch : Branches(tree, name)) {
    std::optional<std::string> text = AsSubText(tree, branch);
    if (text) {
      out.texts.push_back(*std::move(text));
    } else {
      out.complete = false;
    }
  }
  return out;
}

}  // namespace cfnfix::cfn
