// ami-ssm-parameter (CF401): hardcoded AMI ids become a parameter resolving
// the latest image of the family the template tells, from public SSM.
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "src/base/strings.h"
#include "src/cfn/image_evidence.h"
#include "src/cfn/image_ids.h"
#include "src/cfn/instance_type.h"
#include "src/cfn/node_text.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/user_data.h"
#include "src/cfn/values.h"
#include "src/engine/editing/document_edit.h"
#include "src/engine/editing/mapping_edit.h"
#include "src/engine/editing/replace_node.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using cfn::ImageEvidence;
using cfn::Orchestrator;
using cfn::OsFamily;
using engine::Applicability;
using engine::Edit;
using engine::FixBuilder;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# ami-ssm-parameter (CF401)

## What it does
Finds image ids written into a template (`ami-` and 8 to 17 hex digits) as
the `ImageId` of an `AWS::EC2::Instance`, `AWS::EC2::LaunchTemplate`,
`AWS::AutoScaling::LaunchConfiguration` or `AWS::EC2::SpotFleet` launch
specification, directly or through `!FindInMap [Map, !Ref AWS::Region, Key]`
(or a literal region: `!FindInMap [Map, us-west-1, Key]`) of a region map
whose every `Key` is such an id.

The fix makes it a `Ref` to an `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`
parameter defaulting to the public SSM parameter of the latest image of the
same family, for the instance type's architecture (Graviton: arm64) and
NVIDIA GPU (`p*`, `g*`: the GPU variant). The paths are in
`data/ami_ssm_paths.tsv`, which names their sources.

The family is read from the template, never guessed; every clue counts:
- what launches the instances: an Auto Scaling group of an
  `AWS::ECS::CapacityProvider` (ECS), an `AWS::EKS::Nodegroup` (EKS);
- the user data: `ECS_CLUSTER` or `/etc/ecs/ecs.config` (ECS),
  `/etc/eks/bootstrap.sh` (EKS on Amazon Linux 2), `nodeadm` (EKS on
  AL2023), Bottlerocket `[settings.ecs]`/`[settings.kubernetes]`,
  `<powershell>` (Windows), `apt-get` (Ubuntu), `dnf` (AL2023),
  `amazon-linux-extras` (Amazon Linux 2), `yum` (Amazon Linux: AL2023,
  where `yum` is `dnf`'s alias; Amazon Linux 2 left support on 2026-06-30,
  so only a clue that needs it picks it);
- the region map's name and key, read as words: `ECS...`, `EKS...`,
  `Bottlerocket`, `Windows` (2019, 2022), `Ubuntu` (22.04, 24.04),
  `AL2023`, `AmazonLinux2`/`AMZNLinux2`/`AL2`, and Amazon Linux of no
  generation (`AmazonLinux`, `AMZN`, the `HVM64` keys of old AWS samples).

ECS or EKS with no operating system clue means their Amazon Linux 2023
image, and Amazon Linux of no generation means AL2023 (old samples meant
Amazon Linux 1, long out of support). Comments are not clues. There is no
fix when clues contradict each other (`apt-get` and `yum`, ECS and EKS),
when the family has no image for the instance type (Windows on Graviton, a
GPU type without a GPU variant, AMD GPU, Inferentia, Trainium, FPGA, Mac),
when an EKS cluster's Kubernetes version (node group or cluster `Version`,
a literal or a parameter's `Default`) cannot be read, and when nothing
tells the family (a plain instance without user data): then the option
`default-ssm-path` names the parameter to use (`{arch}` in it becomes
`x86_64` or `arm64`). `cfnfix check --verbose` shows why.

Parameters are named by image (`LatestAmiId`, `LatestEcsAmiId`...); one
with the SSM image type and the same default is reused. A region map no
`Fn::FindInMap` reads any more goes, with the comments above it.

## Why is this bad?
An AMI id names one image in one region. Hardcoded, it stops patching
(new stacks keep launching an image that grows older every month), breaks
the template in every other region, and fails once the image is
deregistered. Region maps only move the problem into `Mappings`.

