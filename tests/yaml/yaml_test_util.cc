#include "tests/yaml/yaml_test_util.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace cfnfix::syntax::testing {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t b = 0;
  while (true) {
    size_t e = line.find('\t', b);
    out.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

std::string Escape(std::string_view v) {
  std::string out;
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\0': out += "\\0"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\v': out += "\\v"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      case '\x1b': out += "\\e"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

class EventWriter {
 public:
  EventWriter(const Tree& tree, std::vector<std::string_view> directives)
      : tree_(tree), directives_(std::move(directives)) {}

  void Node(NodeId id, std::string* out) {
    const syntax::Node& n = tree_.node(id);
    std::string props;
    if (!n.anchor.empty()) props += " &" + std::string(n.anchor.In(tree_.text()).substr(1));
    if (!n.tag.empty()) props += " <" + ResolveTag(n.tag.In(tree_.text()), directives_) + ">";
    switch (n.kind) {
      case NodeKind::kAlias:
        *out += "=ALI *" + std::string(n.value) + "\n";
        return;
      case NodeKind::kScalar: {
        const char* style = ":";
        switch (n.scalar_style) {
          case ScalarStyle::kPlain: style = ":"; break;
          case ScalarStyle::kSingleQuoted: style = "'"; break;
          case ScalarStyle::kDoubleQuoted: style = "\""; break;
          case ScalarStyle::kLiteral: style = "|"; break;
          case ScalarStyle::kFolded: style = ">"; break;
        }
        *out += "=VAL" + props + " " + style + Escape(n.value) + "\n";
        return;
      }
      case NodeKind::kMapping:
      case NodeKind::kSequence: {
        const bool map = n.kind == NodeKind::kMapping;
        const bool flow = n.collection_style == CollectionStyle::kFlow;
        *out += std::string(map ? "+MAP" : "+SEQ") + (flow ? (map ? " {}" : " []") : "") +
                props + "\n";
        for (NodeId child : tree_.children(id)) Node(child, out);
        *out += map ? "-MAP\n" : "-SEQ\n";
        return;
      }
    }
  }

 private:
  const Tree& tree_;
  std::vector<std::string_view> directives_;
};

}  // namespace

std::string ReadFileOrDie(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  if (ok) *ok = static_cast<bool>(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::map<std::string, std::string>> ReadManifest(const std::string& path) {
  std::vector<std::map<std::string, std::string>> rows;
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells = SplitTabs(line);
    if (header.empty()) {
      header = cells;
      continue;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string ResolveTag(std::string_view tag, const std::vector<std::string_view>& directives) {
  if (tag.substr(0, 2) == "!<") return std::string(tag.substr(2, tag.size() - 3));
  if (tag == "!") return "!";
  std::string_view handle, suffix;
  size_t second = tag.find('!', 1);
  if (second != std::string_view::npos) {
    handle = tag.substr(0, second + 1);
    suffix = tag.substr(second + 1);
  } else {
    handle = tag.substr(0, 1);
    suffix = tag.substr(1);
  }
  std::string prefix;
  if (handle == "!") prefix = "!";
  if (handle == "!!") prefix = "tag:yaml.org,2002:";
  for (std::string_view d : directives) {
    // "%TAG <handle> <prefix>"
    if (d.substr(0, 4) != "%TAG") continue;
    size_t b = d.find_first_not_of(" \t", 4);
    size_t e = d.find_first_of(" \t", b);
    if (d.substr(b, e - b) != handle) continue;
    size_t pb = d.find_first_not_of(" \t", e);
    size_t pe = d.find_first_of(" \t", pb);
    prefix = std::string(d.substr(pb, pe == std::string_view::npos ? std::string_view::npos : pe - pb));
  }
  return prefix + PercentDecode(suffix);
}

std::string TreeToEvents(const Tree& tree) {
  std::string out = "+STR\n";
  for (const Document& doc : tree.documents()) {
    std::vector<std::string_view> directives;
    for (const Token& t : tree.tokens()) {
      if (t.kind == TokenKind::kDirective && t.span.begin >= doc.span.begin &&
          t.span.end <= doc.span.end) {
        directives.push_back(t.span.In(tree.text()));
      }
    }
    out += doc.explicit_start ? "+DOC ---\n" : "+DOC\n";
    if (doc.root != kNoNode) EventWriter(tree, directives).Node(doc.root, &out);
    out += doc.explicit_end ? "-DOC ...\n" : "-DOC\n";
  }
  out += "-STR\n";
  return out;
}

}  // namespace cfnfix::syntax::testing
