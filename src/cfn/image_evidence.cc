#include "src/cfn/image_evidence.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "src/base/strings.h"
#include "src/cfn/naming.h"
#include "src/cfn/values.h"

namespace cfnfix::cfn {
namespace {

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// `word` in `text` with no letter, digit, '_' or '-' right before or after.
bool HasWord(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.size() || !IsWordChar(text[end]))) {
      return true;
    }
  }
  return false;
}

bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }

// The lower-cased words of a CamelCase or delimited name: a word starts
// after a delimiter, at an upper-case letter after a lower-case one, and at
// the last upper-case letter of a run followed by lower case ("AMIForECS" is
// ami, for, ecs; "ECSAmi" is ecs, ami). Digits stay in their word.
void AppendWords(std::string_view name, std::vector<std::string>& words) {
  bool open = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      open = false;
      continue;
    }
    const bool boundary =
        IsUpper(c) && i > 0 &&
        (IsLower(name[i - 1]) || (IsUpper(name[i - 1]) && i + 1 < name.size() && IsLower(name[i + 1])));
    if (!open || boundary) words.emplace_back();
    open = true;
    words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
}

std::optional<std::string> VersionOf(const Template& tmpl, const Resource& resource) {
  std::optional<std::string_view> version =
      LiteralOrDefault(tmpl.tree(), tmpl, PropertyAt(tmpl.tree(), resource, {"Version"}));
  return version ? std::optional<std::string>(*version) : std::nullopt;
}

}  // namespace

std::string_view OsFamilyName(OsFamily os) {
  switch (os) {
    case OsFamily::kUnknown: return "";
    case OsFamily::kAmazonLinux: return "Amazon Linux";
    case OsFamily::kAl2: return "Amazon Linux 2";
    case OsFamily::kAl2023: return "AL2023";
    case OsFamily::kUbuntu: return "Ubuntu";
    case OsFamily::kWindows: return "Windows";
    case OsFamily::kBottlerocket: return "Bottlerocket";
  }
  return "";
}

namespace {

// Records that `why` told `what`; returns "why (what)".
std::string Note(ImageEvidence& e, std::string_view why, std::string_view what) {
  auto clue = std::find_if(e.clues.begin(), e.clues.end(),
                           [&](const auto& c) { return c.first == why; });
  if (clue == e.clues.end()) clue = e.clues.insert(e.clues.end(), {std::string(why), {}});
  std::vector<std::string>& told = clue->second;
  if (std::find(told.begin(), told.end(), what) == told.end()) told.emplace_back(what);
  return absl::StrCat(ToAbsl(why), " (", ToAbsl(what), ")");
}

}  // namespace

void ImageEvidence::AddOrchestrator(Orchestrator o, std::string_view why) {
  const std::string clue = Note(*this, why, o == Orchestrator::kEcs ? "ECS" : "EKS");
  if (orchestrator == Orchestrator::kNone) {
    orchestrator = o;
    orchestrator_why = clue;
  } else if (orchestrator != o && conflict.empty()) {
    conflict = absl::StrCat(orchestrator_why, " but ", clue);
  }
}

void ImageEvidence::AddOs(OsFamily family, std::string_view why) {
  const std::string clue = Note(*this, why, OsFamilyName(family));
  const bool generation = family == OsFamily::kAl2 || family == OsFamily::kAl2023;
  const bool had_generation = os == OsFamily::kAl2 || os == OsFamily::kAl2023;
  if (os == OsFamily::kUnknown || (os == OsFamily::kAmazonLinux && generation)) {
    os = family;
    os_why = clue;
  } else if (os != family && !(family == OsFamily::kAmazonLinux && had_generation) &&
             conflict.empty()) {
    conflict = absl::StrCat(os_why, " but ", clue);
  }
}

std::string ImageEvidence::Clues() const {
  std::string out;
  for (const auto& [why, told] : clues) {
    absl::StrAppend(&out, out.empty() ? "" : "; ", why, " (", absl::StrJoin(told, ", "), ")");
  }
  return out;
}

void ReadScriptClues(std::string_view script, ImageEvidence& e) {
  if (Contains(script, "ECS_CLUSTER") || Contains(script, "/etc/ecs/ecs.config")) {
    e.AddOrchestrator(Orchestrator::kEcs, "user data configures the ECS agent");
  }
  if (Contains(script, "Initialize-ECSAgent")) {
    e.AddOrchestrator(Orchestrator::kEcs, "user data runs Initialize-ECSAgent");
    e.AddOs(OsFamily::kWindows, "user data runs Initialize-ECSAgent");
  }
  if (Contains(script, "/etc/eks/bootstrap.sh")) {
    e.AddOrchestrator(Orchestrator::kEks, "user data runs /etc/eks/bootstrap.sh");
    e.AddOs(OsFamily::kAl2, "user data runs /etc/eks/bootstrap.sh");
  }
  if (HasWord(script, "nodeadm") || Contains(script, "node.eks.aws")) {
    e.AddOrchestrator(Orchestrator::kEks, "user data configures nodeadm");
    e.AddOs(OsFamily::kAl2023, "user data configures nodeadm");
  }
  for (auto [marker, orchestrator] : {std::pair{"[settings.ecs]", Orchestrator::kEcs},
                                      std::pair{"[settings.kubernetes]", Orchestrator::kEks}}) {
    if (!Contains(script, marker)) continue;
    const std::string why = absl::StrCat("user data holds Bottlerocket ", marker);
    e.AddOrchestrator(orchestrator, why);
    e.AddOs(OsFamily::kBottlerocket, why);
  }
  // A Linux script may write HTML holding <script>; a Windows one starts with it.
  const size_t start = script.find_first_not_of(" \t\r\n");
  if (Contains(script, "<powershell>") ||
      (start != std::string_view::npos && script.substr(start).rfind("<script>", 0) == 0)) {
    e.AddOs(OsFamily::kWindows, "user data is a Windows script");
  }
  if (HasWord(script, "apt-get") || HasWord(script, "apt")) {
    e.AddOs(OsFamily::kUbuntu, "user data runs apt");
  }
  if (HasWord(script, "dnf")) e.AddOs(OsFamily::kAl2023, "user data runs dnf");
  if (HasWord(script, "amazon-linux-extras")) {
    e.AddOs(OsFamily::kAl2, "user data runs amazon-linux-extras");
  }
  if (HasWord(script, "yum")) {
    e.yum = true;
    e.AddOs(OsFamily::kAmazonLinux, "user data runs yum");
  }
}

