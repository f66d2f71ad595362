#include "src/schema/schema.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace cfnfix::schema {
namespace {

// The generated table: '#' header lines, then one block per type.
constexpr char kTable[] =
#include "src/schema/resource_schema.inc"
    ;
constexpr std::string_view kText(kTable, sizeof(kTable) - 1);

// Where each type's block lies in kText, built on the first lookup.
struct Index {
  absl::flat_hash_map<std::string_view, std::string_view> blocks;
  std::vector<std::string_view> names;
  std::string_view source;
};

Index* BuildIndex() {
  auto* built = new Index;
  size_t pos = 0;
  std::string_view current;
  size_t block_start = 0;
  auto close = [&](size_t end) {
    if (current.empty()) return;
    built->blocks[current] = kText.substr(block_start, end - block_start);
    built->names.push_back(current);
  };
  while (pos < kText.size()) {
    size_t end = kText.find('\n', pos);
    if (end == std::string_view::npos) end = kText.size();
    const std::string_view line = kText.substr(pos, end - pos);
    if (line.starts_with("# source: ")) built->source = line.substr(10);
    if (line.starts_with("R ")) {
      close(pos);
      current = line.substr(2, line.find('\t') - 2);
      block_start = pos;
    }
    pos = end + 1;
  }
  close(kText.size());
  std::sort(built->names.begin(), built->names.end());
  return built;
}

const Index& GetIndex() {
  static const Index* const index = BuildIndex();
  return *index;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The shape name an "o:X", "a:o:X" or "m:a:o:X" type points at, or empty.
std::string_view ShapeNameOf(std::string_view type) {
  while (type.starts_with("a:") || type.starts_with("m:")) type.remove_prefix(2);
  return type.starts_with("o:") ? type.substr(2) : std::string_view();
}

Kind KindOf(std::string_view type) {
  if (type.empty()) return Kind::kAny;
  switch (type[0]) {
    case 's':
      return Kind::kString;
    case 'i':
      return Kind::kInteger;
    case 'n':
      return Kind::kNumber;
    case 'b':
      return Kind::kBoolean;
    case 'o':
      return Kind::kObject;
    case 'a':
      return Kind::kArray;
    case 'm':
      return Kind::kMap;
    default:
      return Kind::kAny;
  }
}

Property ParseProperty(std::string_view line) {
  const std::vector<std::string_view> fields = Split(line, '\t');
  Property property;
  property.name = fields[0];
  if (fields.size() > 1) property.type = fields[1];
  const std::string_view flags = fields.size() > 2 ? fields[2] : "";
  property.required = flags.find('r') != std::string_view::npos;
  property.read_only = flags.find('x') != std::string_view::npos;
  if (fields.size() > 3 && !fields[3].empty()) property.allowed_values = Split(fields[3], '|');
  if (fields.size() > 4) property.pattern = fields[4];
  return property;
}

void ParseHeader(std::string_view line, ResourceType& type) {
  for (std::string_view field : Split(line, '\t')) {
    if (field.starts_with("R ")) type.name = field.substr(2);
    if (field.starts_with("ref=") && field != "ref=-") type.ref_property = field.substr(4);
    if (field == "open") type.properties.open = true;
    if (!field.starts_with("tags=") || field == "tags=-") continue;
    field.remove_prefix(5);
    const size_t colon = field.find(':');
    const std::string_view shape = field.substr(0, colon);
    type.tag_shape = shape == "list"  ? TagShape::kList
                     : shape == "map" ? TagShape::kMap
                                      : TagShape::kJson;
    type.tag_property = field.substr(colon + 1);
  }
}

std::unique_ptr<ResourceType> ParseType(std::string_view block) {
  auto type = std::make_unique<ResourceType>();
  Shape* shape = &type->properties;
  for (std::string_view line : Split(block, '\n')) {
    if (line.empty()) continue;
    if (line.starts_with("R ")) {
      ParseHeader(line, *type);
    } else if (line.starts_with("G ")) {
      type->attributes = Split(line.substr(2), ' ');
    } else if (line.starts_with("C ")) {
      type->create_only = Split(line.substr(2), ' ');
    } else if (line.starts_with("D ")) {
      shape = &type->definitions.emplace_back();
      const std::vector<std::string_view> fields = Split(line.substr(2), '\t');
      shape->name = fields[0];
      shape->open = fields.size() > 1 && fields[1] == "open";
    } else {
      shape->properties.push_back(ParseProperty(line));
    }
  }
  // Point each property at its shape now that every definition exists.
  std::map<std::string_view, const Shape*> by_name;
  for (const Shape& definition : type->definitions) by_name[definition.name] = &definition;
  auto link = [&](Shape& s) {
    std::sort(s.properties.begin(), s.properties.end(),
              [](const Property& a, const Property& b) { return a.name < b.name; });
    for (Property& property : s.properties) {
      const auto it = by_name.find(ShapeNameOf(property.type));
      if (it != by_name.end()) property.shape = it->second;
    }
  };
  link(type->properties);
  for (Shape& definition : type->definitions) link(definition);
  type->properties.name = type->name;
  return type;
}

struct Cache {
  std::mutex mutex;
  absl::flat_hash_map<std::string_view, std::unique_ptr<ResourceType>> types;
};

Cache& GetCache() {
  static Cache* const cache = new Cache;
  return *cache;
}

}  // namespace

Kind Property::kind() const { return KindOf(type); }

Kind Property::element_kind() const {
  std::string_view inner = type;
  while (inner.starts_with("a:") || inner.starts_with("m:")) inner.remove_prefix(2);
  return KindOf(inner);
}

const Property* Shape::Find(std::string_view wanted) const {
  const auto it = std::lower_bound(
      properties.begin(), properties.end(), wanted,
      [](const Property& property, std::string_view name) { return property.name < name; });
  return it != properties.end() && it->name == wanted ? &*it : nullptr;
}

std::vector<std::string_view> Shape::Names() const {
  std::vector<std::string_view> names;
  names.reserve(properties.size());
  for (const Property& property : properties) names.push_back(property.name);
  return names;
}

const Property* ResourceType::PropertyAt(absl::Span<const std::string_view> path) const {
  if (path.empty()) return nullptr;
  const Shape* shape = ShapeAt(path.subspan(0, path.size() - 1));
  return shape == nullptr ? nullptr : shape->Find(path.back());
}

const Shape* ResourceType::ShapeAt(absl::Span<const std::string_view> path) const {
  const Shape* shape = &properties;
  for (std::string_view name : path) {
    const Property* property = shape->Find(name);
    if (property == nullptr || property->shape == nullptr) return nullptr;
    // A map's values are keyed by arbitrary names: a path cannot name them.
    if (property->type.find("m:") != std::string_view::npos) return nullptr;
    shape = property->shape;
  }
  return shape;
}

bool ResourceType::HasAttribute(std::string_view wanted) const {
  for (std::string_view attribute : attributes) {
    if (attribute == wanted || attribute == "*") return true;
    // "Outputs.*": any name below the prefix.
    if (attribute.ends_with(".*") &&
        wanted.starts_with(attribute.substr(0, attribute.size() - 1))) {
      return true;
    }
  }
  return false;
}

bool ResourceType::IsCreateOnly(absl::Span<const std::string_view> path) const {
  for (std::string_view create_only_path : create_only) {
    // A path through list items is written with '*' in the table; a template path names
    // no index, so '*' segments are skipped. The path or any parent of it counts.
    std::vector<std::string_view> parts;
    for (std::string_view part : Split(create_only_path, '/')) {
      if (part != "*") parts.push_back(part);
    }
    if (parts.size() <= path.size() && std::equal(parts.begin(), parts.end(), path.begin())) {
      return true;
    }
  }
  return false;
}

const ResourceType* Find(std::string_view type) {
  const Index& index = GetIndex();
  const auto block = index.blocks.find(type);
  if (block == index.blocks.end()) return nullptr;
  Cache& cache = GetCache();
  std::lock_guard<std::mutex> lock(cache.mutex);
  std::unique_ptr<ResourceType>& slot = cache.types[block->first];
  if (slot == nullptr) slot = ParseType(block->second);
  return slot.get();
}

const std::vector<std::string_view>& TypeNames() { return GetIndex().names; }

std::string_view Source() { return GetIndex().source; }

const Property* ResourceType::AttributeProperty(std::string_view attribute) const {
  std::vector<std::string_view> path;
  for (size_t dot; (dot = attribute.find('.')) != std::string_view::npos;) {
    path.push_back(attribute.substr(0, dot));
    attribute.remove_prefix(dot + 1);
  }
  path.push_back(attribute);
  return PropertyAt(path);
}

Kind KindOfType(std::string_view type) { return KindOf(type); }

std::string DescribeType(std::string_view type) {
  if (type.starts_with("a:")) return "List of " + DescribeType(type.substr(2));
  if (type.starts_with("m:")) return "Map of " + DescribeType(type.substr(2));
  if (type.starts_with("o:")) return std::string(type.substr(2)) + " object";
  switch (KindOf(type)) {
    case Kind::kString:
      return "String";
    case Kind::kInteger:
      return "Integer";
    case Kind::kNumber:
      return "Number";
    case Kind::kBoolean:
      return "Boolean";
    default:
      return "any value";
  }
}

namespace internal {

size_t IndexAgain() {
  std::unique_ptr<Index> index(BuildIndex());
  return index->names.size();
}

std::unique_ptr<ResourceType> ParseAgain(std::string_view type) {
  const Index& index = GetIndex();
  const auto block = index.blocks.find(type);
  return block == index.blocks.end() ? nullptr : ParseType(block->second);
}

}  // namespace internal

}  // namespace cfnfix::schema