## Example
```yaml
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: t3.micro
      ImageId: ami-0c02fb55956c7d316
      UserData: !Base64 "#!/bin/bash\ndnf install -y nginx\n"
```
Use instead:
```yaml
Parameters:
  LatestAmiId:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: t3.micro
      ImageId: !Ref LatestAmiId
      UserData: !Base64 "#!/bin/bash\ndnf install -y nginx\n"
```

## Fix safety
Unsafe: the image becomes the latest of its family, which may differ from
the hardcoded one in more than patches, and updating the stack replaces the
instances. Deleting a region map deletes its comments too.

## Options

## References
- https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html
- https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html
- https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
)md";

constexpr std::string_view kSsmImageType = "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>";
constexpr std::string_view kDefaultPathOption = "default-ssm-path";

// One public image parameter: a row of data/ami_ssm_paths.tsv.
struct ImageRow {
  std::string_view family, label, param;
  bool arm64 = false, gpu = false;
  std::string_view k8s_max, path;
};
constexpr ImageRow kImageRows[] = {
#include "transforms/data/ami_ssm_paths.inc"
};

// "1.31" gives 31; anything else -1.
int Minor(std::string_view version) {
  int minor = -1;
  const char* end = version.data() + version.size();
  if (version.substr(0, 2) != "1." ||
      std::from_chars(version.data() + 2, end, minor).ptr != end) return -1;
  return minor;
}

// The table family the evidence names, or "" with `why_not` set.
std::string_view FamilyOf(const ImageEvidence& e, std::string& why_not) {
  if (!e.conflict.empty()) {
    why_not = absl::StrCat("the evidence disagrees: ", e.conflict);
    return "";
  }
  // `yum` alone is no AL2 clue: it is dnf's alias on AL2023 (AL2 left support).
  const bool al2 = e.os == OsFamily::kAl2;
  const bool al = e.os == OsFamily::kUnknown || e.os == OsFamily::kAmazonLinux ||
                  e.os == OsFamily::kAl2023;
  const bool windows_2019 = e.release == "2019";
  switch (e.orchestrator) {
    case Orchestrator::kEcs:
      if (e.os == OsFamily::kWindows) return windows_2019 ? "ecs-windows-2019" : "ecs-windows-2022";
      if (e.os == OsFamily::kBottlerocket) return "bottlerocket-ecs";
      if (al2) return "ecs-al2";
      if (al) return "ecs-al2023";
      break;
    case Orchestrator::kEks:
      if (e.os == OsFamily::kBottlerocket) return "bottlerocket-eks";
      if (al2) return "eks-al2";
      if (al) return "eks-al2023";
      break;
    case Orchestrator::kNone:
      if (al2) return "al2";
      if (e.os == OsFamily::kAl2023 || e.os == OsFamily::kAmazonLinux) return "al2023";
      if (e.os == OsFamily::kUbuntu) return e.release == "22.04" ? "ubuntu-22.04" : "ubuntu-24.04";
      if (e.os == OsFamily::kWindows) return windows_2019 ? "windows-2019" : "windows-2022";
      if (e.os == OsFamily::kBottlerocket) {
        why_not = absl::StrCat(e.os_why, ": Bottlerocket needs ECS or EKS, and none is told");
        return "";
      }
      why_not = "the image family cannot be told: no user data, region map name or ECS/EKS use "
                "names it";
      return "";
  }
  why_not = absl::StrCat(e.orchestrator_why, ", and ", e.os_why, " has no image for it");
  return "";
}

// The image a use gets (a table row's path, or the configured default), or
// why it gets none.
struct Choice {
  std::string path, label, param, why_not;
  std::string clues;  // what told the family, for the message
};

