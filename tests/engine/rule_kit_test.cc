// The rule kit's engine side: fixes refused when their own edits overlap,
// the fix builder's failure reasons, footprints and Boolean edits, the
// "property should be true" helper, fix groups, declared options and the
// documentation that lists them.
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/cfn/template.h"
#include "src/engine/apply_edits.h"
#include "src/engine/fix_builder.h"
#include "src/engine/fixer.h"
#include "src/engine/rule.h"
#include "src/engine/true_property.h"
#include "src/engine/unused_entries.h"
#include "tests/engine/editing_test_util.h"

namespace cfnfix::engine {
namespace {

using testing::Parse;

TEST(CheckEditsDisjoint, AcceptsSeparateEditsAndInsertionsAtABoundary) {
  EXPECT_TRUE(CheckEditsDisjoint({Edit::Replace({0, 3}, "x"), Edit::Replace({5, 6}, "y")}).ok());
  // Insertions at the first or last byte of a replacement, and two
  // insertions at one offset, can be ordered.
  EXPECT_TRUE(CheckEditsDisjoint({Edit::Replace({2, 5}, ""), Edit::Insert(2, "a")}).ok());
  EXPECT_TRUE(CheckEditsDisjoint({Edit::Replace({2, 5}, ""), Edit::Insert(5, "a")}).ok());
  EXPECT_TRUE(CheckEditsDisjoint({Edit::Insert(4, "a"), Edit::Insert(4, "b")}).ok());
}

TEST(CheckEditsDisjoint, RefusesOverlapsAndInsertionsInside) {
  EXPECT_FALSE(CheckEditsDisjoint({Edit::Replace({0, 4}, "x"), Edit::Replace({3, 6}, "y")}).ok());
  EXPECT_FALSE(CheckEditsDisjoint({Edit::Replace({0, 4}, "x"), Edit::Replace({0, 2}, "y")}).ok());
  EXPECT_FALSE(CheckEditsDisjoint({Edit::Replace({2, 8}, ""), Edit::Insert(5, "a")}).ok());
  // The insertion at 2 sorts before the replacement from 2 to 8; the edit
  // at 5 must still be compared with the replacement.
  EXPECT_FALSE(CheckEditsDisjoint(
                   {Edit::Insert(2, "a"), Edit::Replace({2, 8}, ""), Edit::Replace({5, 6}, "b")})
                   .ok());
}

TEST(ApplyFixes, RefusesAFixWhoseEditsOverlapAndKeepsTheOthers) {
  Fix broken{{Edit::Replace({0, 4}, "x"), Edit::Replace({2, 6}, "y")}, Applicability::kSafe, {}};
  Fix fine{{Edit::Replace({8, 9}, "Z")}, Applicability::kSafe, {}};
  ApplyResult result = ApplyFixes("0123456789", {&broken, &fine});
  EXPECT_EQ(result.malformed, std::vector<size_t>{0});
  EXPECT_EQ(result.applied, std::vector<size_t>{1});
  EXPECT_EQ(result.text, "01234567Z9");
}

TEST(ApplyFixes, AnInsertionWhereADeletionStartsGoesFirstWhateverTheOrder) {
  Fix fix{{Edit::Replace({2, 5}, ""), Edit::Insert(2, "ab")}, Applicability::kSafe, {}};
  EXPECT_EQ(ApplyFixes("0123456", {&fix}).text, "01ab56");
}

constexpr std::string_view kTemplate = R"(Description: demo
Parameters:
  Env:
    Type: String
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: env
          Value: !Ref Env
Outputs:
  Name:
    Value: !Ref Data
)";

TEST(OwnerOf, NamesTheTopLevelEntryHoldingANode) {
  std::unique_ptr<syntax::Tree> tree = Parse(kTemplate, "t.yaml");
  ASSERT_NE(tree, nullptr);
  const syntax::NodeId root = tree->root();
  const syntax::NodeId data = tree->Find(tree->Find(root, "Resources"), "Data");
  const syntax::NodeId tags = tree->Find(tree->Find(data, "Properties"), "Tags");
  EntryOwner owner = OwnerOf(*tree, tree->children(tags)[0]);
  EXPECT_EQ(owner.section, "Resources");
  EXPECT_EQ(owner.name, "Data");
  owner = OwnerOf(*tree, tree->Find(root, "Description"));
  EXPECT_EQ(owner.section, "Description");
  EXPECT_EQ(owner.name, "");
  owner = OwnerOf(*tree, tree->Find(tree->Find(root, "Outputs"), "Name"));
  EXPECT_EQ(owner.section, "Outputs");
  EXPECT_EQ(owner.name, "Name");
}

TEST(FixBuilder, DeclaresFootprintsAndKeepsTheFirstFailure) {
  std::unique_ptr<syntax::Tree> tree = Parse(kTemplate, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  FixBuilder fix(*tree, *tmpl, Applicability::kUnsafe);
  fix.AddResourceAfter("Data", "DataLogs", Value::Map({{"Type", Value::Str("AWS::S3::Bucket")}}))
      .ReplaceScalar(tmpl->parameters()[0].type_node, "Number");
  absl::StatusOr<Fix> built = std::move(fix).Build();
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->applicability, Applicability::kUnsafe);
  ASSERT_EQ(built->footprint.entries().size(), 2u);
  EXPECT_EQ(built->footprint.entries()[0].action, FootprintAction::kAdd);
  EXPECT_EQ(built->footprint.entries()[0].name, "DataLogs");
  EXPECT_EQ(built->footprint.entries()[1].action, FootprintAction::kChange);
  EXPECT_EQ(built->footprint.entries()[1].section, "Parameters");
  EXPECT_EQ(built->footprint.entries()[1].name, "Env");

  FixBuilder pair(*tree, *tmpl, Applicability::kUnsafe);
  pair.AddResourcesAfter("Data",
                         {{"DataLogs", Value::Map({{"Type", Value::Str("AWS::S3::Bucket")}})},
                          {"DataLogsPolicy", Value::Map({{"Type", Value::Str("T")}})}});
  absl::StatusOr<Fix> pair_built = std::move(pair).Build();
  ASSERT_TRUE(pair_built.ok()) << pair_built.status();
  ASSERT_EQ(pair_built->footprint.entries().size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(pair_built->footprint.entries()[i].action, FootprintAction::kAdd);
    EXPECT_EQ(pair_built->footprint.entries()[i].section, "Resources");
  }
  EXPECT_EQ(pair_built->footprint.entries()[0].name, "DataLogs");
  EXPECT_EQ(pair_built->footprint.entries()[1].name, "DataLogsPolicy");

  FixBuilder failing(*tree, *tmpl, Applicability::kSafe);
  failing.Fail(absl::FailedPreconditionError("first"))
      .AddResourceAfter("NoSuchResource", "X", Value::Str("y"));
  absl::StatusOr<Fix> refused = std::move(failing).Build();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "first");

