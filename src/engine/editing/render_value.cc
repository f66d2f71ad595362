#include "src/engine/editing/render_value.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"
#include "src/engine/editing/file_style.h"
#include "src/engine/editing/render_scalar.h"
#include "src/engine/editing/text_layout.h"

namespace cfnfix::engine {
namespace {

using syntax::CollectionStyle;
using syntax::Format;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::ScalarStyle;
using syntax::Tree;

constexpr std::pair<std::string_view, std::string_view> kShortTags[] = {
    {"Ref", "!Ref"},
    {"Condition", "!Condition"},
    {"Fn::And", "!And"},
    {"Fn::Base64", "!Base64"},
    {"Fn::Cidr", "!Cidr"},
    {"Fn::Equals", "!Equals"},
    {"Fn::FindInMap", "!FindInMap"},
    {"Fn::GetAtt", "!GetAtt"},
    {"Fn::GetAZs", "!GetAZs"},
    {"Fn::If", "!If"},
    {"Fn::ImportValue", "!ImportValue"},
    {"Fn::Join", "!Join"},
    {"Fn::Length", "!Length"},
    {"Fn::Not", "!Not"},
    {"Fn::Or", "!Or"},
    {"Fn::Select", "!Select"},
    {"Fn::Split", "!Split"},
    {"Fn::Sub", "!Sub"},
    {"Fn::ToJsonString", "!ToJsonString"},
    {"Fn::Transform", "!Transform"},
};

// True when no mapping other than an intrinsic call occurs in `v`: such a
// value reads well on one line (`!If [C, a, !Ref B]`, `{"Ref": "X"}`).
bool IsCompact(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kMapping:
      return v.pairs().empty();
    case Value::Kind::kSequence:
      for (const Value& item : v.items()) {
        if (!IsCompact(item)) return false;
      }
      return true;
    case Value::Kind::kIntrinsic:
      return IsCompact(v.argument());
    default:
      return true;
  }
}

// True when `v` holds only scalars and sequences: long-form arguments such
// as `Fn::GetAtt: [A, B]` stay on one line only then.
bool IsLeafOnly(const Value& v) {
  if (v.is_scalar()) return true;
  if (v.kind() != Value::Kind::kSequence) return false;
  for (const Value& item : v.items()) {
    if (!IsLeafOnly(item)) return false;
  }
  return true;
}

bool IsEmptyCollection(const Value& v) {
  return (v.kind() == Value::Kind::kMapping && v.pairs().empty()) ||
         (v.kind() == Value::Kind::kSequence && v.items().empty());
}

class Renderer {
 public:
  explicit Renderer(const RenderStyle& style) : s_(style) {}

  std::string Render(const Value& v) const {
    if (s_.format == Format::kJson) return Json(v, s_.base_indent);
    if (s_.flow) return Flow(v);
    std::string out = MapValue(v, s_.base_indent);
    // MapValue writes the space after the colon; the caller writes ": ".
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
  }

  // Block YAML: "- item" with the dash at style.base_indent.
  std::string BlockItem(const Value& v) const { return absl::StrCat("- ", Item(v, s_.base_indent + "  ")); }

  std::string Key(std::string_view key) const {
    return s_.format == Format::kJson ? JsonQuote(key) : RenderString(key, Format::kYaml);
  }

  std::string Scalar(const Value& v) const {
    switch (v.kind()) {
      case Value::Kind::kNull: return "null";
      case Value::Kind::kBool: return v.bool_value() ? "true" : "false";
      case Value::Kind::kNumber: return v.text();
      case Value::Kind::kString:
        if (s_.format == Format::kJson) return JsonQuote(v.text());
        return RenderString(v.text(), Format::kYaml, s_.string_style);
      default: return "";
    }
  }

 private:
  // The short-form tag and its argument on one line, e.g. "!GetAtt A.B".
  std::string ShortInline(const Value& v) const {
    std::string tag(ShortTag(v.text()));
    const Value& arg = v.argument();
    if (v.text() == "Fn::GetAtt" && arg.kind() == Value::Kind::kSequence &&
        arg.items().size() == 2 && arg.items()[0].kind() == Value::Kind::kString &&
        arg.items()[1].kind() == Value::Kind::kString) {
      return tag + " " + Scalar(Value::Str(arg.items()[0].text() + "." +
                                                     arg.items()[1].text()));
    }
    // A node takes one tag: a call as the argument of a short-form call
    // is written in long form (`!GetAZs {Ref: AWS::Region}`).
    if (arg.kind() == Value::Kind::kIntrinsic) {
      return absl::StrCat(tag, " {", Key(arg.text()), ": ", Flow(arg.argument()), "}");
    }
    return tag + " " + Flow(arg);
  }

  bool UseShort(const Value& v) const {
    return s_.short_intrinsics && !ShortTag(v.text()).empty();
  }

