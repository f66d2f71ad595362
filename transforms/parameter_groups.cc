// parameter-groups (CF620): templates with several parameters get an
// AWS::CloudFormation::Interface that groups and labels them for the console.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using engine::Value;
using syntax::NodeId;

constexpr std::string_view kDoc = R"md(# parameter-groups (CF620)

## What it does
Finds templates with three parameters or more and no
`AWS::CloudFormation::Interface` in `Metadata`, and adds one: each parameter
goes to a `ParameterGroups` group by what it configures, read from its type
(`AWS::EC2::VPC::Id`, `AWS::EC2::KeyPair::KeyName`, ...) and the words of its
name (`DBInstanceClass` is Database, `VpcCidr` is Network), and gets a
`ParameterLabels` label spelled from its name (`DB Instance Class`). The
groups, in this order, are Environment, Network, Compute, Database, Storage,
Source and deployment, Security, Logging and monitoring, and Other
parameters; a group holds its parameters in template order, and empty groups
are left out. A name with words of several kinds goes to the most specific:
Database, then Logging, Security, Storage, Source, Network, Compute and
Environment (`DBSubnetGroupName` is Database, `FlowLogRetention` Logging),
after its type (a `List<AWS::EC2::Subnet::Id>` is Network whatever its name).

When the template has an interface, the parameters in none of its groups are
added to the existing group whose label names the same kind ("Network
configuration" for a subnet) or else to a group labelled "Other" (created
when there is none); the existing labels are left alone.

Not reported: templates with fewer than three parameters (a short form needs
no grouping), templates where no parameter fits a kind (every group would be
"Other"), and interfaces or groups given by intrinsics.

## Why is this bad?
Without an interface the console lists parameters alphabetically by logical
id: network, database and naming settings are interleaved, and the people
deploying the stack read identifiers such as `pDbCls` instead of a label.

## Example
```yaml
Parameters:
  EnvironmentName: {Type: String}
  VpcId: {Type: AWS::EC2::VPC::Id}
  DBInstanceClass: {Type: String}
```
Use instead:
```yaml
Metadata:
  AWS::CloudFormation::Interface:
    ParameterGroups:
      - Label: {default: Environment}
        Parameters: [EnvironmentName]
      - Label: {default: Network configuration}
        Parameters: [VpcId]
      - Label: {default: Database configuration}
        Parameters: [DBInstanceClass]
    ParameterLabels:
      EnvironmentName: {default: Environment Name}
      VpcId: {default: VPC ID}
      DBInstanceClass: {default: DB Instance Class}
Parameters:
  ...
```

## Fix safety
Safe: the interface is template metadata read only by the CloudFormation
console when it asks for parameter values. No resource, property or
parameter value changes, so a stack update with it replaces or interrupts
nothing.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-cloudformation-interface.html
)md";

constexpr std::string_view kInterface = "AWS::CloudFormation::Interface";
constexpr size_t kMinParameters = 3;

struct Kind {
  std::string_view label;               // the group's label
  std::string_view label_word;          // what an existing group's label says for it
  std::vector<std::string_view> words;  // name words (lower case) that mean it
};