Choice Choose(const ImageEvidence& e, const cfn::InstanceTypeTraits& hardware,
              std::string_view type_name, std::string_view default_path) {
  Choice choice;
  choice.clues = e.Clues();
  const std::string_view family = FamilyOf(e, choice.why_not);
  const bool arm64 = hardware.arch == cfn::CpuArch::kArm64;
  if (family.empty()) {
    // Only for want of evidence: a contradiction is no case for a default.
    if (default_path.empty() || !e.clues.empty()) return choice;
    choice.path = absl::StrReplaceAll(ToAbsl(default_path), {{"{arch}", arm64 ? "arm64" : "x86_64"}});
    choice.label = "default-ssm-path";
    choice.param = arm64 ? "LatestArm64AmiId" : "LatestAmiId";
    return choice;
  }
  const bool gpu = hardware.accelerator == cfn::Accelerator::kNvidiaGpu;
  const ImageRow* row = nullptr;
  std::string_view label;
  for (const ImageRow& r : kImageRows) {
    if (r.family != family) continue;
    if (label.empty()) label = r.label;
    if (r.arm64 == arm64 && r.gpu == gpu) row = &r;
  }
  if (row == nullptr || hardware.accelerator == cfn::Accelerator::kOther) {
    choice.why_not = absl::StrCat(ToAbsl(label), " has no image for instance type ", ToAbsl(type_name));
    return choice;
  }
  if (row->path.find("{k8s}") != std::string_view::npos && Minor(e.k8s_version) < 0) {
    choice.why_not = absl::StrCat("the Kubernetes version of the EKS cluster cannot be read, and ",
                                  ToAbsl(label), " images are published per version");
    return choice;
  }
  if (!row->k8s_max.empty() && Minor(e.k8s_version) > Minor(row->k8s_max)) {
    choice.why_not = absl::StrCat(ToAbsl(label), " images stop at Kubernetes ", ToAbsl(row->k8s_max),
                                  "; the cluster runs ", e.k8s_version);
    return choice;
  }
  choice.path = absl::StrReplaceAll(ToAbsl(row->path), {{"{k8s}", e.k8s_version}});
  choice.label = std::string(row->label);
  choice.param = std::string(row->param);
  return choice;
}

// One ImageId that names a hardcoded image, directly or through a region map.
struct ImageUse {
  const cfn::Resource* resource = nullptr;
  NodeId key = syntax::kNoNode;
  NodeId value = syntax::kNoNode;
  std::string_view ami;           // a literal id, or empty for a region map
  std::string_view map_name;      // the region map, or empty
  NodeId call = syntax::kNoNode;  // the FindInMap call
  Choice choice;
};

// The image for `evidence` and the instance type in `holder`.
Choice ChooseFor(const RuleContext& ctx, const ImageEvidence& evidence, NodeId holder) {
  const std::vector<cfn::NamedInstanceType> types =
      cfn::InstanceTypesOf(ctx.tree(), ctx.tmpl(), cfn::Get(ctx.tree(), holder, "InstanceType"));
  for (const cfn::NamedInstanceType& type : types) {
    if (type.traits.arch != types[0].traits.arch ||
        type.traits.accelerator != types[0].traits.accelerator) {
      return {{}, {}, {}, absl::StrCat("the instance type is ", ToAbsl(types[0].name), " or ",
                                       ToAbsl(type.name), ", which need different images"), {}};
    }
  }
  // Without a readable type, x86_64: the default of every family.
  return Choose(evidence, types.empty() ? cfn::InstanceTypeTraits{} : types[0].traits,
                types.empty() ? "(unknown)" : types[0].name, ctx.option(kDefaultPathOption));
}

