// Which resource types keep data, and which accept the `Snapshot` value of
// DeletionPolicy / UpdateReplacePolicy: shared by the rules that write those
// attributes, so that they agree on which resources each one handles.
#ifndef CFNFIX_CFN_RETENTION_H_
#define CFNFIX_CFN_RETENTION_H_

#include <optional>
#include <string_view>

#include "absl/types/span.h"
#include "src/cfn/template.h"
#include "src/syntax/tree.h"

namespace cfnfix::cfn {

// True for the types whose DeletionPolicy and UpdateReplacePolicy accept
// `Snapshot` (the list in the DeletionPolicy attribute reference).
bool SupportsSnapshotPolicy(std::string_view type);

// The retention a stateful resource should have.
enum class Retention : uint8_t { kSnapshot, kRetain };

// What retain-stateful-resources wants for `resource`: kSnapshot for the
// data-holding types that support snapshots, kRetain for the other
// data-holding types, nullopt for everything else. An AWS::RDS::DBInstance
// in a cluster (DBClusterIdentifier) or a read replica
// (SourceDBInstanceIdentifier) holds no data of its own: nullopt.
std::optional<Retention> StatefulRetention(const syntax::Tree& tree, const Resource& resource);

// The curated lists behind the two functions above, for the test that checks
// them against the resource schema (which says neither which types accept
// `Snapshot` nor which hold data, so these lists stay authoritative).
absl::Span<const std::string_view> SnapshotPolicyTypes();
absl::Span<const std::string_view> SnapshotStatefulTypes();
absl::Span<const std::string_view> RetainStatefulTypes();

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_RETENTION_H_
