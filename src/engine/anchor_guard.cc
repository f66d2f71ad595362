#include "src/engine/anchor_guard.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"

namespace cfnfix::engine {
namespace {

bool InsideAnyEdit(const Span& span, const Fix& fix) {
  for (const Edit& edit : fix.edits) {
    if (edit.range.begin <= span.begin && span.end <= edit.range.end) return true;
  }
  return false;
}

bool IsAnchorNameChar(char c) {
  // YAML ends an anchor name at whitespace or a flow indicator.
  return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != '[' && c != ']' &&
         c != '{' && c != '}';
}

// True when `text` writes the anchor `anchor` ("&name") again, as a whole token.
bool WritesAnchor(std::string_view text, std::string_view anchor) {
  for (size_t at = text.find(anchor); at != std::string_view::npos;
       at = text.find(anchor, at + 1)) {
    const size_t end = at + anchor.size();
    if (end == text.size() || !IsAnchorNameChar(text[end])) return true;
  }
  return false;
}

// The edit of `fix` whose range covers the anchor `anchor` and whose
// replacement drops it, or nullptr.
const Edit* EditDroppingAnchor(const Span& anchor, std::string_view anchor_text, const Fix& fix) {
  for (const Edit& edit : fix.edits) {
    if (!edit.range.Contains(anchor.begin)) continue;
    if (!WritesAnchor(edit.replacement, anchor_text)) return &edit;
  }
  return nullptr;
}

}  // namespace

AnchorGuard::AnchorGuard(const syntax::Tree& tree) : tree_(tree) {
  if (tree.format() != syntax::Format::kYaml) return;
  for (syntax::NodeId id = 0; id < tree.node_count(); ++id) {
    if (tree.node(id).kind == syntax::NodeKind::kAlias) aliases_.push_back(id);
  }
}

std::string AnchorGuard::AnchorRemovedUnderAlias(const Fix& fix) const {
  for (syntax::NodeId id : aliases_) {
    const syntax::Node& alias = tree_.node(id);
    if (InsideAnyEdit(alias.span, fix)) continue;  // the alias goes (or is rewritten) too
    const Span anchor = tree_.node(alias.first_child).anchor;
    const std::string_view anchor_text = anchor.In(tree_.text());
    if (anchor.empty() || EditDroppingAnchor(anchor, anchor_text, fix) == nullptr) continue;
    const LineCol at = tree_.Locate(alias.span.begin);
    return absl::StrCat("it would remove the anchor ", ToAbsl(anchor_text), ", which the alias at ",
                        at.line, ":", at.column, " still refers to");
  }
  return "";
}

}  // namespace cfnfix::engine