std::vector<ImageUse> FindImageUses(const RuleContext& ctx) {
  const Tree& tree = ctx.tree();
  std::vector<ImageUse> uses;
  for (const cfn::Resource* resource :
       ctx.ResourcesOfTypes({"AWS::EC2::Instance", "AWS::EC2::LaunchTemplate",
                             "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::SpotFleet"})) {
    for (NodeId holder : cfn::ImageIdHolders(tree, *resource)) {
      std::optional<size_t> index = engine::PairIndex(tree, holder, "ImageId");
      if (!index) continue;
      ImageUse use;
      use.resource = resource;
      use.key = tree.key(holder, *index);
      use.value = tree.value(holder, *index);
      ImageEvidence evidence;
      std::optional<std::string_view> literal = cfn::StringValue(tree, use.value);
      if (literal && cfn::IsAmiId(*literal)) {
        use.ami = *literal;
      } else if (auto lookup = cfn::ReadImageMapLookup(tree, ctx.tmpl(), use.value)) {
        use.map_name = lookup->map;
        use.call = lookup->call;
        cfn::ReadImageNameClues(lookup->map, lookup->key, evidence);
      } else {
        continue;
      }
      cfn::ReadScriptClues(cfn::UserDataText(tree, cfn::Get(tree, holder, "UserData")), evidence);
      cfn::ReadLauncherClues(ctx.tmpl(), ctx.references(), *resource, evidence);
      use.choice = ChooseFor(ctx, evidence, holder);
      uses.push_back(std::move(use));
    }
  }
  return uses;
}

// The parameter a path gets: an existing one with the SSM image type and that
// default, or the free name a new one gets (not in the template, not in
// `taken`, the names this fix adds already).
std::pair<std::string, bool> ParameterFor(const Tree& tree, const cfn::Template& tmpl,
                                          const Choice& choice, absl::Span<const std::string> taken) {
  for (const cfn::Parameter& parameter : tmpl.parameters()) {
    if (parameter.type == kSsmImageType &&
        cfn::StringValue(tree, parameter.default_value) == std::optional<std::string_view>(choice.path)) {
      return {std::string(parameter.logical_id), true};
    }
  }
  return {engine::UniqueLogicalId(tmpl, choice.param, taken), false};
}

// An edit putting `Ref name` where the ImageId value is. A block value that
// starts on the line after `ImageId:` (a long-form FindInMap) is pulled up
// onto the key's line when the rendered Ref fits on one line and no comment
// sits in between.
absl::StatusOr<Edit> ReplaceImage(const Tree& tree, const ImageUse& use, std::string_view name) {
  absl::StatusOr<Edit> edit = engine::ReplaceNode(tree, use.value, Value::Ref(name));
  if (!edit.ok() || edit->replacement.empty() || edit->replacement[0] == '\n' ||
      edit->replacement[0] == '\r' || tree.format() != syntax::Format::kYaml) {
    return edit;
  }
  std::string_view text = tree.text();
  const uint32_t key_end = tree.FullSpan(use.key).end;
  if (key_end >= edit->range.begin) return edit;
  std::string_view gap = text.substr(key_end, edit->range.begin - key_end);
  if (gap.empty() || gap[0] != ':' || gap.find('\n') == std::string_view::npos ||
      gap.find_first_not_of(": \t\r\n") != std::string_view::npos) {
    return edit;
  }
  edit->range.begin = key_end + 1;
  edit->replacement = " " + edit->replacement;
  return edit;
}

// True when a FindInMap outside `group` still reads map `name`.
bool ReadElsewhere(const cfn::ReferenceGraph& graph, std::string_view name,
                   const std::vector<const ImageUse*>& group) {
  for (const cfn::Reference& ref : graph.ReferencesTo(name)) {
    if (ref.kind == cfn::ReferenceKind::kFindInMap &&
        std::none_of(group.begin(), group.end(),
                     [&](const ImageUse* use) { return use->call == ref.call; })) {
      return true;
    }
  }
  return false;
}

