// ebs-encryption (CF206): EBS volumes of launch templates, launch
// configurations, instances and `AWS::EC2::Volume` are encrypted, and gp2
// volumes become gp3.
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "src/cfn/instance_type.h"
#include "src/cfn/reference_graph.h"
#include "src/cfn/values.h"
#include "src/engine/rule.h"
#include "src/engine/true_property.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::Tree;

constexpr std::string_view kDoc = R"md(# ebs-encryption (CF206)

## What it does
Finds EBS volumes that are not encrypted, and gp2 volumes:

- each `Ebs` of `BlockDeviceMappings` in `AWS::EC2::LaunchTemplate`
  (under `LaunchTemplateData`), `AWS::AutoScaling::LaunchConfiguration` and
  `AWS::EC2::Instance` without `Encrypted: true` gets `Encrypted: true`
  at the end of the `Ebs` mapping; an explicit false (`false`, `False`,
  `"false"`, each literally false `Fn::If` branch) is made true;
- `AWS::EC2::Volume` without `Encrypted: true` gets it likewise;
- `VolumeType: gp2` (in an `Ebs` mapping or on a volume) becomes `gp3` when
  the size (`VolumeSize`, or a volume's `Size`) is written and at most
  170 GiB. Above that, gp2 gives more throughput (up to 250 MiB/s) or IOPS
  (3 per GiB past 1,000 GiB) than gp3's baseline (125 MiB/s, 3,000 IOPS),
  and without a size the volume's performance cannot be compared: both are
  reported without a fix.

Without `KmsKeyId`, EC2 uses the account's default EBS key (`aws/ebs`
unless the account chose another). Mappings with `NoDevice` or
`VirtualName` have no EBS volume and are skipped. An `Ebs` mapping or volume
with a `SnapshotId` (or a volume with `SourceVolumeId`) is not checked for
encryption: its encryption follows the snapshot, which the template does not
show, and the EC2 launch template reference says an encryption value cannot
be given for a volume created from a snapshot. When the instance type
(`InstanceType`, a parameter's default included; an `AWS::EC2::Instance`
without one gets `m1.small`) is an old family that cannot attach encrypted
volumes (t1, m1, m2, c1, cc2, cr1, hi1, hs1...), the finding has no fix.
Values given by `Ref`, `Fn::FindInMap` or condition functions other than
`Fn::If` are left alone.

## Why is this bad?
An unencrypted volume, and every snapshot and AMI made from it, is
readable by whoever obtains a copy: a snapshot shared by mistake, a
restored backup. EBS encryption costs nothing and has no measurable
performance cost. AWS Security Hub (EC2.3, EC2.7) and the CIS benchmark
require it. gp3 costs about 20% less than gp2 per GiB and gives a steady
3,000 IOPS and 125 MiB/s at any size, where a small gp2 volume relies on
burst credits.

## Example
```yaml
Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              VolumeSize: 30
              VolumeType: gp2
```
Use instead:
```yaml
Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              VolumeSize: 30
              VolumeType: gp3
              Encrypted: true
```

## Fix safety
- **Launch templates**: safe when nothing but Auto Scaling groups without an
  `AutoScalingRollingUpdate` or `AutoScalingReplacingUpdate` update policy
  uses the template (or nothing in the template uses it).
  `LaunchTemplateData` is "Update requires: No interruption": the update
  creates a new template version; running instances keep their volumes,
  and only instances launched later get encrypted gp3 volumes. An instance,
  fleet or node group using the template, or a group that replaces its
  instances on update, may replace running instances: unsafe.
- **Launch configurations**: safe on the same condition, and when no
  `LaunchConfigurationName` is written. `BlockDeviceMappings` is "Update
  requires: Replacement", but a launch configuration holds no data and
  nothing runs on it: CloudFormation creates a new one, points the group at
  it ("Existing instances are not affected", says the reference) and
  deletes the old one. A custom name makes the replacement fail, and an
  update policy would replace the group's instances: unsafe then.
- **Instances**: unsafe. The `Ebs` of an instance's block device mapping is
  "Update requires: Some interruptions", and the reference says that
  changing anything but `DeleteOnTermination` on a running instance
  replaces the instance.
- **Volumes**: adding `Encrypted` is unsafe: EC2 cannot encrypt an existing
  volume in place (a volume modification changes only its size, type, IOPS
  and throughput), so a deployed volume must be replaced from an encrypted
  snapshot copy. `VolumeType` gp2 to gp3 is an online volume modification
  ("Update requires: No interruption"): safe; EBS then waits about six hours
  before the volume can be modified again.
- Making an explicit `false` true is unsafe everywhere: the author chose it.

