// JSON string literals for the canonical dump.
#ifndef CFNFIX_DATAMODEL_JSON_STRING_H_
#define CFNFIX_DATAMODEL_JSON_STRING_H_

#include <string>
#include <string_view>

namespace cfnfix::datamodel {

// Appends `text` as a JSON string literal: quotes, backslashes and control
// characters escaped (\b \f \n \r \t or \u00XX), everything else, non-ASCII
// UTF-8 included, copied as is.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace cfnfix::datamodel

#endif  // CFNFIX_DATAMODEL_JSON_STRING_H_