// In display order; Other last. Classification tries them in kMatchOrder.
const std::vector<Kind>& Kinds() {
  static const auto* kinds = new std::vector<Kind>{
      {"Environment",
       "environment",
       {"environment", "env", "stage", "project", "application", "app", "owner", "team", "cost",
        "company", "department", "organization", "prefix", "suffix", "tag", "tags", "budget"}},
      {"Network configuration",
       "network",
       {"vpc", "subnet", "cidr", "az", "azs", "availability", "ip", "ssh", "nat", "gateway", "dns",
        "domain", "hosted", "route", "network", "endpoint", "peering"}},
      {"Compute configuration",
       "compute",
       {"instance", "ami",        "image",  "ec2",     "asg",     "autoscaling", "capacity",
        "desired",  "cpu",        "memory", "lambda",  "runtime", "timeout",     "container",
        "task",     "ecs",        "eks",    "fargate", "node",    "docker",      "concurrency",
        "cluster",  "kubernetes", "k8s",    "size",    "min",     "max",         "scaling"}},
      {"Database configuration",
       "database",
       {"db", "database", "rds", "aurora", "dynamodb", "table", "redshift", "elasticache", "redis",
        "memcached", "cache", "sql", "mysql", "postgres", "postgresql", "master"}},
      {"Storage", "storage", {"bucket", "s3", "efs", "ebs", "volume", "storage", "backup"}},
      {"Source and deployment",
       "deploy",
       {"github", "git", "repo", "repository", "branch", "commit", "codecommit", "pipeline",
        "artifact", "artifacts", "build", "codebuild", "deploy", "deployment", "release"}},
      {"Security",
       "security",
       {"kms", "encryption", "certificate", "cert", "acm", "password", "secret", "ssl", "tls",
        "waf", "iam", "mfa", "guardduty", "guard"}},
      {"Logging and monitoring",
       "log",
       {"log", "logs", "logging", "retention", "alarm", "alarms", "monitoring", "metric", "trail",
        "cloudtrail", "notification", "email", "sns", "alert", "dashboard", "tracing", "slack",
        "webhook", "chatbot"}},
      {"Other parameters", "other", {}},
  };
  return *kinds;
}
constexpr size_t kOther = 8;
// Specific kinds first: `DBSubnetGroup` is Database, `FlowLogRetention` Logging.
constexpr size_t kMatchOrder[] = {3, 7, 6, 4, 5, 1, 2, 0};

constexpr std::string_view kAcronyms[] = {
    "vpc", "cidr", "db",  "az",  "id",  "arn", "ssh", "ami",  "sns",   "kms", "rds", "ec2", "ecs",
    "eks", "ip",   "url", "dns", "acm", "ssl", "tls", "http", "https", "iam", "s3",  "sqs", "api",
    "uri", "cpu",  "mfa", "nat", "waf", "ssm", "efs", "ebs",  "alb",   "elb", "asg"};

// The words of a logical id: `DBInstanceClass` gives DB, Instance, Class.
std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = name[i];
    if (!std::isalnum(c)) {
      flush();
      continue;
    }
    const unsigned char prev = i > 0 ? name[i - 1] : ' ';
    const unsigned char next = i + 1 < name.size() ? name[i + 1] : ' ';
    // A new word: lower-to-upper (`vpcId`), the last capital of an acronym
    // before a lower-case letter (`DBInstance`), letters-to-digits and back.
    const bool starts = (std::isupper(c) && std::islower(prev)) ||
                        (std::isupper(c) && std::isupper(prev) && std::islower(next)) ||
                        (std::isdigit(c) != 0) != (std::isdigit(prev) != 0);
    if (starts && std::isalnum(prev)) flush();
    current.push_back(static_cast<char>(c));
  }
  flush();
  return words;
}

bool IsAcronym(std::string_view lower) {
  for (std::string_view a : kAcronyms) {
    if (a == lower) return true;
  }
  return false;
}

// `VpcCidrBlock` gives "VPC CIDR Block"; `AZs` stays as written.
std::string Label(std::string_view name) {
  std::vector<std::string> out;
  for (std::string word : Words(name)) {
    const std::string lower = absl::AsciiStrToLower(word);
    if (IsAcronym(lower)) {
      word = absl::AsciiStrToUpper(word);
    } else if (lower.size() > 1 && lower.back() == 's' &&
               IsAcronym(lower.substr(0, lower.size() - 1))) {
      word = absl::AsciiStrToUpper(word.substr(0, word.size() - 1)) + "s";
    } else {
      word[0] = absl::ascii_toupper(word[0]);
    }
    out.push_back(std::move(word));
  }
  return absl::StrJoin(out, " ");
}

size_t KindByType(std::string_view type) {
  for (std::string_view network :
       {"VPC::Id", "Subnet::Id", "SecurityGroup::Id", "AvailabilityZone", "HostedZone"}) {
    if (type.find(network) != std::string_view::npos) return 1;
  }
  for (std::string_view compute : {"KeyPair", "Image::Id", "Instance::Id"}) {
    if (type.find(compute) != std::string_view::npos) return 2;
  }
  return kOther;
}

