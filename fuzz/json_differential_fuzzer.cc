// libFuzzer target: cfnfix's JSON parser against simdjson's DOM parser (see
// fuzz/json_differential.h for what must agree and the deliberate
// differences). It shares the JSON seed corpus with json_parser_fuzzer.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/json_differential.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::Status status = cfnfix::fuzz::CheckJsonAgreesWithSimdjson(bytes);
  if (!status.ok()) {
    std::fprintf(stderr, "differential: %s\n", std::string(status.message()).c_str());
    std::abort();
  }
  return 0;
}
