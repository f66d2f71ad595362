// Expected values come from PyYAML 6.0 (CSafeLoader) on the same text.
#include "src/datamodel/scalar_resolver.h"

#include <cmath>
#include <limits>
#include <string>

#include "gtest/gtest.h"

namespace cfnfix::datamodel {
namespace {

struct PlainCase {
  const char* text;
  ScalarType type;
};

class ResolvePlainTest : public testing::TestWithParam<PlainCase> {};

TEST_P(ResolvePlainTest, MatchesPyYaml) {
  EXPECT_EQ(ResolvePlain(GetParam().text), GetParam().type) << "text: " << GetParam().text;
}

constexpr ScalarType kStr = ScalarType::kStr;
constexpr ScalarType kNull = ScalarType::kNull;
constexpr ScalarType kBool = ScalarType::kBool;
constexpr ScalarType kInt = ScalarType::kInt;
constexpr ScalarType kFloat = ScalarType::kFloat;

INSTANTIATE_TEST_SUITE_P(
    Null, ResolvePlainTest,
    testing::Values(PlainCase{"", kNull}, PlainCase{"~", kNull}, PlainCase{"null", kNull},
                    PlainCase{"Null", kNull}, PlainCase{"NULL", kNull},
                    PlainCase{"nULL", kStr}, PlainCase{"none", kStr}));

INSTANTIATE_TEST_SUITE_P(
    Bool, ResolvePlainTest,
    testing::Values(PlainCase{"yes", kBool}, PlainCase{"Yes", kBool}, PlainCase{"YES", kBool},
                    PlainCase{"no", kBool}, PlainCase{"No", kBool}, PlainCase{"NO", kBool},
                    PlainCase{"true", kBool}, PlainCase{"True", kBool},
                    PlainCase{"TRUE", kBool}, PlainCase{"false", kBool},
                    PlainCase{"False", kBool}, PlainCase{"FALSE", kBool},
                    PlainCase{"on", kBool}, PlainCase{"On", kBool}, PlainCase{"ON", kBool},
                    PlainCase{"off", kBool}, PlainCase{"Off", kBool},
                    PlainCase{"OFF", kBool}, PlainCase{"yEs", kStr}, PlainCase{"tRue", kStr},
                    PlainCase{"oN", kStr}, PlainCase{"y", kStr}, PlainCase{"n", kStr}));

INSTANTIATE_TEST_SUITE_P(
    Int, ResolvePlainTest,
    testing::Values(PlainCase{"0", kInt}, PlainCase{"-0", kInt}, PlainCase{"+12", kInt},
                    PlainCase{"0755", kInt}, PlainCase{"0o17", kStr}, PlainCase{"08", kStr},
                    PlainCase{"0b1010", kInt}, PlainCase{"-0b11", kInt},
                    PlainCase{"0b", kStr}, PlainCase{"0b2", kStr}, PlainCase{"0x1F", kInt},
                    PlainCase{"0X1F", kStr}, PlainCase{"0xg", kStr},
                    PlainCase{"1_000", kInt}, PlainCase{"1__", kInt}, PlainCase{"_1", kStr},
                    PlainCase{"1:20", kInt}, PlainCase{"-1:20:30", kInt},
                    PlainCase{"1:2", kInt}, PlainCase{"1:60", kStr}, PlainCase{"0:30", kStr},
                    PlainCase{"1:2a", kStr}, PlainCase{"1_2:3_4", kStr},
                    PlainCase{"12345678901234567890123", kInt}, PlainCase{"0x_", kInt}));

INSTANTIATE_TEST_SUITE_P(
    Float, ResolvePlainTest,
    testing::Values(PlainCase{"1.", kFloat}, PlainCase{"-1.5", kFloat}, PlainCase{".5", kFloat},
                    PlainCase{"-.5", kStr}, PlainCase{"+.5", kStr}, PlainCase{"._5", kStr},
                    PlainCase{"1_0.5", kFloat}, PlainCase{"1.5e+3", kFloat},
                    PlainCase{"1.5E-3", kFloat}, PlainCase{"1.5e3", kStr},
                    PlainCase{"1e3", kStr}, PlainCase{"1e+3", kStr},
                    PlainCase{".5e+1", kFloat}, PlainCase{"190:20:30.15", kFloat},
                    PlainCase{"1:2:3.", kFloat}, PlainCase{"0:30.5", kFloat},
                    PlainCase{"1:61.5", kStr}, PlainCase{".inf", kFloat},
                    PlainCase{"-.Inf", kFloat}, PlainCase{"+.INF", kFloat},
                    PlainCase{".iNf", kStr}, PlainCase{".NaN", kFloat},
                    PlainCase{".nan", kFloat}, PlainCase{".NAN", kFloat},
                    PlainCase{"-.nan", kStr}, PlainCase{".Nan", kStr}, PlainCase{"inf", kStr},
                    PlainCase{"nan", kStr}, PlainCase{"1e16.", kStr},
                    PlainCase{"1.0e+400", kFloat}));

INSTANTIATE_TEST_SUITE_P(
    Other, ResolvePlainTest,
    testing::Values(PlainCase{"<<", ScalarType::kMerge}, PlainCase{"=", ScalarType::kValue},
                    PlainCase{"<<<", kStr}, PlainCase{"==", kStr},
                    // Timestamps stay text.
                    PlainCase{"2001-12-14", kStr}, PlainCase{"2001-12-14t21:59:43.10-05:00", kStr},
                    PlainCase{"hello", kStr}, PlainCase{"-", kStr}, PlainCase{".", kStr},
                    PlainCase{"+", kStr}, PlainCase{"1.2.3", kStr}, PlainCase{"10.0.0.0/16", kStr}));

TEST(ConstructIntTest, Bases) {
  EXPECT_EQ(*ConstructInt("0"), "0");
  EXPECT_EQ(*ConstructInt("-0"), "0");
  EXPECT_EQ(*ConstructInt("+12"), "12");
  EXPECT_EQ(*ConstructInt("0755"), "493");
  EXPECT_EQ(*ConstructInt("0_7"), "7");
  EXPECT_EQ(*ConstructInt("00"), "0");
  EXPECT_EQ(*ConstructInt("0b1010"), "10");
  EXPECT_EQ(*ConstructInt("-0b11"), "-3");
  EXPECT_EQ(*ConstructInt("0x1F"), "31");
  EXPECT_EQ(*ConstructInt("-0xff"), "-255");
  EXPECT_EQ(*ConstructInt("1_000"), "1000");
  EXPECT_EQ(*ConstructInt("1__"), "1");
}

TEST(ConstructIntTest, Sexagesimal) {
  EXPECT_EQ(*ConstructInt("1:20"), "80");
  EXPECT_EQ(*ConstructInt("-1:20:30"), "-4830");
  EXPECT_EQ(*ConstructInt("1:2"), "62");
  // Explicit !!int does not check the regex: parts may exceed 59.
  EXPECT_EQ(*ConstructInt("1:99"), "159");
}

TEST(ConstructIntTest, ArbitrarySize) {
  EXPECT_EQ(*ConstructInt("12345678901234567890123"), "12345678901234567890123");
  EXPECT_EQ(*ConstructInt("-1000000000000000000000000000000"),
            "-1000000000000000000000000000000");
  EXPECT_EQ(*ConstructInt("0xFFFFFFFFFFFFFFFFFFFF"), "1208925819614629174706175");
  EXPECT_EQ(*ConstructInt("1000000000"), "1000000000");
  EXPECT_EQ(*ConstructInt("999999999"), "999999999");
}

TEST(ConstructIntTest, InvalidTextIsAnError) {
  // PyYAML raises ValueError for these.
  EXPECT_FALSE(ConstructInt("0x_").ok());
  EXPECT_FALSE(ConstructInt("0b").ok());
  EXPECT_FALSE(ConstructInt("").ok());
  EXPECT_FALSE(ConstructInt("abc").ok());
  EXPECT_FALSE(ConstructInt("1.5").ok());
  EXPECT_FALSE(ConstructInt("09").ok());
}

TEST(ConstructFloatTest, PrintsLikePythonRepr) {
  EXPECT_EQ(*ConstructFloat("1."), "1.0");
  EXPECT_EQ(*ConstructFloat("-1.5"), "-1.5");
  EXPECT_EQ(*ConstructFloat(".5"), "0.5");
  EXPECT_EQ(*ConstructFloat("1_0.5"), "10.5");
  EXPECT_EQ(*ConstructFloat("1.5e+3"), "1500.0");
  EXPECT_EQ(*ConstructFloat("1.5E-3"), "0.0015");
  EXPECT_EQ(*ConstructFloat("-0.0"), "-0.0");
  EXPECT_EQ(*ConstructFloat("0.1"), "0.1");
  EXPECT_EQ(*ConstructFloat("10000000000000000.0"), "1e+16");
  EXPECT_EQ(*ConstructFloat("123456789.123456789e+5"), "12345678912345.68");
  EXPECT_EQ(*ConstructFloat("190:20:30.15"), "685230.15");
  EXPECT_EQ(*ConstructFloat("1:2:3."), "3723.0");
  EXPECT_EQ(*ConstructFloat("-1:30.5"), "-90.5");
  // Explicit !!float accepts what Python's float() accepts.
  EXPECT_EQ(*ConstructFloat("1"), "1.0");
  EXPECT_EQ(*ConstructFloat("1e3"), "1000.0");
}

TEST(ConstructFloatTest, NonFiniteIsEmpty) {
  EXPECT_EQ(*ConstructFloat(".inf"), "");
  EXPECT_EQ(*ConstructFloat("-.Inf"), "");
  EXPECT_EQ(*ConstructFloat("+.INF"), "");
  EXPECT_EQ(*ConstructFloat(".NaN"), "");
  EXPECT_EQ(*ConstructFloat("1.0e+400"), "");
}

TEST(ConstructFloatTest, InvalidTextIsAnError) {
  EXPECT_FALSE(ConstructFloat("").ok());
  EXPECT_FALSE(ConstructFloat("abc").ok());
  EXPECT_FALSE(ConstructFloat("1.2.3").ok());
}

TEST(PythonFloatReprTest, FixedAndScientificRanges) {
  EXPECT_EQ(PythonFloatRepr(0.0), "0.0");
  EXPECT_EQ(PythonFloatRepr(1e-4), "0.0001");
  EXPECT_EQ(PythonFloatRepr(1e-5), "1e-05");
  EXPECT_EQ(PythonFloatRepr(1.5e-7), "1.5e-07");
  EXPECT_EQ(PythonFloatRepr(1e15), "1000000000000000.0");
  EXPECT_EQ(PythonFloatRepr(1e16), "1e+16");
  EXPECT_EQ(PythonFloatRepr(1.5e16), "1.5e+16");
  EXPECT_EQ(PythonFloatRepr(1e100), "1e+100");
  EXPECT_EQ(PythonFloatRepr(-2.5), "-2.5");
  EXPECT_EQ(PythonFloatRepr(123.456), "123.456");
  EXPECT_EQ(PythonFloatRepr(5e-324), "5e-324");
  EXPECT_EQ(PythonFloatRepr(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
}

TEST(ConstructBoolTest, AnyCase) {
  EXPECT_TRUE(*ConstructBool("yes"));
  EXPECT_TRUE(*ConstructBool("TRUE"));
  EXPECT_TRUE(*ConstructBool("oN"));
  EXPECT_FALSE(*ConstructBool("No"));
  EXPECT_FALSE(*ConstructBool("false"));
  EXPECT_FALSE(*ConstructBool("OFF"));
  EXPECT_FALSE(ConstructBool("y").ok());
  EXPECT_FALSE(ConstructBool("1").ok());
}

}  // namespace
}  // namespace cfnfix::datamodel