// The kind a parameter configures, kOther when nothing says.
size_t KindOf(const cfn::Parameter& parameter) {
  if (size_t by_type = KindByType(parameter.type); by_type != kOther) return by_type;
  const std::string lower = absl::AsciiStrToLower(ToAbsl(parameter.logical_id));
  // Compound names whose words alone would mislead.
  if (lower.find("securitygroup") != std::string::npos) return 1;
  if (lower.find("keyname") != std::string::npos || lower.find("keypair") != std::string::npos)
    return 2;
  absl::flat_hash_set<std::string> words;
  for (const std::string& word : Words(parameter.logical_id)) {
    const std::string w = absl::AsciiStrToLower(word);
    words.insert(w);
    if (w.size() > 2 && w.back() == 's') words.insert(w.substr(0, w.size() - 1));
    // A run of capitals may join acronyms (`SSHCIDR`): look for keywords in it.
    if (word.size() <= 3 || absl::AsciiStrToUpper(word) != word) continue;
    for (const Kind& kind : Kinds()) {
      for (std::string_view keyword : kind.words) {
        if (keyword.size() >= 3 && w.find(keyword) != std::string::npos) {
          words.insert(std::string(keyword));
        }
      }
    }
  }
  for (size_t kind : kMatchOrder) {
    for (std::string_view keyword : Kinds()[kind].words) {
      if (words.contains(std::string(keyword))) return kind;
    }
  }
  return kOther;
}

Value LabelValue(std::string_view text) { return Value::Map({{"default", Value::Str(text)}}); }

Value GroupValue(std::string_view label, const std::vector<std::string_view>& names) {
  std::vector<Value> items;
  for (std::string_view name : names) items.push_back(Value::Str(name));
  return Value::Map({{"Label", LabelValue(label)}, {"Parameters", Value::Seq(std::move(items))}});
}

// A new interface for a template without one.
void AddInterface(RuleContext& ctx) {
  const cfn::Template& tmpl = ctx.tmpl();
  if (tmpl.parameters().size() < kMinParameters) return;
  std::vector<std::vector<std::string_view>> by_kind(Kinds().size());
  std::vector<Value::Pair> labels;
  for (const cfn::Parameter& p : tmpl.parameters()) {
    by_kind[KindOf(p)].push_back(p.logical_id);
    labels.push_back({std::string(p.logical_id), LabelValue(Label(p.logical_id))});
  }
  if (by_kind[kOther].size() == tmpl.parameters().size()) return;
  std::vector<Value> groups;
  for (size_t kind = 0; kind < by_kind.size(); ++kind) {
    if (!by_kind[kind].empty()) groups.push_back(GroupValue(Kinds()[kind].label, by_kind[kind]));
  }
  const Value interface = Value::Map({{"ParameterGroups", Value::Seq(std::move(groups))},
                                      {"ParameterLabels", Value::Map(labels)}});

  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  const NodeId metadata = tmpl.metadata_section();
  if (metadata == syntax::kNoNode ||
      cfn::IsLiteral(ctx.tree(), metadata, syntax::NodeKind::kMapping)) {
    // Appended to Metadata, or the section created before Parameters.
    fix.AddToSection("Metadata", std::string(kInterface), interface);
  } else {
    fix.Fail(absl::FailedPreconditionError("the Metadata section is not a mapping"));
  }
  ctx.Report(ctx.RangeOf(tmpl.parameters().front().key),
             absl::StrFormat("The template's %d parameters have no AWS::CloudFormation::Interface: "
                             "the console lists them unlabelled in alphabetical order",
                             tmpl.parameters().size()),
             std::move(fix));
}