  FixBuilder empty(*tree, *tmpl, Applicability::kSafe);
  EXPECT_FALSE(std::move(empty).Build().ok());
}

// Entries written beside an intrinsic (`Properties: {Fn::If: ...}`) and new
// names CloudFormation would reject are refused, so the rule reports without
// a fix instead of breaking the template.
TEST(FixBuilder, RefusesComputedMappingsAndInvalidNames) {
  constexpr std::string_view kComputed =
      "Conditions:\n  C: !Equals [a, a]\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n"
      "    Properties:\n      Fn::If: [C, {BucketName: x}, !Ref AWS::NoValue]\n";
  std::unique_ptr<syntax::Tree> tree = Parse(kComputed, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  const cfn::Resource& data = tmpl->resources()[0];

  FixBuilder beside(*tree, *tmpl, Applicability::kSafe);
  beside.SetProperty(data, {"VersioningConfiguration", "Status"}, Value::Str("Enabled"));
  absl::StatusOr<Fix> refused = std::move(beside).Build();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("intrinsic"), std::string_view::npos);

  FixBuilder named(*tree, *tmpl, Applicability::kSafe);
  named.AddResourceAfter("Data", "Data Logs", Value::Map({{"Type", Value::Str("T")}}));
  absl::StatusOr<Fix> bad_name = std::move(named).Build();
  ASSERT_FALSE(bad_name.ok());
  EXPECT_NE(bad_name.status().message().find("logical id"), std::string_view::npos);

  FixBuilder policy(*tree, *tmpl, Applicability::kSafe);
  policy.AddResourceAfter("Data", "DataPolicy", Value::Map({{"Type", Value::Str("T")}}));
  EXPECT_TRUE(std::move(policy).Build().ok());
}

