#include "src/cfn/image_evidence.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/base/strings.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

using testing::Parse;

// "<orchestrator> <os>[ yum][ release] | <conflict>" for the clues found.
std::string Describe(const ImageEvidence& e) {
  std::string out = e.orchestrator == Orchestrator::kEcs   ? "ECS"
                    : e.orchestrator == Orchestrator::kEks ? "EKS"
                                                           : "-";
  const std::string_view os = e.os == OsFamily::kUnknown ? "?" : OsFamilyName(e.os);
  return absl::StrCat(out, " ", ToAbsl(os), e.yum ? " yum" : "", e.release.empty() ? "" : " ",
                      e.release, e.conflict.empty() ? "" : " | ", e.conflict);
}

std::string Script(std::string_view script) {
  ImageEvidence e;
  ReadScriptClues(script, e);
  return Describe(e);
}

std::string Names(std::string_view map, std::string_view key) {
  ImageEvidence e;
  ReadImageNameClues(map, key, e);
  return Describe(e);
}

TEST(ImageEvidenceTest, ScriptClues) {
  EXPECT_EQ(Script("#!/bin/bash\necho ECS_CLUSTER=${C} >> /etc/ecs/ecs.config\n"), "ECS ?");
  EXPECT_EQ(Script("echo ECS_CLUSTER=x >> /etc/ecs/ecs.config\nyum install -y aws-cfn-bootstrap"),
            "ECS Amazon Linux yum");
  EXPECT_EQ(Script("/etc/eks/bootstrap.sh my-cluster"), "EKS Amazon Linux 2");
  EXPECT_EQ(Script("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n"), "EKS AL2023");
  EXPECT_EQ(Script("[settings.ecs]\ncluster = \"c\"\n"), "ECS Bottlerocket");
  EXPECT_EQ(Script("[settings.kubernetes]\napi-server = \"x\"\n"), "EKS Bottlerocket");
  EXPECT_EQ(Script("<powershell>\nInitialize-ECSAgent -Cluster c\n</powershell>"), "ECS Windows");
  EXPECT_EQ(Script("  <script>\necho hi\n</script>"), "- Windows");
  EXPECT_EQ(Script("apt-get update && apt-get install -y nginx"), "- Ubuntu");
  EXPECT_EQ(Script("sudo apt install -y nginx"), "- Ubuntu");
  EXPECT_EQ(Script("dnf install -y nginx"), "- AL2023");
  EXPECT_EQ(Script("yum update -y\ndnf install -y git"), "- AL2023 yum");
  EXPECT_EQ(Script("amazon-linux-extras install nginx1\nyum install -y git"),
            "- Amazon Linux 2 yum");
  EXPECT_EQ(Script("yum install -y httpd"), "- Amazon Linux yum");
  EXPECT_EQ(Script("echo hello > /var/www/html/index.html"), "- ?");
}

TEST(ImageEvidenceTest, ScriptCommandsAreWholeWords) {
  // Not commands: parts of other words, and HTML a Linux script writes.
  EXPECT_EQ(Script("echo yummy; ./adapt.sh; cd /opt/dnfx; chapter"), "- ?");
  EXPECT_EQ(Script("#!/bin/bash\necho '<script>alert(1)</script>' > index.html"), "- ?");
  // A path separator or quote ends a word.
  EXPECT_EQ(Script("cat /etc/yum.repos.d/x.repo"), "- Amazon Linux yum");
  EXPECT_EQ(Script("\"dnf\" -y install x"), "- AL2023");
}

TEST(ImageEvidenceTest, ContradictionsAreKept) {
  EXPECT_EQ(Script("apt-get install -y x || yum install -y x"),
            "- Ubuntu yum | user data runs apt (Ubuntu) but user data runs yum (Amazon Linux)");
  EXPECT_EQ(Script("dnf install -y x; amazon-linux-extras install y"),
            "- AL2023 | user data runs dnf (AL2023) but user data runs amazon-linux-extras "
            "(Amazon Linux 2)");
  EXPECT_EQ(Script("ECS_CLUSTER=a\n/etc/eks/bootstrap.sh b"),
            "ECS Amazon Linux 2 | user data configures the ECS agent (ECS) but user data runs "
            "/etc/eks/bootstrap.sh (EKS)");
  // One place telling two things is one clue.
  ImageEvidence eks;
  ReadScriptClues("nodeadm init", eks);
  EXPECT_EQ(eks.Clues(), "user data configures nodeadm (EKS, AL2023)");
}