void ReadImageNameClues(std::string_view map, std::string_view key, ImageEvidence& e) {
  const std::string why = absl::StrCat("region map '", ToAbsl(map), "' key '", ToAbsl(key), "'");
  std::vector<std::string> words;
  AppendWords(map, words);
  AppendWords(key, words);
  auto starts = [&](std::string_view prefix) {
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string& w) { return w.rfind(prefix, 0) == 0; });
  };
  // Names spell "Amazon Linux 2" in one word or several: match on the words
  // run together, per name.
  std::string joined;
  for (std::string_view name : {map, key}) {
    std::vector<std::string> own;
    AppendWords(name, own);
    for (const std::string& w : own) joined += w;
    joined += ' ';
  }
  auto has = [&](std::initializer_list<std::string_view> parts) {
    return std::any_of(parts.begin(), parts.end(),
                       [&](std::string_view p) { return Contains(joined, p); });
  };
  if (starts("ecs")) e.AddOrchestrator(Orchestrator::kEcs, why);
  if (starts("eks")) e.AddOrchestrator(Orchestrator::kEks, why);
  if (has({"bottlerocket"})) e.AddOs(OsFamily::kBottlerocket, why);
  if (has({"windows"}) || starts("win20")) {
    e.AddOs(OsFamily::kWindows, why);
    if (has({"2019"})) e.release = "2019";
    if (has({"2022"})) e.release = "2022";
  }
  if (has({"ubuntu"})) {
    e.AddOs(OsFamily::kUbuntu, why);
    if (has({"2204", "22.04", "jammy"})) e.release = "22.04";
    if (has({"2404", "24.04", "noble"})) e.release = "24.04";
  }
  if (has({"al2023", "linux2023", "amzn2023"})) {
    e.AddOs(OsFamily::kAl2023, why);
  } else if (has({"amazonlinux2", "amznlinux2", "amzn2"}) || starts("al2")) {
    e.AddOs(OsFamily::kAl2, why);
  } else if (has({"amazonlinux", "amznlinux", "amzn"}) || starts("hvm64") ||
             starts("hvmg2") || starts("pv64")) {
    e.AddOs(OsFamily::kAmazonLinux, why);
  }
}

void ReadLauncherClues(const Template& tmpl, const ReferenceGraph& graph,
                       const Resource& launcher, ImageEvidence& e) {
  for (const Resource* group :
       ResourcesUsing(tmpl, graph, launcher.logical_id, "AWS::AutoScaling::AutoScalingGroup")) {
    for (const Resource* provider :
         ResourcesUsing(tmpl, graph, group->logical_id, "AWS::ECS::CapacityProvider")) {
      e.AddOrchestrator(Orchestrator::kEcs,
                        absl::StrCat("Auto Scaling group '", ToAbsl(group->logical_id),
                                     "' backs ECS capacity provider '",
                                     ToAbsl(provider->logical_id), "'"));
    }
  }
  std::vector<const Resource*> clusters;
  for (const Resource* node_group :
       ResourcesUsing(tmpl, graph, launcher.logical_id, "AWS::EKS::Nodegroup")) {
    e.AddOrchestrator(Orchestrator::kEks, absl::StrCat("EKS node group '",
                                                       ToAbsl(node_group->logical_id),
                                                       "' launches it"));
    if (e.k8s_version.empty()) e.k8s_version = VersionOf(tmpl, *node_group).value_or("");
    const NodeId cluster_name = PropertyAt(tmpl.tree(), *node_group, {"ClusterName"});
    if (auto named = WhatItNames(tmpl.tree(), tmpl, cluster_name, "AWS::EKS::Cluster")) {
      clusters.push_back(named->resource);
    }
  }
  if (clusters.empty()) {
    for (const Resource& resource : tmpl.resources()) {
      if (resource.type == "AWS::EKS::Cluster") clusters.push_back(&resource);
    }
    if (clusters.size() > 1) clusters.clear();
  }
  for (const Resource* cluster : clusters) {
    if (e.k8s_version.empty()) e.k8s_version = VersionOf(tmpl, *cluster).value_or("");
  }
}

}  // namespace cfnfix::cfn
