// Edits to IAM policy documents (`{Version, Statement}`), wherever they sit:
// bucket and queue policies, inline role policies, managed policies; and
// the values of the statements and documents a rule writes.
#ifndef CFNFIX_ENGINE_EDITING_POLICY_EDIT_H_
#define CFNFIX_ENGINE_EDITING_POLICY_EDIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "src/cfn/template.h"
#include "src/engine/edit.h"
#include "src/engine/editing/value.h"
#include "src/syntax/tree.h"

namespace cfnfix::engine {

// Edits adding `statement` to policy document `document` (a mapping). A
// `Statement` list gets it appended (see AppendItems); a missing
// `Statement` is added as a list of it. A single statement (a mapping)
// becomes a list of the old statement and the new one without touching the
// old one's text: in block YAML the old mapping's first line gets a dash in
// the two columns before its first key (`Statement:\n  Effect: ...` turns
// into `Statement:\n- Effect: ...`), in flow YAML and JSON the old mapping
// is wrapped in `[`, `, new]`. Fails (FailedPrecondition) when the block
// mapping is not indented by at least two spaces past its key (it would
// have to be re-indented), when Statement is an alias, anchored, tagged or
// a function call; (InvalidArgument) when `document` is not a mapping.
absl::StatusOr<std::vector<Edit>> AddStatement(const syntax::Tree& tree, syntax::NodeId document,
                                               const Value& statement);

// The same for several statements, added in order in one set of edits (two
// AddStatement calls on one document would insert at the same place).
absl::StatusOr<std::vector<Edit>> AddStatements(const syntax::Tree& tree, syntax::NodeId document,
                                                const std::vector<Value>& statements);

// `wanted`, or `wanted2`, `wanted3`... when a statement of `document` (the
// literal mappings cfn::Statements lists) already has that Sid: Sids must
// be unique within a policy.
std::string UniqueSid(const syntax::Tree& tree, syntax::NodeId document, std::string_view wanted);

// ---- Values to write. ----

// `items` the way IAM elements are usually written: the single item itself,
// else a list of them.
Value OneOrList(std::vector<Value> items);

// A statement allowing the AWS service `service` (a service principal such
// as "logging.s3.amazonaws.com") `action` on `resource`: Sid (left out when
// empty), Effect, Principal, Action, Resource, and Condition unless
// `condition` is empty.
Value AllowService(std::string_view sid, std::string_view service, Value action, Value resource,
                   std::vector<Value::Pair> condition = {});

// The statement denying `action` ("s3:*") on `resource` to every request
// made without TLS: Sid DenyInsecureTransport, Effect Deny, Principal `*`,
// Action, Resource, Condition `Bool: {aws:SecureTransport: 'false'}`.
Value DenyInsecureTransport(std::string_view action, Value resource);

// A policy document: `Version: '2012-10-17'` and `statements` (a list).
Value PolicyDocumentOf(std::vector<Value> statements);

// The body of a new `AWS::S3::BucketPolicy` for `bucket` (`Bucket: !Ref`)
// holding `statements`, under the bucket's `Condition` when it has one: the
// policy exists exactly when the bucket does.
Value BucketPolicyFor(const syntax::Tree& tree, const cfn::Resource& bucket,
                      std::vector<Value> statements);

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_EDITING_POLICY_EDIT_H_
