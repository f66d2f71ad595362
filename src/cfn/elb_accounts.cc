#include "src/cfn/elb_accounts.h"

#include "absl/strings/match.h"
#include "src/base/strings.h"
#include "src/cfn/arns.h"

namespace cfnfix::cfn {
namespace {

constexpr ElbAccount kAccounts[] = {
#include "data/elb_log_delivery_accounts.inc"
};

}  // namespace

absl::Span<const ElbAccount> ElbAccounts() { return kAccounts; }

std::optional<std::string_view> ElbAccountRegion(std::string_view account) {
  for (const ElbAccount& row : kAccounts) {
    if (row.account == account) return row.region;
  }
  return std::nullopt;
}

std::optional<std::string_view> RootPrincipalAccount(std::string_view principal) {
  if (IsLiteralAccount(principal)) return principal;
  constexpr std::string_view kPrefix = "arn:";
  constexpr std::string_view kIam = ":iam::";
  constexpr std::string_view kRoot = ":root";
  if (!absl::StartsWith(ToAbsl(principal), ToAbsl(kPrefix)) ||
      !absl::EndsWith(ToAbsl(principal), ToAbsl(kRoot))) {
    return std::nullopt;
  }
  const std::string_view middle =
      principal.substr(kPrefix.size(), principal.size() - kPrefix.size() - kRoot.size());
  const size_t iam = middle.find(kIam);
  if (iam == std::string_view::npos) return std::nullopt;
  const std::string_view partition = middle.substr(0, iam);
  const std::string_view account = middle.substr(iam + kIam.size());
  // The partition written out, or as the pseudo parameter in a Sub string.
  if (!IsLiteralPartition(partition) && partition != kPartitionVariable) return std::nullopt;
  if (!IsLiteralAccount(account)) return std::nullopt;
  return account;
}

}  // namespace cfnfix::cfn
