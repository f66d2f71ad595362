// ARNs written inside strings: where the partition, service, region and
// account of each `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` are, so
// that rules can tell a hand-written `arn:aws:` from
// `arn:${AWS::Partition}:` and a literal region or account from the pseudo
// parameters.
#ifndef CFNFIX_CFN_ARNS_H_
#define CFNFIX_CFN_ARNS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cfnfix::cfn {

// One field of an ARN: its text and where it starts in the searched string.
struct ArnField {
  uint32_t begin = 0;
  std::string_view text;
  uint32_t end() const { return begin + static_cast<uint32_t>(text.size()); }
};

struct ArnFields {
  uint32_t begin = 0;  // the `a` of `arn:`
  ArnField partition;
  ArnField service;
  ArnField region;
  ArnField account;
};

// Every ARN in `text`: `arn:` at the start or after a character that cannot
// be part of a name (not a letter, digit, `_`, `-` or `.`), followed by four
// fields each ended by `:`. A field holds letters, digits, `-`, `*` and, as
// Fn::Sub strings do, whole `${...}` references (`${AWS::Partition}` counts
// as one piece, its `::` included). Anything else (a space, a quote, a
// slash) before the fourth `:` means it is no ARN. Fields may be empty
// (`arn:aws:s3:::bucket`).
std::vector<ArnFields> FindArns(std::string_view text);

// A partition written out: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`...
bool IsLiteralPartition(std::string_view field);
// A region written out: `us-east-1`, `eu-central-2`, `us-gov-west-1`.
bool IsLiteralRegion(std::string_view field);
// An account written out: twelve digits.
bool IsLiteralAccount(std::string_view field);

// The replacement of a literal partition, for an Fn::Sub string.
inline constexpr std::string_view kPartitionVariable = "${AWS::Partition}";

}  // namespace cfnfix::cfn

#endif  // CFNFIX_CFN_ARNS_H_