// The existing group whose label names `kind`, or kNoNode.
NodeId FittingGroup(const syntax::Tree& tree, NodeId groups, size_t kind) {
  for (NodeId group : cfn::Items(tree, groups)) {
    std::optional<std::string_view> label =
        cfn::LooseString(tree, cfn::GetPath(tree, group, {"Label", "default"}));
    if (label &&
        absl::AsciiStrToLower(ToAbsl(*label)).find(Kinds()[kind].label_word) != std::string::npos) {
      return group;
    }
  }
  return syntax::kNoNode;
}

// Ungrouped parameters of an existing interface go to a fitting group.
void CompleteInterface(RuleContext& ctx, NodeId interface) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId groups = cfn::Get(tree, interface, "ParameterGroups");
  if (!cfn::IsLiteral(tree, groups, syntax::NodeKind::kSequence)) return;
  absl::flat_hash_set<std::string> grouped;
  for (NodeId group : cfn::Items(tree, groups)) {
    const NodeId names = cfn::Get(tree, group, "Parameters");
    // A group we cannot read may hold any parameter.
    if (!cfn::IsLiteral(tree, names, syntax::NodeKind::kSequence)) return;
    for (NodeId name : cfn::Items(tree, names)) {
      if (std::optional<std::string_view> text = cfn::LooseString(tree, name))
        grouped.insert(std::string(*text));
    }
  }
  // Parameters per target: an existing group's Parameters list, or the new Other group.
  std::vector<std::pair<NodeId, std::vector<Value>>> appends;
  std::vector<std::string_view> other;
  std::vector<std::string> missing;
  const NodeId other_group = FittingGroup(tree, groups, kOther);
  for (const cfn::Parameter& p : ctx.tmpl().parameters()) {
    if (grouped.contains(std::string(p.logical_id))) continue;
    missing.push_back(std::string(p.logical_id));
    NodeId target = FittingGroup(tree, groups, KindOf(p));
    if (target == syntax::kNoNode) target = other_group;
    if (target == syntax::kNoNode) {
      other.push_back(p.logical_id);
      continue;
    }
    const NodeId list = cfn::Get(tree, target, "Parameters");
    auto it = std::find_if(appends.begin(), appends.end(),
                           [&](const auto& a) { return a.first == list; });
    if (it == appends.end()) it = appends.emplace(appends.end(), list, std::vector<Value>{});
    it->second.push_back(Value::Str(p.logical_id));
  }
  if (missing.empty()) return;

  auto build = [&](bool with_new_group) {
    engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
    for (const auto& [list, names] : appends) fix.AppendItems(list, names);
    if (with_new_group && !other.empty()) {
      fix.AppendItems(groups, {GroupValue("Other parameters", other)});
    }
    return fix;
  };
  // The new group and an append to the last group end at the same place:
  // then the new group waits for the next pass.
  engine::FixGroup fix = ctx.BuildGroup(build(true));
  if (!fix.ok() && !appends.empty()) fix = ctx.BuildGroup(build(false));
  ctx.Report(ctx.RangeOf(groups),
             missing.size() == 1
                 ? absl::StrFormat("Parameter %s is in no ParameterGroups group: the console "
                                   "lists it after the groups",
                                   missing.front())
                 : absl::StrFormat("Parameters %s are in no ParameterGroups group: the console "
                                   "lists them after the groups, unsorted",
                                   absl::StrJoin(missing, ", ")),
             fix);
}

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  const NodeId metadata = ctx.tmpl().metadata_section();
  const NodeId interface = cfn::Get(tree, metadata, kInterface);
  if (interface == syntax::kNoNode) {
    // A Metadata written as an intrinsic may hold one.
    if (metadata != syntax::kNoNode &&
        !cfn::IsLiteral(tree, metadata, syntax::NodeKind::kMapping)) {
      return;
    }
    AddInterface(ctx);
    return;
  }
  if (!cfn::IsLiteral(tree, interface, syntax::NodeKind::kMapping)) return;
  CompleteInterface(ctx, interface);
}

}  // namespace

extern const engine::RuleInfo kParameterGroups = {
    .code = "CF620",
    .name = "parameter-groups",
    .summary = "Parameters without console groups and labels are hard to fill in",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