TEST(FixBuilder, AddsSeveralEntriesToAMissingSectionAtOnce) {
  constexpr std::string_view kNoParameters =
      "Description: demo\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n";
  std::unique_ptr<syntax::Tree> tree = Parse(kNoParameters, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  FixBuilder fix(*tree, *tmpl, Applicability::kSafe);
  fix.AddToSection("Parameters", {{"Env", Value::Map({{"Type", Value::Str("String")}})},
                                  {"Size", Value::Map({{"Type", Value::Str("Number")}})}});
  absl::StatusOr<Fix> built = std::move(fix).Build();
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(testing::Apply(kNoParameters, built->edits),
            "Description: demo\nParameters:\n  Env:\n    Type: String\n  Size:\n"
            "    Type: Number\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n");
  ASSERT_EQ(built->footprint.entries().size(), 2u);
  for (const FootprintEntry& entry : built->footprint.entries()) {
    EXPECT_EQ(entry.action, FootprintAction::kAdd);
    EXPECT_EQ(entry.section, "Parameters");
  }
  EXPECT_EQ(built->footprint.entries()[0].name, "Env");
  EXPECT_EQ(built->footprint.entries()[1].name, "Size");

  // A name the section already has refuses the whole fix.
  std::unique_ptr<syntax::Tree> full = Parse(kTemplate, "t.yaml");
  ASSERT_NE(full, nullptr);
  absl::StatusOr<cfn::Template> with_env = cfn::Template::FromTree(*full);
  ASSERT_TRUE(with_env.ok());
  FixBuilder taken(*full, *with_env, Applicability::kSafe);
  taken.AddToSection("Parameters", {{"Region", Value::Str("x")}, {"Env", Value::Str("y")}});
  EXPECT_EQ(std::move(taken).Build().status().code(), absl::StatusCode::kAlreadyExists);
}

// The text of `text` after ReplaceBool(node, true) on every node `pick`
// returns, as one fix; "refused: <reason>" when the builder refuses.
std::string TurnTrue(std::string_view text, std::string name,
                     std::vector<syntax::NodeId> (*pick)(const syntax::Tree&)) {
  std::unique_ptr<syntax::Tree> tree = Parse(text, std::move(name));
  if (tree == nullptr) return "unparsed";
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  if (!tmpl.ok()) return tmpl.status().ToString();
  FixBuilder fix(*tree, *tmpl, Applicability::kUnsafe);
  for (syntax::NodeId node : pick(*tree)) fix.ReplaceBool(node, true);
  absl::StatusOr<Fix> built = std::move(fix).Build();
  if (!built.ok()) return absl::StrCat("refused: ", built.status().message());
  EXPECT_EQ(built->footprint.entries().size(), 1u);
  return testing::Apply(text, built->edits);
}

// The values of the entries of R's property P, and for a sequence (an
// `!If`) its branches.
std::vector<syntax::NodeId> PropertyScalars(const syntax::Tree& tree) {
  const syntax::NodeId props = tree.Find(
      tree.Find(tree.Find(tree.Find(tree.root(), "Resources"), "R"), "Properties"), "P");
  std::vector<syntax::NodeId> out;
  for (size_t i = 0; i < tree.pair_count(props); ++i) {
    const syntax::NodeId value = tree.value(props, i);
    if (tree.node(value).kind != syntax::NodeKind::kSequence) {
      out.push_back(value);
      continue;
    }
    // Item 0 is the condition's name.
    const auto items = tree.children(value);
    out.insert(out.end(), items.begin() + 1, items.end());
  }
  return out;
}

// A template whose resource R has property P holding `entries`.
std::string WithP(const std::string& entries) {
  return "Resources:\n  R:\n    Type: T\n    Properties:\n      P:\n" + entries;
}

TEST(FixBuilder, ReplaceBoolKeepsPlainLiteralsPlainAndQuotedStringsQuoted) {
  EXPECT_EQ(TurnTrue(WithP("        A: False\n        B: 'false'\n"
                           "        C: !If [X, FALSE, \"false\"]\n"),
                     "t.yaml", &PropertyScalars),
            WithP("        A: true\n        B: 'true'\n        C: !If [X, true, \"true\"]\n"));
  EXPECT_EQ(
      TurnTrue(R"({"Resources":{"R":{"Type":"T","Properties":{"P":{"A":false,"B":"false"}}}}})",
               "t.json", &PropertyScalars),
      R"({"Resources":{"R":{"Type":"T","Properties":{"P":{"A":true,"B":"true"}}}}})");
}

TEST(FixBuilder, ReplaceBoolRefusesAnchoredAndEmptyValues) {
  constexpr std::string_view kRefused =
      "refused: the value is not a written scalar, or aliases elsewhere read it";
  EXPECT_EQ(TurnTrue(WithP("        A: &off false\n"), "t.yaml", &PropertyScalars), kRefused);
  EXPECT_EQ(TurnTrue(WithP("        A:\n"), "t.yaml", &PropertyScalars), kRefused);
}

// The values of R's property P rewritten to `!Ref X` by ReplaceValueOrItem:
// entry values and list items alike; "refused: <reason>" when refused.
std::string RefEverywhere(std::string_view text, std::string name) {
  std::unique_ptr<syntax::Tree> tree = Parse(text, std::move(name));
  if (tree == nullptr) return "unparsed";
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  if (!tmpl.ok()) return tmpl.status().ToString();
  FixBuilder fix(*tree, *tmpl, Applicability::kUnsafe);
  for (syntax::NodeId node : PropertyScalars(*tree)) fix.ReplaceValueOrItem(node, Value::Ref("X"));
  absl::StatusOr<Fix> built = std::move(fix).Build();
  if (!built.ok()) return absl::StrCat("refused: ", built.status().message());
  EXPECT_EQ(built->footprint.entries().size(), 1u);
  return testing::Apply(text, built->edits);
}

TEST(FixBuilder, ReplaceValueOrItemRewritesEntryValuesAndItemsInline) {
  EXPECT_EQ(RefEverywhere(WithP("        A: a\n        B: !If [C, b, c]\n"), "t.yaml"),
            WithP("        A: !Ref X\n        B: !If [C, !Ref X, !Ref X]\n"));
  EXPECT_EQ(RefEverywhere(WithP("        B:\n          - C\n          - b\n"), "t.yaml"),
            WithP("        B:\n          - C\n          - !Ref X\n"));
  EXPECT_EQ(RefEverywhere(R"({"Resources":{"R":{"Type":"T","Properties":{"P":{"B":["C","b"]}}}}})",
                          "t.json"),
            R"({"Resources":{"R":{"Type":"T","Properties":{"P":{"B":["C",{"Ref":"X"}]}}}}})");
  EXPECT_EQ(RefEverywhere(WithP("        B: [C, &b b]\n"), "t.yaml"),
            "refused: the node is an alias or carries an anchor");
}

TEST(FixBuilder, RemoveItemsDeclaresTheChangeAndLeavesEmptyListsToTheCaller) {
  constexpr std::string_view kRole = R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - arn:a
        # the second
        - arn:b
      Other: [arn:c]
)";
  std::unique_ptr<syntax::Tree> tree = Parse(kRole, "t.yaml");
  ASSERT_NE(tree, nullptr);
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  ASSERT_TRUE(tmpl.ok());
  const syntax::NodeId props = tmpl->resources()[0].properties;
  const syntax::NodeId arns = tree->Find(props, "ManagedPolicyArns");
  FixBuilder fix(*tree, *tmpl, Applicability::kUnsafe);
  fix.RemoveItems(arns, {tree->children(arns)[0]});
  absl::StatusOr<Fix> built = std::move(fix).Build();
  ASSERT_TRUE(built.ok()) << built.status();
  ASSERT_EQ(built->footprint.entries().size(), 1u);
  EXPECT_EQ(built->footprint.entries()[0].action, FootprintAction::kChange);
  EXPECT_EQ(built->footprint.entries()[0].name, "Role");
  EXPECT_EQ(ApplyFixes(kRole, {&*built}).text,
            "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
            "      ManagedPolicyArns:\n        # the second\n        - arn:b\n"
            "      Other: [arn:c]\n");

  const syntax::NodeId other = tree->Find(props, "Other");
  FixBuilder emptying(*tree, *tmpl, Applicability::kUnsafe);
  emptying.RemoveItems(other, tree->children(other));
  absl::StatusOr<Fix> refused = std::move(emptying).Build();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "no item would be left");
}

