#include "src/engine/editing/policy_edit.h"

#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "src/cfn/iam.h"
#include "src/cfn/intrinsics.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/render_value.h"
#include "src/engine/editing/sequence_edit.h"
#include "src/engine/editing/text_layout.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

// Flow YAML or JSON: `{old}` becomes `[{old}, {new}...]`.
std::vector<Edit> WrapFlow(const Tree& tree, NodeId old, const std::vector<Value>& statements) {
  std::string_view text = tree.text();
  const syntax::Node& node = tree.node(old);
  RenderStyle style = DetectStyle(tree, old);
  style.flow = tree.format() == Format::kYaml;
  // A multi-line JSON object: the new one is laid out like it, its closing
  // brace at the indentation the old one's has.
  style.base_indent = LeadingWhitespace(text, node.span.end - 1);
  std::string added;
  for (const Value& statement : statements) {
    added += ItemSeparator(style) + RenderValue(statement, style);
  }
  return {Edit::Insert(node.span.begin, "["), Edit::Insert(node.span.end, added + "]")};
}

// Block YAML: a dash goes in the two spaces before the first key, and the
// new statement follows as the next item at the dash's indentation.
absl::StatusOr<std::vector<Edit>> WrapBlock(const Tree& tree, NodeId key, NodeId old,
                                            const std::vector<Value>& statements) {
  std::string_view text = tree.text();
  const uint32_t first = tree.FullSpan(tree.key(old, 0)).begin;
  const uint32_t line_start = LineStartOf(text, first);
  const std::string key_indent = IndentOf(text, tree.FullSpan(key).begin);
  if (LeadingWhitespace(text, first).size() != first - line_start ||
      first - line_start < key_indent.size() + 2 || text.substr(first - 2, 2) != "  ") {
    return absl::FailedPreconditionError(
        "the statement is not indented enough to take a dash without re-indenting it");
  }
  const std::string dash_indent(first - line_start - 2, ' ');
  std::vector<Edit> edits = {Edit::Replace(Span{first - 2, first}, "- ")};
  absl::StatusOr<std::vector<Edit>> item =
      InsertBlockItemsAfter(tree, old, dash_indent, statements);
  if (!item.ok()) return item.status();
  edits.insert(edits.end(), item->begin(), item->end());
  return edits;
}

}  // namespace

absl::StatusOr<std::vector<Edit>> AddStatement(const Tree& tree, NodeId document,
                                               const Value& statement) {
  return AddStatements(tree, document, {statement});
}

absl::StatusOr<std::vector<Edit>> AddStatements(const Tree& tree, NodeId document,
                                                const std::vector<Value>& statements) {
  if (document == syntax::kNoNode || tree.node(document).kind != NodeKind::kMapping) {
    return absl::InvalidArgumentError("the policy document is not a mapping");
  }
  if (statements.empty()) return absl::InvalidArgumentError("no statement to add");
  std::optional<size_t> index = PairIndex(tree, document, "Statement");
  if (!index) return AppendPairs(tree, document, {{"Statement", Value::Seq(statements)}});
  const NodeId old = tree.value(document, *index);
  const syntax::Node& node = tree.node(old);
  if (node.kind == NodeKind::kAlias || !node.anchor.empty() || !node.tag.empty()) {
    return absl::FailedPreconditionError("Statement is an alias, anchored or tagged");
  }
  if (node.kind == NodeKind::kSequence) return AppendItems(tree, old, statements);
  if (node.kind != NodeKind::kMapping || cfn::AsIntrinsic(tree, old)) {
    return absl::FailedPreconditionError("Statement is neither a list nor a statement");
  }
  if (tree.node(old).child_count == 0) {
    return absl::FailedPreconditionError("Statement is an empty mapping");
  }
  if (tree.format() == Format::kJson || node.collection_style == CollectionStyle::kFlow) {
    return WrapFlow(tree, old, statements);
  }
  return WrapBlock(tree, tree.key(document, *index), old, statements);
}

std::string UniqueSid(const Tree& tree, NodeId document, std::string_view wanted) {
  const cfn::NodeList statements = cfn::Statements(tree, document);
  for (int n = 1;; ++n) {
    std::string sid = n == 1 ? std::string(wanted) : absl::StrFormat("%s%d", wanted, n);
    bool taken = false;
    for (NodeId s : statements) {
      taken = taken || cfn::LooseString(tree, cfn::Get(tree, s, "Sid")) == sid;
    }
    if (!taken) return sid;
  }
}

Value OneOrList(std::vector<Value> items) {
  return items.size() == 1 ? std::move(items.front()) : Value::Seq(std::move(items));
}

Value AllowService(std::string_view sid, std::string_view service, Value action, Value resource,
                   std::vector<Value::Pair> condition) {
  std::vector<Value::Pair> pairs;
  if (!sid.empty()) pairs.push_back({"Sid", Value::Str(sid)});
  pairs.push_back({"Effect", Value::Str("Allow")});
  pairs.push_back({"Principal", Value::Map({{"Service", Value::Str(service)}})});
  pairs.push_back({"Action", std::move(action)});
  pairs.push_back({"Resource", std::move(resource)});
  if (!condition.empty()) pairs.push_back({"Condition", Value::Map(std::move(condition))});
  return Value::Map(std::move(pairs));
}

Value DenyInsecureTransport(std::string_view action, Value resource) {
  return Value::Map({
      {"Sid", Value::Str("DenyInsecureTransport")},
      {"Effect", Value::Str("Deny")},
      {"Principal", Value::Str("*")},
      {"Action", Value::Str(action)},
      {"Resource", std::move(resource)},
      {"Condition",
       Value::Map({{"Bool", Value::Map({{"aws:SecureTransport", Value::Str("false")}})}})},
  });
}

Value PolicyDocumentOf(std::vector<Value> statements) {
  return Value::Map(
      {{"Version", Value::Str("2012-10-17")}, {"Statement", Value::Seq(std::move(statements))}});
}

Value BucketPolicyFor(const syntax::Tree& tree, const cfn::Resource& bucket,
                      std::vector<Value> statements) {
  std::vector<Value::Pair> body = {{"Type", Value::Str("AWS::S3::BucketPolicy")}};
  if (std::optional<std::string_view> condition = cfn::LooseString(tree, bucket.condition)) {
    body.push_back({"Condition", Value::Str(*condition)});
  }
  body.push_back({"Properties",
                  Value::Map({{"Bucket", Value::Ref(bucket.logical_id)},
                              {"PolicyDocument", PolicyDocumentOf(std::move(statements))}})});
  return Value::Map(std::move(body));
}

}  // namespace cfnfix::engine
