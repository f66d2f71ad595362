// What a template says about the image family an instance boots: the
// orchestrator it serves (ECS, EKS) and its operating system, read from the
// user data, the name of the region map its image comes from, and the
// resources that launch it. Each clue is kept with where it was seen, and two
// clues that contradict each other are kept as a conflict, so that a rule
// can say why it decided or why it could not.
#ifndef CFNFIX_CFN_IMAGE_EVIDENCE_H_
#define CFNFIX_CFN_IMAGE_EVIDENCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/cfn/reference_graph.h"
#include "src/cfn/template.h"

namespace cfnfix::cfn {

enum class Orchestrator : uint8_t { kNone, kEcs, kEks };

enum class OsFamily : uint8_t {
  kUnknown,
  kAmazonLinux,  // of no stated generation
  kAl2,
  kAl2023,
  kUbuntu,
  kWindows,
  kBottlerocket,
};

// "Amazon Linux 2", "AL2023", "Ubuntu"...; "" for kUnknown.
std::string_view OsFamilyName(OsFamily os);

struct ImageEvidence {
  Orchestrator orchestrator = Orchestrator::kNone;
  OsFamily os = OsFamily::kUnknown;
  // Only `yum` told Amazon Linux (of no generation: `yum` runs on AL2 and,
  // as dnf's alias, on AL2023).
  bool yum = false;
  // A release a name states: "2019" or "2022" (Windows), "22.04" or "24.04"
  // (Ubuntu); empty when none is stated.
  std::string release;
  // The first clue for each of the above ("user data runs dnf (AL2023)").
  std::string orchestrator_why, os_why;
  // Every clue in the order seen: where, and what it told ("ECS", "AL2023").
  std::vector<std::pair<std::string, std::vector<std::string>>> clues;
  // Set by the first contradiction: "<earlier clue> but <later clue>".
  std::string conflict;
  // The Kubernetes version of the EKS cluster the instances join, when read.
  std::string k8s_version;

  void AddOrchestrator(Orchestrator o, std::string_view why);
  // The clues, "; "-separated: "user data configures nodeadm (EKS, AL2023)".
  std::string Clues() const;
  // A generation (kAl2, kAl2023) refines kAmazonLinux and is not contradicted
  // by it; any other difference is a conflict.
  void AddOs(OsFamily os, std::string_view why);
};

// Clues in a boot script (see UserDataText): ECS_CLUSTER or
// /etc/ecs/ecs.config (ECS), Initialize-ECSAgent (ECS on Windows),
// /etc/eks/bootstrap.sh (EKS on AL2), nodeadm or node.eks.aws (EKS on AL2023),
// [settings.ecs] / [settings.kubernetes] (Bottlerocket for ECS / EKS),
// <powershell>, or <script> at the start (Windows), apt-get or apt (Ubuntu),
// dnf (AL2023), amazon-linux-extras (AL2), yum (Amazon Linux, see `yum`).
// Commands are matched as whole words.
void ReadScriptClues(std::string_view script, ImageEvidence& evidence);

// Clues in the names of a region map of image ids and of its key, read as
// words ("AMIForECS" is ami, for, ecs): a word starting with ecs / eks,
// Bottlerocket, Windows (2019), Ubuntu (2204, jammy), AL2023 / AmazonLinux2023,
// AmazonLinux2 / AMZNLinux2 / AL2, and Amazon Linux of no generation
// (AmazonLinux, AMZN, and HVM64 / HVMG2 / PV64, the keys of old AWS samples).
void ReadImageNameClues(std::string_view map, std::string_view key, ImageEvidence& evidence);

// Clues in what launches `launcher` (a launch template or configuration):
// an Auto Scaling group that is an AWS::ECS::CapacityProvider's (ECS), an
// AWS::EKS::Nodegroup (EKS). Also reads the Kubernetes version the instances
// would run under EKS: the node group's Version, else its cluster's, else
// (without a node group) the template's only AWS::EKS::Cluster's; a literal
// or a parameter's Default.
void ReadLauncherClues(const Template& tmpl, const ReferenceGraph& graph,
                       const Resource& launcher, ImageEvidence& evidence);

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_IMAGE_EVIDENCE_H_
