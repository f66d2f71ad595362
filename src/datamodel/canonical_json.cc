#include "src/datamodel/canonical_json.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/base/status_macros.h"
#include "src/base/strings.h"
#include "src/datamodel/json_string.h"
#include "src/datamodel/scalar_resolver.h"
#include "src/syntax/load/document_checks.h"

namespace cfnfix::datamodel {
namespace {

using syntax::CollectionStyle;
using syntax::Format;
using syntax::kNoNode;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::TokenKind;
using syntax::Tree;

// Alias expansion can nest far deeper than the parser allows; recursion
// stays well inside the default stack below this.
constexpr int kMaxDepth = 2000;
constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";

enum class TagKind {
  kNone,         // no tag
  kNonSpecific,  // "!": resolved like a plain scalar, whatever the style
  kStandard,     // "!!int", "!<tag:yaml.org,2002:int>": name is "int"
  kLocal,        // "!Ref": a CloudFormation short-form function, name "Ref"
};

struct Tag {
  TagKind kind = TagKind::kNone;
  std::string_view name;
};

// One mapping entry after merges: the key is a scalar node.
struct Entry {
  NodeId key;
  NodeId value;
};

class Dumper {
 public:
  Dumper(const Tree& tree, const DumpOptions& options) : tree_(tree), options_(options) {}

  absl::StatusOr<std::string> Run() {
    // The checks every template reader shares: after them, following
    // aliases terminates and copies a bounded number of nodes.
    CFNFIX_RETURN_IF_ERROR(syntax::CheckSingleDocument(tree_));
    CFNFIX_RETURN_IF_ERROR(syntax::CheckAliasExpansion(tree_, options_.max_alias_expansion));
    NodeId root = tree_.root();
    out_.reserve(tree_.text().size() + 16);
    if (root == kNoNode) {
      out_ = "null";
    } else if (tree_.format() == Format::kJson) {
      DumpJson(root);
    } else {
      CFNFIX_RETURN_IF_ERROR(CheckDirectives());
      CFNFIX_RETURN_IF_ERROR(DumpNode(root, 0));
    }
    out_.push_back('\n');
    return std::move(out_);
  }

 private:
  absl::Status Error(uint32_t offset, std::string_view message) const {
    LineCol at = tree_.Locate(offset);
    return absl::InvalidArgumentError(
        absl::StrCat(at.line, ":", at.column, ": ", ToAbsl(message)));
  }
  absl::Status ErrorAtNode(NodeId id, std::string_view message) const {
    return Error(tree_.FullSpan(id).begin, message);
  }

