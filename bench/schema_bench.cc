// The cost of the compiled-in resource schema (src/schema): indexing the
// table (done once, on the first schema::Find), parsing one type's block
// (once per type), and a cached lookup with a nested property path.
#include <string_view>

#include "benchmark/benchmark.h"
#include "src/schema/schema.h"

namespace cfnfix::bench {
namespace {

void BM_SchemaIndex(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(schema::internal::IndexAgain());
}
BENCHMARK(BM_SchemaIndex);

void BM_SchemaParseType(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(schema::internal::ParseAgain("AWS::S3::Bucket"));
  }
}
BENCHMARK(BM_SchemaParseType);

void BM_SchemaParseEveryType(benchmark::State& state) {
  for (auto _ : state) {
    for (std::string_view name : schema::TypeNames()) {
      benchmark::DoNotOptimize(schema::internal::ParseAgain(name));
    }
  }
}
BENCHMARK(BM_SchemaParseEveryType)->Unit(benchmark::kMillisecond);

void BM_SchemaCachedLookup(benchmark::State& state) {
  schema::Find("AWS::DynamoDB::Table");
  for (auto _ : state) {
    const schema::ResourceType* table = schema::Find("AWS::DynamoDB::Table");
    benchmark::DoNotOptimize(
        table->PropertyAt({"PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"}));
  }
}
BENCHMARK(BM_SchemaCachedLookup);

}  // namespace
}  // namespace cfnfix::bench
