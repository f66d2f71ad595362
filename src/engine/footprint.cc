#include "src/engine/footprint.h"

#include <algorithm>

namespace cfnfix::engine {

void Footprint::Push(FootprintEntry entry) {
  if (std::find(entries_.begin(), entries_.end(), entry) == entries_.end()) {
    entries_.push_back(std::move(entry));
  }
}

void Footprint::Add(std::string_view section, std::string_view name) {
  Push({FootprintAction::kAdd, std::string(section), std::string(name), "", "", ""});
}

void Footprint::Change(std::string_view section, std::string_view name) {
  Push({FootprintAction::kChange, std::string(section), std::string(name), "", "", ""});
}

void Footprint::Remove(std::string_view section, std::string_view name) {
  Push({FootprintAction::kRemove, std::string(section), std::string(name), "", "", ""});
}

void Footprint::Rename(std::string_view section, std::string_view name, std::string_view new_name) {
  Push({FootprintAction::kRename, std::string(section), std::string(name), std::string(new_name),
        "", ""});
}

void Footprint::Repoint(std::string_view section, std::string_view name,
                        std::string_view old_target, std::string_view new_target) {
  Push({FootprintAction::kRepoint, std::string(section), std::string(name), "",
        std::string(old_target), std::string(new_target)});
}

void Footprint::Merge(const Footprint& other) {
  for (const FootprintEntry& entry : other.entries_) Push(entry);
}

}  // namespace cfnfix::engine
