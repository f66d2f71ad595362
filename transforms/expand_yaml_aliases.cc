// expand-yaml-aliases (CF002): YAML aliases and merge keys, which
// CloudFormation refuses, written out in place so that the template deploys
// as it is, with the same data.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/base/strings.h"
#include "src/engine/data_check.h"
#include "src/engine/editing/alias_edit.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::Edit;
using engine::MergeEntry;
using engine::RuleContext;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# expand-yaml-aliases (CF002)

## What it does
Finds YAML aliases (`*name`) in a YAML template and writes each one out
where it stands: the alias is replaced by a copy of the node its anchor
(`&name`) marks, and the anchor goes once no alias refers to it. A merge key
(`<<: *base`, `<<: [*a, *b]`) is replaced by the entries it merges in that
the mapping does not have itself (its own keys win, as they do in a merge).
One finding per alias, at the alias.

The copy is re-rendered in the style of the alias's place: block or flow
style as its neighbours, their indentation, the file's quotes and intrinsic
function form; aliases inside the copied node are written out too, and
merge keys inside it applied. When the anchored node holds comments, a block
scalar (`|`, `>`), or a tag or plain scalar that cannot be re-rendered
(`!!str`, `yes`), its own text is copied instead, re-indented line by line,
where the alias is in block style. Otherwise a node whose only obstacle is
comments is copied without them (they stay where the anchor is).

Reported without a fix (`cfnfix check --verbose` says why): an anchored node
that can be neither re-rendered nor copied as text at that place (a
multi-line block scalar aliased inside a flow collection, a block scalar
with keep chomping `|+` or an indentation indicator `|2`, a collection key),
a merge key whose value holds a comment or an anchor, and any expansion
whose result would not hold exactly the same data (checked before the fix
is offered). An anchor stays as long as one of its aliases is not written
out. Anchors without aliases are not reported: they change nothing.
JSON templates have no aliases.