  // YAML flow style, on one line.
  std::string Flow(const Value& v) const {
    switch (v.kind()) {
      case Value::Kind::kSequence: {
        std::string out = "[";
        for (size_t i = 0; i < v.items().size(); ++i) {
          if (i > 0) out += ", ";
          out += Flow(v.items()[i]);
        }
        return out + "]";
      }
      case Value::Kind::kMapping: {
        std::string out = "{";
        for (size_t i = 0; i < v.pairs().size(); ++i) {
          if (i > 0) out += ", ";
          out += Key(v.pairs()[i].first) + ": " + Flow(v.pairs()[i].second);
        }
        return out + "}";
      }
      case Value::Kind::kIntrinsic:
        if (UseShort(v)) return ShortInline(v);
        return absl::StrCat("{", Key(v.text()), ": ", Flow(v.argument()), "}");
      default:
        return Scalar(v);
    }
  }

  // Block YAML: the text after "Key:" for an entry indented by `indent`,
  // starting with the space or line break that follows the colon.
  std::string MapValue(const Value& v, const std::string& indent) const {
    const std::string child = indent + s_.indent_unit;
    if (v.is_scalar() || IsEmptyCollection(v)) return absl::StrCat(" ", Flow(v));
    if (v.kind() == Value::Kind::kIntrinsic && UseShort(v)) {
      if (IsCompact(v.argument())) return absl::StrCat(" ", ShortInline(v));
      return absl::StrCat(" ", ToAbsl(ShortTag(v.text())), s_.line_break, child,
                          Block(v.argument(), child));
    }
    return s_.line_break + child + Block(v, child);
  }

  // Block YAML: a collection whose first line is already indented by
  // `indent` (or follows "- "); later lines get `indent`.
  std::string Block(const Value& v, const std::string& indent) const {
    std::string out;
    if (v.kind() == Value::Kind::kMapping) {
      for (size_t i = 0; i < v.pairs().size(); ++i) {
        if (i > 0) out += s_.line_break + indent;
        out += Key(v.pairs()[i].first) + ":" + MapValue(v.pairs()[i].second, indent);
      }
    } else if (v.kind() == Value::Kind::kSequence) {
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out += s_.line_break + indent;
        out += "- " + Item(v.items()[i], indent + "  ");
      }
    } else if (v.kind() == Value::Kind::kIntrinsic) {
      // Long form: a one-entry mapping; plain lists of scalars stay inline.
      const Value& arg = v.argument();
      out += Key(v.text()) + ":";
      if (arg.kind() == Value::Kind::kSequence && IsLeafOnly(arg)) {
        absl::StrAppend(&out, " ", Flow(arg));
      } else {
        out += MapValue(arg, indent);
      }
    } else {
      out += Flow(v);
    }
    return out;
  }

  // Block YAML: a sequence item after "- "; `indent` is its content column.
  std::string Item(const Value& v, const std::string& indent) const {
    if (v.is_scalar() || IsEmptyCollection(v)) return Flow(v);
    if (v.kind() == Value::Kind::kIntrinsic && UseShort(v)) {
      if (IsCompact(v.argument())) return ShortInline(v);
      return std::string(ShortTag(v.text())) + s_.line_break + indent +
             Block(v.argument(), indent);
    }
    return Block(v, indent);
  }

  std::string JsonInline(const Value& v) const {
    const std::string comma = ItemSeparator(s_);
    switch (v.kind()) {
      case Value::Kind::kSequence: {
        std::string out = "[";
        for (size_t i = 0; i < v.items().size(); ++i) {
          if (i > 0) out += comma;
          out += JsonInline(v.items()[i]);
        }
        return out + "]";
      }
      case Value::Kind::kMapping: {
        std::string out = "{";
        for (size_t i = 0; i < v.pairs().size(); ++i) {
          if (i > 0) out += comma;
          out += Key(v.pairs()[i].first) + s_.json_colon + JsonInline(v.pairs()[i].second);
        }
        return out + "}";
      }
      case Value::Kind::kIntrinsic:
        return absl::StrCat("{", Key(v.text()), s_.json_colon, JsonInline(v.argument()), "}");
      default:
        return Scalar(v);
    }
  }

