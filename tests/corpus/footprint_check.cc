#include "tests/corpus/footprint_check.h"

#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "simdjson.h"

namespace cfnfix::corpus {
namespace {

using engine::Footprint;
using engine::FootprintAction;
using engine::FootprintEntry;
namespace dom = simdjson::dom;

bool Declared(const Footprint& footprint, FootprintAction action, std::string_view section,
              std::string_view name) {
  for (const FootprintEntry& e : footprint.entries()) {
    if (e.action == action && e.section == section && e.name == name) return true;
  }
  return false;
}

bool RenamedTo(const Footprint& footprint, std::string_view section, std::string_view name) {
  for (const FootprintEntry& e : footprint.entries()) {
    if (e.action == FootprintAction::kRename && e.section == section && e.new_name == name) {
      return true;
    }
  }
  return false;
}

std::string Dump(dom::element e) { return simdjson::to_string(e); }

// `text` with every whole-word occurrence of a new target put back to the
// old one (ids are words: `${NewBucket.Arn}` and "NewBucket" both count).
std::string PutBack(std::string text, const std::vector<std::pair<std::string, std::string>>& back) {
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  };
  for (const auto& [new_id, old_id] : back) {
    for (size_t at = text.find(new_id); at != std::string::npos; at = text.find(new_id, at)) {
      const size_t end = at + new_id.size();
      if ((at > 0 && is_word(text[at - 1])) || (end < text.size() && is_word(text[end]))) {
        at = end;
        continue;
      }
      text.replace(at, new_id.size(), old_id);
      at += old_id.size();
    }
  }
  return text;
}

// True when `after` is `before` with references repointed: strings equal
// once new targets are put back, and a literal replaced by {"Ref": new}.
bool OnlyRepointed(dom::element before, dom::element after,
                   const std::vector<std::pair<std::string, std::string>>& back) {
  std::string_view a, b;
  if (!before.get_string().get(a) && !after.get_string().get(b)) {
    return a == b || PutBack(std::string(b), back) == a;
  }
  dom::object oa, ob;
  if (!after.get_object().get(ob) && ob.size() == 1 && !before.is_object()) {
    std::string_view target;
    if (ob["Ref"].get_string().get(target)) return false;
    for (const auto& entry : back) {
      if (entry.first == target) return true;
    }
    return false;
  }
  if (!before.get_object().get(oa) && !after.get_object().get(ob)) {
    if (oa.size() != ob.size()) return false;
    for (auto field : ob) {
      dom::element old_value;
      if (oa[field.key].get(old_value)) return false;
      if (!OnlyRepointed(old_value, field.value, back)) return false;
    }
    return true;
  }
  dom::array xa, xb;
  if (!before.get_array().get(xa) && !after.get_array().get(xb)) {
    if (xa.size() != xb.size()) return false;
    for (size_t i = 0; i < xa.size(); ++i) {
      if (!OnlyRepointed(xa.at(i).value(), xb.at(i).value(), back)) return false;
    }
    return true;
  }
  return Dump(before) == Dump(after);
}

// Why entry `name` of `section` changing from `a` to `b` is not declared,
// or "" when it is.
std::string CheckChangedEntry(const Footprint& footprint, std::string_view section,
                              std::string_view name, dom::element a, dom::element b) {
  if (Declared(footprint, FootprintAction::kChange, section, name)) return "";
  std::vector<std::pair<std::string, std::string>> back;
  for (const FootprintEntry& e : footprint.entries()) {
    if (e.action == FootprintAction::kRepoint && e.section == section && e.name == name) {
      back.push_back({e.new_target, e.old_target});
    }
  }
  if (!back.empty() && OnlyRepointed(a, b, back)) return "";
  return std::string(section) + " entry " + std::string(name) + " changed undeclared";
}

std::string CheckSection(const Footprint& footprint, const std::string& section, bool has_a,
                         dom::element a, bool has_b, dom::element b) {
  dom::object oa, ob;
  const bool map_a = has_a && !a.get_object().get(oa);
  const bool map_b = has_b && !b.get_object().get(ob);
  if ((has_a && !map_a) || (has_b && !map_b)) {
    // A scalar or list section (Description, Transform...) changes as a whole.
    if (has_a && has_b && Dump(a) == Dump(b)) return "";
    if (Declared(footprint, FootprintAction::kChange, section, "")) return "";
    return "section " + section + " changed undeclared";
  }
  std::set<std::string> names;
  if (map_a) for (auto field : oa) names.insert(std::string(field.key));
  if (map_b) for (auto field : ob) names.insert(std::string(field.key));
  for (const std::string& name : names) {
    dom::element x, y;
    const bool in_a = map_a && !oa[name].get(x);
    const bool in_b = map_b && !ob[name].get(y);
    if (in_a && in_b) {
      if (Dump(x) == Dump(y)) continue;
      std::string why = CheckChangedEntry(footprint, section, name, x, y);
      if (!why.empty()) return why;
    } else if (in_a) {
      if (Declared(footprint, FootprintAction::kRemove, section, name)) continue;
      bool renamed = false;
      for (const FootprintEntry& e : footprint.entries()) {
        renamed = renamed || (e.action == FootprintAction::kRename && e.section == section &&
                              e.name == name);
      }
      if (!renamed) return section + " entry " + name + " removed undeclared";
    } else if (!Declared(footprint, FootprintAction::kAdd, section, name) &&
               !RenamedTo(footprint, section, name)) {
      return section + " entry " + name + " added undeclared";
    }
  }
  return "";
}

}  // namespace

std::string UndeclaredDifference(const std::string& before, const std::string& after,
                                 const Footprint& footprint) {
  dom::parser p1, p2;
  dom::element a, b;
  if (p1.parse(before).get(a) || p2.parse(after).get(b)) return "canonical JSON does not parse";
  dom::object oa, ob;
  if (a.get_object().get(oa) || b.get_object().get(ob)) {
    return Dump(a) == Dump(b) ? "" : "root differs";
  }
  std::set<std::string> sections;
  for (auto field : oa) sections.insert(std::string(field.key));
  for (auto field : ob) sections.insert(std::string(field.key));
  for (const std::string& section : sections) {
    dom::element va, vb;
    const bool has_a = !oa[section].get(va), has_b = !ob[section].get(vb);
    std::string why = CheckSection(footprint, section, has_a, va, has_b, vb);
    if (!why.empty()) return why;
  }
  return "";
}

}  // namespace cfnfix::corpus
