// A value naming an S3 bucket, rewritten as the prefix of all its objects
// (`arn:<partition>:s3:::<bucket>/`): what a CloudTrail `AWS::S3::Object` data
// resource takes where a bucket was written.
#ifndef CFNFIX_ENGINE_S3_OBJECT_PREFIX_H_
#define CFNFIX_ENGINE_S3_OBJECT_PREFIX_H_

#include "absl/status/status.h"
#include "src/engine/fix_builder.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Adds to `fix` the edit turning `value` into its bucket's object prefix:
// `!Ref Bucket` (an AWS::S3::Bucket of the template) becomes
// `!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/'`, `!GetAtt Bucket.Arn` becomes
// `!Sub '${Bucket.Arn}/'`, and a bucket ARN with no key part (a literal, or an
// `Fn::Sub` string without a variable map) gets a final `/`. Fails
// (FailedPrecondition, `fix` untouched) for anything else: a `Ref` to a
// parameter (a name or an ARN?), wildcards (`arn:aws:s3:::*`), a value with a
// key part, a value aliases read.
absl::Status AddObjectPrefixEdit(FixBuilder& fix, syntax::NodeId value);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_S3_OBJECT_PREFIX_H_