  // Pretty JSON for a value starting on a line indented by `indent`.
  std::string Json(const Value& v, const std::string& indent) const {
    if (s_.json_minified || s_.json_one_line || IsCompact(v)) return JsonInline(v);
    const std::string child = indent + s_.indent_unit;
    std::string out;
    if (v.kind() == Value::Kind::kSequence) {
      out = "[";
      for (size_t i = 0; i < v.items().size(); ++i) {
        out += (i > 0 ? "," : "") + s_.line_break + child + Json(v.items()[i], child);
      }
      return out + s_.line_break + indent + "]";
    }
    if (v.kind() == Value::Kind::kIntrinsic) {
      return "{" + s_.line_break + child + Key(v.text()) + s_.json_colon +
             Json(v.argument(), child) + s_.line_break + indent + "}";
    }
    out = "{";
    for (size_t i = 0; i < v.pairs().size(); ++i) {
      out += (i > 0 ? "," : "") + s_.line_break + child + Key(v.pairs()[i].first) +
             s_.json_colon + Json(v.pairs()[i].second, child);
    }
    return out + s_.line_break + indent + "}";
  }

  const RenderStyle& s_;
};

std::string DetectUnit(const Tree& tree, NodeId near, const FileStyle& file) {
  for (NodeId id = near; id != syntax::kNoNode; id = tree.node(id).parent) {
    std::string unit = IndentUnitAt(tree, id);
    if (!unit.empty()) return unit;
  }
  return file.indent_unit.empty() ? "  " : file.indent_unit;
}

// The key/value separator of the first entry of `mapping` (or of the root),
// when it is on one line.
std::string DetectJsonColon(const Tree& tree, NodeId near, bool minified) {
  std::string_view text = tree.text();
  for (NodeId id : {near, tree.root()}) {
    if (id == syntax::kNoNode || tree.node(id).kind != NodeKind::kMapping ||
        tree.pair_count(id) == 0) {
      continue;
    }
    uint32_t key_end = tree.FullSpan(tree.key(id, 0)).end;
    uint32_t value_begin = tree.FullSpan(tree.value(id, 0)).begin;
    std::string_view gap = text.substr(key_end, value_begin - key_end);
    if (gap.find('\n') == std::string_view::npos && gap.find(':') != std::string_view::npos) {
      return std::string(gap);
    }
  }
  return minified ? ":" : ": ";
}

}  // namespace

std::string_view ShortTag(std::string_view function) {
  for (const auto& [name, tag] : kShortTags) {
    if (name == function) return tag;
  }
  return "";
}

bool IsShortTag(std::string_view tag) {
  for (const auto& [name, short_tag] : kShortTags) {
    if (tag == short_tag) return true;
  }
  return false;
}

RenderStyle DetectStyle(const Tree& tree, NodeId near) {
  RenderStyle style;
  std::string_view text = tree.text();
  const std::shared_ptr<const FileStyle> file = FileStyleOf(tree);
  style.format = tree.format();
  style.line_break = LineBreakAt(text, near == syntax::kNoNode ? 0 : tree.node(near).span.begin);
  style.indent_unit = DetectUnit(tree, near, *file);
  if (style.format == Format::kJson) {
    style.json_minified = file->json_minified;
    style.json_colon = DetectJsonColon(tree, near, style.json_minified);
    if (near != syntax::kNoNode && tree.node(near).kind != NodeKind::kScalar &&
        tree.node(near).child_count > 0 && tree.RawText(near).find('\n') == std::string::npos) {
      style.json_one_line = true;
    }
  } else {
    style.short_intrinsics = file->short_intrinsics;
    style.string_style = file->string_style;
    for (NodeId id = near; id != syntax::kNoNode; id = tree.node(id).parent) {
      const syntax::Node& node = tree.node(id);
      if (node.kind != NodeKind::kScalar && node.collection_style == CollectionStyle::kFlow) {
        style.flow = true;
      }
    }
  }
  if (near != syntax::kNoNode) {
    const syntax::Node& node = tree.node(near);
    const bool has_children = node.kind != NodeKind::kScalar && node.child_count > 0;
    uint32_t at = has_children ? tree.FullSpan(tree.children(near).front()).begin
                               : tree.FullSpan(near).begin;
    if (style.format == Format::kJson) {
      style.base_indent = LeadingWhitespace(text, at);
    } else {
      style.base_indent = IndentOf(text, at);
    }
  }
  return style;
}

std::string RenderValue(const Value& value, const RenderStyle& style) {
  return Renderer(style).Render(value);
}

std::string ItemSeparator(const RenderStyle& style) {
  if (style.format == Format::kJson && style.json_colon.find(' ') == std::string::npos) return ",";
  return ", ";
}

std::string RenderBlockItem(const Value& value, const RenderStyle& style) {
  return Renderer(style).BlockItem(value);
}

std::string RenderEntry(std::string_view key, const Value& value, const RenderStyle& style) {
  Renderer renderer(style);
  std::string rendered = renderer.Render(value);
  std::string_view separator = ": ";
  if (style.format == Format::kJson) separator = style.json_colon;
  if (!rendered.empty() && (rendered.front() == '\n' || rendered.front() == '\r')) {
    separator = ":";
  }
  return absl::StrCat(renderer.Key(key), ToAbsl(separator), rendered);
}

}  // namespace cfnfix::engine