void CheckEncrypted(RuleContext& ctx) {
  static constexpr TrueProperty kEncrypted = {
      .property = "Encrypted", .when_missing = "is plain", .when_false = "is made plain"};
  for (const cfn::Resource* disk : ctx.ResourcesOfType("Custom::Disk")) {
    ReportUnlessTrue(ctx, *disk, kEncrypted);
  }
}
constexpr RuleInfo kEncryptedRule = {.code = "CF998",
                                     .name = "encrypted-rule",
                                     .summary = "test",
                                     .fix_applicability = Applicability::kSafe,
                                     .check = &CheckEncrypted,
                                     .documentation = ""};

TEST(ReportUnlessTrue, AddsMissingPropertiesSafelyAndTurnsLiteralFalseUnsafely) {
  constexpr std::string_view kDisks = R"(Resources:
  Bare:
    Type: Custom::Disk
  Sized:
    Type: Custom::Disk
    Properties:
      Size: 5
  Off:
    Type: Custom::Disk
    Properties:
      Encrypted: 'False'
  Either:
    Type: Custom::Disk
    Properties:
      Encrypted: !If [C, true, false]
  Asked:
    Type: Custom::Disk
    Properties:
      Encrypted: !Ref Param
  Sometimes:
    Type: Custom::Disk
    Properties:
      Encrypted: !If [C, true, !Ref AWS::NoValue]
  Opaque:
    Type: Custom::Disk
    Properties: !If [C, {Size: 1}, {Size: 2}]
)";
  FixerOptions options;
  options.rules = {&kEncryptedRule};
  options.apply_at_least = Applicability::kUnsafe;
  FileOutcome outcome = FixSource(SourceText::Create(std::string(kDisks), "t.yaml"), options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  std::vector<std::string> findings;
  for (const Finding& f : outcome.findings) {
    const bool safe = f.fix_applicability == Applicability::kSafe;
    findings.push_back(absl::StrCat(f.at.line, " ", f.message, safe ? " safe" : " unsafe"));
  }
  EXPECT_EQ(findings, (std::vector<std::string>{"2 Custom::Disk 'Bare' is plain safe",
                                                "4 Custom::Disk 'Sized' is plain safe",
                                                "11 Custom::Disk 'Off' is made plain unsafe",
                                                "15 Custom::Disk 'Either' is made plain unsafe"}));
  EXPECT_NE(outcome.fixed.find(
                "  Bare:\n    Type: Custom::Disk\n    Properties:\n      Encrypted: true\n"),
            std::string::npos)
      << outcome.fixed;
  EXPECT_NE(outcome.fixed.find("      Size: 5\n      Encrypted: true\n"), std::string::npos);
  EXPECT_NE(outcome.fixed.find("      Encrypted: 'true'\n"), std::string::npos);
  EXPECT_NE(outcome.fixed.find("      Encrypted: !If [C, true, true]\n"), std::string::npos);
  EXPECT_TRUE(outcome.remaining.empty());
}

