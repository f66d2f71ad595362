// The properties every fuzz target checks, shared with the regression tests
// in tests/reliability/ so that a saved crash input is re-run through exactly
// the same checks. Each returns OK or says which property broke.
#ifndef CFNFIX_FUZZ_INVARIANTS_H_
#define CFNFIX_FUZZ_INVARIANTS_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/datamodel/canonical_json.h"
#include "src/engine/fixer.h"
#include "src/engine/registry.h"
#include "src/syntax/json/json_parser.h"
#include "src/syntax/load/load.h"
#include "src/syntax/lossless.h"
#include "src/syntax/yaml/yaml_parser.h"

namespace cfnfix::fuzz {

// Parse errors are fine; an accepted input must round-trip byte for byte.
// The parser is called directly (no encoding checks in front), then the
// CLI's path (ParseSource) runs and, when it accepts, the data model must
// either build or fail with an input error.
inline absl::Status CheckParsed(const absl::StatusOr<syntax::Tree>& tree,
                                std::shared_ptr<const SourceText> source, syntax::Format format) {
  if (!tree.ok()) {
    if (tree.status().code() != absl::StatusCode::kInvalidArgument) {
      return absl::InternalError(absl::StrCat("parse failed with a non-input error: ",
                                              tree.status().ToString()));
    }
  } else if (absl::Status lossless = syntax::CheckLossless(*tree); !lossless.ok()) {
    return absl::InternalError(absl::StrCat("lossless invariant: ", lossless.ToString()));
  }
  absl::StatusOr<syntax::Tree> full = syntax::ParseSource(source, {}, format);
  if (!full.ok()) return absl::OkStatus();
  absl::StatusOr<std::string> json = datamodel::ToCanonicalJson(*full);
  if (!json.ok() && json.status().code() != absl::StatusCode::kInvalidArgument) {
    return absl::InternalError(absl::StrCat("data model: ", json.status().ToString()));
  }
  return absl::OkStatus();
}

inline absl::Status CheckYamlInput(std::string_view bytes) {
  auto source = SourceText::Create(bytes, "fuzz.yaml");
  return CheckParsed(syntax::ParseYaml(source), source, syntax::Format::kYaml);
}

inline absl::Status CheckJsonInput(std::string_view bytes) {
  auto source = SourceText::Create(bytes, "fuzz.json");
  return CheckParsed(syntax::ParseJson(source), source, syntax::Format::kJson);
}

// The whole engine, every rule, unsafe fixes on: it never reports an
// internal error (a fix that breaks the file or does not converge), its
// output parses in the input's format, and a second run changes nothing.
inline absl::Status CheckFixPipeline(std::string_view bytes) {
  engine::FixerOptions options;
  for (const engine::RuleInfo* rule : engine::AllRules()) options.rules.push_back(rule);
  options.apply_at_least = engine::Applicability::kUnsafe;
  options.require_template = false;
  // ami-ssm-parameter fixes only images whose family the input tells, which
  // fuzz inputs rarely do; its edits (new sections, map deletion) must stay
  // reachable.
  if (const engine::RuleInfo* ami = engine::FindRule("ami-ssm-parameter")) {
    absl::Status set = options.rule_options.Set(
        *ami, "default-ssm-path",
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{arch}");
    if (!set.ok()) return absl::InternalError(set.ToString());
  }
  // The name fixes the format for both runs; sniff it once like the CLI does.
  const syntax::Format format = syntax::DetectFormat("", bytes);
  const std::string name = format == syntax::Format::kJson ? "fuzz.json" : "fuzz.yaml";

  engine::FileOutcome first = engine::FixSource(SourceText::Create(bytes, name), options);
  if (first.status.code() == absl::StatusCode::kInternal) {
    return absl::InternalError(absl::StrCat("first run: ", first.status.ToString()));
  }
  if (!first.changed()) return absl::OkStatus();

  auto fixed_source = SourceText::Create(first.fixed, name);
  absl::StatusOr<syntax::Tree> fixed_tree = syntax::ParseSource(fixed_source, options.parse_options);
  if (!fixed_tree.ok()) {
    return absl::InternalError(absl::StrCat("fixed output does not parse: ",
                                            fixed_tree.status().ToString()));
  }
  if (absl::Status lossless = syntax::CheckLossless(*fixed_tree); !lossless.ok()) {
    return absl::InternalError(absl::StrCat("fixed output lossless: ", lossless.ToString()));
  }
  engine::FileOutcome second = engine::FixSource(fixed_source, options);
  if (!second.status.ok()) {
    return absl::InternalError(absl::StrCat("second run: ", second.status.ToString()));
  }
  if (second.changed()) return absl::InternalError("second run changed the fixed output");
  return absl::OkStatus();
}

}  // namespace cfnfix::fuzz

#endif  // CFNFIX_FUZZ_INVARIANTS_H_