Encryption with a customer managed default key needs a key policy that lets
the Auto Scaling service-linked role use it; with `aws/ebs` nothing is
needed.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-launchtemplate.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-launchconfiguration.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-blockdevicemapping.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html
- https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
- https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html
- https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html
)md";

// gp3's baseline throughput (125 MiB/s) matches gp2's (128 MiB/s) only up to
// this size; above it gp2 is faster.
constexpr int64_t kGp3MaxComparableGiB = 170;

constexpr std::string_view kLaunchTemplate = "AWS::EC2::LaunchTemplate";
constexpr std::string_view kLaunchConfiguration = "AWS::AutoScaling::LaunchConfiguration";
constexpr std::string_view kInstance = "AWS::EC2::Instance";
constexpr std::string_view kVolume = "AWS::EC2::Volume";

std::string Message(const cfn::Resource& resource, std::string_view text) {
  return absl::StrFormat("%s '%s' %s", resource.type, resource.logical_id, text);
}

// An Auto Scaling group that replaces its instances when its launch
// settings change.
bool ReplacesInstancesOnUpdate(const Tree& tree, const cfn::Resource& group) {
  const NodeId policy = cfn::Get(tree, group.body, "UpdatePolicy");
  return cfn::Get(tree, policy, "AutoScalingRollingUpdate") != syntax::kNoNode ||
         cfn::Get(tree, policy, "AutoScalingReplacingUpdate") != syntax::kNoNode;
}

// Launch templates and configurations shape only instances launched later,
// unless a user of theirs replaces running instances when they change.
Applicability LaunchSettingsApplicability(const RuleContext& ctx, const cfn::Resource& launch) {
  const Tree& tree = ctx.tree();
  if (launch.type == kInstance) return Applicability::kUnsafe;
  // A custom name makes the launch configuration's replacement fail.
  if (launch.type == kLaunchConfiguration &&
      cfn::PropertyAt(tree, launch, {"LaunchConfigurationName"}) != syntax::kNoNode) {
    return Applicability::kUnsafe;
  }
  for (const cfn::Reference& use : ctx.references().ReferencesTo(launch.logical_id)) {
    if (use.section != cfn::ReferenceSection::kResources) continue;
    if (use.kind == cfn::ReferenceKind::kDependsOn) continue;
    const cfn::Resource* user = ctx.tmpl().FindResource(use.from);
    if (user == nullptr) return Applicability::kUnsafe;
    if (user->type != "AWS::AutoScaling::AutoScalingGroup") return Applicability::kUnsafe;
    if (ReplacesInstancesOnUpdate(tree, *user)) return Applicability::kUnsafe;
  }
  return Applicability::kSafe;
}

// Why encrypted volumes cannot be attached, or OK: an old instance type.
absl::Status EncryptionSupport(const RuleContext& ctx, const cfn::Resource& launch) {
  const Tree& tree = ctx.tree();
  const NodeId type = launch.type == kLaunchTemplate
                          ? cfn::PropertyAt(tree, launch, {"LaunchTemplateData", "InstanceType"})
                          : cfn::PropertyAt(tree, launch, {"InstanceType"});
  // EC2 launches an instance declared without a type as m1.small.
  if (type == syntax::kNoNode && launch.type == kInstance) {
    return absl::FailedPreconditionError("without InstanceType the instance is an m1.small, "
                                         "which cannot attach encrypted volumes");
  }
  for (const cfn::NamedInstanceType& named : cfn::InstanceTypesOf(tree, ctx.tmpl(), type)) {
    if (cfn::SupportsEbsEncryption(named.name)) continue;
    return absl::FailedPreconditionError(absl::StrFormat(
        "instance type %s cannot attach encrypted volumes", named.name));
  }
  return absl::OkStatus();
}

void ReportUnencrypted(RuleContext& ctx, const cfn::Resource& launch, NodeId ebs,
                       Applicability applicability, const absl::Status& support) {
  const Tree& tree = ctx.tree();
  const NodeId encrypted = cfn::Get(tree, ebs, "Encrypted");
  if (encrypted == syntax::kNoNode) {
    engine::FixBuilder fix = ctx.NewFix(applicability);
    if (support.ok()) {
      fix.SetEntry(ebs, "Encrypted", engine::Value::Bool(true));
    } else {
      fix.Fail(support);
    }
    ctx.Report(ctx.RangeOf(ebs),
               Message(launch, "launches an unencrypted EBS volume: its data and snapshots "
                               "are readable by whoever gets a copy"),
               std::move(fix));
    return;
  }
  for (NodeId branch : cfn::Branches(tree, encrypted)) {
    if (cfn::LooseBool(tree, branch) != false) continue;
    engine::FixBuilder fix = ctx.NewFix(Applicability::kUnsafe);
    if (support.ok()) {
      fix.ReplaceBool(branch, true);
    } else {
      fix.Fail(support);
    }
    ctx.Report(ctx.RangeOf(branch),
               Message(launch, "disables encryption of an EBS volume: its data and snapshots "
                               "are readable by whoever gets a copy"),
               std::move(fix));
  }
}