void CheckNestedBackup(RuleContext& ctx) {
  static constexpr TrueProperty kBackup = {.property = "Enabled",
                                           .when_missing = "has no backup",
                                           .when_false = "turns backup off",
                                           .parent = "Backup",
                                           .missing_fix = Applicability::kUnsafe};
  for (const cfn::Resource* disk : ctx.ResourcesOfType("Custom::Disk")) {
    ReportUnlessTrue(ctx, *disk, kBackup);
  }
}
constexpr RuleInfo kNestedBackupRule = {.code = "CF997",
                                        .name = "nested-backup-rule",
                                        .summary = "test",
                                        .fix_applicability = Applicability::kUnsafe,
                                        .check = &CheckNestedBackup,
                                        .documentation = ""};

TEST(ReportUnlessTrue, ReadsAndCreatesAParentMappingWithTheRequestedApplicability) {
  constexpr std::string_view kDisks = R"(Resources:
  Bare:
    Type: Custom::Disk
  Empty:
    Type: Custom::Disk
    Properties:
      Backup: {Window: night}
  Off:
    Type: Custom::Disk
    Properties:
      Backup:
        Enabled: false
  Opaque:
    Type: Custom::Disk
    Properties:
      Backup: !If [C, {Enabled: true}, !Ref AWS::NoValue]
)";
  FixerOptions options;
  options.rules = {&kNestedBackupRule};
  options.apply_at_least = Applicability::kUnsafe;
  FileOutcome outcome = FixSource(SourceText::Create(std::string(kDisks), "t.yaml"), options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  std::vector<std::string> findings;
  for (const Finding& f : outcome.findings) {
    const bool safe = f.fix_applicability == Applicability::kSafe;
    findings.push_back(absl::StrCat(f.at.line, " ", f.message, safe ? " safe" : " unsafe"));
  }
  EXPECT_EQ(findings, (std::vector<std::string>{"2 Custom::Disk 'Bare' has no backup unsafe",
                                                "4 Custom::Disk 'Empty' has no backup unsafe",
                                                "12 Custom::Disk 'Off' turns backup off unsafe"}));
  EXPECT_NE(outcome.fixed.find("    Type: Custom::Disk\n    Properties:\n      Backup:\n"
                               "        Enabled: true\n"),
            std::string::npos)
      << outcome.fixed;
  EXPECT_NE(outcome.fixed.find("Backup: {Window: night, Enabled: true}"), std::string::npos)
      << outcome.fixed;
  EXPECT_NE(outcome.fixed.find("        Enabled: true\n  Opaque"), std::string::npos);
  EXPECT_TRUE(outcome.remaining.empty());
}

