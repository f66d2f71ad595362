// Tags in either shape CloudFormation types take them: a list of
// {Key, Value} (most types) or a map of key to value (AWS::SSM::Parameter,
// AWS::SecurityHub::Hub and other newer types).
#ifndef CFNFIX_ENGINE_TAG_SHAPE_H_
#define CFNFIX_ENGINE_TAG_SHAPE_H_

#include "absl/status/statusor.h"
#include "src/engine/editing/value.h"
#include "src/schema/schema.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// The tags written at `tags` (aliases followed), in `shape` (kList or kMap),
// in their order, each value read with ValueOf (intrinsics stay intrinsics).
// Fails (FailedPrecondition) when a key is not a literal string, two tags
// share a key, a list item is not exactly a Key and a Value, a value cannot
// be read back (an alias: see ValueOf), a comment lies among the tags, `tags` is neither
// a literal list nor a literal map, or `shape` is neither kList nor kMap.
absl::StatusOr<Value> TagsInShape(const syntax::Tree& tree, syntax::NodeId tags,
                                  schema::TagShape shape);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_TAG_SHAPE_H_
