#include "src/engine/rule.h"

#include "absl/strings/str_cat.h"
#include "src/base/strings.h"

namespace cfnfix::engine {

std::vector<const cfn::Resource*> RuleContext::ResourcesOfTypes(
    std::initializer_list<std::string_view> types) const {
  std::vector<const cfn::Resource*> out;
  for (const cfn::Resource& resource : tmpl().resources()) {
    for (std::string_view type : types) {
      if (resource.type == type) {
        out.push_back(&resource);
        break;
      }
    }
  }
  return out;
}

std::string_view RuleContext::option(std::string_view name) const {
  const OptionInfo* info = FindOption(rule_, name);
  return info == nullptr ? std::string_view() : options_.Get(rule_, *info);
}

FixGroup RuleContext::BuildGroup(FixBuilder fix) const {
  absl::StatusOr<Fix> built = std::move(fix).Build();
  if (!built.ok()) return built.status();
  return std::make_shared<const Fix>(*std::move(built));
}

void RuleContext::Report(Span range, std::string message) {
  out_.push_back(Diagnostic{&rule_, range, std::move(message), nullptr, ""});
}

void RuleContext::Report(Span range, std::string message, FixBuilder fix) {
  Report(range, std::move(message), BuildGroup(std::move(fix)));
}

void RuleContext::Report(Span range, std::string message, const FixGroup& fix) {
  Diagnostic d{&rule_, range, std::move(message), nullptr, ""};
  if (fix.ok()) {
    d.fix = *fix;
  } else {
    d.no_fix_reason = std::string(fix.status().message());
  }
  out_.push_back(std::move(d));
}

std::string RuleDocumentation(const RuleInfo& rule) {
  std::string doc(rule.documentation);
  constexpr std::string_view kHeading = "## Options\n";
  const size_t at = doc.find(kHeading);
  if (at == std::string::npos) return doc;
  std::string listing;
  for (const OptionInfo& option : rule.options) {
    absl::StrAppend(&listing, "- `", ToAbsl(option.name), "` (", DescribeType(option),
                    "; default `", ToAbsl(option.default_value), "`): ", ToAbsl(option.doc), "\n");
  }
  if (rule.options.empty()) {
    listing = "None.\n";
  } else {
    const OptionInfo& first = rule.options.front();
    absl::StrAppend(&listing, "\nSet them in `.cfnfix.yaml`:\n```yaml\nrules:\n  ",
                    ToAbsl(rule.name), ":\n    ", ToAbsl(first.name), ": ",
                    ToAbsl(first.default_value), "\n```\n");
  }
  listing += "\n";
  // Prose after the heading (if any) follows the generated list.
  size_t body = at + kHeading.size();
  while (body < doc.size() && doc[body] == '\n') ++body;
  doc.replace(at + kHeading.size(), body - (at + kHeading.size()), listing);
  return doc;
}

}  // namespace cfnfix::engine
