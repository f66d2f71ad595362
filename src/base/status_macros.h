// Small helpers for absl::Status plumbing. The installed Abseil (20220623)
// ships neither RETURN_IF_ERROR nor ASSIGN_OR_RETURN, so we define our own.
#ifndef CFNFIX_BASE_STATUS_MACROS_H_
#define CFNFIX_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CFNFIX_CONCAT_INNER_(a, b) a##b
#define CFNFIX_CONCAT_(a, b) CFNFIX_CONCAT_INNER_(a, b)

// Returns from the current function if `expr` yields a non-OK status.
#define CFNFIX_RETURN_IF_ERROR(expr)                \
  do {                                              \
    ::absl::Status cfnfix_status_ = (expr);         \
    if (!cfnfix_status_.ok()) return cfnfix_status_; \
  } while (false)

// Evaluates `rexpr` (a StatusOr<T>); on error returns its status, otherwise
// moves the value into `lhs` (which may be a declaration).
#define CFNFIX_ASSIGN_OR_RETURN(lhs, rexpr) \
  CFNFIX_ASSIGN_OR_RETURN_IMPL_(CFNFIX_CONCAT_(cfnfix_statusor_, __LINE__), lhs, rexpr)

#define CFNFIX_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = *std::move(statusor)

#endif  // CFNFIX_BASE_STATUS_MACROS_H_
