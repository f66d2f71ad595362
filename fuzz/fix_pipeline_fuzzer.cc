// libFuzzer target: see fuzz/invariants.h for what CheckFixPipeline asserts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::Status status = cfnfix::fuzz::CheckFixPipeline(bytes);
  if (!status.ok()) {
    std::fprintf(stderr, "invariant broken: %s\n", std::string(status.message()).c_str());
    std::abort();
  }
  return 0;
}
