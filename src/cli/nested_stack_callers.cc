#include "src/cli/nested_stack_callers.h"

#include <filesystem>
#include <system_error>

#include "src/cfn/template.h"
#include "src/io/thread_pool.h"
#include "src/syntax/load/load.h"

namespace cfnfix::cli {
namespace {

// Most templates deploy no nested stack: only those naming the types are parsed here.
bool MayDeployNestedStacks(std::string_view text) {
  return text.find("AWS::CloudFormation::Stack") != std::string_view::npos ||
         text.find("AWS::Serverless::Application") != std::string_view::npos;
}

std::vector<engine::NestedStackCaller> ChildrenOf(const std::string& path,
                                                  const syntax::ParseOptions& options) {
  absl::StatusOr<std::shared_ptr<const SourceText>> source = syntax::ReadSource(path, options);
  if (!source.ok() || !MayDeployNestedStacks((*source)->text())) return {};
  absl::StatusOr<syntax::Tree> tree = syntax::ParseSource(*source, options);
  if (!tree.ok()) return {};
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree, options.max_alias_expansion);
  if (!tmpl.ok()) return {};
  std::vector<engine::NestedStackCaller> children;
  for (cfn::NestedStackUse& use : cfn::LocalNestedStacks(*tree, *tmpl)) {
    children.push_back({path, std::move(use)});
  }
  return children;
}

}  // namespace

std::string NormalizedPath(std::string_view path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(std::filesystem::path(path), ec);
  if (ec) absolute = std::filesystem::path(path);
  return absolute.lexically_normal().string();
}

NestedStackCallers FindNestedStackCallers(const std::vector<std::string>& paths,
                                          const syntax::ParseOptions& options, size_t threads) {
  std::vector<std::vector<engine::NestedStackCaller>> found(paths.size());
  ParallelFor(paths.size(), threads, [&](size_t i) {
    if (paths[i] != "-") found[i] = ChildrenOf(paths[i], options);
  });
  NestedStackCallers callers;
  for (std::vector<engine::NestedStackCaller>& children : found) {
    for (engine::NestedStackCaller& caller : children) {
      const std::filesystem::path directory = std::filesystem::path(caller.parent).parent_path();
      std::string child = NormalizedPath((directory / caller.use.location).string());
      callers[child].push_back(std::move(caller));
    }
  }
  return callers;
}

}  // namespace cfnfix::cli
