#include "src/cfn/condition_logic.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "tests/cfn/parse_util.h"

namespace cfnfix::cfn {
namespace {

constexpr std::string_view kConditions = R"(Parameters:
  Env: {Type: String}
  Domain: {Type: String}
  Target: {Type: String, AllowedValues: [aws, localstack]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsProduction: !Equals [prod, !Ref Env]
  IsDev: !Equals [!Ref Env, dev]
  IsProdEast: !And [!Condition IsProd, !Equals [!Ref AWS::Region, us-east-1]]
  NotProd: !Not [!Condition IsProd]
  HasDomain: !Not [!Equals [!Ref Domain, '']]
  NoDomain: !Equals [!Ref Domain, '']
  ProdOrDev: !Or [!Condition IsProd, !Condition IsDev]
  Always: !Equals [a, a]
  Loop: !Not [!Condition Loop]
  IsAws: !Equals [!Ref Target, aws]
  IsLocal: !Equals [!Ref Target, localstack]
  IsOther: !Equals [!Ref Target, other]
Resources: {}
)";

class ConditionLogicTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_ = testing::Parse(kConditions);
    ASSERT_NE(tree_, nullptr);
    absl::StatusOr<Template> tmpl = Template::FromTree(*tree_);
    ASSERT_TRUE(tmpl.ok()) << tmpl.status();
    tmpl_ = std::make_unique<Template>(*tmpl);
    logic_ = std::make_unique<ConditionLogic>(*tmpl_);
  }
  bool Implies(std::vector<ConditionFact> given, std::string_view wanted) {
    return logic_->Implies(given, wanted);
  }

  std::unique_ptr<syntax::Tree> tree_;
  std::unique_ptr<Template> tmpl_;
  std::unique_ptr<ConditionLogic> logic_;
};

TEST_F(ConditionLogicTest, SameAndEquivalentConditions) {
  EXPECT_TRUE(Implies({{"IsProd"}}, "IsProd"));
  EXPECT_TRUE(Implies({{"IsProduction"}}, "IsProd"));
  EXPECT_TRUE(Implies({{"IsProdEast"}}, "IsProd"));
  EXPECT_FALSE(Implies({{"IsProd"}}, "IsProdEast"));
  EXPECT_TRUE(Implies({{"IsDev"}}, "ProdOrDev"));
  EXPECT_TRUE(Implies({}, "Always"));
  EXPECT_FALSE(Implies({}, "IsProd"));
}

TEST_F(ConditionLogicTest, NegationsAndExclusiveValues) {
  EXPECT_TRUE(Implies({{"IsProd", true}}, "NotProd"));
  EXPECT_TRUE(Implies({{"HasDomain", true}}, "NoDomain"));
  EXPECT_TRUE(Implies({{"IsDev"}}, "NotProd"));
  EXPECT_FALSE(Implies({{"NotProd"}}, "IsDev"));
  EXPECT_TRUE(Implies({{"ProdOrDev"}, {"IsProd", true}}, "IsDev"));
}

TEST_F(ConditionLogicTest, AllowedValues) {
  EXPECT_TRUE(Implies({{"IsAws", true}}, "IsLocal"));
  EXPECT_TRUE(Implies({{"IsLocal", true}}, "IsAws"));
  EXPECT_FALSE(Implies({{"IsProd", true}}, "IsDev"));  // Env has no AllowedValues
  EXPECT_TRUE(Implies({{"IsOther"}}, "IsProd"));       // IsOther can never hold
}

TEST_F(ConditionLogicTest, UndefinedOrCircularProvesNothing) {
  EXPECT_FALSE(Implies({{"IsProd"}}, "Missing"));
  EXPECT_FALSE(Implies({{"Missing"}}, "IsProd"));
  EXPECT_FALSE(Implies({{"IsProd"}}, "Loop"));
}

// A place guarded by the condition itself is guarded, even when the
// condition cannot be read: conditional-reference's own fix writes exactly
// that guard, and must then see the finding settled.
TEST_F(ConditionLogicTest, AConditionImpliesItself) {
  EXPECT_TRUE(Implies({{"Missing"}}, "Missing"));
  EXPECT_TRUE(Implies({{"Loop"}}, "Loop"));
  EXPECT_TRUE(Implies({{"IsDev"}, {"IsProdEast"}}, "IsProdEast"));
  EXPECT_FALSE(Implies({{"Missing", true}}, "Missing"));
}

}  // namespace
}  // namespace cfnfix::cfn
