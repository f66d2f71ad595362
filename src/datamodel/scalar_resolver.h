// YAML 1.1 scalar resolution and construction exactly as PyYAML's SafeLoader
// does it (yaml/resolver.py and yaml/constructor.py of PyYAML 6), so that the
// data model cfnfix sees is the one CloudFormation tooling written in Python
// sees.
#ifndef CFNFIX_DATAMODEL_SCALAR_RESOLVER_H_
#define CFNFIX_DATAMODEL_SCALAR_RESOLVER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace cfnfix::datamodel {

// The tag a scalar resolves to. kMerge and kValue only mean something as
// mapping keys; PyYAML has no constructor for them elsewhere.
// Timestamps are not told apart: cfnfix keeps them as strings.
enum class ScalarType { kStr, kNull, kBool, kInt, kFloat, kMerge, kValue };

// PyYAML's implicit resolvers for a plain (untagged) scalar's text.
ScalarType ResolvePlain(std::string_view text);

// construct_yaml_bool: true/yes/on (any case) → true, false/no/off → false.
absl::StatusOr<bool> ConstructBool(std::string_view text);

// construct_yaml_int, as an exact decimal integer ("-42", arbitrary size).
absl::StatusOr<std::string> ConstructInt(std::string_view text);

// construct_yaml_float, printed as Python's repr() prints the float ("1.0",
// "1e+16"). A non-finite result (.inf, .nan, overflow) is returned as an
// empty string: the caller prints the scalar's text instead.
absl::StatusOr<std::string> ConstructFloat(std::string_view text);

// Python's repr() of a finite double: shortest round-trip digits, fixed
// notation for exponents in [-4, 16), scientific otherwise.
std::string PythonFloatRepr(double value);

}  // namespace cfnfix::datamodel

#endif  // CFNFIX_DATAMODEL_SCALAR_RESOLVER_H_