TEST(ReportUnlessTrue, DoesNotShadowPropertiesThatAMergeKeySupplies) {
  constexpr std::string_view kDisks = R"(Metadata:
  Base: &base
    Properties:
      Size: 5
Resources:
  Merged:
    <<: *base
    Type: Custom::Disk
)";
  FixerOptions options;
  options.rules = {&kEncryptedRule};
  FileOutcome outcome = CheckSource(SourceText::Create(std::string(kDisks), "t.yaml"), options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  ASSERT_EQ(outcome.findings.size(), 1u);
  EXPECT_EQ(outcome.findings[0].no_fix_reason,
            "Properties comes from a YAML merge key: writing it would hide "
            "the merged entries");
}

// A rule reporting two findings that share one fix, and one whose fix
// cannot be built.
void CheckGroup(RuleContext& ctx) {
  const cfn::Resource& data = *ctx.ResourcesOfType("AWS::S3::Bucket").front();
  if (data.deletion_policy != syntax::kNoNode) return;
  FixBuilder fix = ctx.NewFix(Applicability::kSafe);
  fix.AppendPairs(data.body, {{"DeletionPolicy", Value::Str("Retain")}});
  FixGroup group = ctx.BuildGroup(std::move(fix));
  ctx.Report(ctx.RangeOf(data.key), "first", group);
  ctx.Report(ctx.RangeOf(data.type_node), "second", group);
  ctx.Report(ctx.RangeOf(data.key), "third",
             std::move(ctx.NewFix(Applicability::kSafe)
                           .Fail(absl::FailedPreconditionError("no room for it"))));
  EXPECT_EQ(ctx.option("level"), "3");
  EXPECT_EQ(ctx.option("undeclared"), "");
}

