// Placeholder until the YAML parser lands.
#include "src/syntax/yaml/yaml_parser.h"

namespace cfnfix::syntax {

absl::StatusOr<Tree> ParseYaml(std::shared_ptr<const SourceText> source,
                               const ParseOptions& options) {
  return absl::UnimplementedError("1:1: YAML parser not implemented yet");
}

}  // namespace cfnfix::syntax