// The fix replacing every use in `group` (one literal id, or the uses of one
// region map that have an image) by a Ref to its image's parameter, adding
// the parameters that do not exist yet and deleting the region map once
// nothing else reads it.
FixBuilder BuildFix(const RuleContext& ctx, const std::vector<const ImageUse*>& group) {
  FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
  std::vector<Value::Pair> new_parameters;
  std::vector<std::string> added;
  std::map<std::string, std::string> name_of_path;
  for (const ImageUse* use : group) {
    if (name_of_path.count(use->choice.path) > 0) continue;
    auto [name, exists] = ParameterFor(ctx.tree(), ctx.tmpl(), use->choice, added);
    name_of_path[use->choice.path] = name;
    if (exists) continue;
    added.push_back(name);
    new_parameters.push_back(
        {name, Value::Map({{"Type", Value::Str(kSsmImageType)},
                           {"Default", Value::Str(use->choice.path)}})});
  }
  if (!new_parameters.empty()) fix.AddToSection("Parameters", new_parameters);
  for (const ImageUse* use : group) {
    fix.ChangesAt(use->value).Add(ReplaceImage(ctx.tree(), *use, name_of_path[use->choice.path]));
  }
  const std::string_view map_name = group.front()->map_name;
  if (!map_name.empty() && !ReadElsewhere(ctx.references(), map_name, group)) {
    fix.RemoveSectionEntry("Mappings", map_name);
  }
  return fix;
}

std::string Message(const RuleContext& ctx, const ImageUse& use) {
  const std::string source =
      use.ami.empty() ? absl::StrFormat("image ids hardcoded in region map '%s'", use.map_name)
                      : absl::StrFormat("hardcoded image %s", use.ami);
  const std::string head =
      absl::StrFormat("%s '%s' uses %s: it goes stale and exists in one region only",
                      use.resource->type, use.resource->logical_id, source);
  if (use.choice.path.empty()) return absl::StrCat(head, "; no fix: ", use.choice.why_not);
  const std::string what = use.choice.clues.empty()
      ? absl::StrFormat("image of option default-ssm-path (%s)", use.choice.path)
      : absl::StrFormat("latest %s image (told by %s)", use.choice.label, use.choice.clues);
  return absl::StrFormat("%s; resolve the %s from SSM through parameter %s", head, what,
                         ParameterFor(ctx.tree(), ctx.tmpl(), use.choice, {}).first);
}

void Check(RuleContext& ctx) {
  const std::vector<ImageUse> uses = FindImageUses(ctx);
  // The uses of one region map that have an image share one fix, so that the
  // map can go in it; a literal id is fixed on its own.
  std::map<std::string_view, engine::FixGroup> map_fixes;
  for (const ImageUse& use : uses) {
    const Span range = ctx.tree().FullSpan(use.value);
    if (use.choice.path.empty()) {
      // The reason, with what was read or what would help (shown by --verbose).
      const std::string why = use.choice.clues.empty()
          ? absl::StrCat(use.choice.why_not, "; option default-ssm-path names one for such images")
          : absl::StrCat(use.choice.why_not, " (clues: ", use.choice.clues, ")");
      ctx.Report(range, Message(ctx, use), engine::FixGroup(absl::FailedPreconditionError(why)));
    } else if (use.map_name.empty()) {
      ctx.Report(range, Message(ctx, use), BuildFix(ctx, {&use}));
    } else {
      auto group = map_fixes.find(use.map_name);
      if (group == map_fixes.end()) {
        std::vector<const ImageUse*> readers;
        for (const ImageUse& other : uses) {
          if (other.map_name == use.map_name && !other.choice.path.empty()) readers.push_back(&other);
        }
        group = map_fixes.emplace(use.map_name, ctx.BuildGroup(BuildFix(ctx, readers))).first;
      }
      ctx.Report(range, Message(ctx, use), group->second);
    }
  }
}

constexpr engine::OptionInfo kOptions[] = {
    {.name = kDefaultPathOption,
     .type = engine::OptionType::kString,
     .choices = {},
     .default_value = "",
     .doc = "the SSM parameter for images whose family the template does not tell ({arch} "
            "becomes x86_64 or arm64); empty: report them without a fix"},
};

}  // namespace

extern const engine::RuleInfo kAmiSsmParameter = {
    .code = "CF401",
    .name = "ami-ssm-parameter",
    .summary = "Hardcoded AMI ids go stale; resolve the latest image from SSM",
    .fix_applicability = engine::Applicability::kUnsafe,
    .check = &Check,
    .documentation = kDoc,
    .options = kOptions,
};

}  // namespace cfnfix::transforms
