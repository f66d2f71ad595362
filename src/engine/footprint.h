// What a fix declares it does to a template's top-level entries: which
// resources, parameters, mappings, conditions and outputs it adds, changes,
// removes or renames, and which references it repoints. The corpus tests
// check every fixed template against the union of the applied fixes'
// footprints, so a fix that touches anything it did not declare is caught
// in one generic way, whatever the rule.
#ifndef CFNFIX_ENGINE_FOOTPRINT_H_
#define CFNFIX_ENGINE_FOOTPRINT_H_

#include <string>
#include <string_view>
#include <vector>

namespace cfnfix::engine {

enum class FootprintAction : uint8_t {
  kAdd,      // `name` appears in `section`
  kChange,   // `name` in `section` changes; for a scalar section (Description) name is ""
  kRemove,   // `name` disappears from `section`
  kRename,   // `name` becomes `new_name` (its content may change too)
  kRepoint,  // within `name`, references to `old_target` now name `new_target` and nothing else changes
};

struct FootprintEntry {
  FootprintAction action = FootprintAction::kChange;
  std::string section;  // a top-level key: "Resources", "Parameters", "Description"...
  std::string name;     // the entry's logical id, "" for the whole section
  std::string new_name;    // kRename
  std::string old_target;  // kRepoint
  std::string new_target;  // kRepoint

  bool operator==(const FootprintEntry&) const = default;
};

class Footprint {
 public:
  void Add(std::string_view section, std::string_view name);
  void Change(std::string_view section, std::string_view name);
  void Remove(std::string_view section, std::string_view name);
  void Rename(std::string_view section, std::string_view name, std::string_view new_name);
  void Repoint(std::string_view section, std::string_view name, std::string_view old_target,
               std::string_view new_target);
  // Adds every entry of `other` not already present.
  void Merge(const Footprint& other);

  const std::vector<FootprintEntry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  void Push(FootprintEntry entry);
  std::vector<FootprintEntry> entries_;
};

}  // namespace cfnfix::engine

#endif  // CFNFIX_ENGINE_FOOTPRINT_H_