  // Named tag handles would need the %TAG directives applied; templates do
  // not use them, so they are refused rather than misread.
  absl::Status CheckDirectives() const {
    for (const syntax::Token& token : tree_.tokens()) {
      if (token.kind == TokenKind::kDirective) {
        if (token.span.In(tree_.text()).substr(0, 4) == "%TAG") {
          return Error(token.span.begin, "%TAG directives are not supported");
        }
        continue;
      }
      if (token.kind != TokenKind::kBom && token.kind != TokenKind::kWhitespace &&
          token.kind != TokenKind::kNewline && token.kind != TokenKind::kComment) {
        break;
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Tag> ClassifyTag(NodeId id) const {
    std::string_view text = tree_.TagText(id);
    if (text.empty()) return Tag{};
    if (text == "!") return Tag{TagKind::kNonSpecific, {}};
    if (text.size() > 3 && text.substr(0, 2) == "!<" && text.back() == '>') {
      std::string_view uri = text.substr(2, text.size() - 3);
      if (uri.substr(0, kYamlTagPrefix.size()) == kYamlTagPrefix) {
        return Tag{TagKind::kStandard, uri.substr(kYamlTagPrefix.size())};
      }
      if (uri.size() > 1 && uri[0] == '!') return Tag{TagKind::kLocal, uri.substr(1)};
      return ErrorAtNode(id, absl::StrFormat("unsupported tag %s", text));
    }
    if (text.substr(0, 2) == "!!") return Tag{TagKind::kStandard, text.substr(2)};
    if (text.find('!', 1) != std::string_view::npos) {
      return ErrorAtNode(id, absl::StrFormat("undefined tag handle in %s", text));
    }
    return Tag{TagKind::kLocal, text.substr(1)};
  }

  // The type a scalar node constructs to, as PyYAML decides it.
  absl::StatusOr<ScalarType> ScalarTypeOf(NodeId id, const Tag& tag) const {
    const syntax::Node& node = tree_.node(id);
    switch (tag.kind) {
      case TagKind::kNone:
        return node.scalar_style == ScalarStyle::kPlain ? ResolvePlain(node.value)
                                                        : ScalarType::kStr;
      case TagKind::kNonSpecific:
        // libyaml marks a "!"-tagged scalar as plain-implicit, whatever its
        // style, except an empty one (a tag and no content): that is "".
        if (node.scalar_style == ScalarStyle::kPlain && node.span.empty()) {
          return ScalarType::kStr;
        }
        return ResolvePlain(node.value);
      case TagKind::kLocal:
        return ScalarType::kStr;
      case TagKind::kStandard:
        break;
    }
    std::string_view name = tag.name;
    if (name == "str" || name == "binary" || name == "timestamp") return ScalarType::kStr;
    if (name == "null") return ScalarType::kNull;
    if (name == "bool") return ScalarType::kBool;
    if (name == "int") return ScalarType::kInt;
    if (name == "float") return ScalarType::kFloat;
    if (name == "merge") return ScalarType::kMerge;
    if (name == "value") return ScalarType::kValue;
    if (name == "map" || name == "seq" || name == "set" || name == "omap" || name == "pairs") {
      return ErrorAtNode(id, absl::StrFormat("tag !!%s cannot be applied to a scalar", name));
    }
    return ErrorAtNode(id, absl::StrFormat("unsupported tag %s", tree_.TagText(id)));
  }

  // True when the key is a merge key ("<<" plain, or tagged !!merge).
  absl::StatusOr<bool> IsMergeKey(NodeId key) const {
    if (tree_.node(key).kind != NodeKind::kScalar) return false;
    CFNFIX_ASSIGN_OR_RETURN(Tag tag, ClassifyTag(key));
    if (tag.kind == TagKind::kLocal) return false;
    CFNFIX_ASSIGN_OR_RETURN(ScalarType type, ScalarTypeOf(key, tag));
    return type == ScalarType::kMerge;
  }

  absl::Status DumpNode(NodeId id, int depth) {
    if (depth > kMaxDepth) {
      return ErrorAtNode(id, absl::StrFormat("nesting deeper than %d levels", kMaxDepth));
    }
    const syntax::Node& node = tree_.node(id);
    if (node.kind == NodeKind::kAlias) {
      NodeId target = tree_.Resolve(id);
      if (target == kNoNode) return ErrorAtNode(id, "alias to an unknown anchor");
      return DumpNode(target, depth + 1);
    }
    CFNFIX_ASSIGN_OR_RETURN(Tag tag, ClassifyTag(id));
    if (node.kind == NodeKind::kScalar) return DumpScalar(id, tag);

    const bool is_mapping = node.kind == NodeKind::kMapping;
    if (tag.kind == TagKind::kStandard) {
      if (tag.name != (is_mapping ? "map" : "seq")) {
        if (tag.name == "map" || tag.name == "seq" || tag.name == "str" ||
            tag.name == "int" || tag.name == "float" || tag.name == "bool" ||
            tag.name == "null" || tag.name == "binary" || tag.name == "timestamp") {
          return ErrorAtNode(id, absl::StrFormat("tag %s cannot be applied to a %s",
                                                 tree_.TagText(id),
                                                 is_mapping ? "mapping" : "sequence"));
        }
        return ErrorAtNode(id, absl::StrFormat("unsupported tag %s", tree_.TagText(id)));
      }
    }
    if (tag.kind == TagKind::kLocal) OpenFunction(tag.name);
    CFNFIX_RETURN_IF_ERROR(is_mapping ? DumpMapping(id, depth) : DumpSequence(id, depth));
    if (tag.kind == TagKind::kLocal) out_.push_back('}');
    return absl::OkStatus();
  }

  // `!Ref` → {"Ref":, `!Condition` → {"Condition":, `!X` → {"Fn::X":.
  void OpenFunction(std::string_view name) {
    out_.append("{\"");
    if (name != "Ref" && name != "Condition") out_.append("Fn::");
    std::string key_json;
    AppendJsonString(name, &key_json);
    out_.append(key_json, 1, key_json.size() - 1);
    out_.push_back(':');
  }

  absl::Status DumpScalar(NodeId id, const Tag& tag) {
    const syntax::Node& node = tree_.node(id);
    if (tag.kind == TagKind::kLocal) {
      OpenFunction(tag.name);
      if (tag.name == "GetAtt") {
        // Python's value.split('.', 1).
        size_t dot = node.value.find('.');
        out_.push_back('[');
        AppendJsonString(node.value.substr(0, dot), &out_);
        if (dot != std::string_view::npos) {
          out_.push_back(',');
          AppendJsonString(node.value.substr(dot + 1), &out_);
        }
        out_.push_back(']');
      } else {
        AppendJsonString(node.value, &out_);
      }
      out_.push_back('}');
      return absl::OkStatus();
    }
    CFNFIX_ASSIGN_OR_RETURN(ScalarType type, ScalarTypeOf(id, tag));
    switch (type) {
      case ScalarType::kStr:
        AppendJsonString(node.value, &out_);
        return absl::OkStatus();
      case ScalarType::kNull:
        out_.append("null");
        return absl::OkStatus();
      case ScalarType::kBool: {
        absl::StatusOr<bool> value = ConstructBool(node.value);
        if (!value.ok()) return ErrorAtNode(id, ToStd(value.status().message()));
        out_.append(*value ? "true" : "false");
        return absl::OkStatus();
      }
      case ScalarType::kInt: {
        absl::StatusOr<std::string> value = ConstructInt(node.value);
        if (!value.ok()) return ErrorAtNode(id, ToStd(value.status().message()));
        out_.append(*value);
        return absl::OkStatus();
      }
      case ScalarType::kFloat: {
        absl::StatusOr<std::string> value = ConstructFloat(node.value);
        if (!value.ok()) return ErrorAtNode(id, ToStd(value.status().message()));
        // Infinity and NaN have no JSON form: keep the text.
        if (value->empty()) {
          AppendJsonString(node.value, &out_);
        } else {
          out_.append(*value);
        }
        return absl::OkStatus();
      }
      case ScalarType::kMerge:
      case ScalarType::kValue:
        break;
    }
    return ErrorAtNode(id, absl::StrFormat("\"%s\" is only meaningful as a mapping key",
                                           node.value));
  }

  absl::Status DumpSequence(NodeId id, int depth) {
    out_.push_back('[');
    bool first = true;
    for (NodeId item : tree_.children(id)) {
      if (!first) out_.push_back(',');
      first = false;
      CFNFIX_RETURN_IF_ERROR(DumpNode(item, depth + 1));
    }
    out_.push_back(']');
    return absl::OkStatus();
  }

  // Checks that `key` is a scalar (through aliases) and returns that scalar.
  absl::StatusOr<NodeId> ScalarKey(NodeId key) const {
    NodeId resolved = tree_.Resolve(key);
    if (resolved == kNoNode || tree_.node(resolved).kind != NodeKind::kScalar) {
      return ErrorAtNode(key, "mapping key is not a scalar");
    }
    return resolved;
  }

  void AppendKey(NodeId scalar_key) {
    AppendJsonString(tree_.node(scalar_key).value, &out_);
    out_.push_back(':');
  }

  absl::Status DumpMapping(NodeId id, int depth) {
    bool has_merge = false;
    const size_t pairs = tree_.pair_count(id);
    for (size_t i = 0; i < pairs && !has_merge; ++i) {
      NodeId key = tree_.Resolve(tree_.key(id, i));
      if (key == kNoNode) continue;
      CFNFIX_ASSIGN_OR_RETURN(has_merge, IsMergeKey(key));
    }
    if (!has_merge && !options_.sort_keys) {
      // The common case: keys are unique (ParseSource checked), in order.
      out_.push_back('{');
      for (size_t i = 0; i < pairs; ++i) {
        if (i > 0) out_.push_back(',');
        CFNFIX_ASSIGN_OR_RETURN(NodeId key, ScalarKey(tree_.key(id, i)));
        AppendKey(key);
        CFNFIX_RETURN_IF_ERROR(DumpNode(tree_.value(id, i), depth + 1));
      }
      out_.push_back('}');
      return absl::OkStatus();
    }
    std::vector<Entry> ordered;
    if (!has_merge) {
      ordered.reserve(pairs);
      for (size_t i = 0; i < pairs; ++i) {
        CFNFIX_ASSIGN_OR_RETURN(NodeId key, ScalarKey(tree_.key(id, i)));
        ordered.push_back(Entry{key, tree_.value(id, i)});
      }
    } else {
      std::vector<Entry> entries;
      CFNFIX_RETURN_IF_ERROR(Flatten(id, depth, &entries));
      // A later entry replaces an earlier one's value but keeps its place,
      // as a Python dict does.
      absl::flat_hash_map<std::string_view, size_t> index;
      for (const Entry& entry : entries) {
        auto [it, inserted] = index.try_emplace(tree_.node(entry.key).value, ordered.size());
        if (inserted) {
          ordered.push_back(entry);
        } else {
          ordered[it->second].value = entry.value;
        }
      }
    }
    if (options_.sort_keys) {
      std::sort(ordered.begin(), ordered.end(), [&](const Entry& a, const Entry& b) {
        return tree_.node(a.key).value < tree_.node(b.key).value;
      });
    }
    out_.push_back('{');
    bool first = true;
    for (const Entry& entry : ordered) {
      if (!first) out_.push_back(',');
      first = false;
      AppendKey(entry.key);
      CFNFIX_RETURN_IF_ERROR(DumpNode(entry.value, depth + 1));
    }
    out_.push_back('}');
    return absl::OkStatus();
  }

  // PyYAML's flatten_mapping: entries merged in through `<<` come first (a
  // list of mappings in reverse, so the first one wins), then the mapping's
  // own entries.
  absl::Status Flatten(NodeId id, int depth, std::vector<Entry>* out) {
    if (depth > kMaxDepth) {
      return ErrorAtNode(id, absl::StrFormat("nesting deeper than %d levels", kMaxDepth));
    }
    std::vector<Entry> merged;
    std::vector<Entry> own;
    const size_t pairs = tree_.pair_count(id);
    for (size_t i = 0; i < pairs; ++i) {
      CFNFIX_ASSIGN_OR_RETURN(NodeId key, ScalarKey(tree_.key(id, i)));
      NodeId value = tree_.value(id, i);
      CFNFIX_ASSIGN_OR_RETURN(bool is_merge, IsMergeKey(key));
      if (!is_merge) {
        own.push_back(Entry{key, value});
        continue;
      }
      NodeId source = tree_.Resolve(value);
      if (source == kNoNode) return ErrorAtNode(value, "alias to an unknown anchor");
      if (tree_.node(source).kind == NodeKind::kMapping) {
        CFNFIX_RETURN_IF_ERROR(Flatten(source, depth + 1, &merged));
      } else if (tree_.node(source).kind == NodeKind::kSequence) {
        auto items = tree_.children(source);
        for (size_t j = items.size(); j-- > 0;) {
          NodeId item = tree_.Resolve(items[j]);
          if (item == kNoNode || tree_.node(item).kind != NodeKind::kMapping) {
            return ErrorAtNode(items[j], "expected a mapping for merging");
          }
          CFNFIX_RETURN_IF_ERROR(Flatten(item, depth + 1, &merged));
        }
      } else {
        return ErrorAtNode(value, "expected a mapping or list of mappings for merging");
      }
    }
    out->reserve(merged.size() + own.size());
    out->insert(out->end(), merged.begin(), merged.end());
    out->insert(out->end(), own.begin(), own.end());
    return absl::OkStatus();
  }

  // JSON input: the same structure, numbers and literals as written.
  void DumpJson(NodeId id) {
    const syntax::Node& node = tree_.node(id);
    switch (node.kind) {
      case NodeKind::kScalar:
        if (node.scalar_style == ScalarStyle::kPlain) {
          out_.append(node.value);
        } else {
          AppendJsonString(node.value, &out_);
        }
        return;
      case NodeKind::kSequence: {
        out_.push_back('[');
        bool first = true;
        for (NodeId item : tree_.children(id)) {
          if (!first) out_.push_back(',');
          first = false;
          DumpJson(item);
        }
        out_.push_back(']');
        return;
      }
      case NodeKind::kMapping: {
        std::vector<size_t> order(tree_.pair_count(id));
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        if (options_.sort_keys) {
          std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return tree_.node(tree_.key(id, a)).value < tree_.node(tree_.key(id, b)).value;
          });
        }
        out_.push_back('{');
        for (size_t i = 0; i < order.size(); ++i) {
          if (i > 0) out_.push_back(',');
          AppendJsonString(tree_.node(tree_.key(id, order[i])).value, &out_);
          out_.push_back(':');
          DumpJson(tree_.value(id, order[i]));
        }
        out_.push_back('}');
        return;
      }
      case NodeKind::kAlias:
        out_.append("null");  // JSON has no aliases; unreachable.
        return;
    }
  }

  const Tree& tree_;
  const DumpOptions& options_;
  std::string out_;
};

}  // namespace

absl::StatusOr<std::string> ToCanonicalJson(const syntax::Tree& tree, const DumpOptions& options) {
  return Dumper(tree, options).Run();
}

}  // namespace cfnfix::datamodel
