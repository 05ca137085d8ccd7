// Linked into every test program: sets the environment the tests (and the
// bdal processes they start) run in, unless the caller already set it.
//  - BDAL_DATA_DIR: the documented data-directory setting, pointed at the
//    data the build was configured with (default ../shared/data).
//  - BDAL_THREADS=1: ctest runs test programs side by side, and OpenMP pools
//    oversubscribing two cores were measured 10x slower.
#include <cstdlib>

namespace {

struct TestEnvironment {
  TestEnvironment() {
    setenv("BDAL_DATA_DIR", BDAL_TEST_SHARED_DATA, /*overwrite=*/0);
    setenv("BDAL_THREADS", "1", /*overwrite=*/0);
  }
};

const TestEnvironment kTestEnvironment;

}  // namespace