## Why is this bad?
CloudFormation does not accept aliases. Its User Guide lists, among the YAML
1.1 features it does not support, "Aliases" and "Hash merges"
(template-formats page), and AWS's announcement of YAML templates says CloudFormation
"supports essentially all of YAML, with the exception of hash merges,
aliases, and some tags". A stack created from such a template fails
validation with "Template error: YAML aliases are not allowed in
CloudFormation templates". The feature request to accept them
(cloudformation-coverage-roadmap #613) is open. Tools that read YAML with
PyYAML resolve aliases and merges on the client: `aws cloudformation
package` writes them out (aws-cli #3827), and so does SAM. cfn-lint reads
them too, and says why they matter in its rule W1100: "The CloudFormation
service does not support YAML anchors, aliases, or merging"; W1100 warns on
merge keys ("can only be deployed using the 'package' cli command"), and
later versions add W1101 for aliases. A template deployed directly, by the
console, `create-stack` or `deploy`, must not have them.

## Example
```yaml
Metadata:
  CommonTags: &tags
    - Key: team
      Value: data
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      Tags: *tags
```
Use instead:
```yaml
Metadata:
  CommonTags:
    - Key: team
      Value: data
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: team
          Value: data
```

## Fix safety
The fix is safe: the template's data, as `cfnfix parse --json` prints it
(aliases expanded and merge keys applied the way PyYAML, cfn-lint and
`aws cloudformation package` read them), is the same before and after; the
rule checks this on the edited text before it offers the fix, and offers
none when it differs. The one difference allowed is the order of a
mapping's keys where a merge key is written out after other keys or the
mapping overrides a merged key; a template's mappings carry no order. No
property value changes, so nothing about a deployed stack does.

All aliases of a file are written out by one fix shared by all findings:
the copies depend on one another (an anchored node holding another alias, a
merge key naming several anchors, an anchor that may only go with its last
alias), and applied together they never leave an alias without its anchor.
So a suppression of one finding does not keep that alias; suppress the rule
for the whole template (`Metadata: cfnfix: ignore: [CF002]`) to keep them.
In a run with other rules, a fix that changes an anchored node waits for the
next pass, when the copies are written out and each gets the change.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
- https://aws.amazon.com/blogs/aws/aws-cloudformation-update-yaml-cross-stack-references-simplified-substitution/
- https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/613
- https://github.com/aws/aws-cli/pull/3827
- https://github.com/aws-cloudformation/cfn-lint/pull/4670
- https://github.com/aws-cloudformation/cfn-lint/issues/4697
- https://yaml.org/type/merge.html
)md";

// What writes some aliases out: one alias, or a merge entry with the
// aliases in its value.
struct Site {
  std::vector<NodeId> aliases;
  std::optional<MergeEntry> merge;
  absl::StatusOr<std::vector<Edit>> edits = std::vector<Edit>{};
  bool keeps_key_order = true;
};

// Every alias, in document order.
std::vector<NodeId> Aliases(const Tree& tree) {
  std::vector<NodeId> out;
  for (NodeId id = 0; id < tree.node_count(); ++id) {
    if (tree.node(id).kind == NodeKind::kAlias) out.push_back(id);
  }
  std::sort(out.begin(), out.end(), [&](NodeId a, NodeId b) {
    return tree.node(a).span.begin < tree.node(b).span.begin;
  });
  return out;
}

// The sites of `aliases`, each with its edits or why there are none.
std::vector<Site> Sites(const Tree& tree, const std::vector<NodeId>& aliases) {
  std::vector<Site> sites;
  std::map<std::pair<NodeId, size_t>, size_t> merge_sites;
  for (NodeId alias : aliases) {
    std::optional<MergeEntry> merge = engine::MergeEntryOf(tree, alias);
    if (!merge) {
      sites.push_back(
          Site{.aliases = {alias}, .merge = std::nullopt, .edits = engine::ExpandAlias(tree, alias)});
      continue;
    }
    auto [it, added] = merge_sites.try_emplace({merge->mapping, merge->index}, sites.size());
    if (!added) {
      sites[it->second].aliases.push_back(alias);
      continue;
    }
    sites.push_back(Site{.aliases = {alias},
                         .merge = merge,
                         .edits = engine::ExpandMergeEntry(tree, *merge),
                         .keeps_key_order = engine::MergeKeepsKeyOrder(tree, *merge)});
  }
  return sites;
}

// The edits of the sites that have them, with the removal of every anchor
// whose aliases all go; whether they may reorder keys.
std::vector<Edit> Combine(const Tree& tree, const std::vector<Site>& sites, bool& reorders) {
  std::vector<Edit> edits;
  std::map<NodeId, bool> anchors;  // anchored node → all its aliases go
  reorders = false;
  for (const Site& site : sites) {
    if (site.edits.ok()) {
      edits.insert(edits.end(), site.edits->begin(), site.edits->end());
      reorders = reorders || !site.keeps_key_order;
    }
    for (NodeId alias : site.aliases) {
      auto [it, added] = anchors.try_emplace(tree.Resolve(alias), true);
      it->second = it->second && site.edits.ok();
    }
  }
  for (const auto& [node, all_go] : anchors) {
    if (!all_go) continue;
    absl::StatusOr<Edit> removal = engine::RemoveAnchor(tree, node);
    if (removal.ok()) edits.push_back(*std::move(removal));
  }
  return edits;
}

// Checks the combined edits keep the data. When they do not, each site is
// checked alone and the failing ones lose their edits; when that does not
// settle it, every site does.
std::vector<Edit> CheckedEdits(const Tree& tree, std::vector<Site>& sites, bool& reorders) {
  std::vector<Edit> edits = Combine(tree, sites, reorders);
  if (edits.empty() || engine::ExpectSameData(tree, edits, reorders).ok()) return edits;
  for (Site& site : sites) {
    if (!site.edits.ok()) continue;
    absl::Status same = engine::ExpectSameData(tree, *site.edits, !site.keeps_key_order);
    if (!same.ok()) site.edits = same;
  }
  edits = Combine(tree, sites, reorders);
  if (edits.empty()) return edits;
  absl::Status same = engine::ExpectSameData(tree, edits, reorders);
  if (same.ok()) return edits;
  for (Site& site : sites) site.edits = same;
  return {};
}

std::string Message(const Tree& tree, NodeId alias, const Site& site) {
  const engine::EntryOwner owner = engine::OwnerOf(tree, alias);
  std::string where = owner.name.empty()
                          ? absl::StrFormat("%s", ToAbsl(owner.section))
                          : absl::StrFormat("%s '%s'", ToAbsl(owner.section), ToAbsl(owner.name));
  if (site.merge) {
    return absl::StrFormat(
        "%s merges %s in with a YAML merge key: CloudFormation rejects templates with aliases "
        "and merge keys",
        where, ToAbsl(tree.RawText(alias)));
  }
  return absl::StrFormat("%s uses the YAML alias %s: CloudFormation rejects templates with aliases",
                         where, ToAbsl(tree.RawText(alias)));
}

void Check(RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  if (tree.format() != syntax::Format::kYaml) return;
  const std::vector<NodeId> aliases = Aliases(tree);
  if (aliases.empty()) return;
  std::vector<Site> sites = Sites(tree, aliases);
  bool reorders = false;
  std::vector<Edit> edits = CheckedEdits(tree, sites, reorders);
  // The copied nodes are claimed: a fix that changes one of them waits for
  // the next pass, when the copies are written and see the change.
  std::vector<NodeId> copied;
  for (const Site& site : sites) {
    if (!site.edits.ok()) continue;
    for (NodeId alias : site.aliases) copied.push_back(tree.Resolve(alias));
  }
  edits = engine::ClaimNodes(tree, std::move(edits), copied);

  engine::FixGroup group = absl::FailedPreconditionError("no alias can be written out");
  if (!edits.empty()) {
    engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
    fix.Add(edits);
    // Only key order may change, and only in a mapping with a merge key.
    for (const Site& site : sites) {
      if (site.edits.ok() && !site.keeps_key_order) fix.ChangesAt(site.merge->mapping);
    }
    group = ctx.BuildGroup(std::move(fix));
  }
  for (const Site& site : sites) {
    for (NodeId alias : site.aliases) {
      const std::string message = Message(tree, alias, site);
      if (site.edits.ok()) {
        ctx.Report(ctx.RangeOf(alias), message, group);
      } else {
        engine::FixBuilder none = ctx.NewFix(Applicability::kSafe);
        none.Fail(site.edits.status());
        ctx.Report(ctx.RangeOf(alias), message, std::move(none));
      }
    }
  }
}

}  // namespace

extern const engine::RuleInfo kExpandYamlAliases = {
    .code = "CF002",
    .name = "expand-yaml-aliases",
    .summary = "YAML aliases and merge keys, which CloudFormation rejects, written out in place",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