TEST(ImageEvidenceTest, NameClues) {
  EXPECT_EQ(Names("AWSRegionToAMI", "ECSAMI"), "ECS ?");
  EXPECT_EQ(Names("EcsAmiMap", "AMI"), "ECS ?");
  EXPECT_EQ(Names("RegionMap", "AMIForECS"), "ECS ?");
  EXPECT_EQ(Names("EKSNodeAmis", "AMI"), "EKS ?");
  EXPECT_EQ(Names("RegionMap", "AMZNLinux2"), "- Amazon Linux 2");
  EXPECT_EQ(Names("RegionMap", "AmazonLinux2AMI"), "- Amazon Linux 2");
  EXPECT_EQ(Names("AmazonLinux2Amis", "x86"), "- Amazon Linux 2");
  EXPECT_EQ(Names("RegionMap", "AL2023"), "- AL2023");
  EXPECT_EQ(Names("RegionMap", "AmazonLinux2023"), "- AL2023");
  EXPECT_EQ(Names("AWSRegionArch2AMI", "HVM64"), "- Amazon Linux");
  EXPECT_EQ(Names("AmazonLinuxAMI", "AMI"), "- Amazon Linux");
  EXPECT_EQ(Names("RegionMap", "Ubuntu"), "- Ubuntu");
  EXPECT_EQ(Names("UbuntuAmis", "Jammy"), "- Ubuntu 22.04");
  EXPECT_EQ(Names("RegionMap", "Windows2019"), "- Windows 2019");
  EXPECT_EQ(Names("RegionMap", "Win2022Base"), "- Windows 2022");
  EXPECT_EQ(Names("BottlerocketEcs", "AMI"), "ECS Bottlerocket");
  // Names that tell nothing.
  EXPECT_EQ(Names("RegionMap", "AMI"), "- ?");
  EXPECT_EQ(Names("EC2RegionMap", "64"), "- ?");
  EXPECT_EQ(Names("AWSRegionAMI", "ImageId"), "- ?");
  EXPECT_EQ(Names("RegionSpecs", "AMI"), "- ?");
}

TEST(ImageEvidenceTest, MapAndScriptCombine) {
  ImageEvidence e;
  ReadImageNameClues("RegionMap", "AL2023", e);
  ReadScriptClues("yum install -y httpd", e);
  EXPECT_EQ(Describe(e), "- AL2023 yum");
  EXPECT_EQ(e.Clues(),
            "region map 'RegionMap' key 'AL2023' (AL2023); user data runs yum (Amazon Linux)");
  ImageEvidence conflict;
  ReadImageNameClues("RegionMap", "Ubuntu", conflict);
  ReadScriptClues("dnf install -y httpd", conflict);
  EXPECT_EQ(conflict.conflict,
            "region map 'RegionMap' key 'Ubuntu' (Ubuntu) but user data runs dnf (AL2023)");
}

struct Launcher {
  std::unique_ptr<syntax::Tree> tree;
  std::optional<Template> tmpl;
  std::optional<ReferenceGraph> graph;
};

// The clues ReadLauncherClues finds for resource `Lt` of `yaml`, and the
// Kubernetes version it read.
std::string LauncherClues(std::string_view yaml) {
  Launcher l;
  l.tree = Parse(yaml);
  if (l.tree == nullptr) return "<parse error>";
  absl::StatusOr<Template> t = Template::FromTree(*l.tree);
  if (!t.ok()) return t.status().ToString();
  l.tmpl = *t;
  l.graph = ReferenceGraph::Build(*l.tmpl);
  ImageEvidence e;
  ReadLauncherClues(*l.tmpl, *l.graph, *l.tmpl->FindResource("Lt"), e);
  return Describe(e) + " k8s=" + e.k8s_version + " | " + e.Clues();
}

TEST(ImageEvidenceTest, LauncherClues) {
  EXPECT_EQ(LauncherClues(R"(Resources:
  Lt: {Type: AWS::EC2::LaunchTemplate, Properties: {}}
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {LaunchTemplate: {LaunchTemplateId: !Ref Lt}}
  Cp:
    Type: AWS::ECS::CapacityProvider
    Properties: {AutoScalingGroupProvider: {AutoScalingGroupArn: !Ref Asg}}
)"),
            "ECS ? k8s= | Auto Scaling group 'Asg' backs ECS capacity provider 'Cp' (ECS)");
  // The node group's version wins over its cluster's.
  EXPECT_EQ(LauncherClues(R"(Parameters:
  K8s: {Type: String, Default: '1.31'}
Resources:
  Lt: {Type: AWS::EC2::LaunchTemplate, Properties: {}}
  Cluster: {Type: AWS::EKS::Cluster, Properties: {Version: '1.29'}}
  Ng:
    Type: AWS::EKS::Nodegroup
    Properties: {ClusterName: !Ref Cluster, Version: !Ref K8s, LaunchTemplate: {Id: !Ref Lt}}
)"),
            "EKS ? k8s=1.31 | EKS node group 'Ng' launches it (EKS)");
  EXPECT_EQ(LauncherClues(R"(Resources:
  Lt: {Type: AWS::EC2::LaunchTemplate, Properties: {}}
  Cluster: {Type: AWS::EKS::Cluster, Properties: {Version: '1.30'}}
  Ng:
    Type: AWS::EKS::Nodegroup
    Properties: {ClusterName: !Ref Cluster, LaunchTemplate: {Id: !Ref Lt}}
)"),
            "EKS ? k8s=1.30 | EKS node group 'Ng' launches it (EKS)");
  // A version from a parameter without Default cannot be read.
  EXPECT_EQ(LauncherClues(R"(Parameters:
  K8s: {Type: String}
Resources:
  Lt: {Type: AWS::EC2::LaunchTemplate, Properties: {}}
  Cluster: {Type: AWS::EKS::Cluster, Properties: {Version: !Ref K8s}}
  Ng:
    Type: AWS::EKS::Nodegroup
    Properties: {ClusterName: !Ref Cluster, LaunchTemplate: {Name: !Ref Lt}}
)"),
            "EKS ? k8s= | EKS node group 'Ng' launches it (EKS)");
  // Nothing launches it.
  EXPECT_EQ(LauncherClues("Resources:\n  Lt: {Type: AWS::EC2::LaunchTemplate}\n"),
            "- ? k8s= | ");
}

}  // namespace
}  // namespace cfnfix::cfn