// gp2 becomes gp3 where gp3's baseline is at least as fast: a written size
// of at most kGp3MaxComparableGiB.
void ReportGp2(RuleContext& ctx, const cfn::Resource& resource, NodeId holder,
               std::string_view size_key, Applicability applicability) {
  const Tree& tree = ctx.tree();
  const std::optional<int64_t> size = cfn::LooseInt(tree, cfn::Get(tree, holder, size_key));
  for (NodeId branch : cfn::Branches(tree, cfn::Get(tree, holder, "VolumeType"))) {
    if (cfn::LooseString(tree, branch) != "gp2") continue;
    engine::FixBuilder fix = ctx.NewFix(applicability);
    if (size && *size <= kGp3MaxComparableGiB) {
      fix.ReplaceScalar(branch, "gp3");
    } else {
      fix.Fail(absl::FailedPreconditionError(absl::StrFormat(
          "gp3's baseline matches gp2 only when %s is written and at most %d GiB", size_key,
          kGp3MaxComparableGiB)));
    }
    ctx.Report(ctx.RangeOf(branch),
               Message(resource, "uses the gp2 volume type: gp3 costs about 20% less with a steady "
                                 "3,000 IOPS baseline"),
               std::move(fix));
  }
}

void CheckLaunchSettings(RuleContext& ctx, const cfn::Resource& launch) {
  const Tree& tree = ctx.tree();
  const NodeId mappings =
      launch.type == kLaunchTemplate
          ? cfn::PropertyAt(tree, launch, {"LaunchTemplateData", "BlockDeviceMappings"})
          : cfn::PropertyAt(tree, launch, {"BlockDeviceMappings"});
  if (mappings == syntax::kNoNode) return;
  const Applicability applicability = LaunchSettingsApplicability(ctx, launch);
  const absl::Status support = EncryptionSupport(ctx, launch);
  for (NodeId list : cfn::BranchesOfKind(tree, mappings, NodeKind::kSequence)) {
    for (NodeId item : cfn::Items(tree, list)) {
      for (NodeId mapping : cfn::BranchesOfKind(tree, item, NodeKind::kMapping)) {
        for (NodeId ebs :
             cfn::BranchesOfKind(tree, cfn::Get(tree, mapping, "Ebs"), NodeKind::kMapping)) {
          // A volume made from a snapshot is encrypted as the snapshot is.
          if (cfn::Get(tree, ebs, "SnapshotId") == syntax::kNoNode) {
            ReportUnencrypted(ctx, launch, ebs, applicability, support);
          }
          ReportGp2(ctx, launch, ebs, "VolumeSize", applicability);
        }
      }
    }
  }
}

constexpr engine::TrueProperty kVolumeEncrypted = {
    .property = "Encrypted",
    .when_missing = "is not encrypted: its data and snapshots are readable by whoever gets a "
                    "copy",
    .when_false = "disables encryption: its data and snapshots are readable by whoever gets a "
                  "copy",
    .missing_fix = Applicability::kUnsafe,
};

void CheckVolume(RuleContext& ctx, const cfn::Resource& volume) {
  const Tree& tree = ctx.tree();
  // Properties written as an intrinsic can be neither read nor edited.
  if (!cfn::IsLiteral(tree, volume.properties, NodeKind::kMapping)) return;
  // A volume made from a snapshot or another volume is encrypted as its source is.
  if (cfn::PropertyAt(tree, volume, {"SnapshotId"}) == syntax::kNoNode &&
      cfn::PropertyAt(tree, volume, {"SourceVolumeId"}) == syntax::kNoNode) {
    engine::ReportUnlessTrue(ctx, volume, kVolumeEncrypted);
  }
  ReportGp2(ctx, volume, volume.properties, "Size", Applicability::kSafe);
}

void Check(RuleContext& ctx) {
  for (const cfn::Resource* resource :
       ctx.ResourcesOfTypes({kLaunchTemplate, kLaunchConfiguration, kInstance, kVolume})) {
    if (resource->type == kVolume) {
      CheckVolume(ctx, *resource);
    } else {
      CheckLaunchSettings(ctx, *resource);
    }
  }
}

}  // namespace

extern const engine::RuleInfo kEbsEncryption = {
    .code = "CF206",
    .name = "ebs-encryption",
    .summary = "Unencrypted EBS volumes in launch templates, launch configurations, instances "
               "and volumes; gp2 volumes",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
};

}  // namespace cfnfix::transforms