constexpr OptionInfo kLevelOption[] = {
    {.name = "level",
     .type = OptionType::kInteger,
     .choices = {},
     .default_value = "3",
     .doc = "how much"}};
constexpr RuleInfo kGroupRule = {.code = "CF999",
                                 .name = "group-rule",
                                 .summary = "test",
                                 .fix_applicability = Applicability::kSafe,
                                 .check = &CheckGroup,
                                 .documentation = "# group-rule (CF999)\n\n## Options\nProse.\n",
                                 .options = kLevelOption};

TEST(FixGroup, AppliedOnceAndSettlesEveryFindingSharingIt) {
  FixerOptions options;
  options.rules = {&kGroupRule};
  FileOutcome outcome = FixSource(SourceText::Create(std::string(kTemplate), "t.yaml"), options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  EXPECT_NE(outcome.fixed.find("          Value: !Ref Env\n    DeletionPolicy: Retain\nOutputs:"),
            std::string::npos)
      << outcome.fixed;
  ASSERT_EQ(outcome.findings.size(), 3u);
  EXPECT_EQ(outcome.applied.size(), 2u);
  for (const Finding& f : outcome.findings) {
    if (f.message == "third") {
      EXPECT_FALSE(f.has_fix);
      EXPECT_EQ(f.no_fix_reason, "no room for it");
    }
  }
  ASSERT_EQ(outcome.footprint.entries().size(), 1u);
  EXPECT_EQ(outcome.footprint.entries()[0].section, "Resources");
  EXPECT_EQ(outcome.footprint.entries()[0].name, "Data");
}

// Reports the Conditions the test names unused, through ReportUnusedEntries.
std::vector<std::string_view> unused_for_test;
void CheckUnused(RuleContext& ctx) {
  std::vector<UnusedEntry> unused;
  for (std::string_view name : unused_for_test) unused.push_back({name, "unused"});
  ReportUnusedEntries(ctx, "Conditions", unused, Applicability::kSafe, absl::OkStatus());
}
constexpr RuleInfo kUnusedRule = {.code = "CF997",
                                  .name = "unused-rule",
                                  .summary = "test",
                                  .fix_applicability = Applicability::kSafe,
                                  .check = &CheckUnused,
                                  .documentation = ""};

std::string FixUnused(std::vector<std::string_view> names, std::string_view text) {
  unused_for_test = std::move(names);
  FixerOptions options;
  options.rules = {&kUnusedRule};
  FileOutcome outcome = FixSource(SourceText::Create(std::string(text), "t.json"), options);
  EXPECT_TRUE(outcome.status.ok()) << outcome.status;
  unused_for_test.clear();
  return outcome.fixed;
}

TEST(ReportUnusedEntries, RemovesEntriesAndTheSectionWhenAllGo) {
  constexpr std::string_view kConditions =
      "{\"Conditions\":{\"A\":{\"Fn::Equals\":[1,1]},\"B\":{\"Fn::Equals\":[1,2]}},"
      "\"Resources\":{\"Q\":{\"Type\":\"AWS::SQS::Queue\"}}}";
  EXPECT_EQ(FixUnused({"B"}, kConditions),
            "{\"Conditions\":{\"A\":{\"Fn::Equals\":[1,1]}},"
            "\"Resources\":{\"Q\":{\"Type\":\"AWS::SQS::Queue\"}}}");
  EXPECT_EQ(FixUnused({"A", "B"}, kConditions),
            "{\"Resources\":{\"Q\":{\"Type\":\"AWS::SQS::Queue\"}}}");
}

// The text after removing parameter `name` from the console interface, with
// `removed` going too; "refused: <reason>" when the fix cannot be built.
std::string WithoutInParameterInterface(std::string_view text, std::string_view name,
                                        const absl::flat_hash_set<std::string_view>& removed) {
  std::unique_ptr<syntax::Tree> tree = Parse(text, "t.yaml");
  if (tree == nullptr) return "unparsed";
  absl::StatusOr<cfn::Template> tmpl = cfn::Template::FromTree(*tree);
  if (!tmpl.ok()) return tmpl.status().ToString();
  FixBuilder fix(*tree, *tmpl, Applicability::kUnsafe);
  fix.RemoveSectionEntry("Parameters", name);
  RemoveFromParameterInterface(fix, name, removed);
  absl::StatusOr<Fix> built = std::move(fix).Build();
  if (!built.ok()) return absl::StrCat("refused: ", built.status().message());
  return testing::Apply(text, built->edits);
}

TEST(RemoveFromParameterInterface, RemovesGroupItemsAndLabelsButNeverEmptiesThem) {
  constexpr std::string_view kInterface =
      "Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups:\n"
      "      - Label: {default: Db}\n        Parameters: [Password, User]\n"
      "    ParameterLabels:\n      Password: {default: Pw}\n      User: {default: U}\n"
      "Parameters:\n  Password:\n    Type: String\n  User:\n    Type: String\n"
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";
  EXPECT_EQ(WithoutInParameterInterface(kInterface, "Password", {"Password"}),
            "Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups:\n"
            "      - Label: {default: Db}\n        Parameters: [User]\n"
            "    ParameterLabels:\n      User: {default: U}\n"
            "Parameters:\n  User:\n    Type: String\n"
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
  EXPECT_EQ(WithoutInParameterInterface(kInterface, "Password", {"Password", "User"}),
            "refused: its group in ParameterGroups would hold no used parameter");
  constexpr std::string_view kNoInterface =
      "Parameters:\n  Password:\n    Type: String\n  User:\n    Type: String\n"
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";
  EXPECT_EQ(WithoutInParameterInterface(kNoInterface, "Password", {"Password"}),
            "Parameters:\n  User:\n    Type: String\n"
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
}

TEST(RuleOptions, ValidatesValuesAgainstTheDeclaration) {
  RuleOptions options;
  EXPECT_TRUE(options.Set(kGroupRule, "level", "7").ok());
  EXPECT_EQ(options.Get(kGroupRule, kLevelOption[0]), "7");
  absl::Status bad = options.Set(kGroupRule, "level", "seven");
  EXPECT_EQ(bad.message(), "level must be an integer, not 'seven'");
  absl::Status unknown = options.Set(kGroupRule, "lvl", "1");
  EXPECT_EQ(unknown.message(), "rule 'group-rule' has no option 'lvl' (its options: level)");
}

TEST(RuleDocumentation, ListsDeclaredOptionsBeforeTheProse) {
  const std::string doc = RuleDocumentation(kGroupRule);
  EXPECT_NE(doc.find("## Options\n- `level` (an integer; default `3`): how much\n"),
            std::string::npos)
      << doc;
  EXPECT_NE(doc.find("rules:\n  group-rule:\n    level: 3\n```\n\nProse.\n"), std::string::npos)
      << doc;
}

}  // namespace
}  // namespace cfnfix::engine
