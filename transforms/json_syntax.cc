// json-syntax (CF001): a JSON template with trailing commas, read leniently,
// gets its trailing commas removed, so that it is strict JSON.
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "src/engine/rule.h"
#include "src/syntax/load/lenient_json.h"

namespace cfnfix::transforms {
namespace {

using engine::Applicability;
using engine::RuleContext;

constexpr std::string_view kDoc = R"md(# json-syntax (CF001)

## What it does
Finds the trailing commas in a JSON template: a comma after the last member
of an object or the last element of an array, as in `{"a": 1,}` or
`[1, 2,]`. cfnfix reads a JSON file whose only fault is such commas
leniently (through its YAML parser, as cfn-lint does, and only when YAML
reads it exactly as JSON reads it without the commas), so the other rules
still run on it; this rule reports each trailing comma at its position, and
its fix removes them all.

Not reported: anything else that is not JSON (comments, single quotes,
unquoted keys, a second value): such a file is not read at all, and cfnfix
reports the first fault as an error. Not reported either: a trailing comma
in a YAML flow collection (`Tags: [a, b,]` in a `.yaml` file), which is valid
YAML and reads the same without it.

## Why is this bad?
JSON (RFC 8259) has no trailing commas, so every strict JSON reader refuses
the file: `jq`, Python's `json`, `JSON.parse`, and the tools built on them
(diffing, merging and policy checks that read templates as JSON). It may
still deploy, but only by accident: AWS documents that CloudFormation first
checks whether a template is valid JSON and, when it is not, reads it as
YAML, and YAML accepts one trailing comma in a flow collection. A `.json`
template that only YAML understands is a trap for everything else that reads
it. Code generators and language models write such commas often.

## Example
```json
{
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {"Tags": [{"Key": "team", "Value": "data"},]},
    },
  }
}
```
Use instead:
```json
{
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {"Tags": [{"Key": "team", "Value": "data"}]}
    }
  }
}
```

## Fix safety
Safe: the template's data is unchanged. The file is read leniently only when
YAML reads it exactly as JSON reads it without the commas, so removing them
changes no key, value or order; CloudFormation, which would read the file
through its YAML fallback, sees the same template, now as JSON. Only the
commas go: the whitespace and line breaks around them stay as they are, so
the diff touches only those lines.

All trailing commas of a file are one fix, reported at each comma: it leaves
strict JSON or nothing. While a file still has trailing commas, the other
rules' fixes wait: `fix` removes the commas first, then applies them to the
strict JSON in the same run. When this rule is not selected (`--select`
without CF001), the other rules' findings on such a file are reported
without a fix and the file is left as it is.

## Options

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-validate-template.html
- https://www.rfc-editor.org/rfc/rfc8259
)md";

// The closer a trailing comma stands before: the next byte that is not
// JSON whitespace.
char CloserAfter(std::string_view text, uint32_t comma) {
  const size_t closer = text.find_first_not_of(" \t\r\n", comma + 1);
  return closer == std::string_view::npos ? '?' : text[closer];
}

void Check(RuleContext& ctx) {
  const syntax::Tree& tree = ctx.tree();
  // Only a leniently read JSON file has trailing commas (strict JSON has
  // none, and YAML flow collections may end with one).
  if (!tree.lenient_json()) return;
  const std::vector<uint32_t> commas = syntax::FindTrailingCommas(tree.text());
  // One fix for all of them: removing some would leave a file that is still
  // not JSON. A comma changes no template entry, so nothing is declared.
  engine::FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  for (uint32_t comma : commas) fix.Add(engine::Edit::Replace(Span{comma, comma + 1}, ""));
  const engine::FixGroup group = ctx.BuildGroup(std::move(fix));
  for (uint32_t comma : commas) {
    ctx.Report(Span{comma, comma + 1},
               absl::StrFormat("trailing comma before '%c' is not JSON: JSON tools refuse the "
                               "file, and CloudFormation reads it only as YAML",
                               CloserAfter(tree.text(), comma)),
               group);
  }
}

}  // namespace

extern const engine::RuleInfo kJsonSyntax = {
    .code = "CF001",
    .name = "json-syntax",
    .summary = "Trailing commas make a JSON template invalid JSON",
    .fix_applicability = Applicability::kSafe,
    .check = &Check,
    .documentation = kDoc,
    .repairs_syntax = true,
};

}  // namespace cfnfix::transforms
